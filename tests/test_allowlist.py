"""Contributor HTML passes an allowlist: a fixture per class of unsafe page, a generated corpus, a clean page.

Each case is rendered with the site's own Markdown extensions (mkdocs.yml), as the build and `make check`
render it; the classes are those a held-out set found passing the old blocklist.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

import check
from conftest import REPO, build_quietly, copy_project
from studysite.core.sources import Source
from studysite.rules.allowlist import allowlist_problems, clean, html_findings, url_scheme

CONFIG = load_config(str(REPO / "mkdocs.yml"))


def render(text: str) -> str:
    return markdown.Markdown(extensions=CONFIG.markdown_extensions, extension_configs=CONFIG.mdx_configs).convert(text)


def rules(text: str) -> list[tuple[str, str]]:
    return [(finding.rule, finding.got) for finding in html_findings(render(text))]


CASES = [
    ('<base href="https://example.cn/">', [("HTML 标签", "<base>")]),
    ('<meta http-equiv="refresh" content="0;url=https://example.cn/">', [("HTML 标签", "<meta>")]),
    (
        '<form action="https://example.cn/collect"><input name="q"></form>',
        [("HTML 标签", "<form>"), ("表单控件", "<input>"), ("HTML 属性", "name")],
    ),
    ('<a href="&#106;avascript:alert(1)">点我</a>', [("链接协议", "javascript:alert(1)")]),
    ('<a href="&#x6A;&#x61;vascript&colon;alert(1)">点我</a>', [("链接协议", "javascript:alert(1)")]),
    ("[点我](vbscript:msgbox(1))", [("链接协议", "vbscript:msgbox(1)")]),
    ("[点我](JaVaScRiPt:alert(1))", [("链接协议", "JaVaScRiPt:alert(1)")]),
    ("[点我](%6Aavascript:alert(1))", [("链接协议", "%6Aavascript:alert(1)")]),
    ('<a href="java\tscript:alert(1)">点我</a>', [("链接协议", "java   script:alert(1)")]),  # the tab, expanded
    ('<a href="java&#9;script:alert(1)">点我</a>', [("链接协议", "java\tscript:alert(1)")]),
    ("[下载](data:text/html;base64,PHNjcmlwdD4=)", [("链接协议", "data:text/html;base64,PHNjcmlwdD4=")]),
    ('<img src="a.png" srcset="https://example.cn/a.png 2x" alt="图">', [("加载或提交地址", "srcset")]),
    ("<style>body{background:url(https://example.cn/a.png)}</style>", [("HTML 标签", "<style>")]),
    (
        '<span style="background:url(https://example.cn/a.png)">字</span>',
        [("样式属性", "background:url(https://example.cn/a.png)")],
    ),
    ('<span style="width:expression(alert(1))">字</span>', [("样式属性", "width:expression(alert(1))")]),
    ('<svg onload="alert(1)"><circle r="1"/></svg>', [("HTML 标签", "<svg>"), ("HTML 标签", "<circle>")]),
    (
        '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
        [("HTML 标签", "<math>"), ("HTML 标签", "<maction>")],
    ),
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', [("HTML 标签", "<iframe>")]),
    ('<object data="a.swf"></object>', [("HTML 标签", "<object>")]),
    ('<embed src="a.swf">', [("HTML 标签", "<embed>")]),
    ('<link rel="stylesheet" href="https://example.cn/a.css">', [("HTML 标签", "<link>")]),
    ('<button formaction="https://example.cn/">提交</button>', [("HTML 标签", "<button>")]),
    ("<javascript:alert(1)>", [("HTML 标签", "<javascript:alert(1)>")]),
    ('<span onclick="x()">点我</span>', [("事件处理属性", "onclick")]),
    ('段落\n{: onmouseover="alert(1)" }', [("事件处理属性", "onmouseover")]),
    ("![图](https://example.cn/a.png)", [("外部资源", "https://example.cn/a.png")]),
    ("<!--[if IE]><script>alert(1)</script><![endif]-->", [("条件注释", "<!--[if …]>")]),
    ("<script>alert(1)</script>", [("HTML 标签", "<script>")]),
]


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


def test_check_and_build_stop_on_the_same_lines_in_the_contributors_words(tmp_path: Path, capsys):
    project = copy_project(tmp_path / "project")
    # the local image of the srcset case, where the browser looks for it (raw HTML resolves against the page URL)
    image = project / "docs/speeches/2025-03-12-示例12/a.png"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    header = "---\ntype: speech\ntitle: {t}\nspeaker: 示例甲\ndate: 2025-03-{d:02d}\n---\n\n示例正文。\n\n"
    for day, (text, _) in enumerate(CASES[:12], start=1):
        path = project / f"docs/speeches/2025-03-{day:02d}-示例{day}.md"
        path.write_text(header.format(t=f"示例讲话{day}", d=day) + text + "\n", encoding="utf-8")
    assert check.main(["--root", str(project)]) == 1
    checked = [line for line in capsys.readouterr().out.splitlines() if line.startswith("docs/")]
    built, printed = build_quietly(project, tmp_path / "site")
    assert not built
    for day, (_, expected) in enumerate(CASES[:12], start=1):
        path = f"docs/speeches/2025-03-{day:02d}-示例{day}.md"
        mine = [line for line in printed if line.startswith(path + ":")]
        assert sorted(line.split(": ", 2)[1] for line in mine) == sorted(rule for rule, _ in expected), path
        assert all(line.startswith(f"{path}:10: ") for line in mine), mine  # the Markdown line it came from
        assert sorted(line.replace(":10:1:", ":10:", 1) for line in checked if line.startswith(path + ":")) == sorted(
            mine
        )


def test_messages_point_at_the_markdown_line_and_suggest_the_fix():
    source = Source("speeches/a.md", "---\ntitle: 示例\n---\n\n第一段。\n\n见 [点我](javascript:alert(1))。\n")
    [problem] = allowlist_problems(source, render(source.body))
    assert str(problem) == (
        "docs/speeches/a.md:7: 链接协议: 应为 站内相对路径，或 http、https、mailto、tel 链接，"
        "实为 “javascript:alert(1)”（删除 javascript: 链接）"
    )


RECORD_HOOK = """
import json, pathlib
def on_page_content(html, page, config, files):
    out = pathlib.Path(config.site_dir).parent / "contents"
    out.mkdir(exist_ok=True)
    (out / (page.file.src_uri.replace("/", "__") + ".json")).write_text(json.dumps(html), encoding="utf-8")
    return html
"""


def test_every_page_the_site_generates_or_decorates_passes_the_same_allowlist(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    for folder in ("speeches", "notices"):
        for path in (REPO / "tests/fixtures/compilation" / folder).glob("*.md"):
            shutil.copy2(path, project / "docs" / folder / path.name)
    shutil.copy2(REPO / "tests/fixtures/measures/m9.md", project / "docs/measures/m9.md")
    (project / "record.py").write_text(RECORD_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = re.sub(r"\nhooks:[^\n]*\n", "\nhooks:\n  - record.py\n", config.read_text(encoding="utf-8"), count=1)
    assert "  - record.py\n" in text, "the recording hook must be listed, or the test records nothing"
    config.write_text(text, "utf-8")
    built, printed = build_quietly(project, tmp_path / "site")
    assert built, printed
    contents = {
        path.stem: json.loads(path.read_text(encoding="utf-8")) for path in (tmp_path / "contents").glob("*.json")
    }
    assert {"speeches__index.md", "measures__ledger.md", "packs__index.md", "compilation__contents.md"} <= set(contents)
    # The 检索 page's form is the site's own: judged with the template (studysite.rules.pagecheck), never allowed to
    # a contributor's page.
    assert [finding.got for finding in html_findings(contents.pop("find__index.md"))][:1] == ["<form>"]
    assert {name: html_findings(html) for name, html in contents.items() if html_findings(html)} == {}
