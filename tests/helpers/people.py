"""A generated county for measuring the duplicate search: two townships of people, some of them
registered again with a mistyped or older ID, and many different people sharing a common name and
birth year. Every ID is a valid one (the check digit recomputed), as entry stores them."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建国文辉力成荣飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳佳琳雪梅晨晶颖慧倩婷琴云海亮斌峰志新春"
# characters typed for one with the same sound
HOMOPHONES = {"伟": "玮", "芳": "方", "娜": "纳", "丽": "莉", "军": "君", "静": "敬", "敏": "闽", "强": "蔷",
              "磊": "蕾", "洋": "阳", "勇": "永", "艳": "燕", "杰": "洁", "涛": "滔", "明": "铭", "超": "潮",
              "华": "桦", "英": "鹰", "红": "虹", "平": "萍", "刚": "钢", "建": "健", "国": "帼", "文": "雯"}
COUNTIES = [("130102", "河北省石家庄市长安区"), ("130181", "河北省石家庄市辛集市"), ("130203", "河北省唐山市路北区"),
            ("130304", "河北省秦皇岛市北戴河区"), ("130425", "河北省邯郸市大名县"), ("130523", "河北省邢台市内丘县"),
            ("130631", "河北省保定市望都县"), ("131022", "河北省廊坊市固安县"), ("131025", "河北省廊坊市大城县"),
            ("410102", "河南省郑州市中原区"), ("370102", "山东省济南市历下区"), ("120101", "天津市和平区")]
TOWNS = "城关 新华 兴隆 和平 东风 前进 红旗 太平".split()
VILLAGES = "东街 西街 南关 北关 前庄 后庄 王庄 李庄 张庄 刘庄".split()
WEIGHTS17 = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def check_digit(body: str) -> str:
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS17, strict=True)) % 11]


def valid_body(body: str) -> bool:
    try:
        day = datetime.date(int(body[6:10]), int(body[10:12]), int(body[12:14]))
    except ValueError:
        return False
    return 1920 <= day.year <= 2010


@dataclass
class Generated:
    records: list[dict] = field(default_factory=list)       # in the order they were registered
    true_pairs: set[tuple[str, str]] = field(default_factory=set)   # (first, later) record ids


def _body(rng, area: str, birth: datetime.date, sex: str) -> str:
    seq = rng.randrange(0, 100) * 10 + rng.choice([1, 3, 5, 7, 9] if sex == "1" else [0, 2, 4, 6, 8])
    return area + birth.strftime("%Y%m%d") + f"{seq:03d}"


def _record(record_id, township, name, body, hukou, fifteen=False) -> dict:
    id_number = body[:6] + body[8:17] if fifteen else body + check_digit(body)
    return {"id": record_id, "township": township, "name": name, "id_number": id_number,
            "birth_date": f"{body[6:10]}-{body[10:12]}-{body[12:14]}", "sex": "1" if int(body[16]) % 2 else "2",
            "hukou_address": hukou}


def _mistyped(rng, body: str, accept_id=None) -> str:
    while True:
        digits = list(body)
        if rng.random() < 0.6:
            at = rng.randrange(17)
            digits[at] = rng.choice([d for d in "0123456789" if d != digits[at]])
        else:
            at = rng.randrange(16)
            if digits[at] == digits[at + 1]:
                continue
            digits[at], digits[at + 1] = digits[at + 1], digits[at]
        typed = "".join(digits)
        if typed != body and valid_body(typed) and (accept_id is None or accept_id(typed + check_digit(typed))):
            return typed


def county(people_per_township: int = 5000, *, seed: int = 19, again: float = 0.02,
           namesakes: int = 600, townships=("131025100", "131025101"), same_township: bool = False,
           accept_id=None) -> Generated:
    """Two townships of `people_per_township` each (`namesakes` of them share three common names and
    birth years); `again` of each township's people registered again in the other township (in
    their own township with `same_township`: what the entry check sees). `accept_id` is the entry
    form's check of an ID (a function of the 18 characters): with it, a mistyped ID is one the check
    lets through (a typo the form catches is corrected at the keyboard, never stored) and no one is
    registered again with the 15-digit ID (the form refuses it: those are mistyped instead), so
    that every record can be keyed on the form."""
    rng = random.Random(seed)
    out = Generated()
    number = 0
    common = [("张伟", 1988), ("王芳", 1990), ("李娜", 1985)]
    originals = []
    for township in townships:
        for n in range(people_per_township):
            if n < namesakes:
                name, year = common[n % len(common)]
            else:
                name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
                year = rng.randrange(1950, 2006)
            birth = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
            sex = rng.choice("12")
            area, place = rng.choice(COUNTIES)
            hukou = f"{place}{rng.choice(TOWNS)}镇{rng.choice(VILLAGES)}村"
            number += 1
            record = _record(f"r{number:07d}", township, name, _body(rng, area, birth, sex), hukou)
            out.records.append(record)
            originals.append(record)
    for original in rng.sample(originals, int(len(originals) * again)):
        if same_township:
            other = original["township"]
        else:
            other = townships[1] if original["township"] == townships[0] else townships[0]
        body = original["id_number"][:17]
        kind = rng.random()
        fifteen = False
        if kind < 0.65:
            body = _mistyped(rng, body, accept_id)
        elif kind < 0.85:   # an older ID: the same birth date and sex, other sequence digits
            sex = original["sex"]
            while True:
                new = _body(rng, body[:6], datetime.date(int(body[6:10]), int(body[10:12]), int(body[12:14])), sex)
                if new != body:
                    body = new
                    break
        elif accept_id is None and body[6:8] == "19":   # the first-generation 15-digit ID (issued to people born in the 1900s)
            fifteen = True
        else:
            body = _mistyped(rng, body, accept_id)
        name = original["name"]
        if rng.random() < 0.15:
            name = "".join(HOMOPHONES.get(c, c) for c in name)
        hukou = original["hukou_address"]
        if rng.random() < 0.15:
            hukou = hukou.split("省", 1)[-1]
        number += 1
        record = _record(f"r{number:07d}", other, name, body, hukou, fifteen)
        out.records.append(record)
        out.true_pairs.add((original["id"], record["id"]))
    return out


def as_people(generated: Generated):
    from desktop.core.quality import duplicates

    return [duplicates.person(r["id"], r["township"], r["name"], r["id_number"], r["birth_date"], r["sex"],
                              r["hukou_address"]) for r in generated.records]
