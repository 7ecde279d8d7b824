"""The five ledgers, declared once: columns, dtypes, Chinese labels, header synonyms.

Everything that maps, validates or labels a tidy frame reads this module:
header recognition (``locate``), value parsing (``tidy``), validation on write
(``store``), and the Chinese labels charts and reports show. Adding a header
synonym is a one-line change here.

Header synonyms are written in *normalised* form (see ``normalize_header``):
no spaces, ASCII brackets, units stripped. ``金额（万元）`` is matched as
``金额`` with unit ``万元``.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

# --------------------------------------------------------------------------- fields


@dataclass(frozen=True)
class Field:
    """One canonical column of a tidy frame and how to recognise it in a header.

    ``kind`` names the value parser (see ``values.PARSERS``); ``required``
    fields make a row a reject when missing or unreadable; ``anchor`` fields
    are distinctive enough to tell this ledger from the others; ``stored``
    is False for columns that are recognised only so they can be dropped
    (ID-card and phone numbers, free-text parties) or used as context.
    """

    name: str
    label: str
    kind: str
    dtype: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    anchor: bool = False
    stored: bool = True
    allowed: tuple[str, ...] | None = None
    nullable: bool = True
    # Words that, beside one of the ledger's own words, let a generic synonym name this field when
    # it is only part of a heading (``捐款时间`` is a funds date through 捐; see ``Ledger.words``).
    words: tuple[str, ...] = ()
    # ``precision`` fields may be written to the month only (``2011年9月``): kept, at month precision.
    month_precision: bool = False
    # A quantity the figures and reports add up (money, area, households, length): a value merged over
    # several rows is one value, counted once (``tidy``), where a name or a date merged down is every row's.
    summed: bool = False


LINEAGE = (
    Field("source_file", "来源文件", "lineage", "str", nullable=False),
    Field("source_sheet", "来源工作表", "lineage", "str", nullable=False),
    Field("source_row", "来源行号", "lineage", "int64", nullable=False),
)

# Columns that may appear in any ledger. Place columns feed the context; the
# personal-number columns are recognised so they are never copied anywhere.
TOWNSHIP = Field(
    "township", "乡镇", "place", "str",
    ("乡镇", "乡(镇)", "乡镇名称", "所属乡镇", "所在乡镇", "乡镇(街道)", "乡(镇、街道)", "乡镇街道", "镇", "乡", "乡别"),
    nullable=False,
)
VILLAGE = Field(
    "village", "村", "place", "str",
    ("村", "村名", "村别", "村(居)", "村(社区)", "村居", "行政村", "所在村", "所属村", "村委会", "村委", "村(居)委会",
     "村名称", "行政村名称", "社区", "村组", "村(组)", "所在村组", "村组名称", "村庄", "挂点村", "帮扶村", "结对村", "走访村",
     # the village money or a project went to (a funds list's 受助村, a project's 项目所在村)
     "受益村", "受助村", "用款村", "使用村", "项目村", "项目所在村", "项目实施村", "实施村"),
)
GROUP = Field(
    "group", "村民小组", "group", "str",
    ("组别", "组", "村民小组", "小组", "所在组", "组名", "村小组", "居民小组", "所在村民小组", "组别(村民小组)", "居民组",
     "村民组", "所在小组", "小组名称", "所属小组", "所属组", "所属村民小组", "居住组",
     # (所在组别, 居住村民小组: were read as no group, two households of one name in a village then one)
     "所在组别", "所在组名", "所在村小组", "所属组别", "所属组名", "所属村小组", "居住组别", "居住小组", "居住村民小组",
     "居住组名", "居住村小组"),
)
SERIAL = Field("serial", "序号", "text", "str", ("序号", "编号", "序", "No", "NO", "no", "No.", "顺序号"), stored=False)
REMARK = Field("remark", "备注", "text", "str", ("备注", "说明", "备注说明"), stored=False)
ID_NUMBER = Field(
    "id_number", "身份证号", "pii", "str",
    ("身份证号", "身份证号码", "身份证", "公民身份号码", "公民身份证号", "证件号码", "户主身份证号", "身份证件号码"),
    stored=False,
)
PHONE = Field(
    "phone", "联系电话", "pii", "str",
    ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "联系手机", "户主电话"),
    stored=False,
)
# A household's address (澄江村3组12号): read only for the village and 村民小组 it names, where the
# table has no village column of its own (``tidy``); the address itself is never stored. No evidence
# for any ledger (``recognise``): cadre lists and donor lists have addresses too.
ADDRESS = Field(
    "address", "家庭住址", "address", "str",
    ("家庭住址", "住址", "家庭地址", "地址", "居住地址", "现住址", "现居住地址", "家庭详细住址", "详细地址", "详细住址",
     "户籍地址", "户籍所在地", "居住地", "现居住地", "住所", "家庭所在地", "家庭住址(村组)"),
    stored=False,
)
# Where a visit was made (走访地点 澄江村3组) or a dispute arose (发生地点 澄江村): read like an address, for the village
# and group it names where the table has no village column (村部, 田间, 乡政府 name none). Never stored.
VISIT_PLACE = dataclasses.replace(ADDRESS, label="住址或走访地点",
                                  synonyms=(*ADDRESS.synonyms, "走访地点", "地点", "走访地址", "入户地点"))
DISPUTE_PLACE = dataclasses.replace(
    ADDRESS, label="发生地点或住址",
    synonyms=("发生地点", "纠纷发生地点", "纠纷发生地", "纠纷地点", "地点", "发生地", "事发地点", "事发地", "所在地",
              *ADDRESS.synonyms),
)
COMMON = (TOWNSHIP, VILLAGE, SERIAL, REMARK, ID_NUMBER, PHONE)
# Kinds of column recognised only to be dropped (ID-card and phone numbers) or read for context (an address):
# no evidence that a table is one ledger or another, nor a field of its own for a table found beside another.
NO_EVIDENCE_KINDS = frozenset({"pii", "address"})

HOUSEHOLD_HEAD_SYNONYMS = (
    "户主", "户主姓名", "农户姓名", "户主名", "户名", "姓名", "农户", "帮扶对象", "帮扶对象姓名", "包扶对象",
    "包扶对象姓名", "结对帮扶对象", "结对户", "结对户姓名", "贫困户姓名", "困难户姓名", "被帮扶人", "被帮扶户",
    "帮扶户", "帮扶户主", "结对帮扶户", "帮扶户户主", "联系户", "联系户姓名", "联系户户主", "对象姓名",
    "户主名字", "农户户主", "帮扶对象户主", "包扶对象户主", "贫困户户主", "困难户户主", "结对户户主", "包扶户",
    "包扶户主", "包扶户户主", "联系农户", "结对农户", "挂点户", "困难群众姓名",
    # who was helped, as a visit log names them too (帮扶农户, 结对对象, 联系群众)
    "帮扶农户", "帮扶农户姓名", "帮扶户主姓名", "帮扶群众", "帮扶群众姓名", "结对户主", "结对户主姓名", "结对对象",
    "结对对象姓名", "结对农户姓名", "包扶农户", "包扶农户姓名", "包扶户主姓名", "联系户主姓名", "联系对象", "联系对象姓名",
    "联系农户姓名", "联系群众", "联系群众姓名", "联系户主", "结对群众", "结对群众姓名", "包扶群众", "包扶群众姓名",
    "挂点户主", "挂点户主姓名", "挂点农户", "挂点农户姓名",
)
# The household helped, named by the tie (帮扶, 结对, 挂点 …) and who it is (对象, 户, 农户, 家庭 …), or said so with 被
# (被帮扶对象, 被挂点农户, 被救助人): 被帮扶对象, 服务对象, 挂钩户 and a hundred more left a visit log or roster 未识别.
# Never the tie and 人 without 被 (帮扶人, 联系人, 结对人: the cadre), nor 扶贫户 or 救助户 alone (a column of marks).
_TIES = ("帮扶", "包扶", "结对帮扶", "结对", "挂点", "挂钩", "联系", "服务")
_HELPED = ("对象", "户", "户主", "农户", "群众", "家庭")
HOUSEHOLD_HEAD_SYNONYMS = tuple(dict.fromkeys((
    *HOUSEHOLD_HEAD_SYNONYMS,
    *(f"{by}{tie}{who}{tail}" for by in ("", "被") for tie in _TIES for who in (*_HELPED, *(("人",) if by else ()))
      for tail in ("", "姓名")),
    *(f"被{act}{who}{tail}" for act in ("救助", "扶贫") for who in (*_HELPED, "人") for tail in ("", "姓名")),
    "救助对象", "救助对象姓名", "扶贫对象", "扶贫对象姓名",
    *(f"{act}{who}姓名" for act in ("救助", "扶贫") for who in ("户", "户主", "农户", "群众", "家庭")),
)))
# Said of the visit (被走访农户, 被慰问家庭): a visit log's words only, no evidence of a roster.
_VISITED_HOUSEHOLD = tuple(
    f"被{act}{who}{tail}" for act in ("走访", "慰问") for who in (*_HELPED, "人") for tail in ("", "姓名")
) + ("走访家庭", "慰问家庭")
# The cadre named by the tie (帮扶, 挂钩, 包村, 驻村 …) and who he is (干部, 责任人, 领导, 队员 …): 挂钩干部姓名,
# 包村负责人, 结对帮扶队员 and a hundred more read no cadre (two cadres' visits to a household on one day then one,
# flagged). Not 联系人 alone (a household's contact), and in a roster not the visit's own words (走访, 慰问, 入户).
_CADRE_TIES = ("帮扶", "包扶", "结对", "结对帮扶", "挂点", "挂钩", "联系", "包村", "驻村", "包户", "三送")
_VISIT_TIES = ("走访", "慰问", "入户")
_CADRE_WHO = ("干部", "责任人", "人员", "领导", "队员", "工作人员", "负责人", "联系人", "人")


def _cadre_words(given: tuple[str, ...], ties: tuple[str, ...]) -> tuple[str, ...]:
    """``given`` and after it every tie with every kind of cadre (and 姓名), those not given already."""
    made = (f"{tie}{who}{tail}" for tie in ties for who in _CADRE_WHO for tail in ("", "姓名")
            if not (tie == "联系" and who in ("人", "联系人")) and not (tie == "三送" and who == "人"))
    return tuple(dict.fromkeys((*given, *made)))


@dataclass(frozen=True)
class Ledger:
    """One ledger: its fields, and the evidence it takes for a sheet to be it.

    ``needs`` are the fields without which a sheet is not this ledger: each inner tuple
    names alternatives, one of which a heading must name (a visit log names a household
    *and* a date). ``words`` are the words that confirm it wherever they stand: in a heading,
    a group heading over headings, the title, the sheet, file or folder name. A heading that
    names a field only by a generic word (``日期``, ``姓名``, ``类型``, ``金额``) is weak evidence
    on its own, and when such a word is only part of a heading the rest must hold one of the
    ``words`` (``走访记录日期`` is a visit date, ``出生日期`` never is; ``纠纷类型`` is a dispute
    type, ``人员类型`` never is). See ``ingest.recognise`` for how the evidence is weighed.
    """

    name: str
    label: str
    fields: tuple[Field, ...]
    words: tuple[str, ...] = ()
    needs: tuple[tuple[str, ...], ...] = ()

    def field(self, name: str) -> Field:
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(name) from None

    # Cached (the declaration never changes): header matching asks for these for every
    # candidate header row of every sheet.
    @cached_property
    def all_fields(self) -> tuple[Field, ...]:
        """The ledger's own fields plus the columns any ledger may carry."""
        own = {f.name for f in self.fields}
        return self.fields + tuple(f for f in COMMON if f.name not in own)

    @cached_property
    def _by_name(self) -> dict[str, Field]:
        by_name: dict[str, Field] = {}
        for f in self.all_fields:
            by_name.setdefault(f.name, f)
        return by_name

    @property
    def frame_columns(self) -> list[str]:
        """Column order of the tidy frame: lineage, then the stored fields."""
        return [f.name for f in LINEAGE] + [f.name for f in self.fields if f.stored]

    @property
    def dtypes(self) -> dict[str, str]:
        return {f.name: f.dtype for f in (*LINEAGE, *self.fields) if f.stored}


DISPUTE_TYPES = ("forest", "neighbour", "land", "family", "other")
DISPUTE_LEVELS = ("group", "village", "township")
DISPUTE_OUTCOMES = ("resolved", "unresolved", "referred", "pending")
AMOUNT_QUALIFIERS = ("exact", "at_least", "nearly", "about")
VISIT_KINDS = ("visit", "policy", "relief", "service", "other")

ROSTER = Ledger(
    "roster", "包扶对象名单",
    (
        TOWNSHIP, VILLAGE, GROUP, ADDRESS,
        Field("household_head", "户主", "household", "str", HOUSEHOLD_HEAD_SYNONYMS, required=True, nullable=False),
        Field("household_key", "农户编码", "derived", "str", nullable=False),
        # A list of people, a household's members under its head (姓名 | 与户主关系): only the head's
        # row is a household (``tidy``); never stored.
        Field("relation", "与户主关系", "text", "str",
              ("与户主关系", "与户主的关系", "与户主关系称谓", "家庭关系", "成员关系", "关系", "称谓",
               "是否户主", "是否为户主"), stored=False),
        # A list of people by household without a relation column (户主 | 家庭成员姓名 | 性别 …: the head's own
        # row names the head again, the members' rows below it leave 户主 blank or repeat it): never stored.
        Field("member", "家庭成员姓名", "text", "str",
              ("家庭成员姓名", "家庭成员", "成员姓名", "家庭成员名字", "家庭成员名单"), stored=False),
        Field(
            "is_poor", "困难户", "poor", "bool",
            ("是否困难户", "是否贫困户", "困难户", "贫困户", "是否建档立卡贫困户", "是否建档立卡户", "建档立卡户",
             "是否建档立卡", "户类型", "户别", "家庭类型", "户属性", "农户类型", "农户类别", "困难类型", "贫困类型",
             "是否低保户", "家庭类别", "户类别", "贫困属性", "贫困户属性", "农户属性", "是否贫困", "是否困难", "是否扶贫对象",
             "是否困难家庭", "是否贫困家庭", "是否精准扶贫户", "是否扶贫户", "是否精准扶贫对象", "是否特困户", "是否困难对象", "贫困类别",
             "农户性质", "家庭属性", "家庭性质", "户性质", "帮扶对象类别", "帮扶对象类型", "帮扶对象属性",
             # (是否困难群众, 贫困性质, 困难类别: were read as no column, every household not poor, flagged; not 贫困情况,
             # which may say why: 因病致贫)
             "是否困难群众", "贫困性质", "贫困等级", "困难类别", "困难性质", "困难等级"),
            anchor=True, nullable=False,
        ),
        Field(
            "members", "家庭人口", "count", "Int64",
            ("家庭人口", "人口", "人口数", "家庭人数", "家庭成员数", "户人口", "家庭人口数", "人数", "口数", "在册人口", "家庭成员人数", "家庭总人数", "人口数量", "家庭人员数", "户籍人口数",
             "家庭人口(人)", "家庭总人口", "户籍人口"),
            anchor=True,
        ),
        Field(
            "cadre", "帮扶责任人", "name", "str",
            _cadre_words(("帮扶责任人", "结对干部", "帮扶干部", "包扶干部", "联系干部", "责任人", "包扶责任人", "结对帮扶干部",
             "帮扶人", "挂点干部", "结对帮扶责任人", "包扶人", "帮扶联系人", "结对帮扶人", "包户干部", "包户人",
             "责任干部", "包户责任人", "联系领导", "帮扶领导", "结对领导", "包户领导", "挂钩干部", "挂钩领导", "挂点领导",
             "驻村干部", "驻村干部姓名", "驻村责任人", "驻村领导", "结对人", "结对联系人", "包扶领导", "包扶联系人", "包户联系人",
             "挂点责任人", "挂点人", "挂点干部姓名", "挂点联系人", "联系责任人", "联系干部姓名", "挂钩责任人", "挂钩人",
             "挂钩干部姓名", "挂钩联系人"), _CADRE_TIES),
            anchor=True,
        ),
        ID_NUMBER, PHONE,
    ),
    # Not 低保/五保 (a welfare list is no assignment of households to cadres, though its households
    # read as poor), nor 挂点 (a cadre's own 挂点村 in a list of team members).
    words=('包扶', '帮扶', '结对', '贫困', '困难户', '困难群众', '建档立卡', '脱贫', '包户', '联系户'),
    needs=(('household_head',),),
)

VISITS = Ledger(
    "visits", "走访登记表",
    (
        Field(
            "visit_date", "走访日期", "date", "datetime64[us]",
            ("走访日期", "走访时间", "入户时间", "入户日期", "日期", "时间", "走访日", "慰问日期", "慰问时间", "到户时间",
             "到户日期", "走访年月日", "入户年月日", "帮扶日期", "帮扶时间",
             # the day as other words for the visit put it (上门日期, 家访日期: were read as no date, the log 未识别)
             "上门日期", "上门时间", "上门年月日", "家访日期", "家访时间", "家访年月日", "入户日", "慰问日", "慰问年月日",
             "帮扶年月日", "到户年月日"),
            # A visit without its date would count in the year and in no period of it: a reject.
            required=True, anchor=True, nullable=False,
        ),
        TOWNSHIP, VILLAGE, GROUP, VISIT_PLACE,
        Field(
            "household_head", "被走访户主", "household", "str",
            tuple(dict.fromkeys((  # its own words, then the roster's and those said of a visit (each once)
             "被走访人", "被走访户主", "被走访户", "被走访户主姓名", "走访对象", "走访户主", "被访人", "被访户主",
             "走访户", "走访农户", "被走访农户", "被走访对象", "走访对象姓名", "慰问对象", "被走访人姓名", "被走访户姓名",
             "被访人姓名", "被访户", "受访户", "受访人", "受访户主", "受访户姓名", "受访人姓名", "走访户姓名",
             "慰问对象姓名", "入户对象", "入户对象姓名", "走访群众", "走访群众姓名", "被走访群众", "被走访群众姓名",
             "群众姓名", "被慰问人", "被慰问户", "被慰问人姓名", "被慰问户主", "慰问户主", "慰问户", "慰问群众", "被慰问群众",
             "入户群众", *HOUSEHOLD_HEAD_SYNONYMS, *_VISITED_HOUSEHOLD))),
            required=True, nullable=False,
        ),
        Field("household_key", "农户编码", "derived", "str"),
        Field(
            "cadre", "走访人", "name", "str",
            _cadre_words(("走访人", "走访干部", "走访人员", "走访队员", "走访人姓名", "入户干部", "走访责任人", "工作组成员",
             "帮扶责任人", "结对干部", "帮扶干部", "包扶干部", "走访者", "走访领导", "走访单位及人员", "包村干部", "驻村干部",
             "工作队员", "驻村工作队员", "工作队队员", "队员", "队员姓名", "工作队员姓名", "帮扶干部姓名", "包村干部姓名",
             "工作组成员姓名", "帮扶责任人姓名", "结对干部姓名", "入户人员", "入户人", "走访工作人员", "工作人员", "挂点领导",
             "帮扶人员", "帮扶人姓名", "结对人", "结对人员", "结对责任人", "包扶人", "包扶人员", "包扶责任人", "包扶干部姓名",
             "包村人员", "包村领导", "驻村人员", "驻村干部姓名", "驻村队员", "驻村领导", "挂点人员", "挂点干部姓名", "慰问人",
             "慰问人员", "工作队干部", "工作队人员", "三送干部", "三送队员", "三送人员", "三送工作人员",
             # the cadre named as a roster names a household's (联系干部): in a visit log, the one who went
             "联系干部", "干部姓名", "干部", "帮扶人", "挂点干部", "包户干部", "结对帮扶干部", "帮扶联系人", "挂钩干部"),
                         (*_CADRE_TIES, *_VISIT_TIES)),
            anchor=True,
        ),
        Field(
            "visit_kind", "走访形式", "visit_kind", "str",
            ("走访形式", "走访内容", "走访类型", "走访方式", "形式", "方式", "活动内容", "内容", "走访事由", "走访类别",
             "工作内容", "主要内容", "走访主要内容", "走访事项", "走访目的", "活动形式", "工作方式"),
            anchor=True, allowed=VISIT_KINDS, nullable=False,
        ),
        Field(
            "relief_yuan", "慰问金", "amount", "float64",
            ("慰问金", "慰问金额", "慰问资金", "送温暖金额", "发放慰问金", "慰问金(元)", "慰问款", "慰问现金", "救助金额", "救助金",
             # cash handed out (现金（元）: was read as nothing, nothing said)
             "现金", "发放现金", "送现金", "现金慰问", "慰问现金金额"),
            anchor=True, summed=True,
        ),
    ),
    # 民情日记: a cadre's diary of the households visited (日期 | 走访对象 | 民情内容 | 处理情况), a row a visit.
    words=('走访', '入户', '慰问', '遍访', '家访', '被访', '受访', '访问', '看望', '送温暖', '民情日记'),
    needs=(('household_head',), ('visit_date',)),
)

FUNDS = Ledger(
    "funds", "筹资台账",
    (
        Field(
            "date", "日期", "date", "datetime64[us]",
            ("日期", "筹资日期", "时间", "筹集时间", "到位时间", "筹资时间", "到账时间", "到账日期", "捐助日期", "捐款日期",
             # when the money came in, as a list of contributions or a cash book says it
             "到位日期", "捐款时间", "捐助时间", "捐赠日期", "捐赠时间", "集资日期", "集资时间", "交款日期", "交款时间",
             "缴款日期", "缴款时间", "收款日期", "收款时间", "入账日期", "入账时间", "拨付时间", "拨付日期", "拨款时间",
             "拨款日期", "资金到位时间", "资金到位日期", "收到时间", "收到日期",
             # written 年月日 (捐款年月日, 到位年月日: were read as no date, the money in no period)
             "捐款年月日", "捐资年月日", "捐赠年月日", "捐助年月日", "到位年月日", "到账年月日", "收款年月日", "筹集年月日",
             "筹资年月日", "入账年月日", "拨付年月日", "资金到位年月日"),
        ),
        TOWNSHIP, VILLAGE,
        Field(
            "purpose", "用途", "text", "str",
            ("用途", "资金用途", "筹资用途", "用于", "筹资项目", "使用方向", "用途说明", "筹资事由", "事由", "资金使用方向", "使用用途", "资金使用用途", "资金投向", "投向",
             "主要用途"),
            anchor=True,
        ),
        Field(
            "source", "资金来源", "text", "str",
            ("资金来源", "来源", "筹资来源", "捐助单位", "捐款单位", "出资单位", "出资方", "捐助方", "筹资渠道",
             "捐助人", "捐款人", "捐助单位(个人)", "捐款单位(个人)", "资金渠道", "筹资单位", "捐赠单位", "捐赠人",
             "捐赠方", "捐赠单位(个人)", "捐赠单位或个人", "捐助单位或个人", "捐款单位或个人",
             "捐资单位", "捐资人", "捐资单位(个人)", "捐资单位或个人", "捐赠者", "捐款者", "捐助者", "单位或个人",
             "单位(个人)", "单位/个人", "资金来源单位", "来源单位", "捐资单位名称", "捐款单位名称", "捐助单位名称",
             "捐赠单位名称", "出资单位名称", "出资人",
             "资助单位", "资助方", "资助人", "帮扶单位", "赞助单位", "支持单位",
             "摘要"),  # an account's: 收县交通局捐款 (last: 捐款单位 beside it names the source better)
            anchor=True,
        ),
        Field(
            "amount_yuan", "金额（元）", "amount", "float64",
            tuple(dict.fromkeys(("金额", "筹资金额", "筹集金额", "筹资额", "资金", "资金额", "数额", "捐款金额", "捐助金额", "筹集资金",
             "到位资金", "筹资数额", "筹资数", "筹资资金", "资金数额", "筹资总额", "到位金额", "筹资", "捐款数", "捐款额",
             "捐赠金额", "捐赠数", "捐赠额", "捐助额", "捐助数", "捐资金额", "款额", "捐款款额", "资助金额", "资金金额", "资金数", "捐资数", "筹集额", "筹集总额", "捐资额", "捐资总额",
             "捐款总额", "捐赠总额", "捐助总额", "集资额", "集资款", "集资总额", "筹措额", "筹措总额", "募捐额", "募捐款",
             "募捐总额", "到位额", "到位总额", "实到额", "资助额", "资助数额", "资助资金",
             # What was raised, beside what was planned (应筹金额, 计划金额: never read as raised).
             "实筹金额", "实筹资金", "实际筹资", "实际筹资金额", "实际筹集资金", "实际筹集金额", "实到金额", "实到资金",
             "到账金额", "到账资金", "实际到位金额", "实际到位资金", "已到位金额", "已到位资金", "实际到账金额", "实际到账资金",
             # money in, as a list kept as an account writes it (日期 | 摘要 | 收入 | 支出 | 余额): its 支出 is money
             # spent, never raised (``tidy``)
             "收入", "收入金额", "收入数", "收入数额", "收入资金", "收款金额", "收款数", "入账金额", "入账资金", "入账数",
             # money given as cash (现金（元）, 现金捐款: the funds list 未识别; a visit's 慰问现金 is relief, its own
             # word) and money given in other words (款数, 款项, 善款, 爱心捐款, 资金总额)
             "现金", "现金捐款", "捐款现金", "现金捐赠", "捐赠现金", "现金捐助", "捐助现金", "现金捐资", "捐资现金", "款数",
             "款项", "善款", "爱心款", "爱心捐款", "爱心捐赠", "资金总额", "资金数量", "捐款数额",
             # a receipt's sum in figures or in words (小写金额 | 大写金额: the same sum twice), or in 人民币
             "小写金额", "金额小写", "大写金额", "金额大写", "人民币", "人民币金额",
             # and every way of raising with every word for the sum (募集资金, 赞助款, 捐赠款项 were read as no amount:
             # the sheet 未识别); not 帮扶, 支持, 投入, 争取 or 援助 资金 (money a project or a household got: a person says)
             *(f"{how}{sum_}" for how in ("捐款", "捐资", "捐赠", "捐助", "筹集", "筹措", "筹资", "募集", "募捐", "到位", "资助",
                                          "赞助", "集资")
               for sum_ in ("金额", "资金", "款", "款项", "数额", "额", "总额")
               if not (how.endswith("款") and sum_.startswith("款")))))),
            required=True, anchor=True, summed=True, nullable=False,
        ),
        # An account's money out and what is left (收入 | 支出 | 余额): read only to tell its rows of money spent (a
        # 支出 and no 收入) and its balance lines (上年结转 with neither) from records; never stored nor summed.
        Field("spent_yuan", "支出", "amount", "float64",
              ("支出", "支出金额", "支出数", "支出数额", "支出资金", "付款金额", "付出金额"), stored=False),
        Field("balance_yuan", "余额", "amount", "float64",
              ("余额", "结余", "结存", "余额数", "结余金额", "结存金额", "账面余额", "期末余额", "本期余额", "期末结余",
               "期末结存", "累计结余", "结余额"), stored=False),
        Field("amount_qualifier", "金额说明", "derived", "str", allowed=AMOUNT_QUALIFIERS, nullable=False),
    ),
    words=('筹资', '筹集', '筹措', '捐赠', '捐助', '捐款', '捐资', '募捐', '集资', '到位资金', '资金到位', '到账'),
    needs=(('amount_yuan',),),
)

# Where a project was built (建设地点 澄江村三组): read, like a household's address, only for the village it names
# where the table has no village column; one naming two villages (澄江村至上坪村) names none. Never stored.
SITE = dataclasses.replace(
    ADDRESS, label="建设地点",
    synonyms=("建设地点", "实施地点", "项目地点", "项目实施地点", "项目建设地点", "地点", "项目所在地", "所在地", "建设位置",
              "项目位置", "所在位置"),
)

PROJECTS = Ledger(
    "projects", "办实事项目台账",
    (
        TOWNSHIP, VILLAGE, SITE,
        Field(
            "project_name", "项目名称", "text", "str",
            ("项目名称", "实事名称", "办实事项目", "工程名称", "实事项目", "项目", "实事项目名称", "办实事名称", "项目内容",
             "建设内容", "实施内容", "项目建设内容", "实事内容", "办实事内容", "办实事事项", "实事事项", "所办实事", "实事", "名称"),
            required=True, anchor=True, nullable=False,
        ),
        Field(
            "project_type", "项目类别", "text", "str",
            ("项目类别", "项目类型", "类别", "类型", "建设类别", "项目性质", "项目分类", "工程类别", "工程类型", "实事类别", "实事类型",
             "工程性质", "工程分类", "实事性质", "实事分类", "建设类型", "建设性质", "建设分类"),
        ),
        Field(
            "investment_yuan", "投资额（元）", "amount", "float64",
            ("投资额", "投资", "总投资", "投资金额", "项目投资", "投入资金", "资金投入", "投资总额", "总投资额", "投资规模", "投入金额",
             "项目资金", "建设资金", "工程造价", "资金来源合计", "资金合计", "总投入", "投入", "总投入资金", "资金投入总额", "投入总额", "项目投入", "工程资金", "造价", "总造价",
             "项目造价", "工程金额", "项目金额", "总投资金额", "投资总金额", "完成投资金额", "完成总投资",
             # What was spent, beside what was planned (计划投资: never read as spent).
             "完成投资", "完成投资额", "实际投资", "实际投资额", "实际完成投资", "已完成投资", "累计完成投资",
             # and in other words (were read as nothing, nothing said)
             "已投入资金", "已投入", "已投资", "累计投入", "累计投资", "共投入", "共投资", "投资额度"),
            anchor=True, summed=True,
        ),
        Field(
            "farmland_mu", "受益农田（亩）", "area", "float64",
            ("受益农田", "受益农田面积", "受益面积", "受益耕地", "受益耕地面积", "受益农田数", "农田受益面积", "受益田地",
             "受益田", "受益田亩", "农田受益", "受益农田亩数", "惠及农田", "惠及农田面积", "惠及耕地", "受益水田", "受益水田面积", "受益稻田", "惠及面积", "受益亩数", "惠及亩数",
             "惠及田亩"),
            anchor=True, summed=True,
        ),
        Field(
            "households_benefited", "受益户数", "count", "Int64",
            ("受益户数", "受益农户", "受益户", "受益群众户数", "受益农户数", "受益户数(户)", "惠及户数", "惠及农户",
             "惠及农户数", "惠及群众户数", "受益家庭", "受益家庭数", "惠及户", "惠及家庭", "覆盖户数", "覆盖农户",
             "覆盖农户数", "受益对象户数", "受惠户数", "受惠户", "受惠农户", "受惠群众户数"),
            anchor=True, summed=True,
        ),
        Field(
            "length_m", "长度（米）", "length", "float64",
            ("长度", "长", "里程", "总长度", "长度规模", "总长", "总里程", "建设长度", "建设长", "建设里程", "路长", "道路长度",
             "道路长", "道路里程", "公路长度", "公路长", "公路里程", "硬化长度", "硬化长", "硬化里程", "渠道长度", "渠道长",
             "渠道里程", "水渠长度", "线路长度"),
            summed=True,
        ),
        Field(
            "width_m", "宽度（米）", "length", "float64",
            ("宽度", "宽", "路面宽度", "路面宽", "路宽", "道路宽度", "道路宽", "硬化宽度", "硬化宽", "路基宽度", "路基宽", "建设宽度",
             "建设宽"),
        ),
        Field(
            # A month or a year is as good as a day here (2011年9月, 2011年): the project counts in a
            # period that holds the whole month or year. See completed_precision.
            "completed_date", "竣工日期", "date_or_month", "datetime64[us]",
            ("竣工时间", "竣工日期", "完成时间", "完工时间", "建成时间", "完成日期", "完工日期", "建成日期", "竣工验收时间",
             # a 为民办实事 register's: the day the thing was done
             "办结时间", "办结日期", "竣工年月", "完成年月", "完工年月", "建成年月", "交付使用时间", "交付使用日期",
             # accepted or put to use once done (were read as no date: the project in no period, nothing said)
             "验收时间", "验收日期", "竣工验收日期", "投入使用时间", "投入使用日期", "竣工年月日", "完成年月日", "完工年月日"),
            anchor=True, words=("竣工", "完成", "完工", "建成"),
        ),
        Field("completed_precision", "竣工日期精度", "derived", "str", allowed=("day", "month", "year")),
    ),
    words=('项目', '工程', '实事', '受益', '竣工', '完工'),
    needs=(('project_name',), ('investment_yuan', 'farmland_mu', 'households_benefited', 'completed_date', 'length_m')),
)

DISPUTES = Ledger(
    "disputes", "矛盾纠纷排查调处台账",
    (
        Field(
            "received_date", "受理日期", "date", "datetime64[us]",
            ("受理时间", "受理日期", "排查时间", "排查日期", "登记时间", "登记日期", "日期", "时间", "发生时间", "收案时间",
             "来访时间", "来访日期",  # a 信访 register's: the day the petition came in
             "接报时间", "接报日期", "收案日期", "发生日期", "反映时间", "反映日期", "立案时间", "立案日期", "接案时间",
             "接案日期", "受案时间", "受案日期", "摸排时间", "摸排日期",
             # the day a dispute came to the office in other words, or its date written 年月日 (were read as no date)
             "接访时间", "接访日期", "接待时间", "接待日期", "发现时间", "发现日期", "受理年月日", "排查年月日", "发生年月日",
             "登记年月日", "收案年月日", "立案年月日", "反映年月日", "来访年月日", "接访年月日", "接待年月日"),
            anchor=True,
        ),
        TOWNSHIP, VILLAGE, GROUP, DISPUTE_PLACE,
        Field(
            "dispute_type", "纠纷类型", "dispute_type", "str",
            ("纠纷类型", "矛盾类型", "纠纷类别", "矛盾纠纷类型", "矛盾纠纷类别", "类型", "类别", "纠纷种类", "案件类型",
             "纠纷性质", "矛盾纠纷性质", "案件性质", "案件类别", "问题类型", "问题类别", "矛盾性质", "矛盾类别", "纠纷分类",
             "矛盾纠纷种类", "矛盾种类", "矛盾分类", "案件种类", "案件分类", "问题性质", "问题种类", "问题分类"),
            anchor=True, allowed=DISPUTE_TYPES, nullable=False,
        ),
        Field(
            "parties", "当事人", "text", "str",
            ("当事人", "当事人姓名", "双方当事人", "纠纷当事人", "当事人双方", "申请人", "被申请人",
             "纠纷双方", "矛盾双方", "纠纷双方当事人", "矛盾纠纷当事人", "涉及当事人", "纠纷当事人姓名"),
            anchor=True, stored=False,
        ),
        Field(
            "summary", "纠纷简要情况", "text", "str",
            ("纠纷简要情况", "简要情况", "主要内容", "纠纷内容", "矛盾纠纷简要情况", "纠纷事由", "案由",
             "纠纷情况", "纠纷基本情况", "矛盾纠纷基本情况", "简要案情", "纠纷概况"),
            anchor=True, stored=False,
        ),
        Field(
            "level", "调处层级", "level", "str",
            ("调处层级", "调处级别", "化解层级", "调解层级", "调处单位", "调解单位", "化解地点", "调处地点", "调处层次",
             "调处主体", "化解单位", "层级", "调解层次", "化解层次", "调解组织", "调处组织", "调处机构", "调解机构",
             "调处部门", "调解部门", "化解部门", "调解级别", "调解主体", "调解地点", "化解级别", "化解组织", "化解机构",
             "化解主体", "在何级调处"),
            anchor=True, allowed=DISPUTE_LEVELS,
        ),
        Field(
            "outcome", "调处结果", "outcome", "str",
            # Results before process text: a register with both 调处情况 (the mediation written out)
            # and 调处结果 takes its outcome from the result (see ``Claim.rank``).
            ("调处结果", "调解结果", "处理结果", "化解结果", "办理结果", "调处结果(是否成功)", "结果", "是否化解",
             "是否调处成功", "是否调解成功", "是否成功", "是否结案", "是否办结", "化解情况", "调处情况", "调解情况",
             "处理情况", "办结情况", "化解办结情况", "调处办结情况", "化解与否", "调处与否", "调解与否", "结案情况",
             "调处效果", "调解效果", "是否息诉", "办理情况", "化解效果", "处理效果", "是否解决", "是否调结", "办结与否",
             "结案与否",
             # what became of it in other words (处置结果, 解决情况, 调处状态: were read as no outcome, every dispute 调处中)
             "处置结果", "解决结果", "处置情况", "解决情况", "处置效果", "解决效果", "调处状态", "调解状态", "化解状态",
             "处理状态", "办理状态", "办结状态", "结案状态", "调处结论", "调解结论", "化解结论", "处理结论", "调处进展",
             "调解进展", "化解进展", "处理进展", "办理进展"),
            anchor=True, allowed=DISPUTE_OUTCOMES, nullable=False,
        ),
        Field(
            "resolved_date", "办结日期", "date", "datetime64[us]",
            ("办结时间", "办结日期", "调处时间", "化解时间", "结案时间", "调结时间", "调处日期", "化解日期", "结案日期",
             "调结日期", "调解时间", "调解日期", "处理时间", "处理日期", "处结时间", "解决时间", "解决日期", "化解年月日",
             "办结年月日", "调处年月日", "结案年月日", "调结年月日"),
            anchor=True,
        ),
        Field(
            "legal_aid", "法律帮助", "bool", "bool",
            ("法律帮助", "是否提供法律帮助", "法律援助", "提供法律帮助", "是否法律援助", "是否提供法律援助", "法律服务",
             "是否提供法律服务", "提供法律服务", "法律咨询", "是否提供法律咨询", "法律援助情况", "法律帮助情况",
             "是否法律帮助", "法律帮扶", "给予法律帮助", "是否给予法律帮助", "是否给予法律援助", "法律服务情况",
             "是否法律服务", "是否法律咨询", "提供法律援助", "提供法律咨询", "给予法律援助", "给予法律服务", "给予法律咨询",
             "是否给予法律服务", "是否给予法律咨询", "法律帮助与否", "法律援助与否", "法律服务与否"),
            anchor=True, nullable=False,
        ),
    ),
    words=('纠纷', '矛盾', '调处', '调解', '化解', '调委会', '当事人', '案件', '排查', '信访', '结案', '办结'),
    needs=(('dispute_type', 'outcome'),),
)

LEDGERS: dict[str, Ledger] = {ledger.name: ledger for ledger in (ROSTER, VISITS, FUNDS, PROJECTS, DISPUTES)}

# Frames that are not a ledger: what could not become a record, and what was one twice.
REJECTS_COLUMNS = {
    "source_file": "str", "source_sheet": "str", "source_row": "int64",
    "ledger": "str", "township": "str", "village": "str", "reason": "str", "raw_cells": "str",
}
DUPLICATES_COLUMNS = {
    "source_file": "str", "source_sheet": "str", "source_row": "int64",
    "ledger": "str", "township": "str", "village": "str", "household_head": "str",
    "kept_file": "str", "kept_sheet": "str", "kept_row": "int64",
}
FRAME_NAMES = (*LEDGERS, "rejects", "duplicates")

# Chinese display labels for every canonical column and coded value, in one place.
LABELS: dict[str, str] = {f.name: f.label for ledger in LEDGERS.values() for f in (*LINEAGE, *ledger.fields)}
LABELS.update(
    ledger="台账", reason="原因", raw_cells="原始内容",
    kept_file="保留记录所在文件", kept_sheet="保留记录所在工作表", kept_row="保留记录行号",
    households_assigned="包扶户数", households_visited="走访户数", coverage_rate="走访覆盖率",
    poor_households_assigned="包扶困难户数", poor_households_visited="走访困难户数", visits="走访次数",
    funds_raised_yuan="筹资金额（元）", disputes_total="受理矛盾纠纷", disputes_resolved="调处成功",
    resolution_rate="调处成功率", farmland_benefited_mu="受益农田（亩）",
)
VALUE_LABELS: dict[str, dict[str, str]] = {
    "ledger": {name: ledger.label for name, ledger in LEDGERS.items()},
    "dispute_type": {"forest": "山林纠纷", "neighbour": "邻里纠纷", "land": "土地纠纷", "family": "婚姻家庭纠纷", "other": "其他纠纷"},
    "level": {"group": "组级", "village": "村级", "township": "乡级"},
    "outcome": {"resolved": "调处成功", "unresolved": "未成功", "referred": "移交", "pending": "在调处"},
    "amount_qualifier": {"exact": "", "at_least": "余", "nearly": "近", "about": "约"},
    "visit_kind": {"visit": "入户走访", "policy": "政策宣讲", "relief": "慰问", "service": "办事服务", "other": "其他"},
}


# --------------------------------------------------------------------------- headers

# Units that may sit in a header (in brackets, after 单位：, or glued on the end),
# with the scale they give a value of that column's kind.
HEADER_UNITS: dict[str, tuple[str, float]] = {
    # "金额（万）" is as common a heading as "金额（万元）".
    "元": ("amount", 1.0), "人民币元": ("amount", 1.0), "万元": ("amount", 10_000.0), "万": ("amount", 10_000.0), "千元": ("amount", 1_000.0),
    "百元": ("amount", 100.0), "亿元": ("amount", 100_000_000.0),
    "人民币": ("amount", 1.0), "元人民币": ("amount", 1.0), "万元人民币": ("amount", 10_000.0),
    "亩": ("area", 1.0), "公顷": ("area", 15.0), "hm2": ("area", 15.0), "hm²": ("area", 15.0), "万亩": ("area", 10_000.0),
    # As a cell may say them (values.measures): 1 亩 is 666.67 平方米.
    "平方米": ("area", 0.0015), "平米": ("area", 0.0015), "m2": ("area", 0.0015), "万平方米": ("area", 15.0),
    "平方公里": ("area", 1_500.0), "km2": ("area", 1_500.0),
    "米": ("length", 1.0), "m": ("length", 1.0), "公尺": ("length", 1.0), "延米": ("length", 1.0),
    "公里": ("length", 1_000.0), "千米": ("length", 1_000.0), "km": ("length", 1_000.0),
    "厘米": ("length", 0.01), "cm": ("length", 0.01), "毫米": ("length", 0.001), "mm": ("length", 0.001),
    "户": ("count", 1.0), "人": ("count", 1.0), "口": ("count", 1.0), "个": ("count", 1.0), "起": ("count", 1.0),
    "次": ("count", 1.0), "人次": ("count", 1.0),
}
_UNIT_ALTERNATION = "|".join(sorted(map(re.escape, HEADER_UNITS), key=len, reverse=True))
_BRACKETED = re.compile(r"\(([^()]*)\)")
_UNIT_NOTE = re.compile(rf"单位[:：]?\s*({_UNIT_ALTERNATION})")
_TRAILING_UNIT = re.compile(rf"^(.{{2,}}?)(?:/|单位)?({_UNIT_ALTERNATION})$")
_SPACES = re.compile(r"\s+")
# A heading's number in a numbered form (1.户主姓名, 一、走访日期, ①走访日期): not part of its name. Not a 1月 or
# 1组 (no separator), nor a number (1.5).
_CIRCLED = re.compile(r"^\s*[\u2460-\u2473\u2474-\u2487\u2488-\u249b\u3220-\u3229]\s*")
_ENUMERATOR = re.compile(r"^(?:(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[.、]|\((?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\))(?=[^0-9.])")


def strip_numbering(text: str) -> str:
    """``text`` (spaces gone, NFKC) without the number a numbered list puts before it: 1.户主姓名, 二、上坪村, (一)澄江村."""
    return _ENUMERATOR.sub("", text)


def normalize_header(text: object) -> tuple[str, str | None]:
    """A header cell as (label, unit): spaces and line breaks gone, brackets ASCII.

    >>> normalize_header("金额\\n（万元）")
    ('金额', '万元')
    >>> normalize_header("村（居）"), normalize_header("2.户主姓名"), normalize_header("①走访日期")
    (('村(居)', None), ('户主姓名', None), ('走访日期', None))
    """
    if text is None:
        return "", None
    s = _CIRCLED.sub("", str(text))  # before NFKC, which makes ① a 1
    s = unicodedata.normalize("NFKC", s)
    s = s.replace("【", "(").replace("】", ")").replace("〔", "(").replace("〕", ")").replace("[", "(").replace("]", ")")
    s = strip_numbering(_SPACES.sub("", s)).strip("*:：※★")
    unit = None
    note = _UNIT_NOTE.search(s)
    if note:
        unit = note.group(1)
        s = (s[: note.start()] + s[note.end():]).strip("(),，;；")
    for m in list(_BRACKETED.finditer(s)):
        inner = m.group(1).removeprefix("单位").lstrip(":：")
        if inner in HEADER_UNITS:
            unit = unit or inner
            s = s.replace(m.group(0), "")
    if unit is None:
        m = _TRAILING_UNIT.match(s)
        # "金额万元", "慰问金/元"; but not "受益户" (a label that happens to end in 户)
        if m and m.group(2) in {"元", "万元", "千元", "亩", "公顷", "米", "公里"} and not m.group(1).endswith(("单", "投")):
            s, unit = m.group(1), m.group(2)
    return s, unit


# A quantity's unit as a heading may write it, known or not: money (美元, 万港币, 角), areas (平方米, 分),
# lengths (厘米, 华里), each perhaps per something (元/亩, 万元/年). A heading's bracket (or 单位：…) that reads as one
# and is not a unit HEADER_UNITS knows for its column's kind cannot be converted to 元, 亩 or 米.
_QUANTITY_UNIT = re.compile(
    r"^(?:[十百千万亿]*(?:美元|美金|港元|港币|欧元|日元|英镑|人民币|元|角|分|亩|公顷|顷|平方米|平方千米|平方公里|平米|m2|km2|hm2"
    r"|ha|厘|米|公里|千米|公尺|延米|厘米|毫米|华里|里|尺|丈|km|cm|mm|m))(?:[/每][^/每]{1,6})?$"
)
_CURRENCY = re.compile(r"美元|美金|港元|港币|欧元|日元|英镑|外币")
_QUANTITY_KINDS = frozenset({"amount", "area", "length"})  # measured: a count or a rate (筹资笔数) is none
# Every kind of quantity, counts too (``recognise`` ranks their columns; a stage word makes one: 调整后金额).
QUANTITY_KINDS = _QUANTITY_KINDS | {"count"}
_UNIT_TAIL = re.compile(r"单位[:：为是]?(.+)$")


def is_unit(text: str) -> bool:
    """Whether ``text`` (NFKC-folded, no spaces) is a quantity's unit and nothing else, known or not: 万元, 公顷,
    米, 美元, 元/亩 — what a 单位 column beside a quantity holds.

    >>> is_unit("万元"), is_unit("公顷"), is_unit("美元"), is_unit("县交通局")
    (True, True, True, False)
    """
    return text in HEADER_UNITS and HEADER_UNITS[text][0] in _QUANTITY_KINDS or _QUANTITY_UNIT.match(text) is not None


def unconvertible_unit(label: str, unit: str | None, kind: str | None) -> str | None:
    """The unit a quantity column's heading states that cannot be converted to its field's own
    (元, 亩 or 米), or None: a unit of another quantity (投资额（亩）), or one HEADER_UNITS does not know
    (金额（美元）, 投资额（元/亩）, 受益农田（分）). ``label`` and ``unit`` as ``normalize_header`` gives
    them; counts and words are never refused.

    >>> unconvertible_unit("投资额(美元)", None, "amount"), unconvertible_unit("金额", "万元", "amount")
    ('美元', None)
    >>> unconvertible_unit("捐款单位(个人)", None, "amount"), unconvertible_unit("长度", "亩", "length")
    (None, '亩')
    """
    if kind not in _QUANTITY_KINDS:
        return None
    inner = []
    if unit is not None:
        stated = HEADER_UNITS.get(unit, ("", 1.0))[0]
        if stated != kind:
            return unit if stated in _QUANTITY_KINDS else None
    else:
        inner = [m.group(1) for m in _BRACKETED.finditer(label)]
    # 金额单位：美元 is read as 金额单位：美 in 元 (a unit glued on the end): the whole tail is the unit.
    tail = _UNIT_TAIL.search(label + (unit or ""))
    if tail is not None:
        inner.append(tail.group(1).strip("()"))
    for text in inner:
        text = text.removeprefix("单位").lstrip(":：为是")
        if _QUANTITY_UNIT.match(text) and HEADER_UNITS.get(text, ("", 1.0))[0] != kind:
            return text
    if kind == "amount" and (currency := _CURRENCY.search(label)) is not None:
        return currency.group(0)  # wherever it stands (金额单位：万美元 leaves 金额美元 in 万)
    return None


def _synonym_index() -> dict[str, dict[str, Field]]:
    index: dict[str, dict[str, Field]] = {}
    for ledger in LEDGERS.values():
        table: dict[str, Field] = {}
        for f in ledger.all_fields:
            for syn in f.synonyms:
                label, _ = normalize_header(syn)
                table.setdefault(label, f)
        index[ledger.name] = table
    return index


SYNONYMS: dict[str, dict[str, Field]] = _synonym_index()
ALL_SYNONYMS: frozenset[str] = frozenset(label for table in SYNONYMS.values() for label in table)


class _WordIndex:
    """Which synonyms (of at least ``shortest`` characters) a label contains, found by the
    label's characters: each synonym is filed under its first character, so a label is read
    once, and a name such as ``张三`` whose characters start no synonym costs a few dict misses.

    Header search asks this of every text cell near the top of every sheet (mostly names,
    dates and numbers); a substring test per synonym (~500 of them) made it the slowest step
    of the whole clean.
    """

    def __init__(self, synonyms, shortest: int):
        self.words = frozenset(syn for syn in synonyms if len(syn) >= shortest)
        starts: dict[str, set[int]] = {}
        for syn in self.words:
            starts.setdefault(syn[0], set()).add(len(syn))
        self.starts = {ch: tuple(sorted(sizes)) for ch, sizes in starts.items()}

    def found_in(self, label: str):
        """Every synonym occurring in ``label`` (with repeats), in order of position."""
        words, starts, n = self.words, self.starts, len(label)
        for i, ch in enumerate(label):
            for size in starts.get(ch, ()):
                if i + size <= n and label[i:i + size] in words:
                    yield label[i:i + size]


_HEADER_WORDS = _WordIndex(ALL_SYNONYMS, 3)
# For claim_fields' "longest synonym the label contains": the synonyms of 2+ characters.
_MATCH_WORDS = _WordIndex(ALL_SYNONYMS, 2)

# The first characters of all synonyms. A cell whose text (NFKC-folded) has none of them cannot
# read as a heading: a heading's label holds a synonym, and normalising a cell only drops
# characters or turns brackets 【〔[ into ( ) (no synonym starts with a bracket). Header search
# uses this to pass over most body text (names, dates, numbers) without normalising it.
HEADING_INITIALS: frozenset[str] = frozenset(syn[0] for syn in ALL_SYNONYMS)
assert not HEADING_INITIALS & set("()"), "a synonym starting with a bracket needs 【〔[ 】〕] here too"


# Kinds whose values are words (names, places, dates, categories), never a measured quantity.
WORD_KINDS = frozenset({"name", "household", "text", "date", "date_or_month", "place", "group", "visit_kind", "dispute_type", "level", "outcome"})
_COUNT_ENDINGS = ("户数", "人数", "次数", "个数", "件数", "起数", "笔数", "项数", "宗数", "人次", "户次", "率", "比例", "占比")

_ID_WORDS = ("身份证", "身份号码", "证件号")
_CHOICES = re.compile(r"\([^()]*[/、,，|][^()]*\)")
_PHONE_WORDS = ("电话", "手机", "联系方式", "手机号")
# (and the next, the one due, the deadline: 下次走访时间, 拟走访时间, 应走访日期, 限期化解时间 were read as the day it was done)
_PLANNED = ("计划", "预计", "拟定", "截止", "应于", "拟", "下次", "下一次", "下轮", "下步", "限期", "时限", "期限", "预定",
            "预约", "约定", "承诺", "应走访", "应到位", "应完成", "应化解", "应办结", "要求")
_NAME_AND_NUMBER = re.compile(
    r"(.{2,12}?)(?:及|和|与|、|/|\(|（)(?:联系电话|联系方式|电话号码|手机号码|手机号|电话|手机|身份证号码|身份证号|身份证|证件号码|证件号)\)?"
)
_PERSON_KINDS = ("name", "household")
_DATE_KINDS = ("date", "date_or_month")
_NOT_A_PLACE = ("意见", "审核", "审批", "评议", "签字", "签名", "盖章", "负责人", "主任", "书记", "干部", "代表", "人数",
                "户数", "面积", "收入", "电话", "日期", "时间")


@dataclass(frozen=True)
class Claim:
    """What a heading says in one ledger: the field it names and how tellingly.

    ``exact``: the heading (or it without a bracketed note) is the synonym itself.
    ``specific``: the heading holds one of the ledger's own words (``走访日期``, ``被走访人``,
    ``筹资金额``), so it confirms the ledger; a generic heading (``日期``, ``姓名``, ``金额``) does not.
    ``rank``: the synonym's place in its field's list; when two columns name one field, the one
    whose synonym comes first wins (``调处结果`` over ``调处情况``).
    """

    field: Field
    synonym: str
    exact: bool
    specific: bool
    rank: int


def _rest_has(label: str, synonym: str, words: tuple[str, ...]) -> bool:
    rest = label.replace(synonym, "|")
    return any(word in rest for word in words)


def _is_common(f: Field) -> bool:
    return any(f is c for c in COMMON)


def _synonym_ranks() -> dict[str, dict[str, int]]:
    ranks: dict[str, dict[str, int]] = {}
    for ledger in LEDGERS.values():
        table = ranks[ledger.name] = {}
        for f in ledger.all_fields:
            for rank, syn in enumerate(f.synonyms):
                table.setdefault(normalize_header(syn)[0], rank)
    return ranks


_FIELD_RANK = _synonym_ranks()


def match_field(ledger: str, label: str) -> Field | None:
    """The field of ``ledger`` a normalised header label names, or None.

    >>> match_field("visits", "被走访户户主姓名").name
    'household_head'
    >>> match_field("visits", "出生日期") is None
    True
    """
    claim = claim_fields(label)[ledger] if label else None
    return claim.field if claim else None


# A heading with its value after a colon (走访干部:李明(县交通局), 填报单位:葛坳乡): a section's or a form's line,
# never a column's heading (a unit note, 金额单位:万元, is taken off before; a choice, 是否(是:1), is in brackets;
# 其中:财政资金 heads a part).
_LABELLED_VALUE = re.compile(r"^(?!其中|含|包括)[^:()]{2,10}:[^:]+$")


def claim_fields(label: str) -> dict[str, Claim | None]:
    """What a normalised header label names in every ledger (read once for all five).

    Exact synonyms first; then the label without a bracketed note (``户主姓名(签字)``); then
    the longest synonym the label contains (``被走访户户主姓名`` → 户主姓名), ignoring
    one-character synonyms. A synonym found only inside a longer heading must be telling on
    its own (it holds one of the ledger's words, as 走访日期 does) or the rest of the heading
    must hold one (``走访记录日期``): ``出生日期``, ``人员类型``, ``缴费金额`` name no field, since
    a birth date is never a visit date, nor a person's type a dispute type.

    >>> claim_fields("户主姓名")["roster"].field.name
    'household_head'
    >>> claim_fields("人员类型")["disputes"] is None
    True
    """
    if not label or _LABELLED_VALUE.match(label):
        return dict.fromkeys(SYNONYMS)
    # A column that holds personal numbers is one whatever else its heading
    # says ("帮扶责任人联系电话"), so that its values are never copied.
    # ...but not when the word is one of the choices a heading lists: 走访方式（入户/电话）.
    bare = _CHOICES.sub("", label)
    identity = any(word in bare for word in _ID_WORDS)
    if identity or any(word in bare for word in _PHONE_WORDS):
        # 走访对象及联系方式, 户主姓名（电话）, 户主（身份证号）: a name with its number in one cell is the name's
        # column (the number is dropped from every value read, see values.parse_name); any other heading
        # that names a phone or an identity card is that number's column, never read.
        person = _NAME_AND_NUMBER.fullmatch(bare)
        if person is None or not (claims := claim_fields(person.group(1))) or not any(
            c is not None and c.field.kind in _PERSON_KINDS for c in claims.values()
        ):
            return {name: Claim(ID_NUMBER if identity else PHONE, label, True, False, 0) for name in SYNONYMS}
        return {name: (c if c is not None and c.field.kind in _PERSON_KINDS else None) for name, c in claims.items()}
    stripped = _BRACKETED.sub("", label)
    # "结对帮扶户数", "走访率": a number about households, not their names.
    counted = label.endswith(_COUNT_ENDINGS)
    contained = list(_MATCH_WORDS.found_in(label))
    out: dict[str, Claim | None] = {}
    # A planned or deadline date (计划竣工日期, 预计完成时间) is never the date a thing happened.
    planned = any(word in label for word in _PLANNED)
    running = "累计" in label
    for name, table in SYNONYMS.items():
        ledger = LEDGERS[name]
        ranks = _FIELD_RANK[name]
        claim = None
        for exact in (label, stripped):
            f = table.get(exact)
            if f is not None:
                claim = Claim(f, exact, True, _holds_word(label, ledger, f), ranks[exact])
                break
        if claim is None:
            hits = []
            for syn in contained:
                f = table.get(syn)
                if f is None or (counted and (f.kind in WORD_KINDS or f.kind in _QUANTITY_KINDS)) or (
                        planned and f.kind in _DATE_KINDS):
                    continue
                words = ledger.words + f.words
                telling = any(word in syn for word in words)
                if _is_common(f):
                    # A place heading inside a longer one names the place only when the rest says
                    # nothing else: 乡镇审核意见 and 村委会主任 are an approval and a person.
                    if f.kind == "place" and _rest_has(label, syn, _NOT_A_PLACE):
                        continue
                    hits.append(syn)
                elif telling or _rest_has(label, syn, words) or f.kind in QUANTITY_KINDS and (
                        _rest_is_stage(label, syn) or _rest_is_part(label, syn, f) or _rest_is_period(label, syn)):
                    hits.append(syn)
            if hits:
                syn = min(hits, key=lambda s: (-len(s), ranks[s]))
                f = table[syn]
                claim = Claim(f, syn, False, _holds_word(label, ledger, f), ranks[syn])
        if claim is not None and running and name == "funds" and claim.field.kind == "amount":
            claim = None  # 累计金额 beside 本次金额, or alone down a log: a running total, never a row's amount
        out[name] = claim
    return out


# A quantity's heading that says only which stage of it the column holds (调整后金额, 核实金额, 实际金额): the
# quantity itself, as the ledger's last word on it (``recognise`` reads it before a column of the bare name).
FINAL_STAGE_WORDS = ("实到", "实际", "实收", "到位", "到账", "已到位", "核实", "核定", "审定", "调整后", "更正后", "修正后",
                     "变更后", "最终", "决算")
_STAGE_REST = re.compile(rf"^(?:{'|'.join(FINAL_STAGE_WORDS)})的?$")


def _rest(label: str, syn: str) -> str:
    """What a heading says besides the synonym it holds, brackets aside (调整后金额 → 调整后)."""
    return _BRACKETED.sub("", label).replace(syn, "", 1)


def _rest_is_stage(label: str, syn: str) -> bool:
    return _STAGE_REST.match(_rest(label, syn)) is not None


# What a sub-column under a quantity's group heading says of its part (总投资 over 争取资金 | 群众自筹 | 合计):
# the whole (合计), or where money came from. Joined to the group (``table._combine``), still that quantity.
_TOTAL_REST = r"合计|小计|总计|共计"
_SOURCE_REST = (r"(?:其中)?(?:(?:中央|国家|省|市|县|区|乡|镇|村)级?|上级|本级|财政|专项|社会|群众|争取|整合|自筹|配套|补助|奖补"
                r"|捐赠|捐助|捐款|贷款|以工代赈|一事一议|其他|其它)+(?:资金|投入|投资|出资|部分|款)?")
_TOTAL_PART = re.compile(rf"^(?:{_TOTAL_REST})$")
_SOURCE_PART = re.compile(rf"^(?:{_SOURCE_REST})$")


# A quantity's heading saying it is this entry's, not a running total's (本次金额 beside 累计金额).
_PERIOD_REST = re.compile(r"^(?:本次|本期|当期|本月|当月|本笔|此次)的?$")


def _rest_is_period(label: str, syn: str) -> bool:
    return _PERIOD_REST.match(_rest(label, syn)) is not None


def _rest_is_part(label: str, syn: str, f: Field) -> bool:
    """Whether ``label`` is ``syn`` followed by a part of it: its total (any quantity), or a source of
    money (an amount only): 总投资合计, 投资争取资金, 投资群众自筹 — not 投资单位, 投资方 (who invested)."""
    if not label.startswith(syn):
        return False
    rest = _BRACKETED.sub("", label[len(syn):])
    return _TOTAL_PART.match(rest) is not None or f.kind == "amount" and _SOURCE_PART.match(rest) is not None


def _holds_word(label: str, ledger: Ledger, f: Field) -> bool:
    # Not in the choices a heading lists: 农户类型（低保户/五保户/一般贫困户） is no 贫困户 heading.
    bare = _CHOICES.sub("", label)
    return not _is_common(f) and any(word in bare for word in ledger.words + f.words)


def match_fields(label: str) -> dict[str, Field | None]:
    """``match_field`` for every ledger at once.

    >>> match_fields("户主姓名")["roster"].name
    'household_head'
    """
    return {name: (claim.field if claim else None) for name, claim in claim_fields(label).items()}


def unit_fits(f: Field, unit: str | None) -> bool:
    """Whether a header unit can stand over ``f``'s values: ``办实事项目（个）`` counts projects, it
    does not name them (a summary sheet's column, not a project ledger's)."""
    return unit is None or f.kind not in WORD_KINDS


def looks_like_header_cell(label: str) -> bool:
    """True when a normalised cell reads as a column heading of some ledger."""
    if not label or len(label) > 30:
        return False
    if label in ALL_SYNONYMS or _BRACKETED.sub("", label) in ALL_SYNONYMS:
        return True
    return next(_HEADER_WORDS.found_in(label), None) is not None
