"""The search index and the 检索 page."""
