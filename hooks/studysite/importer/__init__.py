"""Reading Word, PDF and text documents into 公文 entries."""
