"""`make check` speaks Chinese even about its own arguments."""

from __future__ import annotations

import os

import pytest

import check

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LANG": "C.UTF-8"}
ENV.pop("VIRTUAL_ENV", None)


@pytest.mark.parametrize("argv", [["--help"], ["--fix", "--what"]])
def test_check_speaks_chinese_even_about_its_arguments(argv, capsys):
    with pytest.raises(SystemExit):
        check.main(argv)
    output = capsys.readouterr()
    text = output.out + output.err
    assert "usage" not in text and "options" not in text and "error" not in text
    assert text.startswith("用法：python3 scripts/check.py")
