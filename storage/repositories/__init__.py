"""Repositories: the only place with SQL. They take a session and never commit."""
