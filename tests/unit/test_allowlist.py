"""Contributor HTML passes an allowlist: a fixture per class of unsafe page, a generated corpus, a clean page.

Each case is rendered with the site's own Markdown extensions (mkdocs.yml), as the build and `make check`
render it; the classes are those a held-out set found passing the old blocklist. The same cases through
`make check` and a real build: tests/build/test_allowlist_build.py.
"""

from __future__ import annotations

import itertools

import pytest

from studysite.core.sources import Source
from studysite.rules.allowlist import allowlist_problems, clean, html_findings, url_scheme
from support.allowlist import CASES, render


def rules(text: str) -> list[tuple[str, str]]:
    return [(finding.rule, finding.got) for finding in html_findings(render(text))]


@pytest.mark.parametrize(("markdown_text", "expected"), CASES)
def test_each_class_of_unsafe_page_is_found(markdown_text: str, expected: list[tuple[str, str]]):
    assert rules(markdown_text) == expected
    html = render(markdown_text)
    if "%6A" not in markdown_text and "\t" not in markdown_text:  # judged stricter than browsers read them
        assert clean(html) != html, "nh3, the judge, changes it too"


def test_schemes_are_judged_after_decoding():
    assert url_scheme("&#106;avascript:alert(1)") == "javascript"
    assert url_scheme(" \x01JAVA\nSCRIPT:alert(1)") == "javascript"
    assert url_scheme("%6a%61vascript:alert(1)") == "javascript"
    assert url_scheme("../report/index.md#P1") is None
    assert url_scheme("tel:010-12345678") == "tel"


CLEAN_PAGE = """# 示例局学习情况

依据示发〔2025〕13号，办公电话 010-12345678，联系邮箱 <mailto:office@example.cn>。

| 年份 | 学习次数 | 完成率 |
|:---|---:|:---:|
| 2024年 | 12 | 98.5% |
| 2025年 | 6 | 50% |

```html
<script>alert("这是代码示例，不会执行")</script>
<iframe src="https://example.cn/"></iframe>
```

行内代码 `<a href="javascript:x">` 也只是文字。脚注[^1]。

- [x] 已完成的事项
- [ ] 未完成的事项

??? note "说明"
    折叠的说明。

!!! info "提示"
    提示内容，见[问题清单](../report/problems.md#P1)、[外部网站](https://www.example.cn/)。

[^1]: 脚注内容。

<div class="entry-meta" markdown>

讲话人
:   示例甲

</div>
"""


def test_a_tricky_clean_page_passes():
    assert rules(CLEAN_PAGE) == []


def _variants() -> list[str]:
    """A few hundred unsafe pages from templates: each class, each way of hiding the scheme, each place."""
    schemes = ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "&#106;avascript:alert(1)", "&#x6a;avascript:alert(1)",
               "%6Aavascript:alert(1)", "java&#9;script:alert(1)", "vbscript:msgbox(1)", "livescript:x",
               "data:text/html,x", " javascript:alert(1)"]  # fmt: skip
    link_forms = [
        '<a href="{u}">甲</a>',
        "<a href='{u}'>甲</a>",
        "[甲]({u})",
        '<area href="{u}">',
        "[甲][r]\n\n[r]: {u}",
    ]
    tags = ["script", "iframe", "frame", "object", "embed", "base", "meta", "link", "form", "svg", "math", "style",
            "textarea", "select", "video", "audio", "applet", "template", "portal", "dialog"]  # fmt: skip
    handlers = ["onclick", "onerror", "onload", "onmouseover", "onfocus", "ONCLICK", "onanimationstart"]
    places = ["{x}", "段落开头 {x}", "> 引用中的 {x}", "- 列表中的 {x}", "| 表 |\n|---|\n| {x} |"]
    variants = [
        place.format(x=form.format(u=u)) + (f"\n\n[r]: {u}" if "[r]" in form else "")
        for u, form, place in itertools.product(schemes, link_forms, places)
    ]
    variants += [place.format(x=f'<{tag} src="a">内容</{tag}>') for tag, place in itertools.product(tags, places)]
    variants += [place.format(x=f'<span {h}="alert(1)">字</span>') for h, place in itertools.product(handlers, places)]
    variants += [
        f'<img src="a.png" {attr}="https://example.cn/a.png" alt="图">' for attr in ("srcset", "data", "background")
    ]
    variants += [f'<span style="background:url({u})">字</span>' for u in ("https://x.cn/a.png", "//x.cn/a", "data:x")]
    return variants


def test_a_generated_corpus_of_unsafe_pages_has_no_survivor():
    variants = _variants()
    assert len(variants) > 300
    survivors = [variant for variant in variants if not html_findings(render(variant))]
    assert survivors == []


def test_messages_point_at_the_markdown_line_and_suggest_the_fix():
    source = Source("speeches/a.md", "---\ntitle: 示例\n---\n\n第一段。\n\n见 [点我](javascript:alert(1))。\n")
    [problem] = allowlist_problems(source, render(source.body))
    assert str(problem) == (
        "docs/speeches/a.md:7: 链接协议: 应为 站内相对路径，或 http、https、mailto、tel 链接，"
        "实为 “javascript:alert(1)”（删除 javascript: 链接）"
    )
