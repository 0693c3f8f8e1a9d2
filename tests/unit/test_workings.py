"""The scan for the site's workings (file paths, front-matter keys, instructions) finds what readers were shown."""

from __future__ import annotations

from support.workings import workings


def test_the_workings_scan_finds_what_readers_were_shown_before():
    seen = [
        "文件放在 docs/speeches/。",
        "每篇资料是一个 Markdown 文件，由资料员通过合并请求添加",
        "新建材料包：在 docs/packs/ 中添加一个文件",
        "下表由各措施页的 problem_refs 汇总而成",
        "同一专题内按编排顺序（order），其次按日期",
        "PDF 在 make build 或 make pdf 时生成",
        "见 report/index.md",
    ]
    assert all(workings(text) for text in seen)
    assert workings("会议报告第三部分查摆的5个方面问题，按报告原文分列为 P1–P5。") == []
