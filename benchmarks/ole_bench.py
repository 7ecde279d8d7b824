"""A/B of two copies of the package on the same files: the clean and the .xls sniff + extent scan.

Run by hand (not in CI). It was written to decide whether olefile could replace the hand-written
compound-file parser (``read/cfb.py``, issue 15): copy the package as it was to ``A/sansong_analysis``
and as it is to ``B/sansong_analysis``, write a demo county and a folder of its ``.xls`` files, then

    .venv/bin/python benchmarks/ole_bench.py RUNS A B DEMO_RAW XLS_ONLY_RAW

Every run is a fresh interpreter (``PYTHONPATH`` picks the copy; the helper process imports the
same copy), A and B alternate round-robin, and each measurement gives wall seconds and CPU seconds
(the process and its reaped children: the reader's helper, the pool workers). The results and
the machine are in docs/performance.md.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys

CHILD = """
import resource, sys, time
from pathlib import Path
import pandas
from sansong_analysis.ingest.clean import clean
from sansong_analysis.ingest.read import isolated
def cpu():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime
raw, jobs = Path(sys.argv[1]), int(sys.argv[2])
c0, start = cpu(), time.perf_counter()
clean(raw, jobs=jobs, progress=False)
wall = time.perf_counter() - start
isolated._stop_helper()  # reaped: its CPU time counts
print(wall, cpu() - c0)
"""
MICRO = """
import sys, time
from pathlib import Path
from sansong_analysis.ingest.read import Limits, sniff_format
from sansong_analysis.ingest.read.extents import sheet_extents
files = sorted(Path(sys.argv[1]).glob('*.xls'))
best_wall = best_cpu = 1e9
for _ in range(30):
    w, c = time.perf_counter(), time.process_time()
    for f in files:
        sheet_extents(f, sniff_format(f), Limits())
    best_wall, best_cpu = min(best_wall, time.perf_counter() - w), min(best_cpu, time.process_time() - c)
print(best_wall, best_cpu)
"""
py = sys.executable
runs, copies, demo_raw, xls_raw = int(sys.argv[1]), {"a": sys.argv[2], "b": sys.argv[3]}, sys.argv[4], sys.argv[5]
cases = [("demo clean jobs=1", CHILD, [demo_raw, "1"]), ("demo clean jobs=2", CHILD, [demo_raw, "2"]),
         (".xls clean jobs=1", CHILD, [xls_raw, "1"]), (".xls sniff+extents", MICRO, [xls_raw])]
res = {(c, v): [] for c, _, _ in cases for v in "ab"}
loads = [os.getloadavg()[0]]
for i in range(runs):
    for name, code, args in cases:
        for v in ("ab" if i % 2 == 0 else "ba"):
            env = dict(os.environ, PYTHONPATH=copies[v])
            out = subprocess.run([py, "-c", code, *args], capture_output=True, text=True, env=env, cwd=copies[v], check=True)
            res[(name, v)].append(tuple(map(float, out.stdout.split()[-2:])))
    loads.append(os.getloadavg()[0])
for name, _, _ in cases:
    a, b = res[(name, "a")], res[(name, "b")]
    for i, what in ((0, "wall"), (1, "cpu ")):
        xa, xb = [r[i] for r in a], [r[i] for r in b]
        print(f"{name:22s} {what} A min {min(xa):.4f} med {statistics.median(xa):.4f} | B min {min(xb):.4f} "
              f"med {statistics.median(xb):.4f} | ratio min {min(xb)/min(xa):.3f} med {statistics.median(xb)/statistics.median(xa):.3f}")
print("load average (1 min) before and after each round:", [round(x, 1) for x in loads])
print(json.dumps({f"{k[0]}|{k[1]}": v for k, v in res.items()}))
