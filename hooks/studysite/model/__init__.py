"""The content model: the site, its entries, measures, packs, listings, history and the meeting report, as frozen dataclasses."""
