"""The registry of page kinds (studysite.core.kinds): consistent, the only place a kind is declared, and enough.

The last test declares a kind in a copy of the registry, and nowhere else, and finds it in every derived table:
the 检索 kinds, the generated pages, the type messages, the `make new` menu and its command line. So adding a
kind takes the registry, the kind's own module (reading and rendering it) and its templates.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO / "hooks"), str(REPO / "scripts")]

from studysite.core import pages  # noqa: E402
from studysite.core.kinds import KINDS, OTHER, PAGE_KEYS, by_key, entry_kinds  # noqa: E402
from studysite.model import entries  # noqa: E402
from studysite.search import findpage  # noqa: E402


def test_keys_folders_and_menu_numbers_are_unique():
    keys = [kind.key for kind in KINDS]
    folders = [kind.folder for kind in KINDS if kind.folder]
    numbers = [kind.new.number for kind in KINDS if kind.new]
    assert len(set(keys)) == len(keys)
    assert len(set(folders)) == len(folders)
    assert len(set(numbers)) == len(numbers)
    assert all(folder.endswith("/") and not folder.startswith("/") for folder in folders)
    assert KINDS[-1] is OTHER and not OTHER.folder  # the catch-all, last in 检索


def test_every_folder_is_in_docs_or_made_by_the_build():
    for kind in KINDS:
        if kind.folder:
            made = any(page.startswith(kind.folder) for page in pages.GENERATED_PAGES)
            assert (REPO / "docs" / kind.folder).is_dir() or made, kind.key


def test_every_contract_key_has_a_label_and_the_required_ones_are_in_it():
    for kind in KINDS:
        assert all(isinstance(label, str) and label for label in kind.labels.values()), kind.key
        assert set(kind.required) <= set(kind.fields), kind.key
        assert {key.split(".")[0] for key in kind.nested} <= set(kind.fields), kind.key
        assert not set(kind.fields) & set(PAGE_KEYS), kind.key
        if kind.fields:
            assert "type" in kind.fields and kind.label and kind.unit, kind.key


def test_every_listing_is_a_generated_page_with_its_title():
    for kind in KINDS:
        for page in kind.listings:
            assert page.src_uri.startswith(kind.folder)
            assert page.src_uri in pages.GENERATED_PAGES
            assert pages.GENERATED_TITLES[page.src_uri] == page.title
            if page.groups:
                assert pages.LISTING_FOLDERS[page.src_uri] == page.groups


def test_the_find_page_lists_every_kind_in_the_registrys_order():
    assert list(findpage.KINDS) == [kind.key for kind in KINDS]
    assert list(findpage.KINDS.values()) == [kind.label for kind in KINDS]


def test_the_entries_tables_come_from_the_entry_kinds():
    assert {kind.folder: kind.key for kind in entry_kinds()} == entries.TYPE_BY_DIR
    assert set(entries.TYPE_EXPECTED) == {kind.key for kind in entry_kinds()}
    assert entries.TYPE_EXPECTED["speech"] == "speech（讲话，放在 docs/speeches/）"
    assert by_key()["measure"].expected_type == "measure（措施页，放在 docs/measures/）"


def test_make_new_offers_every_kind_with_a_menu_entry():
    import new
    import new_answers

    offered = {kind.key for kind in KINDS if kind.new}
    assert offered <= set(new_answers.KINDS)
    for kind in KINDS:
        if kind.new:
            assert new_answers.KINDS[kind.key][:2] == (kind.new.number, kind.label)
            for word in (kind.new.number, kind.key, kind.label, *kind.new.words):
                assert new_answers.a_kind(word) == kind.key
    numbers = [number for number, _, _ in new_answers.KINDS.values()]
    assert numbers == sorted(numbers, key=int)
    choices = new.parser()._subparsers._group_actions[0].choices
    assert offered <= set(choices)


def _string_constants(path: Path) -> set[str]:
    return {
        node.value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_no_module_but_the_registry_spells_a_kinds_key_or_folder():
    declared = {kind.key for kind in KINDS if kind.fields} | {kind.folder for kind in KINDS if kind.folder}
    allowed = {("scripts/bench.py", "pack")}  # a key of the benchmark's JSON, not the page kind
    found = []
    for folder in ("hooks", "scripts"):
        for path in sorted((REPO / folder).rglob("*.py")):
            name = path.relative_to(REPO).as_posix()
            if name == "hooks/studysite/core/kinds.py":
                continue
            found += [(name, text) for text in _string_constants(path) & declared if (name, text) not in allowed]
    assert found == []


LESSON = """
LESSON = Kind(
    key="lesson",
    label="党课讲稿",
    folder="lessons/",
    unit="篇",
    fields={"type": "类型", "title": "标题", "topics": "专题"},
    required=("title",),
    listings=(IndexPage("index.md", "党课讲稿目录"),),
    new=NewPage("9", ("党课", "讲稿"), "党课题目：", "<!-- 在此写讲稿 -->\\n"),
)
ARTICLE = Kind(key="article", label="文章", folder="articles/", unit="篇", fields={"type": "类型"}, entry=True)
"""

PROBE = r"""
import json, sys
sys.path[:0] = [sys.argv[1] + "/hooks", sys.argv[1] + "/scripts"]
from studysite.core import pages
from studysite.model import entries
from studysite.model.entries import Catalogue
from studysite.search import findpage
import new, new_answers
args = new.parser().parse_args(["lesson", "--title", "第一讲", "--topic", "整改"])
print(json.dumps({
    "find": findpage.KINDS,
    "facts": findpage.facts_of("lessons/one.md", Catalogue((), (), ())).kind,
    "generated": "lessons/index.md" in pages.GENERATED_PAGES,
    "title": pages.GENERATED_TITLES.get("lessons/index.md"),
    "entry_path": pages.is_entry_path("articles/a.md"),
    "type_by_dir": entries.TYPE_BY_DIR,
    "type_expected": entries.TYPE_EXPECTED,
    "menu": new_answers.KINDS.get("lesson"),
    "a_kind": new_answers.a_kind("讲稿"),
    "args": [args.kind, args.title, args.topic],
}, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def with_a_new_kind(tmp_path_factory) -> dict:
    """The derived tables of a copy of the code whose registry alone declares two kinds more."""
    root = tmp_path_factory.mktemp("kinds")
    for folder in ("hooks", "scripts"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    registry = root / "hooks/studysite/core/kinds.py"
    text = registry.read_text(encoding="utf-8")
    marker = "\nOTHER = Kind("
    assert marker in text and "(SPEECH, NOTICE, REPORT, MEASURE, PACK, QUIZ, OTHER)" in text
    text = text.replace(marker, LESSON + marker).replace(
        "(SPEECH, NOTICE, REPORT, MEASURE, PACK, QUIZ, OTHER)",
        "(SPEECH, NOTICE, ARTICLE, REPORT, MEASURE, PACK, QUIZ, LESSON, OTHER)",
    )
    registry.write_text(text, encoding="utf-8")
    (root / "probe.py").write_text(PROBE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(root / "probe.py"), str(root)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_kind_declared_in_the_registry_alone_reaches_the_find_page(with_a_new_kind):
    assert list(with_a_new_kind["find"])[-3:] == ["quiz", "lesson", "page"]
    assert with_a_new_kind["find"]["lesson"] == "党课讲稿"
    assert with_a_new_kind["facts"] == "lesson"


def test_a_kind_declared_in_the_registry_alone_gets_its_generated_pages(with_a_new_kind):
    assert with_a_new_kind["generated"] is True
    assert with_a_new_kind["title"] == "党课讲稿目录"


def test_an_entry_kind_declared_in_the_registry_alone_gets_its_folder_and_type_message(with_a_new_kind):
    assert with_a_new_kind["entry_path"] is True
    assert with_a_new_kind["type_by_dir"]["articles/"] == "article"
    assert with_a_new_kind["type_expected"]["article"] == "article（文章，放在 docs/articles/）"


def test_a_kind_declared_in_the_registry_alone_is_offered_by_make_new(with_a_new_kind):
    assert with_a_new_kind["menu"] == ["9", "党课讲稿", ["党课讲稿", "党课", "讲稿"]]
    assert with_a_new_kind["a_kind"] == "lesson"
    assert with_a_new_kind["args"] == ["lesson", "第一讲", ["整改"]]
