"""The lowest layer: problems, page paths, front matter, field parsing, reading sources, 文号, writing Markdown. Imports nothing of studysite above it."""
