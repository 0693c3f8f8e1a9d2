"""The page kinds, each declared once: what `type:` a page carries, where it lives, what it is called in Chinese,
its front-matter contract, whether it is an entry of the compilation, the index pages generated for it, and how
`make new` offers it.

Every other module derives its tables from KINDS (folders, labels, key lists, type strings, 检索's kinds, the
`make new` menu). Adding a kind is one declaration here, the kind's own module (reading and rendering it) and
its templates. KINDS is in the order the 检索 page lists the kinds; OTHER, the catch-all, comes last.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

# Keys MkDocs and Material read from any page; allowed beside every contract.
PAGE_KEYS = ("hide", "search", "description")


@dataclass(frozen=True)
class IndexPage:
    """A page the build generates for a kind (an index, a table), declared relative to the kind's folder."""

    src_uri: str  # speeches/index.md (declared as index.md)
    title: str  # its # heading: 讲话索引
    groups: str = ""  # the folder of its group pages when it is too long for one page (declared as years/)
    prefix: str = ""  # the id prefix of its groups' headings, and the 检索 filter it stands for: year, speaker …


@dataclass(frozen=True)
class NewPage:
    """How `make new` offers a kind: its number in the menu, the words a clerk may type for it (besides its
    label), the question for its title and the note written as the new page's body."""

    number: str
    words: tuple[str, ...]
    title_prompt: str
    body: str


@dataclass(frozen=True, eq=False)
class Kind:
    key: str  # the front matter's `type:` and 检索's find/?type=
    label: str  # 讲话
    folder: str = ""  # speeches/ ("": no folder of its own)
    unit: str = ""  # 篇, 份, 项, 个
    noun: str = ""  # how the type message names one page, where not by its label (措施页)
    fields: Mapping[str, str] = field(default_factory=dict)  # the contract: key → Chinese label, in order
    nested: Mapping[str, str] = field(default_factory=dict)  # labels of nested keys: items.status → 状态
    required: tuple[str, ...] = ()
    entry: bool = False  # an entry of the compilation (汇编)
    study: bool = False  # a reading page: it carries the 已学 control and counts in 我的学习
    listings: tuple[IndexPage, ...] = ()
    new: NewPage | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))
        object.__setattr__(self, "nested", MappingProxyType(dict(self.nested)))
        placed = tuple(
            replace(page, src_uri=self.folder + page.src_uri, groups=self.folder + page.groups if page.groups else "")
            for page in self.listings
        )
        object.__setattr__(self, "listings", placed)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key a page of this kind may carry: its contract and the keys any page may."""
        return (*self.fields, *PAGE_KEYS)

    @property
    def labels(self) -> dict[str, str]:
        return {**self.fields, **self.nested}

    @property
    def expected_type(self) -> str:
        """What `type:` should say, as a message names it: speech（讲话，放在 docs/speeches/）."""
        return f"{self.key}（{self.noun or self.label}，放在 docs/{self.folder}）"

    def needs(self, key: str) -> bool:
        return key in self.required

    def listing(self, src_uri: str) -> IndexPage:
        return next(page for page in self.listings if page.src_uri == src_uri)


SPEECH = Kind(
    key="speech",
    label="讲话",
    folder="speeches/",
    unit="篇",
    fields={
        "type": "类型",
        "title": "标题",
        "speaker": "讲话人",
        "date": "日期",
        "occasion": "场合",
        "genre": "体裁",
        "excerpt": "节录方式",
        "sources": "出处",
        "topics": "专题",
        "order": "汇编顺序",
    },
    nested={"sources.publisher": "出版单位", "sources.date": "出版日期", "sources.year": "年份"},
    required=("title", "speaker", "date"),
    entry=True,
    study=True,
    listings=(
        IndexPage("index.md", "讲话索引", "years/", "year"),
        IndexPage("by-speaker.md", "讲话·按讲话人", "by-speaker/", "speaker"),
        IndexPage("by-topic.md", "讲话·按专题", "by-topic/", "topic"),
    ),
    new=NewPage(
        "1",
        ("讲话稿",),
        "讲话标题：",
        "<!-- 在此粘贴讲话正文（替换这段说明）：按原文分段，小标题用 ## 开头；出处写在文件头的 sources 中。 -->\n",
    ),
)
NOTICE = Kind(
    key="notice",
    label="通报通知",
    folder="notices/",
    unit="份",
    fields={
        "type": "类型",
        "title": "标题",
        "doc_type": "文种",
        "issuer": "发文机关",
        "date": "日期",
        "classification": "密级",
        "doc_number": "文号",
        "recipients": "主送机关",
        "cc": "抄送机关",
        "attachments": "附件",
        "note": "附注",
        "source": "来源",
        "public_status": "公开属性",
        "review": "保密审查",
        "topics": "专题",
        "order": "汇编顺序",
    },
    nested={"review.by": "审查人", "review.date": "审查日期"},
    required=("title", "doc_type", "issuer", "date", "classification"),
    entry=True,
    study=True,
    listings=(
        IndexPage("index.md", "通报通知索引", "years/", "year"),
        IndexPage("by-type.md", "通报通知·按文种", "by-type/", "type"),
        IndexPage("by-issuer.md", "通报通知·按发文机关", "by-issuer/", "issuer"),
    ),
    new=NewPage(
        "2",
        ("通报", "通知", "公文"),
        "公文标题（如 关于……的通报）：",
        "<!-- 在此粘贴公文正文（替换这段说明）：不要照抄份号、密级、版头；附件名称写在文件头的 attachments 中。 -->\n",
    ),
)
REPORT = Kind(key="report", label="会议报告", folder="report/", study=True)
MEASURE = Kind(
    key="measure",
    label="措施",
    folder="measures/",
    unit="项",
    noun="措施页",
    fields={
        "type": "类型",
        "id": "编号",
        "title": "标题",
        "problem_refs": "对应问题",
        "lead": "责任领导",
        "dept": "牵头部门",
        "items": "事项",
    },
    nested={
        "items.id": "编号",
        "items.task": "任务",
        "items.owner": "责任部门",
        "items.due": "完成时限",
        "items.kind": "类别",
        "items.review": "检查频次",
        "items.status": "状态",
        "items.evidence": "佐证材料",
        "items.closed_on": "销号日期",
    },
    required=("id", "title", "problem_refs"),
    study=True,
    listings=(IndexPage("ledger.md", "整改台账"), IndexPage("mapping.md", "问题—措施对照")),
)
PACK = Kind(
    key="pack",
    label="学习材料包",
    folder="packs/",
    unit="个",
    fields={
        "type": "类型",
        "title": "标题",
        "subtitle": "副标题",
        "issuer": "印发机关",
        "date": "印发日期",
        "audience": "发放范围",
        "classification": "最高密级",
        "pages": "页面",
    },
    required=("title", "pages"),
    study=True,
    listings=(IndexPage("index.md", "学习材料包"),),
    new=NewPage(
        "5",
        ("材料包",),
        "材料包标题：",
        "<!-- 在此写一两句话，说明这个材料包的用途和发放对象（替换这段说明）。 -->\n",
    ),
)
QUIZ = Kind(
    key="quiz",
    label="自测题",
    folder="quizzes/",
    unit="套",
    fields={"type": "类型", "title": "标题", "topics": "专题"},
    required=("title",),
    listings=(IndexPage("index.md", "自测题"),),
    new=NewPage(
        "6",
        ("自测", "测验", "试题"),
        "自测题标题（如 会议报告应知应会自测）：",
        "<!-- 每道题以 ## 开头写题干，下面写选项或答案、出处（必填）和解析（可不填），例如：\n\n"
        "## 会前梳理了多少条意见建议？\n\n- [ ] 90条\n- [x] 116条\n\n"
        "出处：[会议报告](../report/index.md)“原汁原味梳理了4个方面116条意见建议”\n解析：见会议报告第一部分。\n\n"
        "- [x] 是对的选项，- [ ] 是错的选项；只有“正确”“错误”两个选项即判断题；不写选项而写一行 答案：116；116条 即填空题。\n"
        "出处中的原文须与所链接页面上的文字一字不差。写好题目后删去这段说明。 -->\n",
    ),
)
OTHER = Kind(key="page", label="其他页面")  # any page no kind claims, and the compilation's own index pages

KINDS: tuple[Kind, ...] = (SPEECH, NOTICE, REPORT, MEASURE, PACK, QUIZ, OTHER)


def entry_kinds(kinds: tuple[Kind, ...] = KINDS) -> tuple[Kind, ...]:
    """The kinds whose pages are the compilation's entries, in order."""
    return tuple(kind for kind in kinds if kind.entry)


def by_key(kinds: tuple[Kind, ...] = KINDS) -> dict[str, Kind]:
    return {kind.key: kind for kind in kinds}


def kind_of_folder(src_uri: str, kinds: tuple[Kind, ...] = KINDS) -> Kind:
    """The kind whose folder holds a page (OTHER when none does); entries are told by the catalogue instead."""
    return next((kind for kind in kinds if kind.folder and src_uri.startswith(kind.folder)), OTHER)


ENTRY_KINDS = entry_kinds()
ENTRY_FOLDERS = tuple(kind.folder for kind in ENTRY_KINDS)
