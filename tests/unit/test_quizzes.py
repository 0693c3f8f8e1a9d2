"""Self-tests (docs/quizzes/): the format read literally, every refusal with its whole message, the quote check,
and the page and print sheets made from the model, in-process."""

from __future__ import annotations

from datetime import date

import pytest

from studysite.core.problems import stop_message
from studysite.core.sources import Source
from studysite.model.quizzes import FILL, MULTIPLE, SINGLE, TRUE_FALSE, load_quizzes, normalised_answer
from studysite.model.site import load_site
from studysite.render.quizpage import quiz_html, sheet_html
from studysite.rules.checks import check_site
from studysite.rules.quotes import quote_problems
from support import FIXTURES, REPO
from support.corpus import TOPICS, sources_in

REPORT = Source("report/index.md", (REPO / "docs/report/index.md").read_text(encoding="utf-8"))
PROBLEMS = Source("report/problems.md", (REPO / "docs/report/problems.md").read_text(encoding="utf-8"))


def quiz_source(body: str, name: str = "示例.md", front: str = "type: quiz\ntitle: 示例自测") -> Source:
    return Source(f"quizzes/{name}", f"---\n{front}\n---\n{body}")


def read(body: str, **kwargs) -> tuple:
    return load_quizzes([quiz_source(body, **kwargs)], TOPICS)


GOOD = """
# 示例自测

说明文字，在第一题之前。

<!-- ## 注释里的标题不是题目 -->

## 会前梳理了多少条意见建议？

- [ ] 90条
- [x] 116条

出处：[会议报告](../report/index.md)“原汁原味梳理了4个方面116条意见建议”
解析：见基本情况。

## “三评一诺”的做法包括？

* [X] 个人自评
+ [x] 大家互评
- [ ] 群众测评

出处:[会议报告](../report/index.md#一专题民主生活会的基本情况) 「采取个人自评、大家互评、领导点评」

## 共提出90条批评意见。

- [ ] 错误
- [x] 正确

出处：[会议报告](<../report/index.md>)"共提出90条批评意见"

## 共提出多少条批评意见？
（填阿拉伯数字）

答案: 90 ；９０条；ninety

出处：[问题清单](../report/problems.md#P1)“一是使命担当责任担当不够。”
"""


def test_the_format_as_the_issue_states_it():
    (quiz,), problems = read(GOOD)
    assert problems == []
    assert quiz.title == "示例自测"
    single, multiple, judge, fill = quiz.questions
    assert [q.kind for q in quiz.questions] == [SINGLE, MULTIPLE, TRUE_FALSE, FILL]
    assert [q.line for q in quiz.questions] == [12, 20, 28, 35]
    assert single.stem == "会前梳理了多少条意见建议？" and single.right == (1,)
    assert single.explanation == "见基本情况。"
    assert single.citation.target == "../report/index.md" and single.citation.line == 17
    assert single.citation.quote == "原汁原味梳理了4个方面116条意见建议"
    assert multiple.right == (0, 1) and multiple.citation.quote == "采取个人自评、大家互评、领导点评"
    assert multiple.citation.target == "../report/index.md#一专题民主生活会的基本情况"
    assert judge.right == (1,) and judge.citation.target == "../report/index.md"
    assert fill.answers == ("90", "９０条", "ninety") and fill.options == ()
    assert fill.note == "（填阿拉伯数字）"


def test_a_full_stop_after_the_quote_is_not_part_of_it():
    (quiz,), problems = read("## 题\n\n答案：90\n\n出处：[会议报告](../report/index.md)“共提出90条批评意见”。\n")
    assert problems == [] and quiz.questions[0].citation.quote == "共提出90条批评意见"


def test_bold_marks_are_dropped_and_blanks_kept():
    body = "## 会前梳理了____条**意见建议**。\n\n答案：116\n\n出处：[会议报告](../report/index.md)“116条意见建议”\n"
    (quiz,), _ = read(body)
    assert quiz.questions[0].stem == "会前梳理了____条意见建议。"


def test_full_and_half_width_answers_match():
    assert normalised_answer(" ９０ 条") == normalised_answer("90条")
    assert normalised_answer("ＡＢｃ") == normalised_answer("abc")
    assert normalised_answer("116") != normalised_answer("115")


REFUSALS = {
    "no-right.md": "docs/quizzes/no-right.md:6: 自测题: 应为 第1题至少一个正确选项（- [x]），实为 “没有正确选项”",
    "judge-other.md": "docs/quizzes/judge-other.md:6: 自测题: 应为 第1题（判断题）只有“正确”“错误”两个选项，"
    "实为 “正确、错误、不确定”",
    "both.md": "docs/quizzes/both.md:10: 自测题: 应为 第1题只用一种答法：选项（- [x] / - [ ]）或“答案：”（填空），"
    "实为 “既有选项又有答案”（选择题删去“答案：”一行，填空题删去选项）",
    "no-source.md": "docs/quizzes/no-source.md:6: 自测题: 应为 第1题有一行出处：[页面名](相对链接)“原文”，"
    "原文与所链接页面上的文字一字不差，实为 “没有出处”",
}
# Found over the whole site: the quoted words against the linked page, the link against the site's pages.
SITE_REFUSALS = {
    "empty.md": "docs/quizzes/empty.md:5: 自测题: 应为 至少一道题（以 ## 开头的一行写题干），实为 “没有题目”",
    "quote-missing.md": "docs/quizzes/quote-missing.md:10: 自测题: 应为 第1题的出处原文与 report/index.md 上的文字一字不差，"
    "实为 “共提出100条批评意见”（在 report/index.md 中找不到这段话；请从该页复制原文，不要改写）",
    "no-page.md": "docs/quizzes/no-page.md:10: 链接: 应为 docs/ 中存在的页面或文件（.md 文件名），"
    "实为 “../report/nothing.md”（检查文件名和所在目录，路径相对于本页所在目录）",
}


def bad_sources() -> list[Source]:
    return sources_in(FIXTURES / "bad-quizzes", "quizzes/")


def test_every_refusal_of_the_form_names_file_and_line():
    quizzes, problems = load_quizzes(bad_sources(), TOPICS)
    # Every quiz with a title is kept with its well-formed questions, so their quotes are checked in the same run.
    assert [quiz.src_uri for quiz in quizzes] == sorted(f"quizzes/{name}" for name in (*REFUSALS, *SITE_REFUSALS))
    assert stop_message(problems) == f"发现 {len(REFUSALS)} 处问题，构建已停止：\n" + "\n".join(
        line for _, line in sorted(REFUSALS.items())
    )


def site_with(*sources: Source):
    return load_site([REPORT, PROBLEMS, *sources], [], TOPICS, date(2025, 7, 1))


def test_quotes_must_stand_on_the_linked_page_and_links_reach_a_page():
    site = site_with(*bad_sources())
    texts = {source.src_uri: source.body for source in site.sources}
    verdict = check_site(site, texts, None, None)
    lines = [str(p) for p in verdict.problems if p.path.endswith(tuple(SITE_REFUSALS))]
    assert sorted(lines) == sorted(SITE_REFUSALS.values())
    every = stop_message(verdict.stopping)
    assert all(line in every for line in REFUSALS.values()), "all in one run"


def test_a_wrong_quote_is_named_in_the_same_run_as_the_quizs_other_problems():
    body = (
        "## 第一题\n\n答案：90\n\n"
        "## 第二题\n\n答案：116\n\n出处：[会议报告](../report/index.md)“原汁原味梳理了5个方面116条意见建议”\n"
    )
    site = site_with(quiz_source(body))
    lines = [str(p) for p in check_site(site, {s.src_uri: s.body for s in site.sources}, None, None).problems]
    assert any("第1题有一行出处" in line and "没有出处" in line for line in lines), lines
    assert any("第2题的出处原文" in line and "5个方面" in line for line in lines), lines


def test_a_quiz_cannot_cite_itself_or_another_quiz():
    own = "## 题\n\n答案：1\n\n本页说明：示例句子。\n\n出处：[自测](示例.md)“示例句子”\n"
    site = site_with(quiz_source(own))
    problems = quote_problems(site, {s.src_uri: s.body for s in site.sources})
    assert [p.expected for p in problems] == [
        "第1题的出处链接到资料页面（会议报告、措施、讲话、通报通知等），不能是自测题"
    ]


def test_a_quiz_of_more_than_200_questions_is_refused_at_the_201st():
    body = "".join(
        f"## 第{n}题\n\n答案：{n}\n\n出处：[会议报告](../report/index.md)“116条意见建议”\n\n" for n in range(201)
    )
    (quiz,), problems = read(body)
    assert [(p.expected, p.got) for p in problems] == [("每套自测题最多 200 道题", "201 道题")]
    assert problems[0].line == quiz.questions[200].line


def test_quotes_match_whatever_the_whitespace_markup_and_quotation_marks():
    body = (
        "## 示例题\n\n答案：90\n\n出处：[会议报告](../report/index.md)“坚持‘三评一诺’的做法，采取个人自评、 大家互评”\n"
    )
    site = site_with(quiz_source(body))
    assert quote_problems(site, {s.src_uri: s.body for s in site.sources}) == []
    across_bold = (
        "## 示例题\n\n答案：1\n\n出处：[会议报告](../report/index.md)“一是把学习教育贯穿始终。3次召开常委会”\n"
    )
    site = site_with(quiz_source(across_bold))
    assert quote_problems(site, {s.src_uri: s.body for s in site.sources}) == []


@pytest.mark.parametrize(
    ("body", "line"),
    [
        (
            "## 题\n\n- [x] 正确\n- [x] 错误\n\n出处：[会议报告](../report/index.md)“共提出90条批评意见”\n",
            "第1题（判断题）只勾选一项",
        ),
        (
            "## 题\n\n答案：90\n\n出处：会议报告“共提出90条批评意见”\n",
            "原文与所链接页面上的文字一字不差，实为 “会议报告“共提出90条批评意见””",
        ),
        (
            "## 题\n\n答案：90\n\n出处：[会议报告](../report/index.md)共提出90条批评意见\n",
            "实为 “[会议报告](../report/index.md)共提出90条批评意见”",
        ),
        (
            "## 题\n\n答案：；\n\n出处：[会议报告](../report/index.md)“共提出90条批评意见”\n",
            "第1题的答案（几种答法用；分开），实为 “（空）”",
        ),
        (
            "## 题\n\n出处：[会议报告](../report/index.md)“共提出90条批评意见”\n",
            "第1题的选项（- [x] / - [ ]）或一行“答案：”，实为 “没有选项也没有答案”",
        ),
        (
            "## 题\n\n答案：90\n答案：91\n\n出处：[会议报告](../report/index.md)“共提出90条批评意见”\n",
            ":8: 自测题: 应为 第1题只有一行“答案：”，实为 “第7行已有”",
        ),
        (
            "## 题\n\n- [x] 甲\n- [ ]\n\n出处：[会议报告](../report/index.md)“共提出90条批评意见”\n",
            "应为 选项文字（- [x] 或 - [ ] 之后），实为 “- [ ]”",
        ),
        (
            "## 题\n\n答案：90\n\n出处：[会议报告](../report/index.md)“共提出90条批评意见”\n\n"
            "## 题\n\n答案：90\n\n出处：[会议报告](../report/index.md)“共提出90条批评意见”\n",
            ":11: 自测题: 应为 每道题只出现一次，实为 “与第5行的题目重复”",
        ),
    ],
)
def test_other_faults_of_form_are_refused(body, line):
    _, problems = read(body)
    assert len(problems) == 1 and line in str(problems[0]), problems


def test_the_same_stem_with_other_options_is_another_question():
    body = "".join(
        f"## 下列说法正确的是？\n\n- [x] {right}\n- [ ] 示例\n\n出处：[会议报告](../report/index.md)“共提出90条批评意见”\n\n"
        for right in ("甲", "乙")
    )
    (quiz,), problems = read(body)
    assert problems == [] and len(quiz.questions) == 2


def test_front_matter_is_checked_like_every_kind():
    _, problems = read(
        "## 题\n\n答案：1\n\n出处：[会议报告](../report/index.md)“共提出90条批评意见”\n",
        front="type: quiz\nsubject: 示例",
    )
    assert [str(p) for p in problems] == [
        "docs/quizzes/示例.md:3: subject 未知字段: 应为 自测题可用的字段：type、title、topics、hide、search、description，"
        "实为 “subject”",
        "docs/quizzes/示例.md:1: title 标题: 应为 自测题标题，实为 “（未填写）”",
    ]


def test_the_page_escapes_what_a_clerk_typed_and_keeps_answers_out_of_sight():
    body = (
        "## <b>加粗</b> & 题干\n\n- [x] <script>alert(1)</script>\n- [ ] 乙\n\n"
        "出处：[会议<i>报告</i>](../report/index.md#P1)“共提出90条批评意见”\n解析：<img src=x onerror=alert(1)>\n"
    )
    (quiz,), problems = read(body)
    assert problems == []
    page = quiz_html(quiz, directory_urls=True)
    assert "<script>" not in page and "<b>" not in page and "<img" not in page and "<i>" not in page
    assert "&lt;b&gt;加粗&lt;/b&gt; &amp; 题干" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # the anchor, then the quoted words as a text fragment (共提出90条批评意见, percent-encoded)
    assert (
        '<a href="../../report/#P1:~:text=%E5%85%B1%E6%8F%90%E5%87%BA90%E6%9D%A1%E6%89%B9%E8%AF%84%E6%84%8F%E8%A7%81">会议&lt;i&gt;报告&lt;/i&gt;</a>'
        in page
    )
    assert "data-quiz-feedback data-search-exclude hidden" in page  # the answer block: shown after 提交 only
    offline = quiz_html(quiz, directory_urls=False)
    assert (
        '<a href="../report/index.html#P1:~:text=%E5%85%B1%E6%8F%90%E5%87%BA90%E6%9D%A1%E6%89%B9%E8%AF%84%E6%84%8F%E8%A7%81">'
        in offline
    )
    assert 'href="%E7%A4%BA%E4%BE%8B-questions.pdf"' in offline


def test_the_sheets_print_questions_without_answers_and_answers_with_their_source():
    (quiz,), _ = read(GOOD)
    questions, answers = sheet_html(quiz, "questions"), sheet_html(quiz, "answers")
    assert "☐ A. 90条" in questions and "答：" in questions
    assert "116条" in questions and "出处" not in questions and "解析" not in questions and "答案：" not in questions
    assert "答案：B. 116条" in answers and "答案：90；９０条；ninety" in answers
    assert "出处：会议报告　“原汁原味梳理了4个方面116条意见建议”" in answers and "解析：见基本情况。" in answers


def test_the_shipped_quiz_passes_its_own_checks():
    docs = REPO / "docs"
    sources = [Source(p.relative_to(docs).as_posix(), p.read_text(encoding="utf-8")) for p in docs.rglob("*.md")]
    site = load_site(sources, [], TOPICS, date(2025, 7, 1))
    (quiz,) = site.quizzes
    assert len(quiz.questions) >= 20
    assert {q.kind for q in quiz.questions} == {SINGLE, MULTIPLE, TRUE_FALSE, FILL}
    assert quote_problems(site, {s.src_uri: s.body for s in site.sources}) == []
    assert [p for p in site.problems if p.path.startswith("docs/quizzes/")] == []
    quotes = " ".join(q.citation.quote for q in quiz.questions)
    for figure in ("116条意见建议", "5个方面", "4件事", "四个大讲"):
        assert figure in quotes


def test_a_clerks_own_form_elements_are_refused_on_any_page_a_quiz_included():
    from studysite.rules.allowlist import allowlist_problems

    source = quiz_source('## 题\n\n<fieldset><legend>示例</legend><input type="radio" name="q"></fieldset>\n')
    html = '<h2>题</h2>\n<fieldset><legend>示例</legend><input type="radio" name="q"></fieldset>'
    found = " ".join(str(p) for p in allowlist_problems(source, html))
    assert "fieldset" in found and "legend" in found and "radio" in found, found


def test_a_quiz_quoting_internal_material_is_internal_and_left_out_of_a_public_edition():
    from studysite.build.edition import withheld
    from support.corpus import GOOD, entry_files

    entries = entry_files(GOOD)
    notice = next(s for s in entries if s.src_uri == "notices/shili-tongbao-2025-7.md")
    assert "classification: 内部" in notice.text
    citing = quiz_source("## 题\n\n答案：1\n\n出处：[通报](../notices/shili-tongbao-2025-7.md)“示例”\n", "neibu.md")
    public = quiz_source(
        "## 题\n\n答案：90\n\n出处：[会议报告](../report/index.md)“共提出90条批评意见”\n", "gongkai.md"
    )
    site = load_site([*entries, REPORT, citing, public], [], TOPICS, date(2025, 7, 1))
    assert site.internal("quizzes/neibu.md") and not site.internal("quizzes/gongkai.md")
    hidden = withheld([*entries, REPORT, citing, public], TOPICS)
    assert "quizzes/neibu.md" in hidden and "quizzes/gongkai.md" not in hidden


def test_the_text_fragment_escapes_the_directives_own_syntax():
    from studysite.render.quizpage import text_directive

    assert text_directive("M1-1，甲&乙\n 丙") == ":~:text=M1%2D1%EF%BC%8C%E7%94%B2%26%E4%B9%99%20%E4%B8%99"
