"""Alembic environment and revisions; installed as the package `quotes.migrations`."""
