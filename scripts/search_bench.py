"""Search benchmark in Debian's Chromium: recall, true counts, precision, speed, bytes and memory.

    python scripts/search_bench.py                          # at 2,000 and 10,000 entries (takes a while)
    python scripts/search_bench.py --sizes 200 --words 30 --queries 20 --json
    python scripts/search_bench.py --sizes 2000 --lunr      # also plain Material (Lunr) on the same corpus
    python scripts/search_bench.py --sizes 2000 --speed-only --repeat 3   # speed only, with where the time goes
    python scripts/search_bench.py --sizes 2000 --speed-only --code /path/to/older/checkout   # the same for other code

Recall: words of 2–4 Chinese characters (cut by jieba) from the site's own pages, each standing in at most
3 pages, sampled with a fixed seed; a word is found when every page containing it is among the first 10
results. Counts: for sampled queries (words, single characters, phrases cut from the pages, two words, numbers, names and 文号 with digits)
the number of results equals the number of built pages that contain every word as written, found
by scanning the built HTML pages themselves, not the index. Precision: for phrase queries, the share of the
first 10 results that contain the exact phrase. Speed, on the fictional corpus of scripts/bench.py, each in
a fresh browser with an empty cache: from opening a page to the first result of the header search (the query
committed whole, as a Chinese input method commits a word) and of the 检索 page, the bytes fetched for it,
the browser's memory, and the time a filter or the sort takes to redraw.

The answer key (the pages scanned, the words and queries sampled) is scripts/search_corpus.py's; this
module builds the sites, drives Chromium and reports.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

import bench  # noqa: E402  (the corpus and the plain-Material configuration)
from search_corpus import contains, index_pages, page_texts, sample_queries, sample_words, scanned_pages  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
PHRASES = ["整改措施", "选人用人", "理论学习中心组", "批评和自我批评", "民主生活会", "警示教育", "长效机制", "督促检查"]
SPEED_QUERIES = ("整改", "整改措施")
ENGINE, LUNR = "本项目（分片索引）", "原版 Material（Lunr + jieba）"


@dataclass(frozen=True)
class Speed:
    engine: str
    where: str  # 页头搜索框 or 检索页
    query: str
    pages: int
    first_result_seconds: float  # from opening the page
    search_seconds: float  # of those, after the query was typed (header) or the page had loaded (检索页)
    bytes_for_first_query: int
    browser_memory_mb: float
    # Where the time went, in seconds from opening the page (the page's own clock): the page's HTML parsed
    # (DOMContentLoaded), the search's first file requested, the query typed (header search box), its last
    # index file (shards, positions) in, its last page text in, the first result drawn. 0 where the run had
    # no such moment.
    parsed: float = 0.0
    search_started: float = 0.0
    typed_at: float = 0.0
    index_in: float = 0.0
    texts_in: float = 0.0
    drawn: float = 0.0


@dataclass(frozen=True)
class Redraw:
    """Milliseconds on the 检索 page until the new results are drawn (titles, facts, counts), and until
    their excerpts are filled in too: one filter ticked, a second one, the sort changed to date."""

    pages: int
    query: str
    filter_ms: float
    second_filter_ms: float
    sort_ms: float
    filter_excerpts_ms: float
    second_filter_excerpts_ms: float
    sort_excerpts_ms: float


@dataclass(frozen=True)
class Counts:
    pages: int
    queries: int
    equal: int
    mismatches: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    recall: float
    recall_words: int
    recall_missed: list[str]
    precision: float
    precision_queries: int
    counts: list[Counts]
    speed: list[Speed]
    redraw: list[Redraw]
    index_mb: dict[str, float]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # connections kept open, as an intranet web server keeps them

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def build(project: Path, site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    if result.returncode:
        raise SystemExit(f"构建失败：{project}\n{result.stderr[-3000:]}")


def _launch(playwright, marker: str = ""):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + ([marker] if marker else []))


def run_queries(browser, url: str, queries: list[str]) -> dict[str, dict]:
    """Each query through the search engine in the page, as the header search and the 检索 page run it: how
    many pages match, and the first 10 result URLs."""
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    page.wait_for_function("() => window.StudySearch && window.StudySearch.Engine")  # header.js loads it on every page
    found = page.evaluate(
        """async ([base, queries]) => {
            const engine = new StudySearch.Engine(base);
            const out = {};
            for (const q of queries) {
                const found = await engine.search(q, 10);
                out[q] = {total: found.total, urls: found.results.map(r => r.url)};
            }
            return out;
        }""",
        [url + "search/", queries],
    )
    page.close()
    return found


def check_counts(browser, url: str, texts: dict[str, str], queries: list[str]) -> Counts:
    """Each query's number of results in the browser against the pages a scan of the built HTML finds."""
    found = run_queries(browser, url, queries)
    mismatches = []
    for query in queries:
        expected = sum(contains(text, query) for text in texts.values())
        if found[query]["total"] != expected:
            mismatches.append(f"{query}：搜索 {found[query]['total']}，逐页扫描 {expected}")
    return Counts(len(texts), len(queries), len(queries) - len(mismatches), mismatches)


def _renderer_pss_mb(marker: str) -> float:
    """Proportional memory (PSS: shared pages split fairly) of the renderer processes of the browser started
    with `marker`: where the page and its index live. The browser's own processes (GPU, network, storage)
    cost the same whatever the site does, and are left out."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    root = None
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            parents[int(proc.name)] = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            commands[int(proc.name)] = (proc / "cmdline").read_bytes().decode(errors="replace")
            if root is None and marker in commands[int(proc.name)]:
                root = int(proc.name)
        except OSError:
            continue
    tree = {root} if root else set()
    changed = True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                changed = True
    total_kb = 0
    for pid in (pid for pid in tree if "--type=renderer" in commands.get(pid, "")):
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total_kb += sum(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    return total_kb / 1024


def _cold_page(playwright):
    """A fresh browser (an empty cache) and a page counting the bytes fetched for search."""
    from playwright.sync_api import Error as PlaywrightError

    marker = f"--study-bench={time.monotonic_ns()}"
    browser = _launch(playwright, marker)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sizes: list[tuple[str, int]] = []

    def count(request) -> None:
        if "/search/" in request.url:
            with contextlib.suppress(PlaywrightError):  # a request still finishing as the browser closes
                sizes.append((request.url, request.sizes()["responseBodySize"]))

    page.on("requestfinished", count)
    return browser, page, sizes, marker


# Notes in the page's own clock when the first result appears (header list or 检索 page).
_WATCH = """(() => {
    document.addEventListener("input", event => {
        if (!window.__typed && event.target.matches(".md-search__input")) window.__typed = performance.now();
    }, true);
    const seen = () => document.querySelector(".md-search-result__item, .study-find__item");
    new MutationObserver((_, observer) => {
        if (seen() && !window.__firstResult) { window.__firstResult = performance.now(); observer.disconnect(); }
    }).observe(document, {childList: true, subtree: true});
})()"""

_TIMELINE = """() => {
    const entries = performance.getEntriesByType("resource");
    // Our search's own files: the engine's and the 检索 page's scripts, and the index under search/ (not
    // Material's empty one).
    const search = entries.filter(e => /assets\\/search\\/(words|indexfiles|engine|findlist|find)\\.js|\\/search\\/(meta|shards|positions|text|catalogue|heads)/.test(e.name));
    const index = search.filter(e => /\\/search\\/(shards|positions|meta)/.test(e.name));
    const texts = search.filter(e => /\\/search\\/text\\//.test(e.name));
    const last = list => list.length ? Math.max(...list.map(e => e.responseEnd)) : 0;
    const nav = performance.getEntriesByType("navigation")[0];
    return [nav.domContentLoadedEventEnd, search.length ? Math.min(...search.map(e => e.startTime)) : 0,
            window.__typed || 0, last(index), last(texts), window.__firstResult || 0].map(ms => Math.round(ms) / 1000);
}"""


def measure_header(playwright, url: str, engine: str, pages: int, query: str) -> Speed:
    """From opening the home page to the first result of the query typed into the header search box."""
    browser, page, sizes, marker = _cold_page(playwright)
    page.add_init_script(_WATCH)
    started = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    page.locator("input.md-search__input").click()
    page.keyboard.insert_text(query)  # as an input method commits a word: one input, then a key
    page.keyboard.press("End")
    typed = time.perf_counter()
    # Material drops a query typed before its index is ready: press a key again until results show.
    while not page.locator(".md-search-result__item").count():
        if time.perf_counter() - started > 120:
            raise SystemExit(f"{engine}：120 秒内没有搜索结果")
        page.keyboard.press("End")
        page.wait_for_timeout(20)
    elapsed = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    memory, fetched = _renderer_pss_mb(marker), sum(size for _, size in sizes)
    moments = page.evaluate(_TIMELINE)
    browser.close()
    searched = round(started + elapsed - typed, 2)
    return Speed(engine, "页头搜索框", query, pages, round(elapsed, 2), searched, fetched, round(memory, 1), *moments)


_REDRAWN = """async ([selector, value]) => {
    const root = document.querySelector("[data-study-find]");
    const control = root.querySelector(selector);
    const when = name => new Promise(resolve => root.addEventListener(name, () => resolve(performance.now()), {once: true}));
    const drawn = when("study-find-rendered"), described = when("study-find-described");
    const started = performance.now();
    if (control.tagName === "SELECT") {
        control.value = value;
        control.dispatchEvent(new Event("change", {bubbles: true}));
    } else {
        control.click();
    }
    return [(await drawn) - started, (await described) - started];
}"""


def measure_find(playwright, url: str, pages: int, query: str) -> tuple[Speed, Redraw]:
    """From opening find/?q=… to its first results; then a filter, a second filter and the sort changed."""
    from urllib.parse import quote

    browser, page, sizes, marker = _cold_page(playwright)
    page.add_init_script(_WATCH)
    started = time.perf_counter()
    page.goto(f"{url}find/?q={quote(query)}", wait_until="domcontentloaded")
    loaded = time.perf_counter()
    page.locator(".study-find__item").first.wait_for(timeout=120_000)
    elapsed = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    # The titles of every page (heads) load once the first results show: bytes for later changes, not for these.
    memory, fetched = _renderer_pss_mb(marker), sum(size for url, size in sizes if "/search/heads." not in url)
    moments = page.evaluate(_TIMELINE)
    first = page.evaluate(_REDRAWN, ["input[name=type][value=notice]", None])
    year = page.locator("input[name=year]").first.get_attribute("value")
    second = page.evaluate(_REDRAWN, [f"input[name=year][value='{year}']", None])
    by_date = page.evaluate(_REDRAWN, ["[data-study-find-sort]", "date"])
    browser.close()
    searched = round(started + elapsed - loaded, 2)
    speed = Speed(ENGINE, "检索页", query, pages, round(elapsed, 2), searched, fetched, round(memory, 1), *moments)
    drawn, described = ([round(ms, 1) for ms in times] for times in zip(first, second, by_date, strict=True))
    return speed, Redraw(pages, query, *drawn, *described)


def median(measured: list):
    """Each figure of several runs (dataclasses of one kind) as the median of its values: a shared machine's
    load comes and goes, a single cold run says more about the moment than about the search."""
    first = measured[0]
    values = {
        name: statistics.median(getattr(m, name) for m in measured) if isinstance(value, int | float) else value
        for name, value in asdict(first).items()
    }
    return type(first)(**values)


def _folder_mb(folder: Path, pattern: str = "*") -> float:
    return round(sum(p.stat().st_size for p in folder.glob(pattern) if p.is_file()) / 1e6, 1)


def measure(
    sizes: list[int],
    words: int,
    queries: int,
    lunr: bool,
    repeat: int,
    workdir: Path,
    speed_only: bool = False,
    code: Path = REPO,
) -> Outcome:
    """code: the checkout whose docs/, hooks/, overrides/ and mkdocs.yml are measured (another one to compare
    older code in the same run conditions); speed_only: no recall, counts or precision."""
    from playwright.sync_api import sync_playwright

    servers, counts, speed, redraw, index_mb = [], [], [], [], {}
    runs = range(repeat)
    precision_shares: list[float] = []
    hits: dict[str, bool] = {}
    with sync_playwright() as playwright:
        if not speed_only:
            real = workdir / "real-site"
            build(code, real)
            sample = sample_words(page_texts(real), words)
            server, real_url = serve(real)
            servers.append(server)
            browser = _launch(playwright)
            found = run_queries(browser, real_url, list(sample))
            hits = {word: pages_with <= set(found[word]["urls"]) for word, pages_with in sample.items()}
            real_texts = scanned_pages(real)
            counts.append(check_counts(browser, real_url, real_texts, sample_queries(real_texts, queries)))
            browser.close()
        for size in sizes:
            project = workdir / f"corpus-{size}"
            shutil.copytree(code / "docs", project / "docs")
            bench.write_corpus(project / "docs", size)
            for name in ("hooks", "overrides"):
                shutil.copytree(code / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
            config = (code / "mkdocs.yml").read_text(encoding="utf-8")
            (project / "mkdocs.yml").write_text(config.replace("strict: true", "strict: false"), encoding="utf-8")
            build(project, project / "site")
            index_mb[str(size)] = _folder_mb(project / "site/search", "**/*")
            server, corpus_url = serve(project / "site")
            servers.append(server)
            pages = len(index_pages(project / "site"))
            if not speed_only:
                texts = scanned_pages(project / "site")
                browser = _launch(playwright)
                counts.append(check_counts(browser, corpus_url, texts, sample_queries(texts, queries)))
                ranked = run_queries(browser, corpus_url, PHRASES)
                browser.close()
                precision_shares += [
                    sum(phrase in texts[u] for u in found["urls"]) / max(len(found["urls"]), 1)
                    for phrase, found in ranked.items()
                ]
            for query in SPEED_QUERIES:
                speed.append(median([measure_header(playwright, corpus_url, ENGINE, pages, query) for _ in runs]))
                finds = [measure_find(playwright, corpus_url, pages, query) for _ in runs]
                speed.append(median([find_speed for find_speed, _ in finds]))
                redraw.append(median([find_redraw for _, find_redraw in finds]))
            if lunr and size == sizes[0]:
                plain = workdir / f"plain-{size}"
                shutil.copytree(REPO / "docs", plain / "docs")
                bench.write_corpus(plain / "docs", size)
                (plain / "mkdocs.yml").write_text(bench.plain_config(config), encoding="utf-8")
                build(plain, plain / "site")
                server, plain_url = serve(plain / "site")
                servers.append(server)
                lunr_speed = [measure_header(playwright, plain_url, LUNR, pages, "整改措施") for _ in runs]
                speed.append(median(lunr_speed))
            shutil.rmtree(project)
    for server in servers:
        server.shutdown()
    return Outcome(
        recall=round(sum(hits.values()) / max(len(hits), 1), 3),
        recall_words=len(hits),
        recall_missed=[word for word, hit in hits.items() if not hit],
        precision=round(sum(precision_shares) / max(len(precision_shares), 1), 3),
        precision_queries=len(precision_shares),
        counts=counts,
        speed=speed,
        redraw=redraw,
        index_mb=index_mb,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="搜索基准：召回率、结果数核对、精确率、首个结果用时、流量、内存、筛选与排序用时（Debian Chromium）"
    )
    parser.add_argument("--sizes", default="2000,10000", help="虚构语料的条目数，逗号分隔（默认 2000,10000）")
    parser.add_argument("--words", type=int, default=200, help="召回率抽样词数（默认 200）")
    parser.add_argument("--queries", type=int, default=50, help="结果数核对的抽样查询数（默认 50）")
    parser.add_argument("--repeat", type=int, default=3, help="每项速度测几次，取中位数（默认 3）")
    parser.add_argument("--lunr", action="store_true", help="在第一个规模上另测原版 Material（Lunr + jieba）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("--speed-only", action="store_true", help="只测速度、流量和内存（不测召回率、结果数、精确率）")
    parser.add_argument(
        "--code", type=Path, default=REPO, help="测量另一份检出的代码（docs、hooks、overrides、mkdocs.yml）"
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    with tempfile.TemporaryDirectory(prefix="search-bench-") as workdir:
        outcome = measure(
            sizes, args.words, args.queries, args.lunr, args.repeat, Path(workdir), args.speed_only, args.code.resolve()
        )
    if args.json:
        print(json.dumps(asdict(outcome), ensure_ascii=False))
        return 0
    missed = "、".join(outcome.recall_missed) or "无"
    print(f"召回率：{outcome.recall}（网站自身页面中抽样 {outcome.recall_words} 个词，未找全：{missed}）")
    print(f"精确率（前10条含完整短语的比例）：{outcome.precision}（{outcome.precision_queries} 次短语查询）")
    for c in outcome.counts:
        wrong = "；".join(c.mismatches) or "无"
        print(f"结果数核对：{c.pages} 个页面，{c.queries} 个查询，{c.equal} 个与逐页扫描一致（不一致：{wrong}）")
    print(
        "| 搜索实现 | 位置 | 查询 | 页面数 | 打开页面到首个结果（秒） | 其中检索（秒） | 搜索流量（字节） | 页面进程内存（MB） "
        "| 页面解析完 | 开始读搜索文件 | 输入检索词 | 索引分片读完 | 页面正文读完 | 结果画出 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for s in outcome.speed:
        print(
            f"| {s.engine} | {s.where} | {s.query} | {s.pages} | {s.first_result_seconds} | {s.search_seconds} | "
            f"{s.bytes_for_first_query} | {s.browser_memory_mb} | {s.parsed} | {s.search_started} | {s.typed_at} | {s.index_in} "
            f"| {s.texts_in} | {s.drawn} |"
        )
    print("| 页面数 | 查询 | 勾选一个筛选（毫秒） | 再勾选一个（毫秒） | 改为按日期排序（毫秒） |")
    print("|---|---|---|---|---|")
    for r in outcome.redraw:
        print(
            f"| {r.pages} | {r.query} | {r.filter_ms}（摘要 {r.filter_excerpts_ms}） | "
            f"{r.second_filter_ms}（摘要 {r.second_filter_excerpts_ms}） | {r.sort_ms}（摘要 {r.sort_excerpts_ms}） |"
        )
    print("索引大小（MB）：" + "，".join(f"{size} 篇 {mb}" for size, mb in outcome.index_mb.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
