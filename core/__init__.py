"""What every layer may use and that imports nothing of the app: settings, texts."""
