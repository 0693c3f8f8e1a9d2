"""Every page of the built site is Chinese, with headings in order and every control labelled for a screen reader."""

from __future__ import annotations

from pathlib import Path

from support import soup


def test_every_built_page_is_chinese_with_headings_in_order_and_labelled_controls(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        page = soup(path)
        assert page.html["lang"] == "zh", path
        levels = [int(h.name[1]) for h in page.select("h1, h2, h3, h4, h5, h6")]
        assert levels[:1] == [1] and levels.count(1) == 1, (path, levels)
        assert all(after <= before + 1 for before, after in zip(levels, levels[1:], strict=False)), (path, levels)
        assert all(th.get("scope") == "col" for th in page.select("article thead th")), path
        assert all(box.get("aria-label") for box in page.select("article input[type=checkbox]")), path
        assert all(image.get("alt") is not None for image in page.select("article img")), path
    boxes = soup(built_site / "measures/m2/index.html").select("article input[type=checkbox]")
    assert boxes and all(box["aria-label"].startswith("M2-") for box in boxes)
