"""Does this tree clean the demo county into exactly what a reference commit does?

Run by hand before committing a change meant to make the clean faster and nothing else:

    .venv/bin/python benchmarks/same_output.py                 # against where HEAD left main, seeds 1 and 2
    .venv/bin/python benchmarks/same_output.py --ref 829250f --seeds 1 2 3 --townships 60

For each seed it writes the demo county (``sansong demo-data``, the reference's generator), then
runs ``sansong clean`` from the reference commit (``git archive`` into a scratch folder) and from
the tree beside this script, each with 1 and 2 processes, and compares every file of the
processed folders byte for byte: the Parquet frames and ``clean_summary.json``. The reference's
outputs are kept under ``--workdir`` by commit, so a second run only cleans with this tree.
Exit status 0 when everything is identical; 1 names the first differing file and, for a frame,
the first differing column and row.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

TREE = Path(__file__).resolve().parents[1]


def _run(tree: Path, *args: str) -> subprocess.CompletedProcess:
    # Run from a neutral folder: the interpreter puts its working directory first on sys.path,
    # and PYTHONPATH must decide which copy of the package is imported (the venv's is editable).
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [sys.executable, "-m", "sansong_analysis", *args], cwd=tempfile.gettempdir(), env=env,
        capture_output=True, text=True, check=False,
    )


def _reference_tree(ref: str, workdir: Path) -> tuple[str, Path]:
    commit = subprocess.run(
        ["git", "-C", str(TREE), "rev-parse", ref], capture_output=True, text=True, check=True
    ).stdout.strip()
    tree = workdir / f"tree-{commit[:12]}"
    if not (tree / "sansong_analysis").is_dir():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(TREE), "archive", commit], capture_output=True, check=True).stdout
        with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
            tar.extractall(tree, filter="data")
    return commit, tree


def _clean(tree: Path, raw: Path, out: Path, jobs: int) -> None:
    if out.exists():
        shutil.rmtree(out)
    done = _run(tree, "clean", "--raw", str(raw), "--processed", str(out), "--jobs", str(jobs))
    if done.returncode not in (0, 1):
        sys.exit(f"sansong clean failed in {tree} ({done.returncode}):\n{done.stderr}")


def _differences(a: Path, b: Path) -> list[str]:
    names = sorted({p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
                   | {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()})
    found = []
    for name in names:
        pa, pb = a / name, b / name
        if not pa.exists() or not pb.exists():
            found.append(f"{name}: only in {'the reference' if pa.exists() else 'this tree'}")
        elif not filecmp.cmp(pa, pb, shallow=False):
            found.append(f"{name}: differs" + (_frame_difference(pa, pb) if name.endswith(".parquet") else ""))
    return found


def _frame_difference(a: Path, b: Path) -> str:
    import pandas as pd

    fa, fb = pd.read_parquet(a), pd.read_parquet(b)
    if list(fa.columns) != list(fb.columns) or len(fa) != len(fb):
        return f" (columns or length: {list(fa.columns)} × {len(fa)} against {list(fb.columns)} × {len(fb)})"
    for col in fa.columns:
        if str(fa[col].dtype) != str(fb[col].dtype):
            return f" (column {col}: dtype {fa[col].dtype} against {fb[col].dtype})"
        same = (fa[col] == fb[col]) | (fa[col].isna() & fb[col].isna())
        if not same.all():
            row = int((~same).to_numpy().nonzero()[0][0])
            return f" (column {col}, row {row}: {fa[col].iloc[row]!r} against {fb[col].iloc[row]!r})"
    return " (same values; the file's bytes differ)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default=None, help="commit to compare against (default: where HEAD branched from main)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--townships", type=int, default=60)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "sansong_same_output")
    args = parser.parse_args()

    ref = args.ref or subprocess.run(
        ["git", "-C", str(TREE), "merge-base", "HEAD", "main"], capture_output=True, text=True, check=True
    ).stdout.strip()
    commit, ref_tree = _reference_tree(ref, args.workdir)
    failed = False
    for seed in args.seeds:
        county = args.workdir / f"county-{commit[:12]}-{args.townships}-{seed}"
        raw = county / "raw"
        if not raw.is_dir():
            done = _run(ref_tree, "demo-data", "--out", str(raw), "--townships", str(args.townships), "--seed", str(seed))
            if done.returncode:
                sys.exit(f"demo-data failed:\n{done.stderr}")
        for jobs in args.jobs:
            reference = county / f"reference-{jobs}"
            if not (reference / "clean_summary.json").is_file():
                _clean(ref_tree, raw, reference, jobs)
            ours = county / f"ours-{jobs}"
            _clean(TREE, raw, ours, jobs)
            found = _differences(reference, ours)
            where = f"seed {seed}, {args.townships} townships, {jobs} process{'es' if jobs > 1 else ''}"
            if found:
                failed = True
                print(f"DIFFERENT ({where}) from {commit[:12]}:")
                for line in found:
                    print(f"  {line}")
            else:
                files = sum(1 for p in reference.rglob("*") if p.is_file())
                print(f"identical ({where}): {files} files, byte for byte, as {commit[:12]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
