"""What a page shows: Markdown helpers, compilation pages, the ledger, pack pages, accessibility, CSP and headers."""
