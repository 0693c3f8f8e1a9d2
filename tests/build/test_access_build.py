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
        # A task list's box gets its words from aria-label (hooks/a11y.py), a self-test's from the label around it.
        for box in page.select("article input[type=checkbox], article input[type=radio], article input[type=text]"):
            assert box.get("aria-label") or box.find_parent("label") or page.select_one(f'label[for="{box.get("id")}"]')
        assert all(image.get("alt") is not None for image in page.select("article img")), path
    boxes = soup(built_site / "measures/m2/index.html").select("article input[type=checkbox]")
    assert boxes and all(box["aria-label"].startswith("M2-") for box in boxes)
