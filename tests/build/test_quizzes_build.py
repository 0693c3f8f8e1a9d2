"""Self-tests in a real strict build: the quiz page's form read back with a parser, its index, 检索's kind, and
the refusals, which `make check` and the build list alike, all in one run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from support import FIXTURES, copy_project, soup
from support.checking import verdicts

QUIZ = "quizzes/report/index.html"


def test_the_quiz_page_is_a_form_of_fieldsets_with_the_inputs_each_kind_needs(built_site: Path):
    page = soup(built_site / QUIZ)
    form = page.select_one("article form[data-quiz]")
    assert form["data-quiz-id"] == "quizzes/report.md" and form["data-quiz-title"] == "会议报告应知应会自测"
    questions = form.select("fieldset[data-quiz-question]")
    assert len(questions) >= 20
    kinds = set()
    for number, question in enumerate(questions, 1):
        legend = question.find("legend", recursive=False)
        assert legend is not None and legend.get_text().startswith(f"第{number}题"), number
        kind = question["data-quiz-kind"]
        kinds.add(kind)
        types = {i["type"] for i in question.select("input")}
        expected = {"单选": {"radio"}, "判断": {"radio"}, "多选": {"checkbox"}, "填空": {"text"}}[kind]
        assert types == expected, (number, kind, types)
        for box in question.select("input"):  # every input has its words: a label around it or for it
            assert box.find_parent("label") or question.select_one(f'label[for="{box.get("id")}"]'), number
        if kind == "判断":
            assert [li.get_text(strip=True) for li in question.select("li")] == ["正确", "错误"]
        feedback = question.select_one("[data-quiz-feedback]")
        assert feedback.has_attr("hidden") and feedback.has_attr("data-search-exclude")
        assert feedback.get_text().startswith("正确答案：") and "出处：" in feedback.get_text()
        source = feedback.select_one("a")
        target = (built_site / QUIZ).parent / source["href"].split("#")[0]
        assert (target / "index.html").is_file() or target.is_file(), source["href"]
    assert kinds == {"单选", "多选", "判断", "填空"}
    assert form.select_one("[data-quiz-actions]").has_attr("hidden"), "no 提交 until the script runs"
    assert form.select_one("[data-quiz-result]")["aria-live"] == "polite"
    assert "需要浏览器启用 JavaScript" in page.select_one("article noscript").get_text()
    scripts = [s["src"] for s in page.select("script[src]")]
    assert any(s.endswith("assets/quiz.js") for s in scripts)
    assert not page.select("article h2[id] + ul.task-list"), "the clerk's task list is not on the page"


def test_the_index_lists_the_quiz_and_search_knows_it_as_its_own_kind_without_its_answers(built_site: Path):
    index = soup(built_site / "quizzes/index.html").select_one("article")
    assert [a.get_text() for a in index.select("table a")] == ["会议报告应知应会自测"]
    assert "这是网站的预览" not in index.get_text() and "未附" in index.get_text()
    catalogue = json.loads((built_site / "search/catalogue.json").read_text(encoding="utf-8"))
    assert "quiz" in json.dumps(catalogue["facets"], ensure_ascii=False)
    text = "".join(p.read_text(encoding="utf-8") for p in (built_site / "search/text").glob("*.json"))
    assert "会前书面征求了哪些方面的意见建议" in text  # the questions are found
    assert "正确答案" not in text and "解析：" not in text


BAD = [
    "docs/quizzes/both.md:10: 自测题: 应为 第1题只用一种答法：选项（- [x] / - [ ]）或“答案：”（填空），"
    "实为 “既有选项又有答案”（选择题删去“答案：”一行，填空题删去选项）",
    "docs/quizzes/empty.md:5: 自测题: 应为 至少一道题（以 ## 开头的一行写题干），实为 “没有题目”",
    "docs/quizzes/judge-other.md:6: 自测题: 应为 第1题（判断题）只有“正确”“错误”两个选项，实为 “正确、错误、不确定”",
    "docs/quizzes/no-page.md:10: 链接: 应为 docs/ 中存在的页面或文件（.md 文件名），实为 “../report/nothing.md”"
    "（检查文件名和所在目录，路径相对于本页所在目录）",
    "docs/quizzes/no-right.md:6: 自测题: 应为 第1题至少一个正确选项（- [x]），实为 “没有正确选项”",
    "docs/quizzes/no-source.md:6: 自测题: 应为 第1题有一行出处：[页面名](相对链接)“原文”，原文与所链接页面上的文字一字不差，"
    "实为 “没有出处”",
    "docs/quizzes/quote-missing.md:10: 自测题: 应为 第1题的出处原文与 report/index.md 上的文字一字不差，"
    "实为 “共提出100条批评意见”（在 report/index.md 中找不到这段话；请从该页复制原文，不要改写）",
]


def test_every_refusal_is_listed_in_one_run_by_make_check_and_the_build_alike(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    for path in (FIXTURES / "bad-quizzes").glob("*.md"):
        shutil.copy2(path, project / "docs/quizzes" / path.name)
    index = project / "docs/index.md"  # reachable, so only the quizzes' own faults are news
    links = "".join(f"- [{p.stem}](quizzes/{p.name})\n" for p in sorted((FIXTURES / "bad-quizzes").glob("*.md")))
    index.write_text(index.read_text(encoding="utf-8") + "\n" + links, encoding="utf-8")
    checked, built = verdicts(project, tmp_path / "site")
    assert checked == built == BAD
