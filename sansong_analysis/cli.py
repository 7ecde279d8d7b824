"""The ``sansong`` command: argument checks, exit codes, and no traceback for bad input.

Exit status (docs/contract.md §1): 0 all good; 1 the job finished but something was
not processed (the summary says what); 2 usage errors.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import datetime as dt
import os
import sys
import threading
import traceback
import unicodedata
from pathlib import Path

from sansong_analysis import paths
from sansong_analysis.crashlog import write_crash_log
from sansong_analysis.ingest.corrections import CorrectionError
from sansong_analysis.ingest.pii import redact


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
    from sansong_analysis.demo import write_demo_county

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


def print_clean_summary(result, raw_dir: Path, processed_dir: Path | None, out=None) -> None:
    """The per-file table: file, sheet, ledger, rows read, records, rejects, skipped."""
    from sansong_analysis.ingest import copies
    from sansong_analysis.ledgers import LABELS, LEDGERS

    out = out or sys.stdout
    ledger_names = {name: ledger.label for name, ledger in LEDGERS.items()}
    widths = (44, 16, max(display_width(n) for n in ledger_names.values()) + 2)
    print(f"清洗台账：{raw_dir}" + (f" → {processed_dir}" if processed_dir else ""), file=out)
    head = pad(LABELS["source_file"], widths[0]) + pad(LABELS["source_sheet"], widths[1]) + pad(LABELS["ledger"], widths[2])
    print(head + "".join(rpad(h, 8) for h in ("读入", "记录", "剔除", "跳过")), file=out)
    for f in result.files:
        if f.problem is not None:
            print(pad(_clip(f.path, widths[0] - 2), widths[0]) + f"（未读取：{f.problem.label}）", file=out)
            continue
        for s in f.sheets:
            ledger = ledger_names.get(s.ledger, "未识别")
            if (s.recognition or {}).get("status") == "corrected":
                ledger += "（更正）"
            sheet = s.source_sheet if s.part is None else f"{s.source_sheet} {s.part[0]}-{s.part[1]}行"
            line = pad(_clip(f.path, widths[0] - 2), widths[0]) + pad(_clip(sheet, widths[1] - 2), widths[1])
            line += pad(ledger, widths[2])
            line += "".join(rpad(str(n), 8) for n in (s.rows_read, s.n_records, s.n_rejects, s.n_skipped))
            if not s.balanced:  # pragma: no cover - the accounting identity is tested; shout if it ever breaks
                line += "  ！行数不平衡"
            print(line, file=out)
        for sheet, problem in f.sheet_problems:
            print(pad(_clip(f.path, widths[0] - 2), widths[0]) + pad(sheet, widths[1]) + f"（未读取：{problem.label}）", file=out)
    frames = result.frames
    # A sheet holding several tables one under another (``stacked``) is one sheet, with a line a table.
    n_sheets = sum(len({s.source_sheet for s in f.sheets}) for f in result.files)
    n_stacked = sum(len({s.source_sheet for s in f.sheets if s.part}) for f in result.files)
    dups = frames["duplicates"]
    records = "，".join(f"{label} {len(frames[n])}" for n, label in ledger_names.items())
    print(
        f"合计：{len(result.files)} 个文件，{n_sheets} 个工作表"
        + (f"（其中 {n_stacked} 个上下有几张表，分别读取）" if n_stacked else "") + f"；{records}；"
        f"剔除 {len(frames['rejects'])} 行；重复走访 {int((dups['ledger'] == 'visits').sum())} 条（只计一次）"
        + (f"；重复的包扶农户 {k} 户（只计一次）" if (k := int((dups["ledger"] == "roster").sum())) else "")
        + "".join(f"；整表重复的{ledger_names[n]} {k} 条（只计一次）" for n in copies.LEDGERS_WITHOUT_KEY
                  if (k := int((dups["ledger"] == n).sum()))),
        file=out,
    )
    unmatched = int(frames["visits"]["household_key"].isna().sum())
    if unmatched:
        print(f"提示：{unmatched} 条走访记录在{ledger_names['roster']}中找不到对应农户（计入走访次数，不计入覆盖率）", file=out)
    print_health(result, out)


def print_health(result, out) -> None:
    """After the per-file table: sheets not recognised (and why), sheets probably misread,
    townships whose ledgers do not go together, and the visits matching no household."""
    from sansong_analysis.ingest import health
    from sansong_analysis.wording import format_percent

    unread = [(f.path, s) for f in result.files for s in f.sheets if s.ledger is None and s.rows_read]
    if unread:
        print(f"未识别的工作表（{len(unread)} 个，不产生记录也不产生剔除；如判断有误，可在 sansong.toml 中更正）：", file=out)
        for path, s in unread:
            reason = (s.recognition or {}).get("reason") or "没有表头"
            print(f"  {path}「{s.source_sheet}」：{reason}", file=out)
    for f in result.files:
        for s in f.sheets:
            for flag in health.result_flags(s):
                print(f"注意：{f.path}「{s.source_sheet}」{flag['message']}", file=out)
    for f in result.files:
        for s in f.sheets:
            for check in s.totals:
                if check["ok"] is False:
                    print(f"注意：{f.path}「{s.source_sheet}」{health.total_message(check)}", file=out)
    for warning in health.township_warnings(result.frames):
        print(f"注意：{warning['message']}", file=out)
    shares = [u for u in health.unmatched_visits(result.frames) if u["unmatched"]]
    if shares:
        parts = "；".join(f"{u['township']} {u['unmatched']}/{u['visits']}（{format_percent(u['share'])}）" for u in shares)
        print(f"找不到对应农户的走访，按乡镇：{parts}", file=out)


def print_problems(result, raw_dir: Path, out=None) -> None:
    out = out or sys.stderr
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
    from sansong_analysis.ingest.clean import run_clean

    raw = _existing_dir(Path(args.raw), "原始台账文件夹")
    processed = Path(args.processed)
    from sansong_analysis.ingest.clean import raw_files

    files, _ = raw_files(raw)
    if not files:  # a wrong --raw, most likely: a usage error (exit 2), not a job that left files unread
        raise UsageError(f"原始台账文件夹「{raw}」中没有任何台账文件；已有的清洗结果保持不变")
    result = run_clean(raw, processed, jobs=args.jobs, limits=_limits(args))
    print_clean_summary(result, raw, processed)
    print_problems(result, raw)
    return result.exit_status


def cmd_inspect(args) -> int:
    from sansong_analysis.ingest.inspect import inspect_path, render_json, render_suggest, render_text

    path = Path(args.path)
    if not path.exists():
        raise UsageError(f"「{path}」不存在")
    raw = _existing_dir(Path(args.raw), "台账文件夹") if args.raw else None
    try:
        reports = inspect_path(path, sheet=args.sheet, limits=_limits(args), raw=raw)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not reports:
        raise UsageError(f"「{path}」中没有任何台账文件")
    if args.sheet is not None and not any(r.sheets for r in reports):
        raise UsageError(f"没有名为「{args.sheet}」的工作表")
    if args.suggest:
        print(render_suggest(reports), end="")
    elif args.json:
        print(render_json(reports))
    else:
        print(render_text(reports), end="")
    return 1 if any(r.problem is not None for r in reports) else 0


def _limits(args):
    """Reading limits with ``--max-file-mb`` applied."""
    from dataclasses import replace

    from sansong_analysis.ingest.read import DEFAULT_LIMITS

    mb = getattr(args, "max_file_mb", None)
    return DEFAULT_LIMITS if mb is None else replace(DEFAULT_LIMITS, max_file_bytes=mb * 1024 * 1024)


def _add_max_file_mb(p) -> None:
    from sansong_analysis.ingest.read import DEFAULT_LIMITS

    default = DEFAULT_LIMITS.max_file_bytes // (1024 * 1024)
    p.add_argument(
        "--max-file-mb", type=positive_int, default=None, metavar="N",
        help=f"大于 N MB 的台账文件不读取，并说明原因（默认 {default}）",
    )


def _require_processed(processed: Path) -> None:
    from sansong_analysis.store import FRAME_NAMES

    _existing_dir(processed, "整洁数据文件夹")
    if not any((processed / f"{name}.parquet").exists() for name in FRAME_NAMES):
        raise UsageError(f"整洁数据文件夹「{processed}」中没有数据，请先运行 sansong clean")


def _processed_frames(processed: Path, township: str | None = None):
    from sansong_analysis.store import load

    _require_processed(processed)
    return load(processed)


def _check_township(frames, township: str) -> None:
    from sansong_analysis.figures import all_townships

    known = all_townships(frames)
    if township not in known:
        listed = "、".join(known) if known else "（无）"
        raise UsageError(f"未找到乡镇「{township}」；已知乡镇：{listed}")


def _check_period(start, end) -> None:
    if start and end and end < start:
        raise UsageError(f"结束日期 {end} 早于开始日期 {start}")


# The figures `sansong metrics` shows, in this order (all of §5 but the households in hardship).
FIGURE_COLUMNS = (
    "households_assigned", "households_visited", "coverage_rate", "visits", "funds_raised_yuan",
    "disputes_total", "disputes_resolved", "resolution_rate", "farmland_benefited_mu",
)


def print_figures_table(doc: dict, out=None, period: str | None = None) -> None:
    """The §5 figures as a readable Chinese table, townships then the county total.

    Every cell is written by ``wording.figure_text``, as in the brief and the
    reports (``81.3%``, money in 万元). ``period`` is the 统计期间 in words
    (default: from the document's dates).
    """
    from sansong_analysis.ledgers import LABELS
    from sansong_analysis.wording import COUNTY_TOTAL, figure_heading, figure_text, period_statement

    out = out or sys.stdout
    if period is None:
        when = doc["period"]
        period = period_statement(*(dt.date.fromisoformat(d) if d else None for d in (when["start"], when["end"])))
    print(f"三送工作主要指标（统计期间：{period}）", file=out)
    rows = [*doc["townships"], {"township": COUNTY_TOTAL, **doc["county"]}]
    headings = [figure_heading(key) for key in FIGURE_COLUMNS]
    cells = [[figure_text(key, row[key]) for key in FIGURE_COLUMNS] for row in rows]
    widths = [max([display_width(h)] + [display_width(c[i]) for c in cells]) + 2 for i, h in enumerate(headings)]
    name_width = max([display_width(r["township"]) for r in rows] + [8]) + 2
    print(pad(LABELS["township"], name_width) + "".join(rpad(h, w) for h, w in zip(headings, widths, strict=True)), file=out)
    for row, texts in zip(rows, cells, strict=True):
        print(pad(row["township"], name_width) + "".join(rpad(t, w) for t, w in zip(texts, widths, strict=True)), file=out)


def cmd_metrics(args) -> int:
    import json

    from sansong_analysis.figures import compute_figures

    _check_period(args.start, args.end)
    frames = _processed_frames(Path(args.processed))
    if args.township:
        _check_township(frames, args.township)
    doc = compute_figures(frames, args.start, args.end)
    if args.township:
        # The county stays the whole county; only the township list is narrowed.
        doc["townships"] = [row for row in doc["townships"] if row["township"] == args.township]
    if args.json:
        print(json.dumps(doc, ensure_ascii=False, indent=1))
    else:
        from sansong_analysis.publish.narrative import record_dates
        from sansong_analysis.wording import period_statement

        # With no period given, the table says which dates the records span.
        print_figures_table(doc, period=period_statement(args.start, args.end, *record_dates(frames)))
    return 0


def cmd_report(args) -> int:
    from sansong_analysis.run.report import ReportError, run_report

    _check_period(args.start, args.end)
    processed = Path(args.processed)
    frames = _processed_frames(processed)
    if args.township:
        _check_township(frames, args.township)
    elif not args.county:
        raise UsageError("请用 --township 指定乡镇（或用 --county 生成全县总览）")
    try:
        result = run_report(args.township if not args.county else None, processed, Path(args.out), args.start, args.end)
    except ReportError as exc:
        raise UsageError(str(exc)) from None
    if result.status == "ok":
        print(f"报告已生成：{result.out_dir}（{result.seconds:.1f} 秒）")
        for f in result.files:
            if f.endswith(("report.html", "brief.pdf", "summary.xlsx")):
                print(f"  {Path(args.out) / f}")
        return 0
    print(f"错误：{result.township} 报告生成失败：{result.error}", file=sys.stderr)
    failed = Path(result.out_dir) / "report.failed.ipynb"
    if failed.exists():
        print(f"  出错的笔记本已保存为 {failed}；上一次成功的报告未被覆盖", file=sys.stderr)
    return 1


STATUS_CN = {"ok": "成功", "failed": "失败", "skipped": "未变化，跳过"}


def print_batch_summary(result, out=None) -> None:
    out = out or sys.stdout
    counts = {k: sum(1 for r in result.reports if r.status == k) for k in STATUS_CN}
    print(
        f"批处理完成：{len(result.reports)} 份报告，成功 {counts['ok']}，跳过 {counts['skipped']}，"
        f"失败 {counts['failed']}（用时 {result.seconds:.1f} 秒）",
        file=out,
    )
    width = max([display_width(r.label) for r in result.reports] + [6]) + 2
    print(pad("乡镇", width) + pad("状态", 14) + rpad("用时(秒)", 10) + "  说明", file=out)
    for r in result.reports:
        note = r.error or ("" if r.status != "ok" else Path(r.out_dir).name + "/")
        print(pad(r.label, width) + pad(STATUS_CN[r.status], 14) + rpad(f"{r.seconds:.1f}", 10) + "  " + note, file=out)
    print(f"清单：{result.manifest_path}", file=out)


def _batch(args, processed: Path) -> int:
    from sansong_analysis.run.batch import BatchLocked, run_batch

    _check_period(getattr(args, "start", None), getattr(args, "end", None))
    if args.township:
        frames = _processed_frames(processed)
        for township in args.township:
            _check_township(frames, township)
    else:  # run_batch reads the frames itself: reading them here too cost an unchanged rerun a tenth of its time
        _require_processed(processed)
    if args.dask_scheduler and not args.dask_scheduler.startswith(("tcp://", "tls://", "inproc://", "ucx://")):
        raise UsageError(f"Dask 调度器地址「{args.dask_scheduler}」应形如 tcp://HOST:PORT")
    try:
        result = run_batch(
            processed, Path(args.out), townships=args.township, jobs=args.jobs, force=args.force,
            start=getattr(args, "start", None), end=getattr(args, "end", None), wait=args.wait,
            dask_scheduler=args.dask_scheduler,
        )
    except BatchLocked as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        if args.dask_scheduler:
            print(f"错误：无法连接 Dask 调度器 {args.dask_scheduler}（{exc}）", file=sys.stderr)
            return 1
        raise
    print_batch_summary(result)
    return result.exit_status


def cmd_batch(args) -> int:
    return _batch(args, Path(args.processed))


def cmd_run(args) -> int:
    """What cron calls: clean, then batch. Exit 1 when either left something unprocessed."""
    from sansong_analysis.ingest.clean import raw_files, run_clean

    raw = _existing_dir(Path(args.raw), "原始台账文件夹")
    processed = Path(args.processed)
    files, _ = raw_files(raw)
    if not files:
        raise UsageError(f"原始台账文件夹「{raw}」中没有任何台账文件；未生成报告")
    cleaned = run_clean(raw, processed, jobs=args.jobs, limits=_limits(args))
    print_clean_summary(cleaned, raw, processed)
    print_problems(cleaned, raw)
    status = _batch(args, processed)
    return max(cleaned.exit_status, status)


def cmd_template(args) -> int:
    from sansong_analysis.template import TEMPLATE_FILE, write_template

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"输出位置「{out}」已存在且不是文件夹")
    if (out / TEMPLATE_FILE).is_dir():
        raise UsageError(f"「{out / TEMPLATE_FILE}」是一个文件夹，无法写入模板")
    try:
        path = write_template(out)
    except OSError as exc:
        raise UsageError(f"无法写入输出文件夹「{out}」：{exc.strerror or exc}") from None
    print(f"已生成台账模板：{path}\n  五张台账各一个工作表（含下拉选项、填写提示和示例行），填表说明见第一个工作表。")
    return 0


def _add_batch_arguments(p) -> None:
    p.add_argument("--out", default=str(paths.OUTPUTS_DIR), help="输出文件夹（默认 outputs）")
    p.add_argument("--jobs", type=positive_int, default=None, help="并行报告数（默认 CPU 个数）")
    p.add_argument("--township", action="extend", nargs="+", help="只生成这些乡镇（可写多个）")
    p.add_argument("--force", action="store_true", help="输入未变化的乡镇也重新生成")
    p.add_argument("--wait", action="store_true", help="另一个批处理正在运行时等待其结束，而不是退出")
    p.add_argument("--dask-scheduler", metavar="tcp://HOST:PORT", help="把各乡镇报告提交到已有的 Dask 集群")
    p.add_argument("--start", type=iso_date, help="统计起始日期（含）")
    p.add_argument("--end", type=iso_date, help="统计截止日期（含）")


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
    _add_max_file_mb(p)
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser("inspect", help="查看一个台账文件（或文件夹中每个文件）的每张工作表是如何读取的")
    p.add_argument("path", help="台账文件或文件夹")
    p.add_argument("--sheet", default=None, help="只看这张工作表")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--suggest", action="store_true", help="把读取方式写成可粘贴到 sansong.toml 的更正条目")
    p.add_argument("--raw", default=None,
                   help="PATH 所在的台账文件夹（sansong.toml 和文件名以它为准；默认：往上找有 sansong.toml 的文件夹，或 data/raw）")
    _add_max_file_mb(p)
    p.set_defaults(func=cmd_inspect)

    p = sub.add_parser("metrics", help="各乡镇和全县的主要指标（--json 输出 docs/contract.md §5 文档）")
    p.add_argument("--processed", default=str(paths.PROCESSED_DIR), help="整洁数据文件夹（默认 data/processed）")
    p.add_argument("--township", help="只看一个乡镇")
    p.add_argument("--start", type=iso_date, help="统计起始日期（含），如 2011-01-01")
    p.add_argument("--end", type=iso_date, help="统计截止日期（含），如 2011-12-31")
    p.add_argument("--json", action="store_true", help="输出 JSON 文档（只输出 JSON）")
    p.set_defaults(func=cmd_metrics)

    p = sub.add_parser("report", help="运行一个乡镇的报告笔记本，输出到 outputs/<乡镇>/")
    p.add_argument("--township", help="乡镇名称")
    p.add_argument("--county", action="store_true", help="生成全县总览（outputs/county/）")
    p.add_argument("--processed", default=str(paths.PROCESSED_DIR), help="整洁数据文件夹（默认 data/processed）")
    p.add_argument("--out", default=str(paths.OUTPUTS_DIR), help="输出文件夹（默认 outputs）")
    p.add_argument("--start", type=iso_date, help="统计起始日期（含）")
    p.add_argument("--end", type=iso_date, help="统计截止日期（含）")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("batch", help="所有乡镇的报告和全县总览，并行、增量")
    p.add_argument("--processed", default=str(paths.PROCESSED_DIR), help="整洁数据文件夹（默认 data/processed）")
    _add_batch_arguments(p)
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("run", help="清洗后批量生成报告（定时任务调用）")
    p.add_argument("--raw", default=str(paths.RAW_DIR), help="原始台账文件夹（默认 data/raw）")
    p.add_argument("--processed", default=str(paths.PROCESSED_DIR), help="整洁数据文件夹（默认 data/processed）")
    _add_batch_arguments(p)
    _add_max_file_mb(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("template", help="生成明年推荐使用的台账模板（五张台账、下拉选项、填表说明）")
    p.add_argument("--out", default=str(paths.OUTPUTS_DIR), help="输出文件夹（默认 outputs）")
    p.set_defaults(func=cmd_template)

    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = None
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        return args.func(args)
    except (UsageError, CorrectionError) as exc:
        print(f"sansong: 错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("sansong: 已中断", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: one line here, the traceback in a log file
        if os.environ.get("SANSONG_DEBUG"):
            raise
        # The log goes beside the data (``<processed>/crash-logs/``) under a name of its own; the
        # temporary folder only when there is no processed folder yet.
        processed = Path(getattr(args, "processed", None) or paths.PROCESSED_DIR)
        command = " ".join(argv if argv is not None else sys.argv[1:])
        log = write_crash_log(processed if processed.is_dir() else None, traceback.format_exc(), f"命令：sansong {command}")
        where = f"（详细信息见 {log}，请交给维护人员）" if log else ""
        print(f"sansong: 内部错误：{type(exc).__name__}: {redact(str(exc))}{where}", file=sys.stderr)
        return 1


# Commands that leave without the interpreter's teardown (``leave_at_once``) when run as the ``sansong`` command.
LEAVE_AT_ONCE = frozenset({"clean"})


def run() -> None:
    """The ``sansong`` command (its console script, and ``python -m sansong_analysis``): ``main``, then, after a
    command of ``LEAVE_AT_ONCE``, ``leave_at_once``."""
    argv = sys.argv[1:]
    status = main(argv)
    if argv[:1] and argv[0] in LEAVE_AT_ONCE:
        leave_at_once(status)
    sys.exit(status)


def leave_at_once(status: int) -> None:
    """End the process with ``status`` as the interpreter would, less its teardown.

    What was printed is flushed and every ``atexit`` handler runs (logging's, multiprocessing's, the
    reader helper's), then the process leaves without freeing its objects one by one: 0.05-0.13 s of a
    60-township clean's 1.7-2.2 s (``docs/performance.md``), its frames and summary written and closed by
    then. Where a thread other than daemons is still running (none does after a clean), or this Python has
    no ``atexit._run_exitfuncs``, it returns and the caller exits the usual way.
    """
    run_exitfuncs = getattr(atexit, "_run_exitfuncs", None)
    if run_exitfuncs is None or any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        return
    _flush()
    run_exitfuncs()
    _flush()  # what the handlers printed
    os._exit(status)


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (| head): nothing more can reach it
            stream.flush()


if __name__ == "__main__":  # pragma: no cover
    run()
