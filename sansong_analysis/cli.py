"""The ``sansong`` command: argument checks, exit codes, and no traceback for bad input.

Exit status (CONTRACT §1): 0 all good; 1 the job finished but something was
not processed (the summary says what); 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import traceback
import unicodedata
from pathlib import Path

from . import paths


class UsageError(Exception):
    """Bad arguments: one line for the user, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        raise UsageError(f"{message}（用 `{self.prog} --help` 查看用法）")


# --------------------------------------------------------------------------- helpers


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` terminal columns, counting CJK characters as two."""
    return text + " " * max(0, width - display_width(text))


def rpad(text: str, width: int) -> str:
    return " " * max(0, width - display_width(text)) + text


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期「{value}」不是 ISO 格式（应为 2011-01-01）") from None


def positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"「{value}」不是正整数")
    return n


def _existing_dir(path: Path, what: str) -> Path:
    if not path.exists():
        raise UsageError(f"{what}「{path}」不存在")
    if not path.is_dir():
        raise UsageError(f"{what}「{path}」不是文件夹")
    return path


# --------------------------------------------------------------------------- commands


def cmd_demo_data(args) -> int:
    from .demo import write_demo_county

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"输出位置「{out}」已存在且不是文件夹")
    out.mkdir(parents=True, exist_ok=True)
    truth = write_demo_county(out, townships=args.townships, seed=args.seed)
    files = sum(1 for p in out.rglob("*") if p.is_file() and p.name != "truth.json")
    county = truth["figures"]["county"]
    print(
        f"已生成演示台账：{args.townships} 个乡镇，{files} 个文件 → {out}\n"
        f"  包扶 {county['households_assigned']} 户，走访 {county['visits']} 次，"
        f"应剔除 {truth['rejects_expected']} 行；标准答案 {out / 'truth.json'}"
    )
    return 0


LEDGER_NAMES_CN = {"roster": "包扶对象名单", "visits": "走访登记表", "funds": "筹资台账", "projects": "办实事项目", "disputes": "矛盾纠纷台账"}


def print_clean_summary(result, raw_dir: Path, processed_dir: Path | None, out=sys.stdout) -> None:
    """The per-file table: file, sheet, ledger, rows read, records, rejects, skipped."""
    widths = (44, 16, 14)
    print(f"清洗台账：{raw_dir}" + (f" → {processed_dir}" if processed_dir else ""), file=out)
    head = pad("文件", widths[0]) + pad("工作表", widths[1]) + pad("台账", widths[2])
    print(head + "".join(rpad(h, 8) for h in ("读入", "记录", "剔除", "跳过")), file=out)
    for f in result.files:
        if f.problem is not None:
            print(pad(_clip(f.path, widths[0] - 2), widths[0]) + f"（未读取：{f.problem.label}）", file=out)
            continue
        for s in f.sheets:
            ledger = LEDGER_NAMES_CN.get(s.ledger, "（未识别出台账）")
            line = pad(_clip(f.path, widths[0] - 2), widths[0]) + pad(_clip(s.source_sheet, widths[1] - 2), widths[1])
            line += pad(ledger, widths[2])
            line += "".join(rpad(str(n), 8) for n in (s.rows_read, s.n_records, s.n_rejects, s.n_skipped))
            if not s.balanced:  # pragma: no cover - the accounting identity is tested; shout if it ever breaks
                line += "  ！行数不平衡"
            print(line, file=out)
        for sheet, problem in f.sheet_problems:
            print(pad(_clip(f.path, widths[0] - 2), widths[0]) + pad(sheet, widths[1]) + f"（未读取：{problem.label}）", file=out)
    frames = result.frames
    n_sheets = sum(len(f.sheets) for f in result.files)
    dups = frames["duplicates"]
    records = "，".join(f"{LEDGER_NAMES_CN[n]} {len(frames[n])}" for n in LEDGER_NAMES_CN)
    print(
        f"合计：{len(result.files)} 个文件，{n_sheets} 个工作表；{records}；"
        f"剔除 {len(frames['rejects'])} 行；重复走访 {int((dups['ledger'] == 'visits').sum())} 条（只计一次）",
        file=out,
    )
    unmatched = int(frames["visits"]["household_key"].isna().sum())
    if unmatched:
        print(f"提示：{unmatched} 条走访记录在包扶对象名单中找不到对应农户（计入走访次数，不计入覆盖率）", file=out)


def print_problems(result, raw_dir: Path, out=sys.stderr) -> None:
    for f in result.files:
        if f.problem is not None:
            print(f"错误：{raw_dir / f.path}：{f.problem}", file=out)
        for sheet, problem in f.sheet_problems:
            print(f"错误：{raw_dir / f.path} 工作表「{sheet}」：{problem}", file=out)


def _clip(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def cmd_clean(args) -> int:
    from .clean import run_clean

    raw = _existing_dir(Path(args.raw), "原始台账文件夹")
    processed = Path(args.processed)
    from .clean import raw_files

    files, _ = raw_files(raw)
    if not files:
        print(f"错误：原始台账文件夹「{raw}」中没有任何台账文件；已有的清洗结果保持不变", file=sys.stderr)
        return 1
    result = run_clean(raw, processed, jobs=args.jobs)
    print_clean_summary(result, raw, processed)
    print_problems(result, raw)
    return result.exit_status


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sansong", description="三送工作台账：清洗、统计、报告")
    parser.add_argument("--version", action="version", version=f"sansong-analysis {__import__('sansong_analysis').__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    p = sub.add_parser("demo-data", help="生成一个演示县的原始台账（含标准答案 truth.json）")
    p.add_argument("--out", default=str(paths.RAW_DIR), help="输出文件夹（默认 data/raw）")
    p.add_argument("--townships", type=positive_int, default=12, help="乡镇个数（默认 12）")
    p.add_argument("--seed", type=int, default=1, help="随机种子（默认 1）")
    p.set_defaults(func=cmd_demo_data)

    p = sub.add_parser("clean", help="原始台账 → 整洁数据表（data/processed/*.parquet）")
    p.add_argument("--raw", default=str(paths.RAW_DIR), help="原始台账文件夹（默认 data/raw）")
    p.add_argument("--processed", default=str(paths.PROCESSED_DIR), help="输出文件夹（默认 data/processed）")
    p.add_argument("--jobs", type=positive_int, default=None, help="并行进程数（默认 CPU 个数）")
    p.set_defaults(func=cmd_clean)

    for register in _EXTRA_COMMANDS:
        register(sub)
    return parser


# Later layers (figures, reports, batch) add their commands here.
_EXTRA_COMMANDS: list = []


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        return args.func(args)
    except UsageError as exc:
        print(f"sansong: 错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("sansong: 已中断", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: one line here, the traceback in a log file
        if os.environ.get("SANSONG_DEBUG"):
            raise
        log = Path(tempfile.gettempdir()) / "sansong-error.log"
        try:
            log.write_text(traceback.format_exc(), "utf-8")
            where = f"（详细信息见 {log}）"
        except OSError:
            where = ""
        print(f"sansong: 内部错误：{type(exc).__name__}: {exc}{where}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
