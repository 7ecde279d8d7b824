"""Damaged workbooks end as one-line problems, never an abort: the reader under fuzzing (run by hand).

    .venv/bin/python benchmarks/fuzz_read.py                      # 400 damaged files, 1 and 2 processes
    .venv/bin/python benchmarks/fuzz_read.py --files 1600 --seed 7

Takes the workbooks of a small demo county (``.xlsx`` and ``.xls``) and makes damaged copies of
them: bytes flipped at random, files cut short, and, for ``.xlsx``, sheets given a cell far away
(``XFD1048576``), thousands of rows declared past the data, or a sheet's XML swapped for a repeat of
itself (a small zip bomb). Then it runs ``sansong clean`` on all of them at once, with one process
and with two, each under the same address-space cap (``--cap-gb``, 3 GB by default, applied with
``RLIMIT_AS`` to the command and everything it starts), and checks that

- the command ends with status 0 or 1 (never killed, never a Python traceback on the terminal);
- every damaged file is accounted for in ``clean_summary.json``: read, or refused with a problem;
- every problem printed is one line naming the file;
- no file ends as 程序错误 (a defect of ours): a damaged file is the file's problem.

Prints the counts by outcome, the wall time and the largest resident size of any one process.
Exit status 0 when every check holds. Nothing here runs in CI (it takes minutes); the tests keep
the known bad files of the corpus (``tests/test_corpus.py``).
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def cut_short(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _rewrite_sheets(data: bytes, change) -> bytes:
    """The .xlsx with ``change(xml) -> xml`` applied to every worksheet part."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if "/worksheets/" in info.filename and info.filename.endswith(".xml"):
                content = change(content)
            target.writestr(info.filename, content)
    return buffer.getvalue()


def far_cell(data: bytes, rng: random.Random) -> bytes:
    ref = rng.choice([b"XFD1048576", b"A1048576", b"XFD1", b"ZZ99999"])
    row = re.search(rb"\d+", ref).group()
    cell = b'<row r="' + row + b'"><c r="' + ref + b'" t="inlineStr"><is><t>x</t></is></c></row>'
    return _rewrite_sheets(data, lambda xml: xml.replace(b"</sheetData>", cell + b"</sheetData>", 1))


def many_rows(data: bytes, rng: random.Random) -> bytes:
    count = rng.choice([10_000, 200_000])
    rows = b"".join(b'<row r="%d"><c r="J%d"><v>1</v></c></row>' % (5000 + i, 5000 + i) for i in range(count))
    return _rewrite_sheets(data, lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>", 1))


def repeated_xml(data: bytes, rng: random.Random) -> bytes:
    def repeat(xml: bytes) -> bytes:
        start, end = xml.find(b"<sheetData>"), xml.find(b"</sheetData>")
        if start < 0 or end < 0:
            return xml
        body = xml[start + len(b"<sheetData>") : end]
        return xml[: start + len(b"<sheetData>")] + body * rng.choice([50, 500]) + xml[end:]

    return _rewrite_sheets(data, repeat)


MUTATIONS = {"flip": flip_bytes, "cut": cut_short}
XLSX_MUTATIONS = {"far_cell": far_cell, "many_rows": many_rows, "repeated": repeated_xml}


def make_damaged(seeds: list[Path], out: Path, count: int, rng: random.Random) -> dict[str, str]:
    made = {}
    for i in range(count):
        seed = rng.choice(seeds)
        data = seed.read_bytes()
        choices = dict(MUTATIONS)
        if seed.suffix == ".xlsx":
            choices.update(XLSX_MUTATIONS)
        name = rng.choice(sorted(choices))
        try:
            damaged = choices[name](data, rng)
        except (zipfile.BadZipFile, ValueError):
            damaged = flip_bytes(data, rng)
            name = "flip"
        path = out / f"{i:04d}_{name}_{seed.stem}{seed.suffix}"
        path.write_bytes(damaged)
        made[path.name] = name
    return made


def run_capped(raw: Path, processed: Path, jobs: int, cap: int) -> tuple[int, str, float, int]:
    shutil.rmtree(processed, ignore_errors=True)
    child = (
        "import resource, subprocess, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))\n"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
        "sys.stderr.write(r.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(r.returncode)\n"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", child, sys.executable, "-m", "sansong_analysis", "clean", "--raw", str(raw),
         "--processed", str(processed), "--jobs", str(jobs)],
        capture_output=True, text=True, env=ENV, cwd=tempfile.gettempdir(),
    )
    peak_kb = int(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else 0
    return done.returncode, done.stderr, time.perf_counter() - start, peak_kb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cap-gb", type=float, default=3.0)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()

    from sansong_analysis.demo import write_demo_county

    work = args.workdir or Path(tempfile.mkdtemp(prefix="fuzz_read_"))
    county = work / "county"
    if not county.exists():
        write_demo_county(county, townships=3, seed=args.seed)
    seeds = sorted(p for p in county.rglob("*") if p.suffix in (".xlsx", ".xls"))
    raw = work / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    raw.mkdir(parents=True)
    made = make_damaged(seeds, raw, args.files, random.Random(args.seed))
    print(f"{len(made)} damaged files from {len(seeds)} workbooks: {dict(collections.Counter(made.values()))}")

    failures = 0
    for jobs in (1, 2):
        status, err, wall, peak_kb = run_capped(raw, work / "processed", jobs, int(args.cap_gb * 2**30))
        problems = [line for line in err.splitlines() if line.startswith("错误：")]
        summary_path = work / "processed" / "clean_summary.json"
        summary = json.loads(summary_path.read_text("utf-8")) if summary_path.exists() else {"files": []}
        outcomes = collections.Counter(
            "read" if f["status"] == "ok" else f.get("problem_kind") or f["status"] for f in summary["files"]
        )
        listed = {Path(f["file"]).name for f in summary["files"]}
        missing = sorted(set(made) - listed)
        bad_lines = [line for line in problems if not any(name in line for name in made)]
        # A damaged file is the file's problem; 程序错误 (a defect of ours) on one is a bug to fix.
        defects = sorted(
            Path(f["file"]).name for f in summary["files"]
            if f.get("problem_kind") == "defect" or any(p.get("problem_kind") == "defect" for p in f["sheet_problems"])
        )
        ok = status in (0, 1) and "Traceback" not in err and not missing and not bad_lines and not defects
        failures += not ok
        print(f"--jobs {jobs}: exit {status}, {wall:.1f} s, largest process {peak_kb / 1024:.0f} MB, "
              f"{len(problems)} problem lines; outcomes {dict(outcomes)} — {'OK' if ok else 'FAILED'}")
        if defects:
            print(f"  程序错误 on {len(defects)} files (see the crash logs in the processed folder): {defects[:5]}")
        if missing:
            print(f"  not in the summary: {missing[:5]}")
        if "Traceback" in err:
            print("  a traceback reached the terminal:\n" + err[err.index("Traceback"):][:2000])
        for line in bad_lines[:5]:
            print(f"  a problem line that names no file: {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
