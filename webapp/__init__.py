"""The review board: a Telegram Mini App (and a page for a desk browser) where coordinators see
every school and step of their area at once and review screenshots in bulk."""
