"""Headings an office might type, swapped one at a time into a plain ledger and cleaned: which read as their field.

Run by hand, not in CI (some six hundred cleans, a few minutes):

    .venv/bin/python benchmarks/heading_sweep.py                 # the words below
    .venv/bin/python benchmarks/heading_sweep.py --ledger visits

For each ledger a plain sheet (title, header, two records) is cleaned as written, then again with one heading
replaced; a heading whose field then reads differently — the sheet 未识别, the column read as nothing, the records
otherwise — is printed with what happened (the recognition's reason, the sheet's flag). A miss is not always a fault:
some headings should be left for a person to say (户型, 投资估算, 慰问品折价). The words are each field's common forms and
every prefix × word of the household's, date's, cadre's, poor mark's, amount's and outcome's; add to them freely.
``tests/test_heading_words.py`` keeps the ones taken in.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sansong_analysis.ingest.clean import clean  # noqa: E402
from tests.one_sheet import write_sheets  # noqa: E402
from tests.test_heading_words import LEDGERS_ALL  # noqa: E402


def _cross(prefixes: list[str], words: list[str]) -> list[str]:
    return [p + w for p in prefixes for w in words]


# Each ledger's plain sheet (title, header, two records) is the suite's (``tests/test_heading_words.LEDGERS_ALL``); here,
# by ledger, {column: (field, the headings tried there)}.
SWEEPS = {
    "visits": {1: ("visit_date", _cross(["走访", "入户", "慰问", "家访", "访问", "到户", "帮扶", "遍访", ""],
                                        ["日期", "时间", "年月日", "日"])),
               2: ("household_head", _cross(["", "被", "走访", "被走访", "慰问", "被慰问", "帮扶", "结对", "包扶", "联系", "入户"],
                                            ["户主", "农户", "对象", "群众", "户主姓名", "对象姓名", "农户姓名", "群众姓名", "户名"])),
               3: ("cadre", _cross(["走访", "帮扶", "结对", "包扶", "包村", "驻村", "挂点", "入户", "慰问", "工作队", "三送", ""],
                                   ["干部", "人", "人员", "责任人", "干部姓名", "人姓名", "队员", "领导", "工作人员"])),
               4: ("visit_kind", ["走访方式", "走访内容", "形式", "方式", "走访类型", "走访事项", "走访目的", "活动形式", "工作方式"]),
               5: ("relief_yuan", ["慰问金", "慰问金额（元）", "发放慰问金（元）", "慰问资金（元）", "送温暖金额（元）", "救助金额（元）"])},
    "roster": {1: ("household_head", _cross(["", "帮扶", "结对", "包扶", "联系", "挂点"],
                                            ["户主", "农户", "对象", "户", "户主姓名", "对象姓名", "农户姓名"])),
               2: ("group", ["村民小组", "小组", "组", "所在组", "村小组", "所属小组", "小组名称", "居住组"]),
               3: ("is_poor", [*_cross(["是否"], ["贫困户", "困难户", "建档立卡户", "低保户", "扶贫户", "精准扶贫户", "特困户",
                                                 "贫困家庭", "困难对象"]),
                               *_cross(["农户", "家庭", "贫困", "户", "帮扶对象"], ["类别", "类型", "属性", "性质"])]),
               4: ("members", ["人口", "家庭人数", "家庭成员人数", "家庭总人数", "人口数量", "户籍人口数"])},
    "funds": {1: ("date", ["时间", "筹资日期", "到位时间", "资金到位时间", "捐赠时间", "收到日期", "入账日期"]),
              2: ("source", ["捐资单位", "出资单位", "来源单位", "资金来源单位", "资助单位", "帮扶单位", "出资人", "单位名称"]),
              3: ("purpose", ["资金用途", "使用方向", "资金投向", "主要用途", "项目"]),
              4: ("amount_yuan", _cross(["", "筹资", "筹集", "捐款", "捐资", "捐赠", "捐助", "到位", "实到", "资助", "募捐", "集资",
                                         "筹措"], ["金额", "数额", "额", "资金", "总额"]))},
    "projects": {1: ("project_name", ["实事名称", "项目", "建设内容", "工程名称", "所办实事", "实事", "名称"]),
                 2: ("investment_yuan", _cross(["", "项目", "工程", "总", "实际", "完成"], ["投资", "投资额", "投入", "造价"])),
                 3: ("farmland_mu", _cross(["受益", "惠及", "改善", "新增", "灌溉", ""], ["农田", "面积", "田亩", "水田", "亩数"])),
                 4: ("households_benefited", _cross(["受益", "惠及", "覆盖"], ["户数", "农户", "户", "家庭", "农户数"])),
                 5: ("completed_date", _cross(["竣工", "完成", "完工", "建成", "验收", "交付使用"], ["时间", "日期", "年月"]))},
    "disputes": {1: ("received_date", _cross(["受理", "登记", "排查", "发生", "反映", "立案", "受案", "摸排", "来访"], ["时间", "日期"])),
                 3: ("dispute_type", ["纠纷类别", "矛盾类型", "案由", "纠纷事由", "案件类别", "问题类型", "类别", "类型"]),
                 4: ("outcome", [*_cross(["调处", "调解", "化解", "处理", "办理", "办结", "结案"], ["结果", "情况", "效果", "与否"]),
                                 *_cross(["是否"], ["调处成功", "化解", "办结", "结案", "解决", "调结"])]),
                 5: ("resolved_date", _cross(["调处", "化解", "调结", "结案", "办结", "调解", "处理"], ["时间", "日期"]))},
    # the fields the plain sheets above do not write, in sheets of their own (``SIDE_LEDGERS``)
    "disputes sides": {3: ("dispute_type", _cross(["纠纷", "矛盾", "矛盾纠纷", "案件", "问题"], ["类型", "类别", "性质", "种类", "分类"])),
                       4: ("level", [*_cross(["调处", "调解", "化解"], ["层级", "级别", "层次", "单位", "组织", "机构", "部门", "主体",
                                                                       "地点"]), "层级", "在何级调处", "责任单位"]),
                       7: ("legal_aid", [*_cross(["", "是否", "提供", "是否提供", "给予", "是否给予"], ["法律帮助", "法律援助", "法律服务",
                                                                                               "法律咨询"]),
                                         *_cross(["法律帮助", "法律援助", "法律服务"], ["情况", "与否"]), "法律帮扶"])},
    "roster sides": {5: ("cadre", _cross(["帮扶", "结对", "包扶", "挂点", "联系", "驻村", "包户", "挂钩", ""],
                                         ["干部", "责任人", "人", "领导", "干部姓名", "联系人"]))},
    "projects sides": {2: ("project_type", _cross(["项目", "工程", "实事", "建设", ""], ["类别", "类型", "性质", "分类"])),
                       3: ("length_m", [f"{w}（米）" for w in _cross(["", "建设", "道路", "硬化", "渠道", "总", "公路"],
                                                                       ["长度", "长", "里程"])]),
                       4: ("width_m", [f"{w}（米）" for w in _cross(["", "路面", "道路", "硬化", "路基", "建设"], ["宽度", "宽"])])},
    "funds sides": {1: ("village", ["村", "村名", "受助村", "受益村", "用款村", "使用村", "项目村", "所在村", "村委会", "帮扶村"])},
}


def _read(title: str, header: list[str], rows: list[list], ledger: str, field: str):
    with tempfile.TemporaryDirectory() as d:
        raw = Path(d) / "raw"
        write_sheets(raw / "葛坳乡" / f"{title}.xlsx", {"Sheet1": [[title], header, *rows]})
        result = clean(raw, jobs=1, progress=False)
    sheet = result.summary()["files"][0]["sheets"][0]
    frame = result.frames.get(ledger.split()[0])
    values = frame[field].astype(str).tolist() if frame is not None and field in frame and len(frame) else None
    return sheet, values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ledger", choices=sorted(SWEEPS), action="append", help="only these ledgers (any number)")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    tried = missed = 0
    for ledger in args.ledger or SWEEPS:
        title, header, rows, _ = LEDGERS_ALL[ledger]
        for column, (field, headings) in SWEEPS[ledger].items():
            _, expected = _read(title, header, rows, ledger, field)
            for heading in dict.fromkeys(headings):
                if heading == header[column]:
                    continue
                tried += 1
                swapped = [heading if c == column else h for c, h in enumerate(header)]
                sheet, got = _read(title, swapped, rows, ledger, field)
                if sheet["ledger"] == ledger.split()[0] and got == expected:
                    continue
                missed += 1
                why = sheet["recognition"].get("reason") or (sheet.get("flag") or {}).get("message") or ""
                print(f"{ledger} {field}「{heading}」: 读作 {sheet['ledger']}，记录 {sheet['records']}，得 {got}；{why[:80]}",
                      flush=True)
    print(f"{tried} headings tried, {missed} not read as their field")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
