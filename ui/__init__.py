"""What handlers and scheduled jobs both show: callback data, keyboards, renderings of notices.

Nothing here reads the database or calls Telegram; it only builds what is sent."""
