"""Telegram I/O that handlers, jobs and the board share, below them and beside ui/: the outbox's
sender, file downloads, the channel's id. The services it serves see only plain data and the
errors named in services (e.g. services.file_store.DownloadError)."""
