"""Domain services: the rules, free of Telegram types; they use repositories for storage."""
