"""quotes: find who said what in news articles, keep it, and search it."""

__version__ = "0.1.0"
