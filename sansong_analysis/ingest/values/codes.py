"""Coded values: 村民小组 labels, yes/no, whether a household is in hardship, and the categories
of disputes (type, level, outcome) and visits (kind)."""

from __future__ import annotations

import re
from decimal import Decimal

from sansong_analysis.ingest.values.numerals import (
    _CN_DIGIT_CLASS,
    _cn_number,
    _decimal_of,
    _is_number,
    _number_text,
)
from sansong_analysis.ingest.values.text import EMPTY_MARKERS, ValueProblem, _coerce, _quote, _squash

# --------------------------------------------------------------------------- groups

_GROUP_SUFFIX = r"(?:村民小组|居民小组|村小组|小组|生产队|生产组|组|队|社)"
_GROUP_NUMERIC = re.compile(
    rf"(?:.*?(?:村|社区|居委会))?第?([0-9]{{1,4}}|[{_CN_DIGIT_CLASS}十百拾佰廿卅]{{1,6}}){_GROUP_SUFFIX}?"
)
_GROUP_FLOAT_TEXT = re.compile(r"([0-9]{1,4})\.0+")
_GROUP_SUFFIX_END = re.compile(rf"{_GROUP_SUFFIX}$")
_GROUP_WORDS = frozenset({"村民小组", "居民小组", "村小组", "小组", "生产队", "生产组", "组", "队", "社"})
_MAX_GROUP = 300
# A numbered group written with its name (3组（上屋）, 上屋（3组）, 3组上屋, 上屋组(第三组)): the number; a name
# holding a numeral (一组二组: two groups) is not read so.
_GROUP_NAME = rf"(?:(?![{_CN_DIGIT_CLASS}十])[\u3400-\u9fff]){{1,6}}"
_GROUP_NUMBER = rf"第?([0-9]{{1,3}}|[{_CN_DIGIT_CLASS}十]{{1,3}})"
_NUMBERED_WITH_NAME = re.compile(
    rf"{_GROUP_NUMBER}{_GROUP_SUFFIX}\(?{_GROUP_NAME}{_GROUP_SUFFIX}?\)?"
    rf"|{_GROUP_NAME}\({_GROUP_NUMBER}{_GROUP_SUFFIX}?\)"
)
# No one group: the whole village, every group (a project's or a dispute's, never a household's).
_NO_ONE_GROUP = frozenset({"全村", "全组", "各组", "全体", "全村各组", "所有组", "多个组", "全体村民", "全村范围"})


def _numbered_group(c: object, n: Decimal | int) -> str:
    if not 1 <= n <= _MAX_GROUP or n != int(n):
        raise ValueProblem(f"村民小组「{_quote(c)}」无法识别")
    return f"{int(n)}组"


def parse_group(cell: object) -> str | None:
    """A 村民小组 label, canonical: ``'1组'`` for a numbered group, ``'新屋下组'`` for a named one.

    ``一组``, ``第一组``, ``第1村民小组``, ``01``, ``1.0``, ``1队`` all give
    ``1组``; ``新屋下小组`` and ``新屋下`` give ``新屋下组``; a village
    prefix (``新屋村3组``) is dropped, and a name beside the number (``3组（上屋）``,
    ``上屋（3组）``). Group numbers run 1..300; 1.5 or 0 is a ValueProblem. ``全村`` is
    no one group (None).

    >>> parse_group("3组（上屋）"), parse_group("上屋(第三组)"), parse_group("3组上屋"), parse_group("全村")
    ('3组', '3组', '3组', None)
    """
    c = _coerce(cell)
    if c is None:
        return None
    bad = ValueProblem(f"村民小组「{_quote(c)}」无法识别")
    if _is_number(c):
        try:
            value = _decimal_of(c)
        except ValueError:
            raise bad from None
        return _numbered_group(c, value)
    if not isinstance(c, str):
        raise bad
    s = _squash(c)
    if s in EMPTY_MARKERS or s in _NO_ONE_GROUP:
        return None
    if m := _GROUP_FLOAT_TEXT.fullmatch(s):
        return _numbered_group(c, int(m.group(1)))
    if m := _GROUP_NUMERIC.fullmatch(s):
        try:
            return _numbered_group(c, _number_text(m.group(1)))
        except ValueError:
            pass  # 百家组 is a name that starts like a numeral
    if m := _NUMBERED_WITH_NAME.fullmatch(s):
        try:
            return _numbered_group(c, _number_text(m.group(1) or m.group(2)))
        except ValueError:
            raise bad from None
    m = _GROUP_SUFFIX_END.search(s)
    name = s[: m.start()] if m and m.start() > 0 else s
    if (
        name in _GROUP_WORDS
        or len(name) > 12
        or not all(ch.isalpha() or ch == "·" for ch in name)  # 新屋1组, 一组二组: not a name, not guessed
        or "组" in name
    ):
        raise bad
    return name + "组"


# --------------------------------------------------------------------------- check-box lists

# A cell listing the options, a box before each and the chosen one ticked: 「□山林 ☑土地 □邻里」
# (printed forms). Read by keywords, it would be the first option named, ticked or not. Every
# coded parser below (yes/no, hardship, dispute type, level, outcome, visit kind) reads such a
# cell as its ticked option (none ticked: blank); two ticked, or a ☒, is a ValueProblem.
_EMPTY_BOXES = "□☐"
_CHECKED_BOXES = "☑■√✓✔✅"
_CROSSED_BOX = "☒"  # chosen, or struck out? Offices use it both ways: never guessed
# What makes a cell a check-box list: a box (√ alone is a plain tick, as in a 是否 column).
_LIST_BOXES = "□☐☑■"
_BOX_SPLIT = re.compile(f"([{_EMPTY_BOXES}{_CHECKED_BOXES}{_CROSSED_BOX}])")
_OPTION_TRIM = " ,，、;；:：.。/\u3000"


def _box_choice(c: object) -> object:
    """The option a check-box list chose (``□山林 ☑土地`` → ``土地``), None when none is ticked; any
    other cell unchanged. Two ticked, or a crossed box, is a ValueProblem.

    >>> _box_choice("纠纷类型：□山林 ☑土地 □邻里"), _box_choice("□成功 □未成功"), _box_choice("山林"), _box_choice("☑")
    ('土地', None, '山林', '☑')
    """
    if not isinstance(c, str) or not any(box in c for box in _LIST_BOXES):
        return c
    parts = _BOX_SPLIT.split(c)
    options = [(mark, text.strip(_OPTION_TRIM)) for mark, text in zip(parts[1::2], parts[2::2], strict=True)]
    if not any(text for _, text in options):
        return c  # a box alone (☑ in a 是否 column) is the mark itself, not a list
    if _CROSSED_BOX in c:
        raise ValueProblem(f"「{_quote(c)}」中的☒无法判断是选中还是划去")
    chosen = [text for mark, text in options if mark in _CHECKED_BOXES]
    if len(chosen) > 1:
        raise ValueProblem(f"「{_quote(c)}」勾选了{len(chosen)}项，无法确定是哪一项")
    return chosen[0] if chosen and chosen[0] else None


# --------------------------------------------------------------------------- yes / no

_TRUE_WORDS = frozenset({
    "是", "√", "✓", "✔", "☑", "✅", "■", "有", "y", "yes", "true", "t", "1", "1.0", "对", "是的", "已提供", "提供", "已",
    # the help named (法律帮助 已援助, 法律咨询)
    "已援助", "援助", "法律援助", "已提供援助", "提供援助", "已咨询", "法律咨询", "提供咨询", "已帮助", "已提供法律帮助",
    "提供法律帮助", "已提供法律援助", "提供法律援助", "法律帮助", "法律服务", "提供法律咨询", "已提供法律咨询", "提供法律服务",
    "已提供法律服务", "给予法律帮助", "给予法律援助", "给予法律咨询", "已给予法律帮助", "已给予法律援助",
})
_FALSE_WORDS = frozenset({
    "否", "×", "✗", "✘", "☒", "❌", "☐", "□", "x", "无", "n", "no", "false", "f", "0", "0.0", "不是", "未提供", "没有", "未",
    "不", "非",
    # none needed, so none given (法律帮助 无需)
    "无需", "无须", "不需", "不需要", "不用", "没必要", "无必要",
})


def _bool_word(c: object) -> bool | None:
    """True/False for a recognised yes/no cell, None otherwise (empty cells are False)."""
    if c is None:
        return False
    if isinstance(c, bool):
        return c
    if _is_number(c):
        return bool(c == 1) if c in (0, 1) else None
    if not isinstance(c, str):
        return None
    s = _squash(c)
    if s in EMPTY_MARKERS:
        return False
    key = s.lower()
    if key in _TRUE_WORDS:
        return True
    if key in _FALSE_WORDS:
        return False
    # "是(法律咨询)", "√（已化解）": the word says yes or no, the bracket only adds a note.
    if (m := _ANNOTATED.fullmatch(key)) and m.group(1) in _TRUE_WORDS | _FALSE_WORDS:
        return m.group(1) in _TRUE_WORDS
    return None


_ANNOTATED = re.compile(r"(.{1,3}?)\(.*\)")


# How many times the help was given (法律帮助 1次, 两次): given, unless none.
_TIMES = re.compile(r"([0-9]{1,3}|[一二两三四五六七八九十]{1,3})次")


def parse_bool(cell: object) -> bool:
    """A yes/no cell: ``是``/``√``/``有``/``Y``/1 -> True, ``否``/``×``/``无``/``N``/0 -> False; how many times
    something was done (``1次``, ``两次``) is yes, ``0次`` no.

    A blank cell means no (False); anything else is a ValueProblem.

    >>> parse_bool("2次"), parse_bool("两次"), parse_bool("0次"), parse_bool("提供法律咨询")
    (True, True, False, True)
    """
    c = _box_choice(_coerce(cell))
    value = _bool_word(c)
    if value is None and isinstance(c, str) and (m := _TIMES.fullmatch(_squash(c))):
        value = _cn_number(m.group(1).replace("两", "二")) > 0
    if value is None:
        raise ValueProblem(f"「{_quote(c)}」无法识别为是/否")
    return value


_POOR_EXACT = {
    **{w: True for w in ("贫困户", "困难户", "建档立卡户", "建档立卡贫困户", "低保户", "五保户", "特困户", "困难群众",
                         "脱贫户", "贫困", "困难", "低保", "五保", "特困", "建档立卡", "一般贫困户", "低保贫困户",
                         "五保贫困户", "脱贫监测户", "监测户", "边缘户")},
    **{w: False for w in ("一般户", "非贫困户", "普通户", "一般农户", "非困难户", "普通农户", "非建档立卡户", "一般",
                          "普通", "非贫困", "非困难")},
}
# Negations first: 非贫困户 contains 贫困户. 一般贫困户 is a kind of poor household, so 一般 alone is no negation.
_POOR_NEGATIVE = ("非贫困", "非困难", "非建档", "非低保", "不是", "一般户", "一般农户", "普通户", "普通农户")
_POOR_POSITIVE = ("贫困", "困难", "建档立卡", "低保", "五保", "特困", "脱贫", "返贫", "低收入", "监测", "边缘")


def parse_poor(cell: object) -> bool:
    """Whether a roster household is in hardship (``is_poor``).

    parse_bool's words, plus household categories: ``贫困户``, ``建档立卡户``,
    ``低保户``, ``五保户``, ``脱贫户`` … -> True; ``一般户``, ``非贫困户``,
    ``普通户`` … -> False (negations are checked before the positive words
    they contain). Blank -> False.
    """
    c = _box_choice(_coerce(cell))
    value = _bool_word(c)
    if value is not None:
        return value
    if isinstance(c, str):
        s = _squash(c)
        if s in _POOR_EXACT:
            return _POOR_EXACT[s]
        if any(w in s for w in _POOR_NEGATIVE):
            return False
        if any(w in s for w in _POOR_POSITIVE):
            return True
    raise ValueProblem(f"「{_quote(c)}」无法识别为是否困难户")


def poor_category(cell: object) -> bool | None:
    """Whether a text is a word for a kind of household, poor (贫困户, 低保户, 脱贫户) or not (一般户, 非贫困户),
    as it stands; None for anything else (是 / 否, a tick, a name, blank). What a column headed only 类别
    must hold in every row to be read as 是否困难户 (``table.kind_column_as_poor``).

    >>> poor_category(" 贫困户"), poor_category("一般户"), poor_category("是"), poor_category("党员")
    (True, False, None, None)
    """
    return _POOR_EXACT.get(_squash(cell)) if isinstance(cell, str) else None


# --------------------------------------------------------------------------- coded categories

_DISPUTE_KEYWORDS = (
    ("forest", ("山林", "林地", "林权", "山场", "林木", "山地", "山界", "林界")),
    ("neighbour", ("邻里", "相邻")),
    ("land", ("土地", "田地", "耕地", "承包地", "宅基地", "征地", "田土", "水田", "田界", "地界", "田埂")),
    ("family", ("婚姻", "家庭", "赡养", "抚养", "继承", "夫妻", "离婚", "婚恋", "家事")),
)
_DISPUTE_CODES = frozenset({"forest", "neighbour", "land", "family", "other"})


def parse_dispute_type(cell: object) -> str:
    """A dispute type code: ``forest``, ``neighbour``, ``land``, ``family`` or ``other``.

    Keywords are tried in that order (``山林土地纠纷`` is forest); blank and
    unknown types (``其他``, ``债务纠纷``) are ``other``; a check-box list its
    ticked option. Raises only for a check-box list that ticks two or holds a
    ☒ (``_box_choice``).
    """
    c = _box_choice(_coerce(cell))
    if not isinstance(c, str):
        return "other"
    s = _squash(c)
    if s.lower() in _DISPUTE_CODES:
        return s.lower()
    for code, words in _DISPUTE_KEYWORDS:
        if any(w in s for w in words):
            return code
    return "other"


_LEVEL_TRIM = re.compile(
    r"(?:人民调解委员会|调解委员会|调委会|调解会|调解室|调解组织|调解小组|调处小组|调解组|调解|调处|化解"
    r"|两委|党支部|党委|人民政府|政府|一级|级|层面|层级)$"
)
_LEVEL_EXACT = {
    "group": "group", "village": "village", "township": "township",
    "组": "group", "小组": "group", "村民小组": "group", "居民小组": "group", "村小组": "group", "组内": "group",
    "村": "village", "村委": "village", "村委会": "village", "村民委员会": "village", "村居": "village",
    "居": "village", "社区": "village", "居委会": "village", "居委": "village", "村内": "village",
    "乡": "township", "镇": "township", "乡镇": "township", "街道": "township", "镇街": "township",
    # who mediated, written instead of where
    "组长": "group", "村民组长": "group", "村干部": "village", "村支书": "village", "村主任": "village",
    "乡干部": "township", "镇干部": "township", "乡镇干部": "township",
}
_TOWNSHIP_OFFICES = ("司法所", "综治", "派出所", "信访", "街道", "调处中心", "矛调中心", "乡镇")
_ABOVE_TOWNSHIP = ("县", "市", "省", "法院", "检察院", "公安局", "司法局")
_WORK_TEAM = re.compile(r"工作组|工作队")  # 三送工作队, 驻村工作队, 帮扶工作组
# What a level problem says of a body that mediated but is none of the three (县法院, 三送工作队): an answer the
# team gave, not a misread column — however many, their disputes are counted, the level left empty.
OUTSIDE_LEVELS = "不属于组、村、乡三级，不计层级"


def parse_level(cell: object) -> str | None:
    """The level a dispute was mediated at: ``group``, ``village`` or ``township``; empty -> None.

    ``组级``/``村民小组``/``新屋下组`` -> group; ``村级``/``村委会``/``村调委会``/
    ``新屋村`` -> village; ``乡``/``镇级``/``乡(镇)``/``司法所``/``综治办``/
    ``黄坑乡`` -> township. County-level bodies (``县法院``) and anything
    else are a ValueProblem.
    """
    c = _box_choice(_coerce(cell))
    if c is None:
        return None
    bad = ValueProblem(f"调处层级「{_quote(c)}」无法识别")
    if not isinstance(c, str):
        raise bad
    outside = ValueProblem(f"调处层级「{_quote(c)}」{OUTSIDE_LEVELS}")
    s = _squash(c).replace("(", "").replace(")", "")
    if s in EMPTY_MARKERS:
        return None
    key = s.lower()
    while key not in _LEVEL_EXACT and (shorter := _LEVEL_TRIM.sub("", key)) != key and shorter:
        key = shorter
    if key in _LEVEL_EXACT:
        return _LEVEL_EXACT[key]
    if _WORK_TEAM.search(key):  # the 三送 work team is none of the three levels: not guessed
        raise outside
    if key.endswith("组"):
        return "group"
    if key.endswith(("村", "社区", "居委会", "村委会", "村委")):
        return "village"
    if key.endswith(("乡", "镇", "街道", "办事处")):
        return "township"
    if any(w in key for w in _ABOVE_TOWNSHIP):
        raise outside
    if any(w in key for w in _TOWNSHIP_OFFICES):
        return "township"
    raise bad


_OUTCOME_EXACT = {
    "resolved": "resolved", "unresolved": "unresolved", "referred": "referred", "pending": "pending",
    "是": "resolved", "√": "resolved", "✓": "resolved", "✔": "resolved", "y": "resolved", "yes": "resolved",
    "1": "resolved", "成": "resolved",
    "否": "unresolved", "×": "unresolved", "✗": "unresolved", "✘": "unresolved", "x": "unresolved",
    "n": "unresolved", "no": "unresolved", "0": "unresolved",
    "已结": "resolved", "已了结": "resolved", "已调": "resolved",
}
# Order matters: 未成功 contains 成功, 未办结 contains 办结, so negatives and "not yet" come first.
_OUTCOME_KEYWORDS = (
    ("unresolved", ("未成功", "不成功", "未化解", "未能化解", "未解决", "未能解决", "失败", "未调成", "调不成",
                    "没有成功", "未达成", "不能化解", "无法化解", "未果", "无果", "无效", "不成", "不满意",
                    "调解未成", "调处未成", "协调未成", "化解未成",
                    # Resolved in part is not resolved (基本解决, "resolved on the whole", still is).
                    "部分解决", "部分化解", "部分调解", "部分达成", "部分履行", "(部分)",  # 已化解（部分）
                    # Mediation ended without an agreement, or a party would not have one.
                    "终止调解", "调解终止", "终止调处", "调处终止", "中止调解", "拒绝", "拒签", "不同意",
                    # An agreement a party does not keep, or whose payment has not come.
                    "未履行", "不履行", "拒不履行", "未执行", "不执行", "拒不执行", "未兑现", "未到位", "未支付",
                    "未付款", "未付清", "未赔偿", "拒付", "拒不支付", "拒不赔偿", "拖欠",
                    # Mediation refused or impossible.
                    "无法调解", "不能调解", "无法调处", "不接受", "不服", "不谅解", "不予谅解", "中止")),
    ("referred", ("移交", "转交", "移送", "上报", "转司法", "诉讼", "起诉", "转法院", "转办", "转入", "仲裁",
                  # Pointed to the courts (告知其通过法律途径解决): not resolved here, whatever 解决 says.
                  "法律途径", "司法途径", "法律程序", "司法程序",
                  # Handed to another body (交由林业站处理, 已引导至法院): 经派出所调解成功 is resolved here.
                  "交由", "交给", "至法院", "到法院", "向法院", "上交")),
    ("pending", ("调处中", "正在", "调解中", "在调", "待", "未办结", "未结案", "未调处", "未调解", "未处理", "没有处理", "没处理",
                 "未完成", "办理中", "处理中", "进行中", "化解中", "稳控", "协调中", "处置中", "调查中", "核实中",
                 "暂缓", "搁置", "挂起", "无进展", "暂无结果", "尚无结果", "在办",
                 # Still being worked on (继续调解, 继续做工作); 继续上访 is a relapse (_RELAPSE_RX), read first.
                 "继续调", "继续协调", "继续做", "继续处理", "继续化解")),
    ("resolved", ("成功", "已调处", "已调解", "化解", "解决", "办结", "结案", "达成", "和解", "息诉", "调结",
                  "调处完毕", "调解完毕", "已处理", "息访", "履行", "满意", "和好", "握手言和", "言归于好",
                  "平息", "处理完毕", "妥善处理", "处置完毕",
                  # An agreement signed or given by word of mouth (签订调解协议书, 口头协议); no objection left.
                  "签订", "签字", "协议", "无异议", "没有异议", "没异议",
                  # Made good (已赔偿, 赔礼道歉) or settled in other words.
                  "已赔偿", "赔偿到位", "已兑现", "道歉", "谅解", "了结", "调成", "调好",
                  # Handled to the end (处理好了, 已经处理好), or the parties talked round (劝和, 已劝和).
                  "处理好", "劝和",
                  # Agreed between themselves (协商一致; 未能协商一致 is a negation, _UNRESOLVED_RX).
                  "协商一致")),
    # Follow-up words, and a dispute calmed for now (暂时稳定, 基本稳定), say "pending" only when nothing above matched
    # (已化解，双方情绪稳定 is resolved).
    ("pending", ("跟踪", "跟进", "回访", "观察", "稳定")),
)


# 未调解成功, 没有化解, 无法达成协议, 未签协议: a negation a few characters before a success word (not across a comma).
# An 已 starts a clause of its own (未再发生已化解, 没有矛盾了已解决): the negation does not reach past it.
_UNRESOLVED_RX = re.compile(r"(?:未能?|没有?|不能|无法)[^,。;；已]{0,4}?(?:成功|化解|解决|调成|调好|达成|和好|平息|签|协议|谅解|了结|一致)")
# Settled and then undone: a party went back on it (一方反悔), or it flared up again (又起纠纷, 仍在上访, 仍不服).
# Not when denied (无反悔, 未再发生纠纷, 不再上访, 没有再上访, 不会再上访).
_RELAPSE_RX = re.compile(
    r"(?<![未无没不会再])(?<!没有)(?:反悔|翻悔|(?:又|再次?|仍然?|继续|重新|重复)(?:在|有|起|发生|生)?"
    r"(?:纠纷|上访|信访|闹访|缠访|矛盾|争执|不服))"
)
# 没有异议 (no objection) is no negation of what follows it: 双方没有异议达成协议 is an agreement.
_NO_OBJECTION = re.compile(r"(?:没有?|无)异议")
# A follow-up beside the outcome (已调处，待回访): the outcome is what it says; alone, it says pending.
_FOLLOW_UP = re.compile(r"[,，;；、]?(?:待|需要?|继续|持续|正在|定期)?(?:回访|跟踪|观察)中?")


def parse_outcome(cell: object) -> str:
    """A dispute outcome: ``resolved``, ``unresolved``, ``referred`` or ``pending``.

    Negatives are checked first (``未成功`` contains ``成功``), then referral,
    then "still in progress", then success. Blank -> ``pending``; a yes/no
    cell (是否调处成功) reads 是 as resolved and 否 as unresolved; anything
    else raises ``调处结果「xx」无法识别``.
    """
    c = _box_choice(_coerce(cell))
    if c is None:
        return "pending"
    if isinstance(c, bool):
        return "resolved" if c else "unresolved"
    if _is_number(c) and c in (0, 1):
        return "resolved" if c == 1 else "unresolved"
    if isinstance(c, str):
        s = _squash(c)
        if s in EMPTY_MARKERS:
            return "pending"
        key = s.lower()
        if key in _OUTCOME_EXACT:
            return _OUTCOME_EXACT[key]
        key = _FOLLOW_UP.sub("", key) or key
        if _UNRESOLVED_RX.search(_NO_OBJECTION.sub("", key)) or _RELAPSE_RX.search(key):
            return "unresolved"
        for code, words in _OUTCOME_KEYWORDS:
            if any(w in key for w in words):
                return code
    raise ValueProblem(f"调处结果「{_quote(c)}」无法识别")


_VISIT_KEYWORDS = (
    ("relief", ("慰问", "送温暖", "救助", "救济", "慰问金")),
    ("policy", ("宣讲", "宣传", "政策解读", "讲解政策", "送政策", "讲政策")),  # 送政策: the first of 三送
    ("service", ("帮办", "代办", "办事", "服务")),
    ("visit", ("走访", "入户", "家访", "看望", "回访", "调研", "访问")),
)
_VISIT_CODES = frozenset({"visit", "policy", "relief", "service", "other"})
# A cell that only ticks (√ in a 走访形式 column: visited, of no kind said).
_TICKED = frozenset({*_CHECKED_BOXES, "●", "○", "◯", "◎", "★", "☆", "▲", "△", "是", "有"})


def parse_visit_kind(cell: object) -> str:
    """What a visit was for: ``visit``, ``policy``, ``relief``, ``service`` or ``other``.

    慰问 wins over 走访 (``走访慰问`` is relief); then 宣讲/宣传 (policy),
    帮办/代办/服务 (service), 走访/入户/家访 (visit). Blank -> ``visit``
    (a visit ledger row without a kind is a plain visit), and so is a bare tick (√, 是: visited, of no
    kind said); a check-box list its ticked option; anything else -> ``other``. Raises only for a
    check-box list that ticks two or holds a ☒ (``_box_choice``).
    """
    c = _box_choice(_coerce(cell))
    if c is None:
        return "visit"
    if not isinstance(c, str):
        return "other"
    s = _squash(c)
    if s in EMPTY_MARKERS or s in _TICKED:  # a tick says the visit was made, no more than a blank does
        return "visit"
    if s.lower() in _VISIT_CODES:
        return s.lower()
    for code, words in _VISIT_KEYWORDS:
        if any(w in s for w in words):
            return code
    return "other"
