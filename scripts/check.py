"""`make check`: every content check over docs/ without building the site, in seconds.

    python3 scripts/check.py            # report; exit 1 when the strict build would fail
    python3 scripts/check.py --fix      # convert GBK files to UTF-8, apply the safe typography fixes, show them

It reads the files MkDocs would read (mkdocs.yml's docs_dir, nav and exclusions) into the same content model
the build makes (studysite.build.state), so a clean check means a clean build. One line per finding:
path:line:col: 规则名: 应为 …，实为 “…”（建议：…）. Nothing is rewritten without --fix.
"""

from __future__ import annotations

import difflib
import os
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from clerk import ChineseArgumentParser, run, use_project_python  # noqa: E402

if __name__ == "__main__":
    use_project_python()


from studysite.build.edition import SERVED, Edition  # noqa: E402  (the hooks folder is not a package)
from studysite.build.inputs import read_inputs, settings_from  # noqa: E402
from studysite.build.state import Build, make_build  # noqa: E402
from studysite.core.hostfiles import before_walk  # noqa: E402
from studysite.core.problems import shown_path  # noqa: E402
from studysite.core.sources import GB18030, UNKNOWN, UTF16, Source, encode  # noqa: E402
from studysite.model.site import load_site  # noqa: E402
from studysite.rules import fonts  # noqa: E402
from studysite.rules.allowlist import allowlist_problems, may_need_rendering  # noqa: E402  (hooks is no package)
from studysite.rules.checks import Verdict  # noqa: E402
from studysite.rules.complexity import unrenderable  # noqa: E402
from studysite.rules.fixing import apply_fixes  # noqa: E402
from studysite.rules.lint import typography  # noqa: E402
from studysite.rules.secrecy import rendered_problems as rendered_secrecy  # noqa: E402
from studysite.rules.statics import refused_files  # noqa: E402

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice about MkDocs 2.0 is not for clerks


def project_config(root: Path):
    """mkdocs.yml as MkDocs reads it (hooks, nav, extensions), without building anything."""
    from mkdocs.config import load_config

    return load_config(str(root / "mkdocs.yml"))


def project_files(config) -> tuple[list, list]:
    """The files MkDocs would build, as the build's first hook (hooks/content.py) takes them, and the problems
    of the files it refuses (studysite.core.hostfiles, studysite.rules.statics), never read. MkDocs' walk of
    docs/ follows links into folders, so with a link there it is not run at all (nothing; the build stops too)."""
    from mkdocs.structure.files import get_files

    if before_walk(config):
        return [], []
    files = get_files(config)
    refused = refused_files(config, files)
    gone = {id(file) for file, _ in refused}
    kept = [file for file in files if id(file) not in gone and not file.inclusion.is_excluded()]
    return kept, [problem for _, problem in refused]


def read_docs(config) -> tuple[list[Source], list[str]]:
    """The Markdown files of docs/ decoded, and the other files' paths: the set of files MkDocs builds."""
    inputs = read_inputs(config, project_files(config)[0], settings_from({}, date.today())[0])
    return list(inputs.sources), list(inputs.others)


def rendered_problems(config, sources: list[Source]) -> list:
    """The allowlist over each page as the site's Markdown renders it (only pages that may need it)."""
    import markdown

    problems = []
    for source in sources:
        if may_need_rendering(source.body):
            renderer = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
            html = renderer.convert(source.body)
            problems += allowlist_problems(source, html) + rendered_secrecy(source, html)
    return problems


def load(root: Path, config=None, edition: Edition = SERVED) -> Build:
    """The build's own state for the project at root, from disk (for an edition: what it holds), with what its
    pages render to: made from the same inputs as the build's (studysite.build.inputs)."""
    config = config or project_config(root)
    settings, problems = settings_from(os.environ, date.today())
    settings = replace(settings, edition=edition, pdf=False)
    stopping = before_walk(config)
    if stopping:  # the build stops with these before it lists docs/ (hooks/content.py), and so does the check
        return Build(settings, load_site([], [], (), settings.today), {}, Verdict(stopping))
    files, refused = project_files(config)
    inputs = read_inputs(config, files, settings, [*problems, *refused])
    docs = Path(config.docs_dir)
    build = make_build(
        inputs,
        read_file=lambda src_uri: (docs / src_uri).read_bytes(),
        glyphs=fonts.available(),  # the build checks them when it prints the packs (make build installs the fonts)
    )
    unrendered = unrenderable(build.report.problems)  # Markdown would take hours or overflow the stack on them
    shown = [s for s in inputs.sources if s.src_uri not in build.withheld and s.path not in unrendered]
    rendered = rendered_problems(config, shown)
    return replace(build, report=Verdict([*build.report.problems, *rendered], build.report.findings))


def fixed_text(source: Source) -> str:
    """The file's text with every safe typography fix applied, until nothing more changes."""
    text = source.text
    for _ in range(5):  # a fix can reveal another (a quote fixed, then the comma after it)
        fixed = apply_fixes(text, typography(source.path, text))
        if fixed == text:
            break
        text = fixed
    return text


def fix(root: Path, build: Build) -> list[str]:
    """Convert non-UTF-8 files, apply the typography fixes; a unified diff of each changed file."""
    diffs = []
    for source in build.site.sources:
        text = fixed_text(source)
        if source.encoding == UNKNOWN:
            continue  # read with losses: only the clerk's original can be saved again properly
        converted = source.encoding in (GB18030, UTF16)
        if text == source.text and not converted:
            continue
        (root / source.path).write_bytes(encode(source, text))
        if converted:
            diffs.append(f"{shown_path(source.path)}: 已从 {source.encoding} 转换为 UTF-8（内容不变）\n")
        diffs.append(
            "".join(
                difflib.unified_diff(
                    source.text.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    source.path,
                    source.path + "（已修正）",
                )
            )
        )
    return [diff for diff in diffs if diff]


def summary(build: Build) -> str:
    report = build.report
    verdict = "构建会失败，请按上面的提示修改" if report.fails_build else "可以构建"
    return (
        f"检查了 {len(build.site.sources)} 个页面：必须修改 {len(report.stopping)} 处，"
        f"排版待修正 {len(report.typography)} 处（可用 make fix 自动修正），提示 {len(report.notices)} 处。{verdict}。"
    )


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="python3 scripts/check.py", description="检查 docs/ 下全部页面（不构建网站）")
    parser.add_argument("--fix", action="store_true", help="转换非 UTF-8 编码的文件、自动修正排版问题，并显示改动")
    parser.add_argument("--root", type=Path, default=REPO, help="项目目录（默认为本仓库）")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    config = project_config(root)
    build = load(root, config)
    if args.fix:
        for diff in fix(root, build):
            print(diff, end="" if diff.endswith("\n") else "\n")
        build = load(root, config)
    for line in build.report.lines():
        print(line)
    print(summary(build))
    return 1 if build.report.fails_build else 0


if __name__ == "__main__":
    sys.exit(run(main))
