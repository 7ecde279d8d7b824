"""A table's headings and context → which ledger it is, by evidence, or "not recognised".

Every ledger is scored for a header (``score_ledgers``); the best and the runner-up are kept.
The evidence, declared once in ``ledgers`` (``Ledger.needs``, ``Ledger.words``, the synonyms):

- the fields a heading names, each weighed by how telling it is: an anchor field (a date of
  visit, a dispute's outcome, a fund's amount) counts more than a supporting one, and a
  heading that holds one of the ledger's own words (``走访日期``, ``筹资金额``) counts more than
  a generic one (``日期``, ``金额``);
- the ledger's words in the title, a group heading or any other heading, the sheet, file or
  folder name (``走访``, ``纠纷``, ``筹资`` …);
- words that say a sheet is some other kind of table (a questionnaire, a duty roster) count
  against every ledger.

A sheet is recognised as the best ledger only when that ledger's ``needs`` are all named, at
least one piece of evidence confirms it (a telling heading or a word in the context), its
score reaches ``MIN_SCORE`` and it leads a confirmed runner-up by ``MARGIN``. Otherwise it is
not recognised, with a sentence saying what was missing: no records and no rejects come from
it, and the analyst can still name its ledger in ``sansong.toml``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from sansong_analysis.ingest.pii import redact
from sansong_analysis.ingest.places import day_in_sources
from sansong_analysis.ledgers import (
    FINAL_STAGE_WORDS,
    NO_EVIDENCE_KINDS,
    QUANTITY_KINDS,
    Claim,
    Field,
    Ledger,
)

# --------------------------------------------------------------------------- weights and thresholds
#
# Calibrated (2026-12) on the demo generator's five layouts (seeds 1-8), the 19 foreign-office
# layouts in tests/foreign, and the situations, near-miss positives and gallery of ordinary
# spreadsheets in tests/unseen: every ledger sheet there scores 4.5 or more (the demo's 8.5 or
# more), and a runner-up that reads columns of its own is 4.0 or more behind; no ordinary
# spreadsheet is both complete and confirmed. scripts: see docs/architecture.md, "Recognition".

# A named field of the ledger's own, by (anchor, telling heading).
FIELD_WEIGHTS = {(True, True): 3.0, (True, False): 1.5, (False, True): 1.5, (False, False): 1.0}
PLACE_WEIGHT = 0.5  # a township or village column: every ledger may have one, so it decides nothing
# The ledger's words outside its field headings: the first source that holds one, then each
# further one, up to CONTEXT_CAP in all (a workbook named 走访台账 says it of every sheet in it).
CONTEXT_WEIGHT = 3.0
CONTEXT_MORE = 0.5
CONTEXT_CAP = 4.0
# Words in a title or sheet name that say the table is something else, and what they cost.
OTHER_TABLE_PENALTY = 3.0
# The least score that can be a ledger: one telling anchor heading and one more field, or a
# generic anchor and a supporting field under a title that names the ledger.
MIN_SCORE = 4.0
# How far the best must lead a runner-up that is itself confirmed and complete.
MARGIN = 2.0

# Words in a title or sheet name that say "this is another kind of table", whatever headings it
# shares with a ledger: a survey of poor households lists 户主姓名 as a roster does.
OTHER_TABLE_WORDS = (
    "问卷", "调查表", "满意度", "测评", "签到", "值班", "报名", "工资", "采购", "资产", "年鉴", "字段", "数据字典",
    "申请表", "审批表", "考勤", "成绩", "课程", "库存", "入库", "出库", "报价", "发票", "党员", "参保", "缴费",
    "通讯录", "花名册模板", "审批", "危房", "敬老院", "供养", "招标", "投标", "中标", "队员名单", "队员花名册",
    "干部花名册", "干部名单",
)
# Headings of a list of officials (姓名 | 单位 | 职务 | 联系电话), which names its people by a bare 姓名: under
# them that 姓名 is no household head (a heading naming a household, 户主姓名 or 被走访户, is unaffected).
_OFFICIAL_HEADING = re.compile(r"^(?:(?:工作|所在)?单位及?|现任|行政|担任)?(?:职务|职级|职称)$")

_QUANTITY = QUANTITY_KINDS
_TOTAL_WORD = re.compile(r"小计|合计|总计|共计|总额|总数")
# A quantity planned, set as a task or owed, not one that happened (计划 | 实际到位 under 筹资金额), or what is
# still missing of it (已到位 | 未到位, 资金缺口): never the quantity raised or spent, nor a part of it.
_PLANNED_WORD = re.compile(r"计划|应筹|应到|预计|预算|拟|目标|任务|未到|未拨|未筹|未落实|未兑现|未支付|未完成|缺口|差额|尚欠|尚差|待拨|待筹")
# A quantity as it finally stood (实到金额, 到位资金, 调整后金额, 核实面积), before one as first written or promised
# (认捐金额, 申报金额, 原金额): when two columns name one quantity, the final one is read (the other is said).
_FINAL_WORD = re.compile("|".join((*FINAL_STAGE_WORDS, "实筹", "已到", "已筹")))
_FIRST_WORD = re.compile(r"认捐|认领|申报|申请|^原|原始|原报|初始|初报|调整前|更正前|修正前|变更前|概算")

# A date written over two or three columns of a one-row header, 年 | 月 | 日 (or 月 | 日 under a title
# naming the year), as paper registers and cash books write it: it is the date of the ledger's
# record when no column names that date. Only where that date is unambiguous (a project's 年 | 月
# | 日 might be when it started or when it was finished).
DATE_PARTS = "date_parts"  # a Column's parts_kind (``compound`` reads them)
PART_HEADINGS = {"年": "年", "年份": "年", "月": "月", "月份": "月", "日": "日", "号": "日"}
BARE_DATE = {"visits": "visit_date", "funds": "date", "disputes": "received_date"}

# Where context words may stand, as the sources are labelled (places.resolve_context uses the same).
CONTEXT_SOURCES = ("表头", "标题", "工作表名", "文件名", "文件夹名")
# Where 三送 makes a list kept as an account (收入 | 支出) the work's funds (``score_candidate``).
_ACCOUNT_SOURCES = ("标题", "工作表名", "文件名")
_PENALISED_SOURCES = ("标题", "工作表名")
# The scoring context's entry for a visit log's lines of their own naming each day (``table.day_lines``).
DAY_LINES_SOURCE = "日期行"


@dataclass(frozen=True)
class Column:
    """One header column: where it is, what it says, which field it feeds (and why)."""

    index: int
    header: str
    unit: str | None
    field: Field | None
    synonym: str | None = None  # the heading words that decided the field
    specific: bool = False
    # A field a group of sub-columns holds together (``compound``): (column, its sub-label) each,
    # and how they make one value (``choice``: the ticked one; ``date_parts``: 年 / 月 / 日).
    parts: tuple[tuple[int, str], ...] = ()
    parts_kind: str | None = None
    # Sub-columns naming the same quantity through the same group heading, beside this one and not
    # read (筹资金额 over 财政资金 | 社会捐赠 | 群众自筹 without a 小计): their headings (``tidy``, flagged).
    split: tuple[str, ...] = ()
    # Other whole columns naming the same summed quantity, not read (金额 beside 调整后金额): their indexes.
    rivals: tuple[int, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """One ledger's case for a table: its score and the evidence for and against it."""

    ledger: Ledger
    score: float
    confirmed: bool
    complete: bool  # every field in ``ledger.needs`` is named
    columns: tuple[Column, ...]
    evidence: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def eligible(self) -> bool:
        return self.complete and self.confirmed and self.score >= MIN_SCORE


@dataclass(frozen=True)
class Recognition:
    """The verdict on one sheet: ``status`` is ``recognised``, ``not_recognised``, ``corrected``
    (the analyst's ``sansong.toml`` named the ledger) or ``ignored`` (``ledger = "ignore"``)."""

    status: str
    best: Candidate | None = None
    runner_up: Candidate | None = None
    reason: str | None = None

    @property
    def ledger(self) -> Ledger | None:
        return self.best.ledger if self.best is not None and self.status in ("recognised", "corrected") else None

    def summary(self) -> dict:
        """As written into ``clean_summary.json`` per sheet."""
        best, runner = self.best, self.runner_up
        return {
            "status": self.status,
            "ledger": best.ledger.name if best else None,
            "score": round(best.score, 2) if best else 0.0,
            "runner_up": runner.ledger.name if runner else None,
            "runner_up_score": round(runner.score, 2) if runner else 0.0,
            # Headings are quoted: a data row taken into the header can put a phone number in one.
            "reason": redact(self.reason) if self.reason else self.reason,
            "missing": list(best.missing) if best and self.status == "not_recognised" else [],
            "evidence": [redact(e) for e in best.evidence] if best else [],
        }


# --------------------------------------------------------------------------- columns


def claim_columns(
    ledger: Ledger, labels: tuple[tuple[str, str | None], ...], claims: list[dict[str, Claim | None] | None],
    hidden: frozenset[int] = frozenset(),
) -> tuple[Column, ...]:
    """The columns of a header as ``ledger`` reads them: each field goes to one column.

    When two columns name one field, the one whose synonym ranks first in the field's list
    wins (an exact heading before one that only contains the synonym), then the first column.
    A column hidden in Excel (``hidden``, 0-based) comes after one the analyst sees, heading for heading
    (the same heading twice, the old amounts' column hidden: the amounts seen are read); a quantity's stage
    (实到 before 认捐) and an exact heading before a part come first.
    """
    from sansong_analysis.ledgers import unit_fits

    best: dict[str, tuple[tuple[int, ...], int]] = {}
    mine: list[Claim | None] = []
    for index, ((_, unit), by_ledger) in enumerate(zip(labels, claims, strict=True)):
        claim = by_ledger[ledger.name] if by_ledger is not None else None
        if claim is not None and not unit_fits(claim.field, unit):
            claim = None
        if claim is not None and claim.field.kind in _QUANTITY and not claim.exact and _PLANNED_WORD.search(labels[index][0]):
            claim = None  # 筹资金额 over 计划: the amount planned is not the amount raised
        mine.append(claim)
        if claim is None:
            continue
        # Of sub-columns that all name one quantity through their group heading (筹资金额 over
        # 财政资金 | 社会捐赠 | 小计), the 小计/合计 sub-column is the field.
        total = 0 if claim.field.kind in _QUANTITY and _TOTAL_WORD.search(labels[index][0]) else 1
        stage = (_stage(labels[index][0]) if claim.field.kind in _QUANTITY
                 else _head_first(labels[index][0]) if claim.field.kind == "household" else 1)
        key = (stage, 0 if claim.exact else 1, 1 if index in hidden else 0, total, claim.rank, index)
        name = claim.field.name
        if name not in best or key < best[name][0]:
            best[name] = (key, index)
    winners = {index for _, index in best.values()}
    # A quantity split over sub-columns with no 小计 among them: the one read is part of it.
    split: dict[int, tuple[str, ...]] = {}
    for (_, inexact, _, no_total, _, _), index in best.values():
        field = mine[index].field
        if field.kind in _QUANTITY and inexact and no_total:
            others = tuple(labels[i][0] for i, c in enumerate(mine)
                           if i != index and c is not None and c.field is field and not c.exact)
            if others:
                split[index] = others
    # Other whole columns naming a summed quantity read from one (金额 beside 调整后金额): compared, and said
    # where they differ (``tidy``); not a split's parts.
    # A 小计/合计 sub-column read: the other sub-columns of its group are its parts, not rivals. Nor is a column
    # hidden in Excel the rival of one seen (the old amounts hidden beside those typed again: read as Excel shows them).
    rivals: dict[int, tuple[int, ...]] = {}
    for (_, inexact, _, no_total, _, _), index in best.values():
        field = mine[index].field
        if field.summed and index not in split:
            rivals[index] = tuple(i for i, c in enumerate(mine) if i != index and c is not None and c.field is field
                                  and (no_total or not inexact or c.exact) and (i not in hidden or index in hidden))
    columns = []
    for index, ((label, unit), claim) in enumerate(zip(labels, mine, strict=True)):
        if not label:
            continue
        if claim is not None and index in winners:
            columns.append(Column(index, label, unit, claim.field, claim.synonym, claim.specific,
                                  split=split.get(index, ()), rivals=rivals.get(index, ())))
        else:
            columns.append(Column(index, label, unit, None))
    return _date_in_parts(ledger, tuple(columns))


def _stage(label: str) -> int:
    """0 for a quantity's heading saying it is final (实到, 调整后), 2 for one saying it is as first written or
    promised (认捐, 原), else 1: the lower is read when two columns name one quantity."""
    if _FINAL_WORD.search(label):
        return 0
    return 2 if _FIRST_WORD.search(label) else 1


def _head_first(label: str) -> int:
    """0 for a household heading naming its head (户主姓名, 被走访户主), 2 for one naming a person (被走访人, 受访人,
    接待人: a member may be the one met), else 1: a visit is to the head's household, whoever opened the door."""
    if "户主" in label:
        return 0
    return 2 if label.endswith(("人", "人姓名")) else 1


def _date_in_parts(ledger: Ledger, columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """``columns`` with the ledger's record date read from adjacent headings 年 | 月 | 日 or 月 | 日
    (``BARE_DATE``), none of them claimed, when no column names that date; else as they are.
    The first of them holds the field and the parts (``compound`` reads a row's value from them)."""
    name = BARE_DATE.get(ledger.name)
    if name is None or any(c.field is not None and c.field.name == name for c in columns):
        return columns
    for start, first in enumerate(columns):
        run = [first]
        for c in columns[start + 1:start + 3]:
            if c.index != run[-1].index + 1:
                break
            run.append(c)
        parts = [PART_HEADINGS.get(c.header) if c.field is None and not c.unit else None for c in run]
        for size in (3, 2):
            if parts[:size] == ["年", "月", "日"][3 - size:]:
                heading = "/".join(c.header for c in run[:size])  # the evidence shows it: 「年/月/日」→走访日期
                field = dataclasses.replace(first, field=ledger.field(name), synonym=heading,
                                            parts=tuple((c.index, p) for c, p in zip(run[:size], parts[:size], strict=True)),
                                            parts_kind=DATE_PARTS)
                return (*columns[:start], field, *columns[start + 1:])
    return columns


# --------------------------------------------------------------------------- scoring


def _own(ledger: Ledger) -> frozenset[str]:
    return frozenset(f.name for f in ledger.fields)


def _field_words(ledger: Ledger) -> str:
    return "、".join(ledger.words[:4])


ColumnCase = tuple[float, bool, frozenset[str], tuple[str, ...], str]


def column_case(ledger: Ledger, columns: tuple[Column, ...]) -> ColumnCase:
    """What a header's columns alone say for ``ledger``: (score, confirmed, fields named, evidence,
    the headings that name no field). ``table.header_columns`` keeps it with the columns, once per
    distinct header: a sheet per month or village repeats its header."""
    own = _own(ledger)
    score = 0.0
    evidence: list[str] = []
    confirmed = False
    named: set[str] = set()
    for c in columns:
        f = c.field
        if f is None:
            continue
        named.add(f.name)
        if f.kind == "place":
            score += PLACE_WEIGHT
        elif f.name in own and f.kind != "derived" and f.kind not in NO_EVIDENCE_KINDS:
            score += FIELD_WEIGHTS[(f.anchor, c.specific)]
            confirmed = confirmed or c.specific
            shown = c.synonym if c.parts_kind == DATE_PARTS and c.synonym and "/" in c.synonym else c.header
            evidence.append(f"「{shown}」→{f.label}" + ("" if c.specific else "（通用列名）"))
    unclaimed = " ".join(c.header for c in columns if c.field is None)
    return score, confirmed, frozenset(named), tuple(evidence), unclaimed


def score_candidate(
    ledger: Ledger, columns: tuple[Column, ...], context: list[tuple[str, str]], case: ColumnCase | None = None
) -> Candidate:
    """``ledger``'s case for a header's ``columns`` under ``context`` ((source, text) pairs);
    ``case`` is ``column_case(ledger, columns)`` when already known."""
    score, confirmed, named, field_evidence, unclaimed = case or column_case(ledger, columns)
    evidence = list(field_evidence)
    # The ledger's words wherever else they stand: headings that name no field, the title,
    # the sheet, file and folder names.
    sources = []
    for label, text in [("表头", unclaimed), *context]:
        word = _first_word(ledger.words, text) if text else None
        if word is not None and label not in (s for s, _ in sources):
            sources.append((label, word))
    if sources:
        confirmed = True
        score += min(CONTEXT_CAP, CONTEXT_WEIGHT + CONTEXT_MORE * (len(sources) - 1))
        evidence += [f"{label}含「{word}」" for label, word in sources]
    if ledger.name == "funds" and not confirmed and (money_in := _account_columns(columns)) is not None and (
            where := next((label for label, text in context if label in _ACCOUNT_SOURCES and text and "三送" in text),
                          None)) is not None:
        # 收入 beside 支出 where the title, sheet or file names the 三送 work (三送资金收支台账): the work's money kept as
        # an account. A village's own 收支明细账 is none (its money is the village's, 三送 funds among other income),
        # nor is one whose folder alone names it (the raw folder of the 三送 ledgers holds other tables too).
        confirmed = True
        evidence.append(f"「{money_in}」与「支出」两列，{where}含「三送」→三送资金收支账")
    for label, text in context:
        if label in _PENALISED_SOURCES and text and (word := _first_word(OTHER_TABLE_WORDS, text)):
            score -= OTHER_TABLE_PENALTY
            evidence.append(f"{label}含「{word}」，像是其他表格")
            break
    if any(c.field is not None and c.field.kind == "household" and "户" not in c.header for c in columns) and (
            official := next((c.header for c in columns if c.field is None and _OFFICIAL_HEADING.match(c.header)), None)):
        score -= OTHER_TABLE_PENALTY
        evidence.append(f"表头含「{official}」，像是干部名单")
    if ledger.name == "visits" and "visit_date" not in named and (
            line := next((text for label, text in context if label == DAY_LINES_SOURCE), None)) is not None:
        # lines of their own naming each day over its visits (2011年3月5日 … 3月8日): the log's date column
        named = named | {"visit_date"}
        score += FIELD_WEIGHTS[(True, False)]
        evidence.append(f"表中有写明日期的行（如「{line}」）→走访日期")
    if ledger.name == "visits" and "visit_date" not in named and (day := day_in_sources(context)) is not None:
        # a one-day log (2011年3月5日走访记录, a sheet 3月5日): the day its title or sheet names is every visit's
        named = named | {"visit_date"}
        score += FIELD_WEIGHTS[(True, False)]
        evidence.append(f"标题或工作表名写明日期「{day:%Y-%m-%d}」→走访日期")
    missing = []
    for alternatives in ledger.needs:
        if not named.intersection(alternatives):
            labels = "或".join(ledger.field(name).label for name in alternatives[:3])
            missing.append(f"没有{labels}列")
    if not confirmed:
        missing.append(f"表头、标题、工作表名和文件名中都没有能确认是{ledger.label}的词（如{_field_words(ledger)}）")
    return Candidate(ledger, score, confirmed, _complete(ledger, named), columns, tuple(evidence), tuple(missing))


def _account_columns(columns: tuple[Column, ...]) -> str | None:
    """The heading of a funds list's money in (收入, 收入金额) where a column of money out (支出) stands beside it: a
    list kept as an account. None otherwise."""
    fields = {c.field.name: c for c in columns if c.field is not None}
    money_in, money_out = fields.get("amount_yuan"), fields.get("spent_yuan")
    if money_in is None or money_out is None or not (money_in.synonym or "").startswith("收"):
        return None
    return money_in.header


@lru_cache(maxsize=65536)
def _first_word(words: tuple[str, ...], text: str) -> str | None:
    """The first of ``words`` that ``text`` holds. Asked for every ledger of every header option
    of every sheet, of titles, sheet, file and folder names that recur across a folder."""
    return next((w for w in words if w in text), None)


def _complete(ledger: Ledger, named: frozenset[str] | set[str]) -> bool:
    return all(named.intersection(alternatives) for alternatives in ledger.needs)


NO_HEADER = Recognition("not_recognised", None, None, "没有找到表头：没有一行列出两个以上的台账列名")


def decide(candidates: list[Candidate]) -> Recognition:
    """The verdict from every ledger's case (any order)."""
    ranked = sorted(candidates, key=lambda c: (-c.eligible, -c.score))
    if not ranked or ranked[0].score <= 0 and not ranked[0].confirmed:
        return NO_HEADER
    best = ranked[0]
    runner = ranked[1] if len(ranked) > 1 and ranked[1].score > 0 else None
    if runner is not None and runner.eligible and best.score - runner.score < MARGIN and not _rival(best, runner):
        best, runner = runner, best  # the runner-up reads all the best reads, and more
    if not best.eligible:
        return Recognition("not_recognised", best, runner, _why_not(best))
    # A runner-up close behind that names all its ledger needs and reads columns the best leaves
    # unread is another reading of the same sheet, confirmed or not: the reader does not choose.
    if runner is not None and runner.complete and best.score - runner.score < MARGIN and _rival(runner, best):
        reason = (
            f"最像{best.ledger.label}（得分{best.score:.1f}），但与{runner.ledger.label}（得分{runner.score:.1f}）"
            f"相差不到{MARGIN:.0f}分，无法确定"
        )
        return Recognition("not_recognised", best, runner, reason)
    # A ledger that explains the sheet better, confirmed, but lacking a column it needs (a list of
    # relief handed out: 慰问金 and 户主, but a 发放日期 that is no visit date) is not overruled by
    # a weaker ledger that happens to be complete: the sheet is neither, as far as the reader can tell.
    stronger = next((c for c in ranked[1:] if c.confirmed and c.score > best.score and _rival(c, best)), None)
    if stronger is not None:
        reason = (
            f"最像{stronger.ledger.label}（得分{stronger.score:.1f}），但{'；'.join(stronger.missing)}；"
            f"按{best.ledger.label}读（得分{best.score:.1f}）又说明不了它的其他列，无法确定"
        )
        return Recognition("not_recognised", stronger, best, reason)
    return Recognition("recognised", best, runner, None)


def _own_columns(candidate: Candidate) -> set[int]:
    own = _own(candidate.ledger)
    return {c.index for c in candidate.columns
            if c.field is not None and c.field.name in own and c.field.kind not in NO_EVIDENCE_KINDS}


def _rival(runner: Candidate, best: Candidate) -> bool:
    """Whether the runner-up reads some column the best leaves unread. A ledger whose columns
    are all the best's too (a visit log's 帮扶对象 and 帮扶责任人 are also a roster's words) is
    no rival: the best explains all it explains, and more."""
    return bool(_own_columns(runner) - _own_columns(best))


def _why_not(best: Candidate) -> str:
    lead = f"最像{best.ledger.label}（得分{best.score:.1f}）"
    if best.missing:
        return f"{lead}，但{'；'.join(best.missing)}"
    return f"{lead}，但得分低于识别所需的{MIN_SCORE:.0f}分，证据不足"
