"""What the site shows for self-tests: each quiz as a form (docs/assets/quiz.js scores it), the quizzes' index,
and the 试题 and 答案 sheets' HTML that the office layer prints.

Everything a clerk typed (stems, options, answers, quotes, 解析) is escaped here: the quiz is generated markup,
never the clerk's HTML. The answers travel in the page (data attributes and a hidden block per question) for
the script to mark them: a self-test, not an exam. They are kept out of the search index (data-search-exclude).
"""

from __future__ import annotations

import json
import re
from html import escape
from urllib.parse import quote as quote_url

from studysite.core.pages import QUIZ_INDEX, QUIZ_SHEETS, relative_url, sheet_of
from studysite.model.quizzes import FILL, MULTIPLE, TRUE_FALSE, Question, Quiz
from studysite.render.md import KEEP, link, table
from studysite.rules.links import resolve

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SHEET_TITLES = dict(QUIZ_SHEETS)  # questions → 试题, answers → 答案


def _attr(value: str) -> str:
    return escape(value, quote=True)


def option_label(question: Question, index: int) -> str:
    """How an option is named: A, B, C … for a choice; 判断's 正确/错误 by themselves."""
    text = question.options[index].text
    return text if question.kind == TRUE_FALSE else f"{LETTERS[index % 26]}. {text}"


def right_answer(question: Question) -> str:
    if question.kind == FILL:
        return "；".join(question.answers)
    return "；".join(option_label(question, index) for index in question.right)


def counts_text(quiz: Quiz) -> str:
    counts = [f"{kind} {n} 题" for kind, n in quiz.counts().items() if n]
    return f"共 {len(quiz.questions)} 题（{'、'.join(counts)}）"


def citation_href(quiz: Quiz, question: Question, directory_urls: bool) -> str:
    """The 出处 link's URL on the quiz's page (generated HTML: MkDocs does not rewrite it)."""
    resolved = resolve(quiz.src_uri, question.citation.target, False, frozenset(), directory_urls)
    if resolved is None:  # the checks refuse such a link before anything is rendered
        return "#"
    _, target, anchor = resolved
    return relative_url(target, quiz.src_uri, directory_urls) + f"#{anchor}" + text_directive(question.citation.quote)


def text_directive(quote: str) -> str:
    """A text fragment (`:~:text=`) that browsers which know it (Chromium, Edge, Safari, Firefox 131+) scroll to
    and mark, so the reader lands on the quoted words rather than the page's top; the others ignore it and keep
    the anchor. '-', ',' and '&' are the directive's own syntax, so they are escaped too."""
    words = " ".join(quote.split())
    return ":~:text=" + quote_url(words, safe="").replace("-", "%2D")


def _feedback(quiz: Quiz, question: Question, directory_urls: bool) -> str:
    citation = question.citation
    href = citation_href(quiz, question, directory_urls)
    parts = [
        f'<p class="quiz-answer"><strong>正确答案：</strong>{escape(right_answer(question))}</p>',
        f'<p class="quiz-source"><strong>出处：</strong><a href="{_attr(href)}">{escape(citation.label)}</a>'
        f"　“{escape(citation.quote)}”</p>",
    ]
    if question.explanation:
        parts.append(f'<p class="quiz-explanation"><strong>解析：</strong>{escape(question.explanation)}</p>')
    return f'<div class="quiz-feedback" data-quiz-feedback data-search-exclude hidden>{"".join(parts)}</div>'


def _inputs(question: Question) -> str:
    name = f"q{question.number}"
    if question.kind == FILL:
        field = f"{name}-answer"
        return (
            f'<p class="quiz-fill"><label for="{field}">答：</label>'
            f'<input type="text" id="{field}" name="{name}" autocomplete="off" spellcheck="false"></p>'
        )
    kind = "checkbox" if question.kind == MULTIPLE else "radio"
    items = "".join(
        f'<li class="quiz-option" data-quiz-option="{index}"><label>'
        f'<input type="{kind}" name="{name}" value="{index}"> {escape(option_label(question, index))}'
        f'</label><span class="quiz-option__mark" data-quiz-option-mark></span></li>'
        for index in range(len(question.options))
    )
    return f'<ul class="quiz-options">{items}</ul>'


def _answer_data(question: Question) -> str:
    """What the script compares a reader's answer with: the right options' indexes, or the accepted answers."""
    data: list[int] | list[str] = list(question.right) if question.kind != FILL else list(question.answers)
    return json.dumps(data, ensure_ascii=False)


def _question_html(quiz: Quiz, question: Question, directory_urls: bool) -> str:
    note = f'<p class="quiz-note">{escape(question.note)}</p>' if question.note else ""
    hint = "（可多选）" if question.kind == MULTIPLE else ""
    return (
        f'<fieldset class="quiz-question" id="q{question.number}" data-quiz-question="{question.number}" '
        f'data-quiz-kind="{_attr(question.kind)}" data-quiz-answer="{_attr(_answer_data(question))}">'
        f'<legend><span class="quiz-number">第{question.number}题　{escape(question.kind)}{hint}</span>'
        f'<span class="quiz-stem">{escape(question.stem)}</span></legend>{note}{_inputs(question)}'
        f'<p class="quiz-mark" data-quiz-mark hidden></p>{_feedback(quiz, question, directory_urls)}</fieldset>'
    )


def quiz_html(quiz: Quiz, directory_urls: bool = True, sheets: bool = True) -> str:
    """The quiz's part of its page, after the title and introduction the clerk wrote (rendered by MkDocs)."""
    questions = "".join(_question_html(quiz, question, directory_urls) for question in quiz.questions)
    prints = " ".join(
        f'<a class="md-button" href="{_attr(relative_url(sheet_of(quiz.src_uri, sheet, "pdf"), quiz.src_uri, directory_urls))}">'
        f"{label}（PDF）</a>"
        f' <a class="md-button" href="{_attr(relative_url(sheet_of(quiz.src_uri, sheet, "docx"), quiz.src_uri, directory_urls))}">'
        f"{label}（Word）</a>"
        for sheet, label in QUIZ_SHEETS
    )
    if not sheets:
        prints = "这是网站的预览，没有生成试题和答案的 PDF 与 Word 文档；正式发布的网站上都有。"
    return (
        f'<p class="quiz-counts">{counts_text(quiz)}。选好答案后点“提交”，可看到得分、每题对错、出处和解析；'
        "“错题重做”只再做答错的题。成绩只保存在本机浏览器中。</p>"
        '<p class="quiz-last" data-quiz-last hidden></p>'
        "<noscript><p>提交和评分需要浏览器启用 JavaScript。也可以打印下面的试题，对照答案自测。</p></noscript>"
        f'<form class="quiz" data-quiz data-quiz-id="{_attr(quiz.src_uri)}" data-quiz-title="{_attr(quiz.title)}">'
        f"{questions}"
        '<div class="quiz-actions" data-quiz-actions hidden>'
        '<button class="md-button md-button--primary" type="submit" data-quiz-submit>提交</button> '
        '<button class="md-button" type="button" data-quiz-retry hidden>错题重做</button> '
        '<button class="md-button" type="button" data-quiz-restart hidden>全部重做</button></div>'
        '<p class="quiz-result" data-quiz-result role="status" aria-live="polite" tabindex="-1"></p>'
        "</form>"
        f'<h2 id="quiz-print">打印</h2><p class="quiz-print">{prints}</p>'
        "<p>试题页只印题目和作答处，答案页印答案、出处和解析，版式与学习材料包相同。</p>"
    )


def quizzes_index(quizzes: tuple[Quiz, ...], sheets: bool) -> str:
    """The quizzes' index page (Markdown)."""
    rows = []
    for quiz in quizzes:
        files = "、".join(
            f"{link(label, sheet_of(quiz.src_uri, sheet, 'pdf'), QUIZ_INDEX)}" for sheet, label in QUIZ_SHEETS
        )
        rows.append(
            (link(quiz.title, quiz.src_uri, QUIZ_INDEX), f"{len(quiz.questions)} 题", files if sheets else "未附")
        )
    intro = (
        f"共 {len(quizzes)} 套自测题。每道题都出自本站的资料并注明出处；在网页上作答、提交，即可看到得分和每题的解析，"
        "成绩只保存在本机浏览器中。也可以打印试题和答案。\n"
    )
    return "\n".join(["# 自测题\n", intro, table(("自测题", "题数", "打印"), rows) if rows else "还没有自测题。\n"])


# --- the print sheets -----------------------------------------------------------------------------------------


def _sheet_question(question: Question, answers: bool) -> str:
    head = f'<p class="quiz-stem"><strong>{question.number}．（{escape(question.kind)}）{escape(question.stem)}</strong></p>'
    note = f"<p>{escape(question.note)}</p>" if question.note else ""
    if not answers:
        if question.kind == FILL:
            body = "<p>答：＿＿＿＿＿＿＿＿＿＿＿＿＿＿</p>"
        else:
            body = "".join(f"<p>☐ {escape(option_label(question, i))}</p>" for i in range(len(question.options)))
        return f'<div class="{KEEP}">{head}{note}{body}</div>'
    citation = question.citation
    body = f"<p>答案：{escape(right_answer(question))}</p><p>出处：{escape(citation.label)}　“{escape(citation.quote)}”</p>"
    if question.explanation:
        body += f"<p>解析：{escape(question.explanation)}</p>"
    return f'<div class="{KEEP}">{head}{note}{body}</div>'


def sheet_html(quiz: Quiz, sheet: str) -> str:
    """One print sheet's content: questions with boxes and blanks (questions), or answers, 出处 and 解析."""
    answers = sheet == "answers"
    intro = f"<p>{counts_text(quiz)}。</p>" if not answers else ""
    return intro + "".join(_sheet_question(q, answers) for q in quiz.questions)


_FIRST_QUESTION = re.compile(r"<h2\b")


def with_quiz(rendered: str, quiz: str) -> str:
    """The clerk's page as MkDocs rendered it up to the first question (title and introduction), then the quiz."""
    match = _FIRST_QUESTION.search(rendered)
    return (rendered[: match.start()] if match else rendered) + quiz
