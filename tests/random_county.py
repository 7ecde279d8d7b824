"""A county written at random the ways work teams lay out their ledgers, with the figures it must give.

``write_county(raw, seed)`` writes two or three townships' ledgers under ``raw`` and returns each
township's figures (contract §5) as the ledgers were written: households assigned and poor, households
visited (a visit entered twice counted once), visits, funds raised, disputes and those resolved,
farmland benefited; and the days its visits, sums and disputes bear (a day read as another moves no
total but every figure of a period). The layouts vary along the axes a reader meets in every county and must take in its
stride, each drawn independently, so that the trials together try their combinations:

- filed in the township's folder (葛坳乡, or 葛坳 with the roster's file naming 葛坳乡), or loose with the township
  named in the file's name and titles;
- titles written by an office (葛坳乡人民政府…, 中共三百山镇委员会…, 县直机关驻…), a village as 澄江行政村,
  澄江村委会, 澄江村（贫困村）, or the village named only by its tab (澄江) or not at all;
- a roster as a sheet per village, a workbook per village with a tab per group (一组, 第2村民小组), one sheet
  with a 村 column (merged down or written on every row, with village subtotals), or a list of people under
  each head, numbered or not, with ages or not; its poor column as 是 / 否,
  √ / ×, Y / N or 户别 / 类别 holding 贫困户 / 一般户; identity-card, phone and 家庭人口 columns beside; its
  header on one row or two (基本情况 merged over its sub-columns) under a 填报单位 or 单位 line or a blank row;
  Excel's empty Sheet2 and Sheet3 left in;
- headings as offices type them, each field's from a dozen words (户主名字, 包扶户, 群众姓名, 帮扶日期, 三送干部, 款额,
  资金到位时间, 反映时间, 化解与否, 所办实事, 惠及农田, 竣工年月 …): spaced out (户 主), broken over two lines, brackets half-width; groups
  written 1组, 一组, 第一组, 第1村民小组 or 第一村民小组 (a roster and a log each its own way);
- a poor household's standing after its head's name on the roster (李四 五保户, 王五贫困户, 李四【五保户】, 李四-低保户);
- visits as a file or tab per village, one sheet with a 村 column, or a sheet per month (its month in the
  title and on the tab — 3月, 3月份, 三月, 2011.3, 2011-03 — or on the tab alone); with or without
  序号, their columns in either order, on one header row or under 走访情况 merged across them, an empty column
  left among them; the village and group in two columns (the village perhaps without 村: 澄江) or one 村组
  (澄江村3组), or the group before the name (3组张三); no date column, each day on a line of its own over its
  visits (2011年3月5日); dates as dates, Excel serial numbers or text of nine kinds (20110305, full-width digits,
  二〇一一年三月五日, 3月5日 with the year in the title — or a date cell shown 3月5日, typed up a year later —, a month
  sheet's day alone) under a title perhaps
  followed by the whole period (（2011年3月至6月）); a day's, a cadre's or a village's cells merged down their
  rows; 慰问金 handed out and the person met (被走访人) beside; households written 张三户 / 张三家 / 张三（澄江村）, names with a stray space, cadres with their
  unit, or named on a line over their rows (走访干部：, 帮扶干部：, 走访人：; the cadre column then perhaps
  left out); dates with a time of day; a visit entered twice; phone numbers; a 填报单位 line, blank rows,
  subtotals (小计, 总计, 本月共走访…) and signature lines; a 汇总 tab counting each village's visits;
  a roster's two-character names spaced to three (张　明); two heads of one name in one village, in two groups;
- funds in 元 or 万元, said in the amount's heading, on a 单位 line over the header or not at all, what was
  planned beside what came in (计划筹资 | 实际到位), a sum broken down under it (其中：县级 | 乡级), a 合计 summed by
  a formula (=SUM(F4:F9), saved without its result as openpyxl and xlwt save it; its result in a CSV), 万元 shown
  only by the cells' number format (0.00"万元" or G/通用格式"万元"; 5.00万元 or 5万元 in a CSV), the amounts typed again beside the old ones under
  the same heading, the old column hidden (隐藏); amounts as text (1,000 / 5000元 / ￥5000 / 0.5万 / 1.2万元 /
  一万二千元 / 壹万贰仟元整 / 1.2万余元 / 约5000元); disputes with outcomes in words or 是否化解 | 是 / 否, √ / ×,
  dates in six forms; projects
  with their farmland in 亩 or 公顷 (as numbers, 300亩 or 三百亩; none as 0, /, — or 无) under 受益情况 written
  once over 农田（亩） | 户数, or in its own column, their investment perhaps by source under 其中;
- a township's ledgers each a workbook, or all tabs of one; the townships' disputes at times in one county
  office's list instead (乡镇 | 村 | …, a township written 葛坳乡 or 葛坳);
- a third of the workbooks saved as .xls (WPS) and some one-sheet ones as .csv (GB18030 or UTF-8).

No row of it is one a person would reject, and nothing is left for a person to judge: every figure is
certain from the ledgers, so the clean must give it exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import openpyxl

from tests.one_sheet import Shown, write_sheets

SURNAMES = "张李王刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许邓冯韩曹曾彭肖蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢傅钟姜"
GIVEN = ("明", "华", "强", "芳", "建国", "秀英", "桂英", "志强", "玉兰", "德华", "春生", "水生", "金花", "冬梅", "长根", "福生", "小平", "海军", "丽华")
TOWNSHIPS = ("葛坳乡", "黄坑乡", "龙布镇", "孔田镇", "三百山镇")
VILLAGES = ("澄江村", "桥头村", "上坪村", "黄竹村", "和平新村")
CADRES = ("李明", "王强", "刘华", "陈刚")
KINDS = ("入户走访", "送温暖", "座谈")
OUTCOMES = {"resolved": ("已化解", "调解成功", "达成协议"), "unresolved": ("未化解", "调解不成功"),
            "pending": ("调处中", "正在调处"), "referred": ("移交司法所", "已移交")}
FIGURES = ("households_assigned", "poor_households_assigned", "households_visited", "poor_households_visited", "visits",
           "funds_raised_yuan", "disputes_total", "disputes_resolved", "farmland_benefited_mu")


def write_county(raw: Path, seed: int) -> dict[str, dict]:
    """Two or three townships' ledgers under ``raw``; each township's figures as written (``FIGURES``) and,
    under ``dates``, the days its visits (each once), sums raised and disputes were written with, sorted."""
    rng = random.Random(seed)
    merged: set[Path] = set()  # workbooks whose merged cells a CSV would lose
    # A county office's own list of every township's disputes (乡镇 | 村 | …) in place of the townships' lists.
    county: list[list[object]] | None = [] if rng.random() < 0.2 else None
    expected = {township: _township(rng, raw, township, merged, county) for township in rng.sample(TOWNSHIPS, rng.randint(2, 3))}
    if county:
        _county_disputes(rng, raw / "县综治办矛盾纠纷排查调处汇总表.xlsx", county)
    for path in sorted(raw.rglob("*.xlsx")):
        draw = rng.random()
        if draw < 0.3:
            _as_xls(path)
        elif draw < 0.45 and path not in merged:
            _as_csv(path, rng.choice(("gb18030", "utf-8-sig", "utf-8")))
    return expected


class _Books:
    """Where a township's ledgers go: a workbook each, or every one a tab of one workbook (a team's 三送工作台账)."""

    def __init__(self, one: Path | None, merged: set[Path]):
        self.one, self.merged = one, merged
        self.sheets: dict[str, list[list[object]]] = {}
        self.merges: dict[str, list] = {}
        self.hidden_cols: dict[str, tuple[str, ...]] = {}

    def write(self, path: Path, sheets: dict[str, list[list[object]]], merges: dict[str, list] | None = None,
              hidden_cols: dict[str, tuple[str, ...]] | None = None) -> None:
        merges, hidden_cols = merges or {}, hidden_cols or {}
        if self.one is None:
            write_sheets(path, sheets, merges, hidden_cols=hidden_cols)
            if any(merges.values()) or any(hidden_cols.values()):  # a CSV keeps neither
                self.merged.add(path)
            return
        for name, rows in sheets.items():
            assert name not in self.sheets, name  # the writers name their tabs apart in one workbook
            self.sheets[name], self.merges[name] = rows, merges.get(name, [])
            self.hidden_cols[name] = hidden_cols.get(name, ())

    def close(self) -> None:
        if self.one is not None and self.sheets:
            write_sheets(self.one, self.sheets, self.merges, hidden_cols=self.hidden_cols)


def _names(rng: random.Random, n: int) -> list[str]:
    names: set[str] = set()
    while len(names) < n:
        names.add(rng.choice(SURNAMES) + rng.choice(GIVEN))
    return sorted(names)


def _date(d: dt.date, style: str) -> object:
    # Some days typed otherwise, as another hand in the office types them (no draw of the county's: its seeds stay):
    # the input method's dash for a hyphen, the day's 日 kept after figures.
    if style == "iso" and d.day % 4 == 0:
        return f"{d.year}—{d.month}—{d.day}"
    if style == "dot" and d.day % 5 == 0:
        return f"{d.year}.{d.month}.{d.day}日"
    if style == "md" and d.day % 3 == 0:  # 3月5日 as a date cell typed up a year later: 2012 stored, 3月6日 shown
        return Shown(dt.datetime(d.year + 1, d.month, d.day), 'm"月"d"日"')
    return {
        "date": dt.datetime(d.year, d.month, d.day), "time": dt.datetime(d.year, d.month, d.day, 14, 30), "day": d.day,
        "iso": f"{d.year}-{d.month}-{d.day}", "dot": f"{d.year}.{d.month}.{d.day}", "cn": f"{d.year}年{d.month}月{d.day}日",
        "slash": f"{d.year}/{d.month:02d}/{d.day:02d}", "md": f"{d.month}月{d.day}日",
        "serial": (d - dt.date(1899, 12, 30)).days, "compact": f"{d:%Y%m%d}",
        "full": f"{d.year}年{d.month}月{d.day}日".translate(_FULL_WIDTH),
        "words": f"{''.join('〇一二三四五六七八九'[int(ch)] for ch in str(d.year))}年{_numeral(d.month)}月{_numeral(d.day)}日",
    }[style]


def _numeral(n: int) -> str:
    """1-31 in Chinese numerals: 五, 十一, 二十三."""
    digits = "〇一二三四五六七八九"
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones else "")


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _heading(rng: random.Random, text: str) -> str:
    """A heading as offices type it: mostly as is, else spaced out (户 主), broken over two lines before its
    bracket or in its middle, or its brackets half-width with a space after."""
    draw = rng.random()
    if draw < 0.6 or len(text) < 2:
        return text
    if draw < 0.72 and len(text) <= 4:
        return rng.choice((" ", "　")).join(text)
    if draw < 0.88:
        cut = text.index("（") if "（" in text else len(text) // 2
        return text[:cut] + rng.choice(("\n", "\r\n")) + text[cut:]
    return text.replace("（", "(").replace("）", ")") + " "


_DIGITS = "〇一二三四"


def _group(n: int, style: str) -> str:
    """Group ``n`` (1-4) as a ledger writes it."""
    return {"1组": f"{n}组", "一组": f"{_DIGITS[n]}组", "第一组": f"第{_DIGITS[n]}组", "第1村民小组": f"第{n}村民小组",
            "第一村民小组": f"第{_DIGITS[n]}村民小组"}[style]


GROUP_STYLES = ("1组", "一组", "第一组", "第1村民小组", "第一村民小组")


def _id_number(rng: random.Random) -> str:
    """An identity-card number of the county's form (its check character not worked out)."""
    return f"360726{rng.randint(1940, 1995)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}" + rng.choice("0123456789X")


def _township(rng: random.Random, raw: Path, township: str, merged: set[Path], county: list | None) -> dict:
    filed = rng.random() < 0.7
    # The folder named by the bare word (葛坳, not 葛坳乡), the roster then naming the township in its file's name.
    bare = filed and rng.random() < 0.2
    folder = raw / (township[:-1] if bare else township) if filed else raw
    loose = "" if filed else township  # a loose file names its township
    books = _Books(folder / f"{township if bare else loose}2011年三送工作台账.xlsx" if rng.random() < 0.2 else None, merged)

    def office() -> str:
        if filed and rng.random() < 0.5:
            return rng.choice(("", "县交通局驻", "县直单位驻"))
        return rng.choice((township, f"{township}人民政府", f"中共{township}委员会", f"安远县{township}", f"县直机关{township}"))

    villages = rng.sample(VILLAGES, rng.randint(1, 3))
    roster: dict[tuple[str, str, int], bool] = {}  # (village, head, group) → poor
    for village in villages:
        for name in _names(rng, rng.randint(3, 8)):
            roster[(village, name, rng.randint(1, 4))] = rng.random() < 0.4
    # Namesakes: two heads of one name in one village, told apart by their groups (the logs then write the group).
    namesakes = rng.random() < 0.25
    if namesakes:
        village, name, group = rng.choice(list(roster))
        roster[(village, name, group % 4 + 1)] = rng.random() < 0.4
    _roster(rng, books, folder / f"{township if bare else loose}包扶对象名单.xlsx", township if bare else loose, villages, roster)
    visits = _visits(rng, books, folder, loose, office, villages, roster, namesakes)
    funds = _funds(rng, books, folder / f"{loose}筹资台账.xlsx", loose, villages)
    if county is None:
        disputes = _disputes(rng, books, folder / f"{loose}矛盾纠纷台账.xlsx", loose, villages)
    else:  # the county's list: this township's rows, its name as the county office writes it (葛坳乡, or 葛坳)
        written = rng.choice((township, township, township[:-1]))
        disputes = [(day, outcome) for day, outcome, _ in (_dispute(rng) for _ in range(rng.randint(0, 4)))]
        county.extend([written, rng.choice(villages), day, outcome] for day, outcome in disputes)
    farmland = _projects(rng, books, folder / f"{loose}办实事项目台账.xlsx", loose, villages)
    books.close()
    visited = {key for key, *_ in visits}
    # The days written, as each ledger's frame must hold them: every visit's (once), every sum's and dispute's.
    dates = {"visits": sorted(day for _, day, *_ in visits), "funds": sorted(day for day, _ in funds),
             "disputes": sorted(day for day, _ in disputes)}
    funds, disputes = [amount for _, amount in funds], [outcome for _, outcome in disputes]
    return {"dates": dates, **{
        "households_assigned": len(roster), "poor_households_assigned": sum(roster.values()),
        "households_visited": len(visited), "poor_households_visited": sum(roster[key] for key in visited),
        "visits": len(visits), "funds_raised_yuan": float(sum(funds)), "disputes_total": len(disputes),
        "disputes_resolved": disputes.count("resolved"), "farmland_benefited_mu": float(farmland),
    }}


# A roster's poor column's headings, each with whether it holds a category (贫困户 / 一般户) rather than 是 / 否.
POOR_HEADINGS = {"是否贫困户": False, "贫困户": False, "户别": True, "类别": True, "是否建档立卡贫困户": False, "户类型": True,
                 "是否精准扶贫户": False, "是否扶贫户": False, "贫困类别": True, "家庭属性": True}


def _roster(rng, books: _Books, path: Path, loose: str, villages: list[str], roster: dict) -> None:
    name_h = rng.choice(("户主姓名", "户主", "包扶对象", "农户姓名", "帮扶对象", "结对户", "户主名字", "包扶户", "帮扶农户",
                         "结对对象"))
    poor_h = rng.choice(tuple(POOR_HEADINGS))
    category = POOR_HEADINGS[poor_h]
    group_h = rng.choice(("组别", "村小组", "组", "村民小组", "所在组", "所属小组", "小组名称", "居住组"))
    group_style = rng.choice(GROUP_STYLES)
    yes, no = rng.choice((("是", "否"), ("是", ""), ("√", ""), ("√", "×"), ("Y", "N")))

    def poor(p: bool) -> str:
        if category:
            return "贫困户" if p else "一般户"
        return yes if p else no

    layout = rng.choice(("sheet_per_village", "village_column", "people", "sheet_per_group"))
    if books.one is not None and layout == "sheet_per_group":
        layout = "village_column"  # (a workbook per village)
    padded = rng.random() < 0.5  # 张　明: a two-character name spaced to the width of three
    stray = rng.random() < 0.2  # a space typed before or after a name
    # Columns a roster carries beside: identity-card and phone numbers (never to leave the raw folder), members.
    extra = [h for h in ("身份证号码", "联系电话", "家庭人口") if rng.random() < 0.3]
    two_rows = layout != "people" and rng.random() < 0.25  # 基本情况 merged over its sub-columns
    above = rng.choice(([], [], [["填报单位：三送工作组"]], [[]], [["单位：户、人"]]))  # a line or a blank row over the header

    def spaced(name: str, p: bool = False) -> str:
        # A poor household's standing noted after its head's name, a space between or none, in brackets or after a
        # dash or comma (李四 五保户, 王五贫困户, 李四【五保户】, 李四-低保户, 李四，贫困户; drawn without a draw): not part
        # of the name.
        if p and (ord(name[0]) + ord(name[-1])) % 6 == 0:
            standing = ("五保户", "低保户", "贫困户")[ord(name[0]) % 3]
            way = ord(name[-1]) % 10
            name += (f"【{standing}】" if way == 6 else f"〔{standing}〕" if way == 7 else f"-{standing}" if way == 8
                     else f"，{standing}" if way == 9 else " " * (ord(name[0]) % 2) + standing)
        if padded and len(name) == 2:
            name = name[0] + rng.choice(("　", "  ")) + name[1:]
        return rng.choice((" ", "", "　")) + name + rng.choice((" ", "")) if stray else name

    def extras() -> list[object]:
        values = {"身份证号码": _id_number(rng), "联系电话": f"1{rng.choice('358')}{rng.randint(10**8, 10**9 - 1)}",
                  "家庭人口": rng.randint(1, 7)}
        return [values[h] for h in extra]

    def header(first: list[str], sheet: str, merges: dict, grouped: bool = True) -> list[list[object]]:
        """The header under ``above``: ``first`` then the household's columns (its group's where ``grouped``)
        and the extras, on one row or two (基本情况 over the household's; 其他 over the extras)."""
        own = [group_h, name_h, poor_h] if grouped else [name_h, poor_h]
        cells = [*own, *extra]
        if not two_rows:
            return [[_heading(rng, h) for h in [*first, *cells]]]
        top = len(above) + 2  # the title, the lines above, then this row (1-based)
        merges.setdefault(sheet, [])
        for c in range(1, len(first) + 1):
            merges[sheet].append((top, c, top + 1, c))
        merges[sheet].append((top, len(first) + 1, top, len(first) + len(own)))
        if extra:
            merges[sheet].append((top, len(first) + len(own) + 1, top, len(first) + len(own) + len(extra)))
        group_row = [*first, "基本情况", *([None] * (len(own) - 1)), *(["其他情况"] + [None] * (len(extra) - 1) if extra else [])]
        return [group_row, [*([None] * len(first)), *(_heading(rng, h) for h in cells)]]

    sheets: dict[str, list[list[object]]] = {}
    merges: dict[str, list] = {}
    if layout == "sheet_per_group":  # a workbook per village, a tab per group (一组, 第2村民小组): the group its tab's
        for village in villages:
            sheets, merges = {}, {}
            tab_style = rng.choice(GROUP_STYLES)
            for group in sorted({g for v, _, g in roster if v == village}):
                tab = _group(group, tab_style)
                rows = [[f"{loose}{village}三送包扶对象名单"], *above, *header(["序号"], tab, merges, grouped=False)]
                mine = [(name, p) for (v, name, g), p in roster.items() if v == village and g == group]
                sheets[tab] = rows + [[i + 1, spaced(name, p), poor(p), *extras()] for i, (name, p) in enumerate(mine)]
            books.write(path.with_name(f"{loose}{village}包扶对象名单.xlsx"), sheets, merges)
        return
    if layout == "sheet_per_village":
        for village in villages:
            tab = village + "名单" if books.one is not None else rng.choice((village, village[:-1]))  # 澄江村 or 澄江
            title = f"{loose}{village}三送包扶对象名单" if rng.random() < 0.6 else f"{loose}三送包扶对象名单"
            rows = [[title], *above, *header(["序号"], tab, merges)]
            mine = [(k, v) for k, v in roster.items() if k[0] == village]
            rows += [[i + 1, _group(group, group_style), spaced(name, p), poor(p), *extras()]
                     for i, ((_, name, group), p) in enumerate(mine)]
            if rng.random() < 0.5:
                rows.append(["合计", None, f"{len(mine)}户"])
            sheets[tab] = rows
    elif layout == "village_column":
        rows = [[f"{loose}三送包扶对象花名册"], *above, *header(["序号", "村"], "名单", merges)]
        merge = rng.random() < 0.5
        subtotals = rng.random() < 0.4
        n = 0
        merges.setdefault("名单", [])
        for village in villages:
            first = len(rows) + 1
            mine = [(k, v) for k, v in roster.items() if k[0] == village]
            for (_, name, group), p in mine:
                n += 1
                rows.append([n, village if not merge or len(rows) + 1 == first else None, _group(group, group_style), spaced(name, p),
                             poor(p), *extras()])
            if merge and len(rows) > first:
                merges["名单"].append((first, 2, len(rows), 2))
            if subtotals:
                rows.append([f"{village}小计", None, None, f"{len(mine)}户"])
        if rng.random() < 0.5:
            rows.append(["注：本表由各村填报，乡三送办汇总。"])
        sheets["名单"] = rows
    else:  # a list of people: each head's row, then the members'
        serial, ages = rng.random() < 0.7, rng.random() < 0.7  # a 序号 column numbering the heads; a 年龄 column
        rows = [[f"{loose}三送帮扶对象家庭成员花名册"], *above,
                [_heading(rng, h) for h in (*(["序号"] if serial else []), "村", group_h, "姓名", "与户主关系", *(["年龄"] if ages else []),
                                            poor_h, *extra)]]
        for i, ((village, name, group), p) in enumerate(roster.items()):
            rows.append([*([i + 1] if serial else []), village, _group(group, group_style), name, "户主",
                         *([rng.randint(30, 70)] if ages else []), poor(p), *extras()])
            for relation in rng.sample(("妻子", "长子", "次女", "孙子", "母亲"), rng.randint(0, 3)):
                rows.append([*([None] if serial else []), village, _group(group, group_style), rng.choice(SURNAMES) + rng.choice(GIVEN),
                             relation, *([rng.randint(1, 80)] if ages else []), None, *([None] * len(extra))])
        sheets["名单"] = rows
    if rng.random() < 0.2 and books.one is None:
        sheets.update({"Sheet2": [], "Sheet3": []})  # the sheets Excel makes, left empty
    books.write(path, sheets, merges)


def _visits(rng, books: _Books, folder: Path, loose: str, office, villages: list[str], roster: dict, namesakes: bool) -> set:
    """The visit logs; the visits as (household, date, cadre, kind), each once."""
    truth: set = set()
    by_village: dict[str, list] = {}
    # Cells of one value down consecutive rows (a day's visits, a cadre's, a village's) merged into one.
    merged_runs = rng.random() < 0.2
    for village in villages:
        households = [k for k in roster if k[0] == village]
        entries = []
        days = [dt.date(2011, rng.randint(3, 6), rng.randint(1, 28)) for _ in range(3)]  # when merged: a few days' visits
        for key in rng.sample(households, rng.randint(0, len(households))):
            for _ in range(rng.randint(1, 3)):
                day = rng.choice(days) if merged_runs else dt.date(2011, rng.randint(3, 6), rng.randint(1, 28))
                visit = (key, day, rng.choice(CADRES), rng.choice(KINDS))
                entries.append(visit)
                truth.add(visit)
        if entries and rng.random() < 0.3:
            entries.append(rng.choice(entries))  # entered twice
        entries.sort(key=lambda e: e[1])
        by_village[village] = entries
    style = rng.choice(("date", "iso", "dot", "cn", "slash", "md", "time", "serial", "compact", "full", "words"))
    year = "2011年" if style == "md" or rng.random() < 0.5 else ""
    heads = (rng.choice(("走访日期", "走访时间", "日期", "入户时间", "慰问时间", "到户日期", "走访年月日", "帮扶日期")),
             rng.choice(("户主姓名", "走访对象", "被走访户", "走访农户", "户主", "被走访户主", "农户姓名", "受访户", "群众姓名",
                         "慰问户", "帮扶农户", "结对对象", "贫困户户主")),
             rng.choice(("走访干部", "走访人", "帮扶干部", "帮扶责任人", "结对干部", "走访人员", "包村干部", "队员姓名", "帮扶人员",
                         "驻村队员", "三送干部")),
             rng.choice(("走访形式", "走访方式", "走访类型", "形式", "走访事项", "活动形式")))
    with_group, phone = namesakes or rng.random() < 0.5, rng.random() < 0.3
    group_in_name = not with_group and rng.random() < 0.2  # 3组张三 where there is no group column
    relief = rng.random() < 0.2  # 慰问金 handed out on a visit: never funds raised
    bare_villages = rng.random() < 0.2  # the 村 column's villages written without 村 (澄江)
    met = heads[1] in ("户主姓名", "户主", "农户姓名") and rng.random() < 0.3  # 被走访人 beside: the person met, a member at times
    village_group = with_group and rng.random() < 0.3  # one 村组 column: 澄江村3组
    suffix = rng.choice(("", "", "户", "家"))
    group_style, cadre_unit, cadre_lines = rng.choice(GROUP_STYLES), rng.random() < 0.3, rng.random() < 0.25
    stray = rng.random() < 0.2  # a space typed before or after a name
    padded = rng.random() < 0.2  # 张　明
    two_rows = rng.random() < 0.2  # 走访情况 merged over the visit's four columns
    blank_column = rng.random() < 0.15  # an empty column left in the middle of the table
    subtitle = rng.choice((None, None, "（2011年3月—6月）", "（2011年3月至6月）", "统计时段：2011年3月1日至6月30日"))
    cadre_column = not cadre_lines or rng.random() < 0.5  # under cadre lines the column may be left out
    serial, swapped = rng.random() < 0.7, rng.random() < 0.3  # a 序号 column; date before household, form before cadre
    # No date column, each day written on a line of its own over its visits (2011年3月5日), where a sheet has two days
    day_lines = not cadre_lines and not merged_runs and not two_rows and rng.random() < 0.12
    kinds = ("三送走访登记表", "走访台账", "干部走访记录", "结对帮扶走访表")

    def village_words(village: str) -> str:
        return rng.choice((village, village, village[:-1] + "行政村", village + "委会", village + "（贫困村）", village + "三送工作组"))

    def before(village_column: bool) -> list[str]:
        """The headings before the visit's own: 序号, then the village's and group's (or one 村组)."""
        places = ["村组"] if village_group and village_column else [*(["村别"] if village_column else []),
                                                                   *(["组别"] if with_group else [])]
        return [*(["序号"] if serial else []), *places]

    def sheet(title: str, entries: list, village_column: bool, merges: list) -> list[list[object]]:
        """The log's rows; its merged ranges added to ``merges``; an empty column left before the visit's own."""
        rows = written(title, entries, village_column, merges)
        if not blank_column or two_rows or merged_runs:
            return rows
        at = len(before(village_column))
        first = next(i for i, row in enumerate(rows) if len(row) > 2)  # the header
        return [row[:at] + [None] + row[at:] if i >= first and len(row) > at else row for i, row in enumerate(rows)]

    def written(title: str, entries: list, village_column: bool, merges: list) -> list[list[object]]:
        cadres = cadre_column or village_column  # (cadre lines are written only in a log without a 村 column)
        lined = day_lines and len({e[1] for e in entries}) >= 2
        first = before(village_column)
        visit = [h for h in _in_order((heads[1], None if lined else heads[0], heads[2] if cadres else None, heads[3]), swapped)
                 if h is not None]
        after = [*(["被走访人"] if met else []), *([rng.choice(("慰问金（元）", "慰问金额", "发放慰问金（元）"))] if relief else []),
                 *(["联系电话"] if phone else []), "备注"]
        unit_line = [[f"填报单位：{rng.choice(('三送工作组', '县交通局'))}", None, None, "填报时间：2011年7月1日"]]
        rows: list[list[object]] = [[title], *([[subtitle]] if subtitle else []), *(unit_line if rng.random() < 0.3 else [])]
        if two_rows:  # 序号 | 村别 … merged down two rows, 走访情况 across the visit's columns
            top = len(rows) + 1
            merges.extend((top, c, top + 1, c) for c in [*range(1, len(first) + 1),
                                                         *range(len(first) + len(visit) + 1, len(first) + len(visit) + len(after) + 1)])
            merges.append((top, len(first) + 1, top, len(first) + len(visit)))
            rows.append([*first, "走访情况", *([None] * (len(visit) - 1)), *after])
            rows.append([*([None] * len(first)), *(_heading(rng, h) for h in visit), *([None] * len(after))])
        else:
            rows.append([_heading(rng, h) for h in [*first, *visit, *after]])

        def row(n: int, entry) -> list[object]:
            (village, name, group), day, cadre, kind = entry
            group = _group(group, "1组" if group_in_name and group_style not in ("1组", "一组") else group_style)
            if padded and len(name) == 2 and not group_in_name and not suffix:  # (spaced to align a name alone)
                name = name[0] + rng.choice(("　", " ", "  ")) + name[1:]
            if stray:
                name = rng.choice((" ", "", "　")) + name + rng.choice((" ", ""))
            if group_in_name:
                name = group + name
            elif not suffix and ord(name[-1]) % 9 == 0:  # the village in brackets after the name (drawn without a draw)
                name += ("（{}）", "({})", "【{}】")[ord(name[0]) % 3].format(village)
            cells = (name + suffix, _LEFT_OUT if lined else _date(day, style),
                     cadre + ("（县委办）" if cadre_unit else "") if cadres else _LEFT_OUT, kind)
            written = village[:-1] if bare_villages else village  # 澄江 for 澄江村 in a 村 column
            places = [village + group] if village_group and village_column else [
                *([written] if village_column else []), *([group] if with_group else [])]
            return [*([n] if serial else []), *places,
                    *(c for c in _in_order(cells, swapped) if c is not _LEFT_OUT),
                    *([rng.choice((name, name, rng.choice(SURNAMES) + rng.choice(GIVEN)))] if met else []),
                    *([rng.choice((200, 300, 500, None))] if relief else []),
                    *([f"13{rng.randint(10**8, 10**9 - 1)}"] if phone else []), rng.choice((None, "", "反映修路", "已解决"))]

        if cadre_lines and not village_column:
            n = 0
            label = rng.choice(("走访干部：{}", "帮扶干部：{}", "走访人：{}", "走访干部：{}（县委办）"))
            for cadre in dict.fromkeys(e[2] for e in entries):
                rows.append([label.format(cadre)])
                for entry in (e for e in entries if e[2] == cadre):
                    n += 1
                    rows.append(row(n, entry))
            return rows
        records: list[int] = []  # the records' rows, 0-based
        line_style = rng.choice(("cn", "iso", "date", "words"))
        for n, entry in enumerate(entries, start=1):
            if lined and (n == 1 or entry[1] != entries[n - 2][1]):
                rows.append([_date(entry[1], line_style)])  # the day's line over its visits
            records.append(len(rows))
            rows.append(row(n, entry))
            if rng.random() < 0.05 and not merged_runs:
                rows.append([])
        if merged_runs:  # a value down consecutive rows written once, merged over them
            at = len(first) + (0 if swapped else 1)
            columns = [at, *([len(first) + (3 if swapped else 2)] if cadres else []), *([int(serial)] if village_column else [])]
            for c in columns:
                start = 0
                for i in range(1, len(records) + 1):
                    if i < len(records) and rows[records[i]][c] == rows[records[start]][c]:
                        continue
                    if i - start > 1:
                        merges.append((records[start] + 1, c + 1, records[i - 1] + 1, c + 1))
                        for j in range(start + 1, i):
                            rows[records[j]][c] = None
                    start = i
        end = rng.random()
        if end < 0.25:
            rows.append(["小计", None, f"共走访{len(entries)}次"])
        elif end < 0.4:
            rows.append([f"本月共走访{len({e[0] for e in entries})}户{len(entries)}次"])
        elif end < 0.5:
            rows.append(["总计", None, len(entries)])
        if rng.random() < 0.3:
            rows.append([f"填表人：{rng.choice(CADRES)}", None, None, rng.choice(("审核人：王主任", "审核：王主任"))])
        return rows

    def summary_sheet() -> list[list[object]]:
        """A 汇总 tab beside the logs: each village's households and visits counted, never records themselves."""
        rows: list[list[object]] = [[f"{loose}三送走访情况汇总表"], ["村", "包扶户数", "走访户数", "走访次数"]]
        for village in villages:
            entries = by_village[village]
            rows.append([village, sum(1 for k in roster if k[0] == village), len({e[0] for e in entries}), len(entries)])
        rows.append(["合计", len(roster), sum(r[2] for r in rows[2:]), sum(r[3] for r in rows[2:])])
        return rows

    layout = rng.choice(("file_per_village", "sheet_per_village", "village_column", "sheet_per_month"))
    if books.one is not None and layout == "file_per_village":
        layout = "sheet_per_village"  # (one workbook)
    if layout == "sheet_per_month" and rng.random() < 0.3:
        style = "day"  # a month sheet's dates as the day alone, 5 / 12
    merges: dict[str, list] = {}
    if layout == "file_per_village":
        for village in villages:
            title = f"{office()}{village_words(village)}{year}{rng.choice(kinds)}"
            tab = rng.choice(("Sheet1", "走访记录", village))
            merges = {tab: []}
            books.write(folder / f"{loose}{village}走访登记表.xlsx", {tab: sheet(title, by_village[village], False, merges[tab])}, merges)
        return truth
    sheets = {}
    if layout == "sheet_per_village":
        for village in villages:
            tab = village + "走访" if books.one is not None else rng.choice((village, village[:-1]))
            named = village_words(village) if rng.random() < 0.6 or tab != village else ""
            sheets[tab] = sheet(f"{office()}{named}{year}{rng.choice(kinds)}", by_village[village], False, merges.setdefault(tab, []))
    else:
        entries = [e for village in villages for e in by_village[village]]
        if layout == "village_column":
            sheets = {"走访": sheet(f"{office()}{year}{rng.choice(kinds)}", entries, True, merges.setdefault("走访", []))}
        else:
            # The month in the title and on the tab (3月, 三月, 3月份, 2011.3, 2011-03), or on the tab alone.
            tab_style, titled = rng.choice(("{}月", "{}月份", "cn", "2011.{}", "2011-{:02d}")), rng.random() < 0.7
            for m in range(3, 7):
                tab = f"{_numeral(m)}月" if tab_style == "cn" else tab_style.format(m)
                title = f"{loose}2011年{m}月三送走访登记表" if titled else f"{loose}2011年三送走访登记表"
                sheets[tab] = sheet(title, [e for e in entries if e[1].month == m], True, merges.setdefault(tab, []))
    if rng.random() < 0.3:
        sheets[rng.choice(("汇总", "汇总表", "统计"))] = summary_sheet()
    books.write(folder / f"{loose}三送走访登记表.xlsx", sheets, merges)
    return truth


_LEFT_OUT = object()  # a cell of a column the log does not have


def _in_order(cells: tuple, swapped: bool) -> tuple:
    """(household, date, cadre, kind) as written: or date, household, kind, cadre."""
    return (cells[1], cells[0], cells[3], cells[2]) if swapped else cells


# Amounts written out in words, as a clerk types them: (amount, its words), in 元.
_AMOUNT_WORDS = {500: ("五百元", "伍佰元整"), 1000: ("一千元", "壹仟元整"), 1500: ("一千五百元", "壹仟伍佰元"), 2000: ("两千元", "贰仟元整"),
                 5000: ("五千元", "伍仟元整"), 12000: ("一万二千元", "壹万贰仟元整"), 30000: ("三万元", "叁万元整")}


def _amount_text(rng, amount: int) -> str:
    """``amount`` yuan as text a ledger holds: with separators, a currency sign, 元 or 万, in words."""
    forms = [f"{amount:,}", f"{amount}元", f"{amount}.00", f"￥{amount}", f"{amount:,}.00", *_AMOUNT_WORDS[amount]]
    # With a qualifier (余, 约): the stated number is the amount.
    forms.append(f"{amount / 10000:g}万余元" if amount >= 10000 else f"约{amount}元")
    if amount >= 10000:
        forms.append(f"{amount / 10000:g}万元")
    if amount % 1000 == 0 and amount < 10000:
        forms.append(f"{amount / 10000:g}万")  # 0.5万
    return rng.choice(forms)


def _funds(rng, books: _Books, path: Path, loose: str, villages: list[str]) -> list[tuple[dt.date, int]]:
    """The funds table; each sum's (day, amount)."""
    amounts = [rng.choice((500, 1000, 1500, 2000, 5000, 12000, 30000)) for _ in range(rng.randint(0, 6))]
    if not amounts:
        return []
    days = [dt.date(2011, rng.randint(3, 6), rng.randint(1, 28)) for _ in amounts]
    style = rng.choice(("date", "date", "iso", "dot", "cn", "slash", "serial", "compact"))
    # The unit in the amount's heading (金额（万元）), on a line of its own over the header (单位：万元), or 元 unsaid.
    unit = rng.choice(("元", "元", "万元"))
    said = rng.choice(("heading", "line")) if unit == "万元" else rng.choice(("heading", "line", "none"))
    amount_h = {"heading": f"金额（{unit}）", "line": rng.choice(("金额", "筹资金额", "到位资金", "款额", "筹集额")),
                "none": rng.choice(("筹资金额", "金额", "捐资总额"))}[said]
    rows: list[list[object]] = [[f"{loose}三送筹集资金台账"]]
    # 万元 shown by the cells' number format alone (0.00"万元"), no line (drawn without a draw: the seeds keep their counties)
    shown = unit == "万元" and said == "line" and len(amounts) % 3 == 1
    code = '0.00"万元"' if len(amounts) % 2 else 'G/通用格式"万元"'  # as Excel's dialog offers it, or WPS's general
    if said == "line" and not shown:
        rows.append([None, None, None, None, None, f"单位：{unit}"])
    # What was promised beside what came in (计划筹资 | 实际到位): only what came in is raised.
    planned = said == "heading" and rng.random() < 0.25
    if planned:
        amount_h = rng.choice((f"实际到位（{unit}）", f"到位资金（{unit}）"))
    rows.append([_heading(rng, h) for h in ("序号", "村", rng.choice(("日期", "到位时间", "捐款日期", "筹资日期", "资金到位时间",
                                                                   "收到日期")),
                                            rng.choice(("资金来源", "捐助单位", "出资单位", "来源", "资助单位", "帮扶单位", "来源单位")),
                                            rng.choice(("用途", "资金用途", "资金投向", "主要用途")),
                                            *([f"计划筹资（{unit}）"] if planned else []), amount_h)])
    scale = 10000 if unit == "万元" else 1
    breakdowns = not planned and rng.random() < 0.2  # 其中：县级 | 3000 under a sum, breaking it down: part of it
    first = len(rows) + 1  # the first sum's row in the sheet (1-based)
    numbers = True  # every amount a number, none a text (5000元): Excel's SUM would pass a text over
    for n, amount in enumerate(amounts, start=1):
        cell: object = Shown(amount / scale, code) if shown else amount / scale
        if scale == 1 and rng.random() < 0.35:
            cell = _amount_text(rng, amount)
            numbers = False
        rows.append([n, rng.choice(villages), _date(days[n - 1], style),
                     rng.choice(("县财政", "社会捐助", "帮扶单位", "群众自筹")), rng.choice(("修路", "建桥", "水利")),
                     *([amount * rng.choice((1, 2)) / scale] if planned else []), cell])
        if breakdowns and amount >= 2000 and rng.random() < 0.5:
            part = amount * rng.choice((0.4, 0.5, 0.6))
            parts = [part / scale, (amount - part) / scale]
            if shown:  # the column's format, down the whole column
                parts = [Shown(v, code) for v in parts]
            rows.append([None, None, None, "其中：县级", None, parts[0]])
            rows.append([None, None, None, "乡级", None, parts[1]])
    # The amounts typed again in a new column, the old one left before it under the same heading and hidden (drawn
    # without a draw): the analyst sees the new amounts only.
    old = said == "heading" and not planned and not breakdowns and len(amounts) % 4 == 2
    if rng.random() < 0.6:
        total: object = sum(amounts) / scale
        if numbers and not breakdowns:  # summed by a formula (no result saved: openpyxl)
            column = "G" if planned or old else "F"
            total = f"=SUM({column}{first}:{column}{len(rows)})"
        if shown:
            total = Shown(total, code)
        rows.append(["合计", None, None, None, None, *([None] if planned else []), total])
    if old:
        header = first - 2
        for r, row in enumerate(rows[header:], start=header):
            row.insert(5, row[5] if r == header else
                       sum(a + 1000 for a in amounts) / scale if row[0] == "合计" else (amounts[r - header - 1] + 1000) / scale)
    books.write(path, {"筹资": rows}, hidden_cols={"筹资": ("F",)} if old else None)
    return list(zip(days, amounts, strict=True))


def _dispute(rng) -> tuple[dt.date, str, str]:
    """A dispute's day received, outcome and kind."""
    return (dt.date(2011, rng.randint(3, 6), rng.randint(1, 28)), rng.choice(tuple(OUTCOMES)),
            rng.choice(("山林纠纷", "邻里纠纷", "土地纠纷", "婚姻家庭纠纷", "其他")))


def _county_disputes(rng, path: Path, rows: list[list[object]]) -> None:
    """The county office's list of the townships' disputes ``rows`` (township, village, day, outcome)."""
    style = rng.choice(("date", "iso", "cn"))
    out: list[list[object]] = [["安远县2011年矛盾纠纷排查调处汇总表"],
                               ["序号", rng.choice(("乡镇", "乡（镇）", "所属乡镇")), "村", "受理日期", "纠纷类型", "调处结果"]]
    for n, (township, village, day, outcome) in enumerate(rows, start=1):
        out.append([n, township, village, _date(day, style), rng.choice(("山林纠纷", "邻里纠纷", "土地纠纷")), rng.choice(OUTCOMES[outcome])])
    write_sheets(path, {"汇总": out})


def _disputes(rng, books: _Books, path: Path, loose: str, villages: list[str]) -> list[tuple[dt.date, str]]:
    """The disputes list; each dispute's (day received, outcome)."""
    yes_no = rng.random() < 0.2  # 是否化解 | 是 / 否 in place of the outcome in words: resolved or not, nothing else
    outcomes = [rng.choice(("resolved", "unresolved") if yes_no else tuple(OUTCOMES)) for _ in range(rng.randint(0, 6))]
    if not outcomes:
        return []
    style = rng.choice(("date", "iso", "dot", "cn", "slash", "serial"))
    rows: list[list[object]] = [[f"{loose}矛盾纠纷排查调处台账"],
                                [_heading(rng, h) for h in ("序号", rng.choice(("村", "村别", "所在村")),
                                                            rng.choice(("受理日期", "登记日期", "排查时间", "受理时间", "反映时间",
                                                                        "立案时间")),
                                                            rng.choice(("纠纷类型", "类型", "矛盾类型", "纠纷类别", "案件类别",
                                                                        "问题类型")), "当事人",
                                                            rng.choice(("纠纷简要情况", "简要情况", "纠纷内容")),
                                                            rng.choice(("是否化解", "化解与否", "是否解决")) if yes_no else rng.choice((
                                                                "调处结果", "化解情况", "处理结果", "调解结果", "办结情况", "化解效果",
                                                                "结案情况")))]]
    days = [dt.date(2011, rng.randint(3, 6), rng.randint(1, 28)) for _ in outcomes]
    for n, outcome in enumerate(outcomes, start=1):
        kind = rng.choice(("山林纠纷", "邻里纠纷", "土地纠纷", "婚姻家庭纠纷", "其他"))
        rows.append([n, rng.choice(villages), _date(days[n - 1], style), kind,
                     f"{rng.choice(SURNAMES)}某与{rng.choice(SURNAMES)}某", f"双方因{kind[:2]}发生争执",
                     (rng.choice(("是", "√")) if outcome == "resolved" else rng.choice(("否", "×"))) if yes_no
                     else rng.choice(OUTCOMES[outcome])])
    if rng.random() < 0.5:
        rows.append(["合计", None, None, None, f"共{len(outcomes)}起"])
    books.write(path, {rng.choice(("纠纷", "Sheet1")): rows})
    return list(zip(days, outcomes, strict=True))


# Areas in words: (mu, its words).
_AREA_WORDS = {50: "五十亩", 120: "一百二十亩", 300: "三百亩"}


def _projects(rng, books: _Books, path: Path, loose: str, villages: list[str]) -> float:
    hectares = rng.random() < 0.2  # areas in 公顷 (1 公顷 = 15 亩): 2, 8, 20, 1.5 公顷
    sizes = (0, 2, 8, 20, 1.5) if hectares else (0, 50, 120, 300, 35.5)
    projects = [(rng.choice(villages), rng.choice(("修建水渠", "硬化村道", "修建河堤", "山塘整修")), rng.choice(sizes),
                 rng.choice((20000, 50000, 150000))) for _ in range(rng.randint(0, 5))]
    if not projects:
        return 0.0
    unit = "公顷" if hectares else "亩"
    grouped = rng.random() < 0.4  # 受益情况 written once over 农田（亩） | 户数
    # The investment by where it came from (其中：争取资金 | 群众自筹): a project's money, never funds raised.
    sources = not grouped and rng.random() < 0.3
    if sources:
        header = [["序号", "村", "项目名称", "总投资（元）", "其中", None, _heading(rng, f"受益农田（{unit}）"), "受益户数", "完成时间"],
                  [None, None, None, None, "争取资金", "群众自筹", None, None, None]]
    elif grouped:
        header = [["序号", "村", "项目名称", "投资（元）", "受益情况", None, "完成时间"],
                  [None, None, None, None, f"农田（{unit}）", "户数", None]]
    else:
        header = [[_heading(rng, h) for h in ("序号", "村", rng.choice(("项目名称", "所办实事", "实事名称")),
                                              rng.choice(("投资（元）", "总投入（元）", "项目投入（元）", "造价（元）")),
                                              rng.choice((f"受益农田（{unit}）", f"受益农田面积（{unit}）", f"受益面积（{unit}）",
                                                          f"惠及农田（{unit}）", f"受益水田（{unit}）")),
                                              rng.choice(("受益户数", "惠及户数", "覆盖户数")),
                                              rng.choice(("完成时间", "竣工年月", "交付使用时间")))]]
    rows: list[list[object]] = [[f"{loose}三送办实事项目台账"], *header]
    for n, (village, name, size, investment) in enumerate(projects, start=1):
        if not size:
            area: object = rng.choice((0, None, "/", "—", "无"))
        elif hectares:
            area = rng.choice((size, f"{size}公顷"))
        else:
            area = rng.choice((size, f"{size}亩", *([_AREA_WORDS[size]] if size in _AREA_WORDS else [])))
        rows.append([n, village, name, investment, *([investment * 0.8, investment * 0.2] if sources else []), area,
                     rng.randint(5, 80), dt.datetime(2011, rng.randint(3, 9), 1)])
    merges = {"项目": [(2, 5, 2, 6), *((2, c, 3, c) for c in (1, 2, 3, 4, 7, 8, 9))]} if sources else {}
    books.write(path, {"项目": rows}, merges)
    return float(sum(size for _, _, size, _ in projects)) * (15 if hectares else 1)


def _as_xls(path: Path) -> None:
    """``path`` saved again as .xls (merged ranges and dates kept), as WPS saves it; the .xlsx removed."""
    import xlwt

    book = openpyxl.load_workbook(path)
    out = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    shown_styles: dict[str, object] = {}  # a number format showing a unit (0.00"万元"), one style each
    for sheet in book.worksheets:
        target = out.add_sheet(sheet.title)
        for dimension in sheet.column_dimensions.values():
            if dimension.hidden:
                for c in range(dimension.min, dimension.max + 1):
                    target.col(c - 1).hidden = True
        tops = {(m.min_row, m.min_col): m for m in sheet.merged_cells.ranges}
        inside = {(r, c) for m in sheet.merged_cells.ranges for r in range(m.min_row, m.max_row + 1)
                  for c in range(m.min_col, m.max_col + 1)} - set(tops)
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or (cell.row, cell.column) in inside:
                    continue
                style = (date_style,) if isinstance(cell.value, dt.datetime) else ()
                if '"' in cell.number_format:
                    style = (shown_styles.setdefault(cell.number_format, xlwt.easyxf(num_format_str=cell.number_format)),)
                if isinstance(cell.value, str) and cell.value.startswith("="):  # a formula: xlwt's, its result empty
                    target.write(cell.row - 1, cell.column - 1, xlwt.Formula(cell.value[1:]), *style)
                    continue
                if (cell.row, cell.column) in tops:
                    m = tops[(cell.row, cell.column)]
                    target.write_merge(m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1, cell.value, *style)
                else:
                    target.write(cell.row - 1, cell.column - 1, cell.value, *style)
    out.save(str(path.with_suffix(".xls")))
    path.unlink()


def _as_csv(path: Path, encoding: str) -> None:
    """A one-sheet ``path`` exported as .csv (merged cells blank but their first, dates as text); else left."""
    book = openpyxl.load_workbook(path)
    if len(book.worksheets) != 1:
        return
    sheet = book.worksheets[0]
    with open(path.with_suffix(".csv"), "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        for row in sheet.iter_rows():
            writer.writerow(["" if c.value is None else _shown_date(c) if isinstance(c.value, dt.datetime)
                             else _shown(sheet, c) for c in row])
    path.unlink()


def _shown_date(cell) -> str:
    """A date cell as Excel exports it to CSV: as its format shows it (m"月"d"日": 3月6日), else 2011-03-06."""
    if cell.number_format == 'm"月"d"日"':
        return f"{cell.value.month}月{cell.value.day}日"
    return cell.value.strftime("%Y-%m-%d")


def _shown(sheet, cell) -> object:
    """A cell as Excel exports it to CSV: a formula's result (the writers' only one: =SUM(F4:F9) of numbers), shown
    in its number format where that shows a unit (0.00"万元": 5.00万元; G/通用格式"万元": 5万元)."""
    value = cell.value
    if isinstance(value, str) and value.startswith("=SUM("):
        value = sum(c.value for r in sheet[value[5:-1]] for c in r)
    if cell.number_format == '0.00"万元"' and isinstance(value, (int, float)):
        return f"{value:.2f}万元"
    if cell.number_format == 'G/通用格式"万元"' and isinstance(value, (int, float)):
        return f"{value:g}万元"
    return value
