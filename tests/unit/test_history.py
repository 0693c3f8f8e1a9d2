"""Last-changed dates from one `git log`: the newest commit of each file wins, in China time."""

from __future__ import annotations

from datetime import date

from studysite.model.history import parse_log, updated_label


def test_the_newest_commit_of_each_file_wins_in_china_time():
    # 1741795200 is 2025-03-12 16:00 UTC, already 3月13日 in Beijing.
    log = (
        "\0" + "1741795200\n\ndocs/report/index.md\ndocs/index.md\n" + "\0" + "1735689600\n\ndocs/index.md\nREADME.md\n"
    )
    assert parse_log(log, "docs/") == {"report/index.md": date(2025, 3, 13), "index.md": date(2025, 3, 13)}
    assert updated_label(date(2025, 3, 13)) == "最后更新于 2025年3月13日"
