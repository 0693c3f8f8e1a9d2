"""Benchmark: `make import` of a folder of mixed Word and PDF files, in one run, as a clerk would.

    python scripts/import_bench.py                 # 300 files: half .docx, half .pdf; speeches and 公文
    python scripts/import_bench.py --files 40 --json

It writes fictional documents (示例局, nothing real) laid out as 公文 and speeches with the tests' Word
writer (scripts/sampledocs.py), prints half of them to PDF with LibreOffice headless in one call (not
timed), then imports the whole folder into a copy of the project with scripts/import.py in a fresh process
and reports files per second and that process's peak memory. Every file must be imported.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

import sampledocs as make  # noqa: E402  (the fictional Word writer the tests use)
from bench import (  # noqa: E402  (the fictional vocabulary of the build benchmark)
    PHRASES,
    SPEAKERS,
    _paragraph,
    copy_project,  # noqa: E402  (the parts of the repo a build reads)
)

# Runs scripts/import.py as `python scripts/import.py …` does (a child process), then says the child's peak memory.
_MEASURED = """
import resource, subprocess, sys
code = subprocess.run([sys.executable, *sys.argv[1:]]).returncode
print("PEAK_KB", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def write_document(path: Path, number: int, rng: random.Random) -> Path:
    """A fictional 公文 (even numbers) or speech (odd), about 3,000 characters, with headings and a table."""
    w = make.Writer()
    day = f"2025年{1 + number % 12}月{1 + number % 28}日"
    if number % 2 == 0:
        w.para("示例局文件", align=make.CENTER, size=36, red=True)
        w.para(f"示发〔2025〕{number}号", align=make.CENTER, border="red")
        w.para(f"关于示例局第{number}项{rng.choice(PHRASES)}工作的", align=make.CENTER, size=22)
        w.para(rng.choice(("通报", "通知", "意见")), align=make.CENTER, size=22)
        w.para("各处室、各一线窗口：")
    else:
        w.para(f"在示例局第{number}次{rng.choice(PHRASES)}会议上的讲话", align=make.CENTER, size=22, bold=True)
        w.para(rng.choice(SPEAKERS), align=make.CENTER)
        w.para(f"（{day}）", align=make.CENTER, font=make.KAI)
    for section in "一二三":
        w.para(f"{section}、{rng.choice(PHRASES)}", font=make.HEI, indent=True)
        for sub in "一二":
            w.para(f"（{sub}）{rng.choice(PHRASES)}", font=make.KAI, indent=True)
            w.para(make.Bold(f"{rng.choice(PHRASES)}。"), _paragraph(rng, 3), indent=True)
            w.para(_paragraph(rng, 4), indent=True)
    w.table([["处室", "事项", "进度"], *[[rng.choice(PHRASES), rng.choice(PHRASES), "已完成"] for _ in range(3)]])
    if number % 2 == 0:
        w.para("示例局", align=make.RIGHT)
        w.para(day, align=make.RIGHT)
        w.para("抄送：示例局纪委。", size=14, border="black")
    return w.save(path)


def write_corpus(folder: Path, files: int, seed: int = 2025) -> list[Path]:
    """files documents in folder: the first half as .docx, the second printed to .pdf (in one LibreOffice call)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for_pdf = folder.parent / "for-pdf"
    for_pdf.mkdir(exist_ok=True)
    word = [write_document(folder / f"示例 {n:03d}.docx", n, rng) for n in range(1, files // 2 + 1)]
    sources = [write_document(for_pdf / f"示例 {n:03d}.docx", n, rng) for n in range(files // 2 + 1, files + 1)]
    if sources:
        subprocess.run(
            [
                make.soffice_program(),
                f"-env:UserInstallation={(folder.parent / 'profile').resolve().as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(folder),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=1800,
        )
    shutil.rmtree(for_pdf)
    return word + sorted(folder.glob("*.pdf"))


def measure(files: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="import-bench-") as work:
        work_dir = Path(work)
        originals = write_corpus(work_dir / "来件", files)
        project = copy_project(work_dir / "project")
        command = [sys.executable, "-c", _MEASURED, str(REPO / "scripts/import.py"), "--root", str(project)]
        start = time.perf_counter()
        result = subprocess.run([*command, str(work_dir / "来件")], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        imported = sum(line.startswith("已导入 ") for line in result.stdout.splitlines())
        if result.returncode != 0 or imported != len(originals):
            raise SystemExit(f"导入未全部成功（{imported}/{len(originals)}）：\n{result.stdout}\n{result.stderr}")
        peak_kb = int(next(line.split()[1] for line in result.stderr.splitlines() if line.startswith("PEAK_KB")))
        return {
            "files": len(originals),
            "docx": sum(p.suffix == ".docx" for p in originals),
            "pdf": sum(p.suffix == ".pdf" for p in originals),
            "seconds": round(seconds, 2),
            "files_per_second": round(len(originals) / seconds, 2),
            "peak_mb": round(peak_kb / 1024, 1),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="make import 基准：一次导入混合的 Word 和 PDF 文件")
    parser.add_argument("--files", type=int, default=300, help="文件数（一半 .docx，一半 .pdf）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    args = parser.parse_args(argv)
    result = measure(args.files)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(
            f"{result['files']} 个文件（{result['docx']} 个 .docx、{result['pdf']} 个 .pdf）："
            f"{result['seconds']} 秒，每秒 {result['files_per_second']} 个，峰值内存 {result['peak_mb']} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
