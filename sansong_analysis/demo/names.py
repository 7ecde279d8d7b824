"""Name pools for the demo county: townships, villages, people.

Everything is drawn from a ``random.Random`` passed in, so a county is the
same for the same seed. The pools avoid characters that are themselves place
words (乡, 镇, 村, 组, 县, 市, 区 …) inside a name, because a real ledger
reader finds places by those suffixes and a name such as ``镇岗乡`` would
test the name, not the reader.
"""

from __future__ import annotations

import random

# First and second characters of township names. Real ones from the seed's
# county (黄坑, 龙布, 孔田, 鹤子, 欣山, 版石 …) come out of these pools too.
_TOWNSHIP_FIRST = "黄龙孔鹤欣版天凤新蔡重浮双长高石桂车梅竹樟莲官岭溪坪湖云青白大上下东西南北三塘罗古濂"
_TOWNSHIP_SECOND = "坑布田子山石心山龙坊岗头沙桥口溪坪水江洲塘圩陂源岭富安和兴丰"

_VILLAGE_FIRST = "新上下东西南北大小高长石塘竹梅桃李罗陈黄刘河江溪岭山坪坑田湖中老官马牛龙凤"
_VILLAGE_SECOND = "屋坪湖江背尾陂园坑坝头口岭田塘垇岗洲源圳水丰和兴光明安龙凤岩桥坊寨"
_VILLAGE_MIDDLE = "新上下东西南北大小高长石塘竹梅罗陈黄河江溪中老官马"

# Surnames common in southern Jiangxi (Hakka country), most frequent first;
# the weights make clan villages where a few surnames dominate.
_SURNAMES = (
    "陈刘钟赖黄谢曾李王廖邱罗魏杨张古唐温叶郭蔡何林徐胡朱邓吴肖彭袁卢孙高严池凌简"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官")
_GIVEN_MALE = "国华明建平文德福生发荣金长水根兴贵春林清光伟强志勇军新东海祥富财忠义秋元桂茂达昌顺有才良仁广"
_GIVEN_FEMALE = "秀英兰芳梅玉珍凤莲娟红霞琴花香云丽翠娥菊桂"


def township_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct township names: two characters plus 乡 or 镇 (黄坑乡, 龙布镇)."""
    names: list[str] = []
    seen_stems: set[str] = set()
    while len(names) < count:
        stem = rng.choice(_TOWNSHIP_FIRST) + rng.choice(_TOWNSHIP_SECOND)
        if stem[0] == stem[1] or stem in seen_stems:
            continue
        # One stem, one township: 黄坑乡 and 黄坑镇 in the same county would be a naming accident.
        seen_stems.add(stem)
        names.append(stem + rng.choice("乡镇"))
    return names


def village_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct village names of two or three characters plus 村 (新屋村, 上石坑村)."""
    names: list[str] = []
    while len(names) < count:
        if rng.random() < 0.75:
            stem = rng.choice(_VILLAGE_FIRST) + rng.choice(_VILLAGE_SECOND)
        else:
            stem = rng.choice(_VILLAGE_FIRST) + rng.choice(_VILLAGE_MIDDLE) + rng.choice(_VILLAGE_SECOND)
        if len(set(stem)) < len(stem):
            continue
        name = stem + "村"
        # A village name inside another (新屋村 / 上新屋村) is legal but makes title parsing a lottery.
        if any(name in other or other in name for other in names):
            continue
        names.append(name)
    return names


def clan_surnames(rng: random.Random) -> list[str]:
    """The two or three surnames that dominate one village (most of its households bear them)."""
    clans = rng.sample(_SURNAMES[:12], rng.randint(2, 3))
    return clans


def person_name(rng: random.Random, clans: list[str] | None = None, female: bool = False) -> str:
    """A realistic Chinese personal name; most often one of the village's clan surnames."""
    roll = rng.random()
    if clans and roll < 0.6:
        surname = rng.choice(clans)
    elif roll < 0.985:
        surname = rng.choice(_SURNAMES)
    else:
        surname = rng.choice(_COMPOUND_SURNAMES)
    pool = _GIVEN_FEMALE if female else _GIVEN_MALE
    if rng.random() < 0.8:
        given = rng.choice(pool) + rng.choice(pool)
        if given[0] == given[1] and rng.random() < 0.7:
            given = given[0] + rng.choice(pool)
    else:
        given = rng.choice(pool)
    return surname + given
