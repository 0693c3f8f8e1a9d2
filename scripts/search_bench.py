"""Search benchmark in Debian's Chromium: recall, precision, speed, bytes and memory.

    python scripts/search_bench.py                 # recall on the site's own pages; the rest at 2,000 pages
    python scripts/search_bench.py --pages 200 --words 30 --json

Recall: words of 2–4 Chinese characters (cut by jieba) from the site's own pages, each standing in at most
3 pages, sampled with a fixed seed; a word is found when every page containing it is among the first 10
results. Precision: for phrase queries on the fictional corpus of scripts/bench.py, the share of the first
10 results that contain the exact phrase. Speed: a cold page (empty cache), the query typed into the header
search, time until the first result shows, bytes fetched for it, and the browser's memory. The same speed
measurement runs against plain Material (Lunr) on the same corpus, for comparison.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import bench  # noqa: E402  (the corpus and the plain-Material configuration)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
PHRASES = ["整改措施", "选人用人", "理论学习中心组", "批评和自我批评", "民主生活会", "警示教育", "长效机制", "督促检查"]
SPEED_QUERY = "整改措施"
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


@dataclass(frozen=True)
class Speed:
    engine: str
    pages: int
    first_result_seconds: float
    bytes_for_first_query: int
    browser_memory_mb: float


@dataclass(frozen=True)
class Outcome:
    recall: float
    recall_words: int
    recall_missed: list[str]
    precision: float
    precision_queries: int
    speed: list[Speed]


class _Quiet(http.server.SimpleHTTPRequestHandler):
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


def page_texts(site: Path) -> dict[str, str]:
    """Each page's searchable text, by URL, read back from the index the build wrote."""
    titles = [
        page
        for chunk in sorted((site / "search/titles").glob("*.json"), key=lambda p: int(p.stem))
        for page in json.loads(chunk.read_text())
    ]
    texts = {}
    for number, (url, title) in enumerate(titles):
        sections = json.loads((site / f"search/text/{number}.json").read_text(encoding="utf-8"))
        texts[url] = title + "\n" + "\n".join(s[1] + "\n" + s[2] for s in sections)
    return texts


def sample_words(texts: dict[str, str], count: int, seed: int = 7) -> dict[str, set[str]]:
    """Words of 2–4 Chinese characters standing in at most 3 pages → the pages that contain them."""
    import jieba

    jieba.setLogLevel(60)
    words = sorted({w for text in texts.values() for w in jieba.cut(text) if _HAN_WORD.match(w)})
    containing = {w: {url for url, text in texts.items() if w in text} for w in words}
    rare = [w for w in words if 1 <= len(containing[w]) <= 3]
    chosen = random.Random(seed).sample(rare, min(count, len(rare)))
    return {w: containing[w] for w in sorted(chosen)}


def _launch(playwright, marker: str = ""):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + ([marker] if marker else []))


def run_queries(browser, url: str, queries: list[str]) -> dict[str, list[str]]:
    """Each query through engine.js in the page, as the worker runs it: the first 10 result URLs."""
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    page.add_script_tag(url=url + "assets/search/engine.js")
    found = page.evaluate(
        """async ([base, queries]) => {
            const engine = new StudySearch.Engine(base);
            const out = {};
            for (const q of queries) out[q] = (await engine.search(q, 10)).results.map(r => r.url);
            return out;
        }""",
        [url + "search/", queries],
    )
    page.close()
    return found


def _renderer_pss_mb(marker: str) -> float:
    """Proportional memory (PSS: shared pages split fairly) of the renderer processes of the browser started
    with `marker`: where the page, its search worker and their index live. The browser's own processes
    (GPU, network, storage) cost the same whatever the site does, and are left out."""
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


def measure_speed(playwright, url: str, engine: str, pages: int) -> Speed:
    """A fresh browser, an empty cache: from opening the page to the first result of the typed query,
    counting every byte the search fetched (Lunr's whole index, or our pieces) and the browser's memory."""
    marker = f"--study-bench={time.monotonic_ns()}"
    browser = _launch(playwright, marker)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sizes: list[int] = []
    page.on(
        "requestfinished",
        lambda request: sizes.append(request.sizes()["responseBodySize"]) if "/search/" in request.url else None,
    )
    started = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    box = page.locator("input.md-search__input")
    box.click()
    page.keyboard.type(SPEED_QUERY)
    # Material drops a query typed before its index is ready: press a key again until results show.
    while not page.locator(".md-search-result__item").count():
        if time.perf_counter() - started > 120:
            raise SystemExit(f"{engine}：120 秒内没有搜索结果")
        page.keyboard.press("End")
        page.wait_for_timeout(50)
    elapsed = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    memory = _renderer_pss_mb(marker)
    browser.close()
    return Speed(engine, pages, round(elapsed, 2), sum(sizes), round(memory, 1))


def measure(pages: int, words: int, workdir: Path) -> Outcome:
    from playwright.sync_api import sync_playwright

    real = workdir / "real-site"
    build(REPO, real)
    project, plain = workdir / "corpus", workdir / "plain"
    for target in (project, plain):
        shutil.copytree(REPO / "docs", target / "docs")
        bench.write_corpus(target / "docs", pages)
    for name in ("hooks", "overrides"):
        shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("strict: true", "strict: false"), encoding="utf-8")
    (plain / "mkdocs.yml").write_text(bench.plain_config(config), encoding="utf-8")
    build(project, project / "site")
    build(plain, plain / "site")

    sample = sample_words(page_texts(real), words)
    corpus_texts = page_texts(project / "site")
    servers = []
    with sync_playwright() as playwright:
        server, real_url = serve(real)
        servers.append(server)
        browser = _launch(playwright)
        found = run_queries(browser, real_url, list(sample))
        hits = {word: pages_with <= set(found[word]) for word, pages_with in sample.items()}
        server, corpus_url = serve(project / "site")
        servers.append(server)
        ranked = run_queries(browser, corpus_url, PHRASES)
        browser.close()
        shares = [sum(phrase in corpus_texts[u] for u in urls) / max(len(urls), 1) for phrase, urls in ranked.items()]
        server, plain_url = serve(plain / "site")
        servers.append(server)
        speed = [
            measure_speed(playwright, corpus_url, "本项目（分片索引）", pages + len(page_texts(real))),
            measure_speed(playwright, plain_url, "原版 Material（Lunr + jieba）", pages + len(page_texts(real))),
        ]
    for server in servers:
        server.shutdown()
    return Outcome(
        recall=round(sum(hits.values()) / max(len(hits), 1), 3),
        recall_words=len(hits),
        recall_missed=[word for word, hit in hits.items() if not hit],
        precision=round(sum(shares) / len(shares), 3),
        precision_queries=len(shares),
        speed=speed,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="搜索基准：召回率、精确率、首个结果用时、流量和内存（Debian Chromium）"
    )
    parser.add_argument("--pages", type=int, default=2000, help="虚构语料的条目数（默认 2000）")
    parser.add_argument("--words", type=int, default=200, help="召回率抽样词数（默认 200）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="search-bench-") as workdir:
        outcome = measure(args.pages, args.words, Path(workdir))
    if args.json:
        print(json.dumps(asdict(outcome), ensure_ascii=False))
        return 0
    print(
        f"召回率：{outcome.recall}（网站自身页面中抽样 {outcome.recall_words} 个词，未找全：{'、'.join(outcome.recall_missed) or '无'}）"
    )
    print(
        f"精确率（前10条含完整短语的比例）：{outcome.precision}（{outcome.precision_queries} 个短语，{args.pages} 篇虚构条目）"
    )
    print("| 搜索实现 | 页面数 | 打开页面到首个结果（秒） | 搜索流量（字节） | 页面进程内存（MB） |")
    print("|---|---|---|---|---|")
    for s in outcome.speed:
        print(
            f"| {s.engine} | {s.pages} | {s.first_result_seconds} | {s.bytes_for_first_query} | {s.browser_memory_mb} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
