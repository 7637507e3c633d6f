"""Who may send which item: a bundle carries only items its signer may originate or route.

The signature of a bundle proves who sent it; the `origin` written inside an item is only a
claim. So before anything of a bundle is written, every item is checked against its sender:

- in a township's data bundle (at the county), each item must come from that township (`origin`
  is the signer's township) and be of a type a township originates: cross-check requests,
  receipts and answers (to another township of the county), and outcomes of corrections - fixed
  or disputed - (to the county). A correction task or decision (the county's), an item claiming
  the county or another township as its origin, or a type this county does not know refuses the
  whole bundle, naming the item (the county is updated before its townships, so it knows every
  type they send).
- in a county return bundle (at the township), each item must be addressed to this township and
  be either the county's own (a correction task or decision, origin "county") or a township's
  cross-check item the county forwards (origin another township of the county). An item of a
  type this township does not know is accepted only as the county's own (kept, not acted on:
  a county updated first may send newer types).
- in a county's bundle for the province (at the hub), each item is a cross-check item from a
  township of that county to another county of the province;
- in the province's bundle (at the county), each item is a cross-check item addressed to a
  township of this county, from a township (or, for the answer "person unknown" the hub gives
  when no county holds the person, the county) of another county of the province.

Cross-county cross-checks (desktop.core.sync.province_bundle) widen the township rules by one
step: a township may address a request to another county of the province (the hub finds the
township), and receipts and answers to a township of another county; in a return bundle, a
forwarded cross-check item may come from a township of another county.
"""

from __future__ import annotations

import re

from desktop.core.errors import UserError
from desktop.core.exchange import corrections, crosschecks, exchange
from desktop.core.i18n import Text

# what a township originates, and to whom: "township" (another township of the county) or "county"
FROM_TOWNSHIP = {crosschecks.REQUEST: "township", crosschecks.RECEIPT: "township", crosschecks.ANSWER: "township",
                 corrections.OUTCOME: "county"}
# what the county originates (always to one township)
FROM_COUNTY = frozenset({corrections.TASK, corrections.DECISION})

_DIGITS = re.compile(r"^[0-9]{1,12}$")


def _township_of(code: object, county: str) -> bool:
    return isinstance(code, str) and bool(_DIGITS.match(code)) and code.startswith(county) and code != county


def _of_other_county(code: object, county: str, *, county_code: bool | None = None) -> bool:
    """A code of another county of the province (county or township level); `county_code` True:
    the county's own six digits only, False: a township (nine digits) or village code only."""
    if not (isinstance(code, str) and len(code) >= 6 and bool(_DIGITS.match(code))
            and code[:2] == county[:2] and not code.startswith(county)):
        return False
    return county_code is None or (len(code) == 6 if county_code else len(code) >= 9)


def _refuse(item: dict, en: str, zh: str) -> UserError:
    name = f"{str(item.get('id'))[:80]} ({str(item.get('type'))[:60]})"
    return UserError(Text(f"item {name} {en}; the whole bundle was refused",
                          f"事项 {name}{zh}；整个同步包已拒绝"), code="item-authority")


def check_from_township(items: list[dict], *, township: str, county: str) -> None:
    """County side: refuse (UserError `item-authority`) a data bundle of `township` carrying an
    item that township may not originate."""
    for item in items:
        kind, origin, target = item.get("type"), item.get("origin"), item.get("target")
        if kind in FROM_COUNTY:
            raise _refuse(item, f"is a county's item, but came in the bundle of township {township}",
                          f"属于县级事项，却出现在乡镇 {township} 的同步包中")
        if kind not in FROM_TOWNSHIP:
            raise _refuse(item, f"is of a type this county does not know, in the bundle of township {township} "
                                "(update the county's program first)",
                          f"的类型本县程序不认识，来自乡镇 {township} 的同步包（请先升级县级程序）")
        if origin != township:
            raise _refuse(item, f"claims to come from {str(origin)[:40]}, but came in the bundle of township {township}",
                          f"自称来自 {str(origin)[:40]}，却出现在乡镇 {township} 的同步包中")
        if FROM_TOWNSHIP[kind] == "county":
            if target != exchange.COUNTY:
                raise _refuse(item, f"must be addressed to the county, not {str(target)[:40]}",
                              f"只能发给县里，而不是 {str(target)[:40]}")
        elif not (_township_of(target, county) and target != township
                  or _of_other_county(target, county, county_code=kind == crosschecks.REQUEST)):
            raise _refuse(item, f"is addressed to {str(target)[:40]}, which is not another township of county {county}"
                                " nor another county of the province",
                          f"的收件方 {str(target)[:40]} 不是县 {county} 的其他乡镇，也不是本省的其他县")


def check_from_county(items: list[dict], *, township: str, county: str) -> None:
    """Township side: refuse a return bundle carrying an item the county may not send here."""
    for item in items:
        kind, origin, target = item.get("type"), item.get("origin"), item.get("target")
        if target != township:
            raise _refuse(item, f"is addressed to {str(target)[:40]}, not to this township ({township})",
                          f"的收件方是 {str(target)[:40]}，不是本乡镇（{township}）")
        if kind in FROM_TOWNSHIP:
            if FROM_TOWNSHIP[kind] != "township" or origin == township or not (
                    _township_of(origin, county) or _of_other_county(origin, county)):
                raise _refuse(item, f"claims to come from {str(origin)[:40]}, which is not another township of "
                                    f"county {county}",
                              f"自称来自 {str(origin)[:40]}，不是县 {county} 的其他乡镇")
        elif origin not in (exchange.COUNTY, county):   # the county's items name it "county"
            raise _refuse(item, f"is a county's item but claims to come from {str(origin)[:40]}",
                          f"属于县级事项，却自称来自 {str(origin)[:40]}")


def check_from_province(items: list[dict], *, county: str) -> None:
    """County side: refuse a bundle of the province hub carrying anything but cross-check items
    from another county to a township of this one."""
    for item in items:
        kind, origin, target = item.get("type"), item.get("origin"), item.get("target")
        if FROM_TOWNSHIP.get(kind) != "township":
            raise _refuse(item, "is not a cross-check item, in a bundle of the province",
                          "不是协查事项，却出现在省级下发包中")
        if not _township_of(target, county):
            raise _refuse(item, f"is addressed to {str(target)[:40]}, which is not a township of county {county}",
                          f"的收件方 {str(target)[:40]} 不是县 {county} 的乡镇")
        if not _of_other_county(origin, county):
            raise _refuse(item, f"claims to come from {str(origin)[:40]}, which is not another county of the province",
                          f"自称来自 {str(origin)[:40]}，不是本省的其他县")


def check_for_province(items: list[dict], *, county: str) -> None:
    """Province side (the hub reading `county`'s bundle): refuse anything but cross-check items
    from a township of `county` to another county of the province - a request to that county's
    code, a receipt or answer to one of its townships: what check_from_township admits beyond
    the county, and the county passes on."""
    for item in items:
        kind, origin, target = item.get("type"), item.get("origin"), item.get("target")
        if FROM_TOWNSHIP.get(kind) != "township":
            raise _refuse(item, f"is not a cross-check item, in the bundle of county {county}",
                          f"不是协查事项，却出现在县 {county} 的报省数据包中")
        if not _township_of(origin, county):
            raise _refuse(item, f"claims to come from {str(origin)[:40]}, which is not a township of county {county}",
                          f"自称来自 {str(origin)[:40]}，不是县 {county} 的乡镇")
        if not _of_other_county(target, county, county_code=kind == crosschecks.REQUEST):
            raise _refuse(item, f"is addressed to {str(target)[:40]}, which is not another county of the province",
                          f"的收件方 {str(target)[:40]} 不是本省的其他县")


def check_bundle(items: list[dict], *, side: str, township: str, county: str) -> None:
    """The check for one bundle: `side` is the installation reading it ("county" reads a data
    bundle of `township`, "township" a return bundle of `county`)."""
    if side == "county":
        check_from_township(items, township=township, county=county)
    else:
        check_from_county(items, township=township, county=county)
