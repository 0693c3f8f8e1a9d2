"""The fictional fixture corpora (示例局) and a way to read them as the build does."""

from __future__ import annotations

from pathlib import Path

from studysite.core.sources import Source, read_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GOOD = FIXTURES / "compilation"
BAD = FIXTURES / "bad"
# The speech index of the GOOD corpus as a reader sees it: newest first, an unknown field an empty cell.
SPEECH_INDEX_ROWS = [
    ["2025年5月20日", "示例乙、示例甲", "关于示例选人用人工作的讲话", "", ""],
    [
        "2025年3月12日",
        "示例甲",
        "在示例局理论学习中心组学习会上的讲话",
        "示例局理论学习中心组学习会",
        "示例日报 2025年3月13日",
    ],
    ["2024年11月2日", "示例丙", "示例廉洁自律讲话摘编", "", "示例杂志 2024年第21期"],
]
TOPICS = ("理想信念", "选人用人", "政治纪律政治规矩", "廉洁自律", "党内政治生活", "作风建设", "警示教育")


def sources_in(root: Path, under: str = "") -> list[Source]:
    """Every Markdown file below root as the build reads it, its src_uri as if root were docs/{under}."""
    return [
        read_source(under + path.relative_to(root).as_posix(), path.read_bytes()) for path in sorted(root.rglob("*.md"))
    ]


def entry_files(root: Path) -> list[Source]:
    return sources_in(root)


BAD_ENTRIES_REPORT = """发现 15 处问题，构建已停止：
docs/notices/broken-yaml.md:3: 文件头: 应为 合法的 YAML（键: 值，每行一项），实为 “title: 示例：冒号后缺空格的标题: 又一个冒号”（文字中含有英文冒号加空格（: ），请用英文引号把整段文字括起来；YAML 报错：mapping values are not allowed here）
docs/notices/dup-b.md:4: doc_type 文种: 应为 15 种法定文种之一：决议、决定、命令（令）、公报、公告、通告、意见、通知、通报、报告、请示、批复、议案、函、纪要，实为 “公函”
docs/notices/dup-b.md:6: date 日期: 应为 日期，如 2025-03-12，实为 “2025-02-30”（没有这一天）
docs/notices/dup-b.md:7: classification 密级: 应为 非密、公开、内部 之一，实为 “机密★5年”（涉密文件不得上网，不能收入本站）
docs/notices/dup-b.md:8: doc_number 文号: 应为 每份公文唯一的文号，实为 “示办发〔2025〕3号”（与 docs/notices/dup-a.md:8 重复）
docs/notices/dup-b.md:9: topics[1] 专题: 应为 专题目录中的专题：理想信念、选人用人、政治纪律政治规矩、廉洁自律、党内政治生活、作风建设、警示教育，实为 “反腐倡廉”（专题目录在 mkdocs.yml 的 extra.topics）
docs/notices/x.md:6: doc_number 文号: 应为 机关代字〔四位年份〕序号号，实为 “示发[2025]07号”（方括号应为六角括号〔〕；序号不编虚位）
docs/notices/x.md:7: date 日期: 应为 日期，如 2025-03-12，实为 “2025-3-12”（日期格式应为 年-月-日，月和日各两位）
docs/speeches/missing.md:1: speaker 讲话人: 应为 讲话人姓名（一人写文字，多人写列表），实为 “（未填写）”
docs/speeches/missing.md:4: date 日期: 应为 日期，如 2025-03-12，实为 “2025/3/12”（日期格式应为 年-月-日，月和日各两位）
docs/speeches/shapes.md:2: type 类型: 应为 speech（讲话，放在 docs/speeches/） 或 notice（通报通知，放在 docs/notices/），实为 “sppech”
docs/speeches/shapes.md:4: speaker 讲话人: 应为 讲话人姓名（一人写文字，多人写列表），实为 “{name: 示例甲}”
docs/speeches/shapes.md:7: order 汇编顺序: 应为 正整数，如 3，实为 “第三”
docs/speeches/shapes.md:8: speker 未知字段: 应为 讲话可用的字段：type、title、speaker、date、occasion、genre、excerpt、sources、topics、order、hide、search、description，实为 “speker”
docs/speeches/shapes.md:9: sources 出处: 应为 出处列表，每项含 publisher 和 date，或 year+issue，或 volume+page，实为 “示例日报”（如 sources: [{publisher: 示例日报, date: 2025-03-13}]；期刊写 year 和 issue，书写 volume 和 page）"""
