"""The operator page: a read-only web page of the hub's state, on a listener of its own.

`township hub serve --operator-listen 127.0.0.1:8471` serves it beside the mailbox. It shows the
enrolled counties and townships with the last bundle each sent, the gaps in their bundle numbers
(bundles the hub never received: gone by stick, or lost on the way), the cross-county
cross-checks it routed (counts per pair of counties), the provincial circular of each month
the counties sent figures for (a PDF in either language, made by `township hub circular` in a
process of its own - the server never loads Qt - one at a time, and kept until that month's
figures change), the newest refused posts with their reasons, and the totals. It holds no personal data (site codes and names, times,
counts, refusal codes), writes nothing and has no form, so it needs no session; it is served on
its own address so that the operator can keep it off the public one (127.0.0.1 and an SSH
tunnel, or the reverse proxy's own authentication) while the mailbox faces the sites.

Chinese or English by `?lang=`, else the browser's Accept-Language. The HTML is built here with
every value escaped; no script, and a Content-Security-Policy that allows none.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from aiohttp import web

from desktop import __version__
from desktop.core.i18n import Text
from desktop.hub import overview, refusals
from desktop.hub.db import connect
from desktop.hub.identity import Hub

DB_URL, HUB = web.AppKey("operator_db_url", str), web.AppKey("operator_hub", Hub)
CIRCULARS = web.AppKey("operator_circulars", dict)   # {"folder": Path, "lock": asyncio.Lock}
_MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
RENDER_SECONDS = 300    # a circular of a whole province with its annex takes seconds; this bounds a stuck one
GAPS_SHOWN = 12       # numbers listed per gap before "and N more"

T = {
    "title": Text("Township Desk hub", "乡镇工作台 数据中心"),
    "province": Text("Province", "省"),
    "hub_key": Text("Hub key", "中心密钥"),
    "version": Text("Version", "版本"),
    "sites": Text("Counties and townships", "县与乡镇"),
    "code": Text("Code", "代码"),
    "role": Text("Role", "类别"),
    "county": Text("County", "县"),
    "township": Text("Township", "乡镇"),
    "name": Text("Name", "名称"),
    "key": Text("Key", "密钥"),
    "revoked": Text("revoked", "已吊销"),
    "last": Text("Last bundle", "最近同步包"),
    "sent": Text("Bundles sent", "已发同步包"),
    "never": Text("none yet", "尚无"),
    "gaps": Text("Gaps in bundle numbers", "同步包编号缺口"),
    "gaps_note": Text("Numbers the hub never received between the first and last it holds: sent by stick, "
                      "or lost on the way (the sender's next bundle carries what is not acknowledged).",
                      "中心在已收到的首尾编号之间未收到的同步包：可能经U盘传递，或途中丢失（发送方的下一个同步包会带上未回执的内容）。"),
    "from": Text("From", "发送方"),
    "to": Text("To", "接收方"),
    "missing": Text("Missing numbers", "缺少的编号"),
    "no_gaps": Text("No gaps.", "没有缺口。"),
    "refused": Text("Refused posts", "被拒绝的提交"),
    "refused_note": Text("Newest first; {n} in the last 24 hours. Nothing of a refused post is kept but this line.",
                         "按时间倒序；最近 24 小时共 {n} 次。被拒绝的提交只保留这一行记录。"),
    "when": Text("When", "时间"),
    "address": Text("Address", "地址"),
    "reason": Text("Reason", "原因"),
    "bytes": Text("Bytes", "字节"),
    "no_refusals": Text("No refused posts.", "没有被拒绝的提交。"),
    "totals": Text("{bundles} bundles stored, {size}; the last received {last}.",
                   "已存同步包 {bundles} 个，共 {size}；最近一次收到于 {last}。"),
    "crosschecks": Text("Cross-county cross-checks", "跨县协查"),
    "crosschecks_note": Text("Items routed between counties (requests, receipts, answers), by the county they came "
                             "from and the one they went to; waiting: a request whose county has not sent its people "
                             "yet, or a county not enrolled here.",
                             "县与县之间转送的事项（协查请求、签收、反馈），按来源县和去向县统计；待转：所涉县尚未报送人员，或尚未在本中心登记。"),
    "routed": Text("Sent down", "已转送"),
    "unknown": Text("Person unknown (answered by the hub)", "查无此人（中心答复）"),
    "waiting": Text("Waiting", "待转"),
    "no_crosschecks": Text("None routed yet.", "尚无转送。"),
    "circulars": Text("Provincial circulars", "全省通报"),
    "circulars_note": Text("Each month the counties sent figures for, ranked as `township hub circular` prints it.",
                           "各县已报送数据的月份，按 township hub circular 的格式排名。"),
    "month": Text("Month", "月份"),
    "pdf_zh": Text("PDF in Chinese", "中文 PDF"),
    "pdf_en": Text("PDF in English", "英文 PDF"),
    "no_circulars": Text("No county has sent its figures yet.", "尚无县报送数据。"),
    "other_language": Text("中文", "English"),
}


def _language(request: web.Request) -> str:
    asked = request.query.get("lang", "")
    if asked in ("zh", "en"):
        return asked
    return "zh" if "zh" in request.headers.get("Accept-Language", "").lower() else "en"


def _when(value: datetime | None, lang: str) -> str:
    """In the server's own time zone, which is named: an operator reads times as the province's."""
    if not value:
        return T["never"].get(lang)
    local = value.astimezone()
    offset = local.strftime("%z")
    return local.strftime("%Y-%m-%d %H:%M") + f" (UTC{offset[:3]}:{offset[3:]})"


def _place(site: dict, lang: str) -> str:
    """The site's name in the page's language from the division code list, else as enrolled."""
    from desktop.core.codelists import codelists_divisions

    division = codelists_divisions.find(site["code"])
    return division.name(lang) if division else site["name"] or ""


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return ""


def render(state: dict, lang: str) -> str:
    """The page's HTML for `state` (`read_state`) in `lang`."""
    t = {key: text.get(lang) for key, text in T.items()}
    e = html.escape
    hub: Hub = state["hub"]
    rows = []
    for site in state["sites"]:
        role = t["county"] if site["role"] == "county" else t["township"]
        last = (f"{_when(site['last_received'], lang)} · #{site['last_sequence']}" if site["last_received"]
                else t["never"])
        state_mark = f' <span class="revoked">{e(t["revoked"])}</span>' if site["revoked"] else ""
        rows.append(f"<tr class=\"{e(site['role'])}\"><td>{e(site['code'])}</td><td>{e(role)}</td>"
                    f"<td>{e(_place(site, lang))}</td><td><code>{e(site['fingerprint'][:19])}…</code>{state_mark}</td>"
                    f"<td>{e(last)}</td><td class=\"n\">{site['sent']}</td></tr>")
    gap_rows = []
    for (sender, recipient), numbers in state["gaps"].items():
        shown = ", ".join(str(n) for n in numbers[:GAPS_SHOWN])
        if len(numbers) > GAPS_SHOWN:
            shown += f" … (+{len(numbers) - GAPS_SHOWN})"
        gap_rows.append(f"<tr><td>{e(sender)}</td><td>{e(recipient)}</td><td>{e(shown)}</td></tr>")
    cross_rows = [f"<tr><td>{e(c['from'])}</td><td>{e(c['to'])}</td><td class=\"n\">{c['routed']}</td>"
                  f"<td class=\"n\">{c['unknown']}</td><td class=\"n\">{c['waiting']}</td></tr>"
                  for c in state["crosschecks"]]
    circular_rows = [f"<tr><td>{e(month)}</td><td><a href=\"circular?month={e(month)}&amp;lang=zh\">"
                     f"{e(t['pdf_zh'])}</a></td><td><a href=\"circular?month={e(month)}&amp;lang=en\">"
                     f"{e(t['pdf_en'])}</a></td></tr>" for month, _fingerprint in state["months"]]
    refusal_rows = [f"<tr><td>{e(_when(r['at'], lang))}</td><td>{e(r['address'])}</td><td><code>{e(r['code'])}</code>"
                    f"</td><td class=\"n\">{r['status']}</td><td class=\"n\">{r['length']}</td></tr>"
                    for r in state["refusals"]]
    totals = state["totals"]
    summary = T["totals"].format(bundles=totals["bundles"], size=_size(totals["bytes"]),
                                 last=_when(totals["last_received"], lang)).get(lang)
    other = "en" if lang == "zh" else "zh"

    def table(headers, body, empty):
        if not body:
            return f"<p class=\"empty\">{e(empty)}</p>"
        head = "".join(f"<th>{e(h)}</th>" for h in headers)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"

    return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if lang == 'zh' else 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(t['title'])} · {e(hub.province)}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1.5em 2em; color: #1d2430; }}
h1 {{ font-size: 1.4em; margin-bottom: .2em; }} h2 {{ font-size: 1.1em; margin-top: 1.6em; }}
.meta {{ color: #555; }} .meta span {{ margin-right: 1.5em; }}
table {{ border-collapse: collapse; min-width: 60%; }}
th, td {{ text-align: left; padding: .3em .8em; border-bottom: 1px solid #dde; }}
th {{ background: #eef1f6; }} td.n {{ text-align: right; }} tr.county td {{ font-weight: 600; }}
.revoked {{ color: #a00; }} .empty, .note {{ color: #555; }} code {{ font-size: .9em; }}
nav {{ float: right; }}
</style></head><body>
<nav><a href="?lang={other}">{e(t['other_language'])}</a></nav>
<h1>{e(t['title'])}</h1>
<p class="meta"><span>{e(t['province'])}: {e(hub.province)}</span><span>{e(t['hub_key'])}: <code>{e(hub.fingerprint)}</code></span>
<span>{e(t['version'])}: {e(__version__)}</span></p>
<p>{e(summary)}</p>
<h2>{e(t['sites'])}</h2>
{table([t['code'], t['role'], t['name'], t['key'], t['last'], t['sent']], rows, t['never'])}
<h2>{e(t['gaps'])}</h2>
<p class="note">{e(t['gaps_note'])}</p>
{table([t['from'], t['to'], t['missing']], gap_rows, t['no_gaps'])}
<h2>{e(t['circulars'])}</h2>
<p class="note">{e(t['circulars_note'])}</p>
{table([t['month'], 'PDF', 'PDF'], circular_rows, t['no_circulars'])}
<h2>{e(t['crosschecks'])}</h2>
<p class="note">{e(t['crosschecks_note'])}</p>
{table([t['from'], t['to'], t['routed'], t['unknown'], t['waiting']], cross_rows, t['no_crosschecks'])}
<h2>{e(t['refused'])}</h2>
<p class="note">{e(T['refused_note'].format(n=state['refused_24h']).get(lang))}</p>
{table([t['when'], t['address'], t['reason'], 'HTTP', t['bytes']], refusal_rows, t['no_refusals'])}
</body></html>
"""


def read_state(db_url: str, hub: Hub) -> dict:
    with connect(db_url) as conn:
        return {"hub": hub, "sites": overview.sites(conn), "gaps": overview.gaps(conn),
                "crosschecks": overview.crosschecks(conn), "months": overview.circular_months(conn),
                "refusals": refusals.newest(conn), "refused_24h": refusals.count_since(conn),
                "totals": overview.totals(conn)}


async def page(request: web.Request) -> web.Response:
    state = await asyncio.to_thread(read_state, request.app[DB_URL], request.app[HUB])
    return web.Response(text=render(state, _language(request)), content_type="text/html", charset="utf-8",
                        headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
                                 "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})


def _month_fingerprint(db_url: str, month: str) -> str | None:
    with connect(db_url) as conn:
        return dict(overview.circular_months(conn, limit=1000)).get(month)


def _render(db_url: str, month: str, lang: str, target: Path) -> None:
    """`township hub circular` into `target`, in a process of its own (Qt stays out of the server)."""
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "hub", "circular", "--db", db_url, "--month", month, "--pdf", str(target),
         "--lang", lang], capture_output=True, text=True, timeout=RENDER_SECONDS,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    if done.returncode != 0 or not target.is_file():
        raise RuntimeError((done.stderr or done.stdout or "no output").strip()[-500:])


async def circular_pdf(request: web.Request) -> web.StreamResponse:
    """GET /circular?month=YYYY-MM&lang=zh|en: the provincial circular of a month with figures."""
    month, lang = request.query.get("month", ""), request.query.get("lang", "")
    if not _MONTH.match(month) or lang not in ("zh", "en"):
        raise web.HTTPBadRequest(text="month=YYYY-MM&lang=zh|en")
    db_url, kept = request.app[DB_URL], request.app[CIRCULARS]
    fingerprint = await asyncio.to_thread(_month_fingerprint, db_url, month)
    if fingerprint is None:
        raise web.HTTPNotFound(text=f"no county has sent figures for {month}")
    name = f"circular-{request.app[HUB].province}-{month}-{lang}.pdf"
    target = kept["folder"] / f"{hashlib.sha256(fingerprint.encode()).hexdigest()[:16]}-{name}"
    async with kept["lock"]:          # one circular at a time: each is a process of its own
        if not target.is_file():
            for old in kept["folder"].glob(f"*-{name}"):
                old.unlink(missing_ok=True)        # that month's figures changed since
            partial = target.with_name(target.name + ".part")
            await asyncio.to_thread(_render, db_url, month, lang, partial)
            partial.replace(target)
    return web.FileResponse(target, headers={"Content-Type": "application/pdf", "Cache-Control": "no-store",
                                             "Content-Disposition": f'attachment; filename="{name}"',
                                             "X-Content-Type-Options": "nosniff"})


def make_operator_app(db_url: str, hub: Hub) -> web.Application:
    app = web.Application()
    app[DB_URL], app[HUB] = db_url, hub
    folder = Path(tempfile.mkdtemp(prefix="township-hub-circulars-"))
    app[CIRCULARS] = {"folder": folder, "lock": asyncio.Lock()}

    async def remove_folder(_app) -> None:
        await asyncio.to_thread(shutil.rmtree, folder, True)

    app.on_cleanup.append(remove_folder)
    app.router.add_get("/", page)
    app.router.add_get("/circular", circular_pdf)
    return app
