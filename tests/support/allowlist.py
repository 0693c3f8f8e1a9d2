"""Contributor pages rendered as the site renders them (mkdocs.yml's Markdown extensions), and one fixture per
class of unsafe page with the findings the allowlist gives for it."""

from __future__ import annotations

import markdown
from mkdocs.config import load_config

from support import REPO

CONFIG = load_config(str(REPO / "mkdocs.yml"))


def render(text: str) -> str:
    return markdown.Markdown(extensions=CONFIG.markdown_extensions, extension_configs=CONFIG.mdx_configs).convert(text)


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
