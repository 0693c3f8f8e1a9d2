"""Print and office files: the PDF packs, Word and Excel files, the print layout."""
