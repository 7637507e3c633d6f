"""Issue #17 end to end over HTTP on 127.0.0.1, everything through the command line as the sites'
officers run it: a province hub, two real counties of Hebei (大城县 131025 and 香河县 131024, each
set up from the province's divisions) with two townships each. Only the counties are enrolled at
the hub; their bundles for the province name their townships. Three townships send by network,
one by stick; every record reaches its county once; the acknowledgements come back (by network,
and by stick for the fourth); a township of 大城县 asks, by network, about a person registered in
香河县, and the answer comes back through both counties and the hub; the provincial circular
ranks both counties with the figures their records give, 香河县's township counting the request
it received and answered in time."""

from __future__ import annotations

import calendar
import datetime
import json
import subprocess
import unicodedata

import psycopg

from desktop.core.codelists import codelists_divisions
from desktop.core.exchange import crosschecks
from desktop.core.sync import enrollment
from desktop.core.workspace.workspace import Workspace
from tests.conftest import complete_record
from tests.core.sync.helpers import resident_id
from tests.hub.test_hub_desktop_sync import HubProcess, _states

COUNTIES = ("131025", "131024")


def _set_up_county(cli, root, county):
    """The county and its first two townships, enrolled with each other by their files."""
    stick = root / f"stick-{county}"
    stick.mkdir()
    county_dir = root / county
    assert cli("init", "--data-dir", county_dir, "--role", "county", "--county", county, "--clerk", "县管理员").code == 0
    assert cli("keys", "export", "--data-dir", county_dir, "--to", stick).code == 0
    pack = stick / enrollment.county_pack_file_name(county)
    with Workspace.open(county_dir) as county_ws:
        listed = codelists_divisions.for_data_dir(county_ws.paths).children(county)
    townships = {}
    for division in [d for d in listed if d.level == "township"][:2]:
        folder = root / division.code
        result = cli("init", "--data-dir", folder, "--role", "township", "--township", division.code,
                     "--clerk", "王丽", "--county-pack", pack)
        assert result.code == 0, result.err
        assert cli("keys", "export", "--data-dir", folder, "--to", stick).code == 0
        card = stick / enrollment.enrollment_file_name(division.code)
        assert cli("keys", "enroll", "--data-dir", county_dir, card).code == 0
        with Workspace.open(folder) as township:   # its own list: the sample county keeps its sample villages
            village = codelists_divisions.for_data_dir(township.paths).children(division.code, "village")[0].code
        townships[division.code] = (folder, village)
    return county_dir, pack, townships


def _add_people(cli, folder, village, region, serials):
    for serial in serials:
        record = complete_record(resident_id(serial, region=region), f"居民{'零一二三四五六七八九'[serial % 10]}",
                                 village=village)
        added = cli("records", "add", "floating_population", "--data-dir", folder, "--json", "-",
                    stdin=json.dumps(record))
        assert added.code == 0, added.out + added.err


def _sync(cli, folder, url=None):
    result = cli("sync", "now", "--data-dir", folder, *(("--hub", url) if url else ()))
    assert result.code == 0, result.out + result.err
    return result.out


def _bounds(month: str) -> tuple[str, str]:
    year, number = map(int, month.split("-"))
    return f"{month}-01", f"{month}-{calendar.monthrange(year, number)[1]:02d}"


def _request(folder, request_id, side):
    with Workspace.open(folder) as ws:
        [found] = [c for c in crosschecks.query(ws.db, side=side) if c.id == request_id]
        return found


def _cross_county_check(cli, url, hub_db, sites, asker, holder, id_number, month):
    """A township of 大城县 asks about a person registered in 香河县: by network through its county,
    the hub (which finds the township from the keyed hash of the ID), 香河县 and its township; the
    receipt and the answer come back the same way. Every step through the command line."""
    county_x, county_y = sites[asker[:6]][0], sites[holder[:6]][0]
    asker_dir, holder_dir = sites[asker[:6]][1][asker][0], sites[holder[:6]][1][holder][0]
    made = cli("crosscheck", "new", "--data-dir", asker_dir, "--outside-county", "香河县", "--name", "居民一",
               "--id-number", id_number, "--question", "是否在贵县居住？")
    assert made.code == 0, made.err
    request_id = made.out.strip().splitlines()[-1]
    assert _request(asker_dir, request_id, "out").state == "draft"

    _sync(cli, asker_dir, url)                                   # the request goes to 大城县
    _sync(cli, county_x)                                         # ... which cannot route it: to the province
    assert _request(county_x, request_id, "route").state == "at_province"
    with psycopg.connect(hub_db) as conn:
        [(to_county, to_site, sent)] = conn.execute(
            "SELECT to_county, to_site, bundle IS NOT NULL FROM province_routes WHERE id = %s", (request_id,)).fetchall()
        assert (to_county, to_site, sent) == ("131024", holder, True)   # found by the hash, no ID at the hub
        kept = conn.execute("SELECT count(*) FROM province_routes WHERE item IS NOT NULL").fetchone()[0]
        assert kept == 0
    _sync(cli, county_y)                                         # 香河县 takes it from the province ...
    _sync(cli, holder_dir, url)                                  # ... and its township imports it
    incoming = _request(holder_dir, request_id, "in")
    assert (incoming.requester, incoming.subject_id_number, incoming.record_id is not None) == (asker, id_number, True)
    answered = cli("crosscheck", "answer", "--data-dir", holder_dir, request_id[:8], "--result", "confirmed",
                   "--details", "在本乡居住")
    assert answered.code == 0, answered.err
    _sync(cli, holder_dir, url)                                  # receipt and answer to 香河县 ...
    _sync(cli, county_y)                                         # ... to the province ...
    _sync(cli, county_x)                                         # ... to 大城县 ...
    _sync(cli, asker_dir, url)                                   # ... and to the township that asked
    closed = _request(asker_dir, request_id, "out")
    assert (closed.state, closed.answer, closed.answer_details) == ("closed", "confirmed", "在本乡居住")
    assert closed.delivered_at is not None                       # the receipt came back too
    _sync(cli, county_x)                                         # its next bundle told 大城县 it imported them
    assert _request(county_y, request_id, "route").state in ("answered", "closed")
    assert _request(county_x, request_id, "route").state in ("answered", "closed")
    with Workspace.open(county_y) as ws:                          # 香河县: received and answered in time
        figures = crosschecks.circular_figures(ws.db, holder, *_bounds(month))
        assert (figures["received"], figures["answered_in_time"]) == (1, 1)
    with Workspace.open(county_x) as ws:                          # 大城县: the answer reached its township
        receipt = crosschecks.circular_figures(ws.db, asker, *_bounds(month))
        assert receipt["items_sent"] >= 2 and receipt["items_imported"] == receipt["items_sent"]
    listed = cli("crosscheck", "list", "--data-dir", asker_dir)
    assert "香河县" in listed.out and "确认" not in listed.err


def _records_by_township(county_dir) -> dict[str, int]:
    with Workspace.open(county_dir) as county:
        return dict(county.db.execute("SELECT township, count(*) FROM records GROUP BY township").fetchall())


def test_two_counties_three_townships_by_network_one_by_stick_and_the_provincial_circular(
        cli, hub_db, tmp_path):
    keys = tmp_path / "hub-keys"
    assert cli("hub", "init", "--db", hub_db, "--province", "13", "--keys", keys).code == 0
    hub = HubProcess(hub_db, keys)
    hub.start()
    try:
        province_stick = tmp_path / "province-stick"
        province_stick.mkdir()
        assert cli("hub", "export-pack", "--db", hub_db, "--keys", keys, "--to", province_stick, "--url", hub.url,
                   "--name", "河北省").code == 0
        province_pack = province_stick / enrollment.province_pack_file_name("13")
        month = datetime.date.today().strftime("%Y-%m")
        sites, expected = {}, {}
        for n, county in enumerate(COUNTIES):
            county_dir, pack, townships = _set_up_county(cli, tmp_path, county)
            sites[county] = (county_dir, townships)
            assert cli("hub", "enroll", "--db", hub_db, pack).code == 0          # the counties only
            assert cli("keys", "enroll", "--data-dir", county_dir, province_pack).code == 0
            out = tmp_path / f"to-province-{county}"
            out.mkdir()
            # the first bundle for the province names the county's townships: the hub learns them
            assert cli("export", "--data-dir", county_dir, "--to", out, "--to-province", "--month", month).code == 0
            assert cli("sync", "now", "--data-dir", county_dir).code == 0
            for m, (code, (folder, village)) in enumerate(townships.items()):
                serials = range(100 * (2 * n + m) + 1, 100 * (2 * n + m) + 2 + m)   # 1 or 2 people
                _add_people(cli, folder, village, county, serials)
                expected[code] = len(serials)

        by_stick = list(sites["131024"][1])[1]                 # the fourth township has no link
        by_network = [code for county in COUNTIES for code in sites[county][1] if code != by_stick]
        for code in by_network:
            folder = sites[code[:6]][1][code][0]
            result = cli("sync", "now", "--data-dir", folder, "--hub", hub.url)   # its county pack brought the hub
            assert result.code == 0, result.err
        stick = tmp_path / "the-stick"
        stick.mkdir()
        stick_folder = sites["131024"][1][by_stick][0]
        assert cli("export", "--data-dir", stick_folder, "--to", stick).code == 0
        assert cli("import", "--data-dir", sites["131024"][0], *stick.glob("TD-*.tdb")).code == 0

        for county in COUNTIES:                                 # the counties fetch, import, answer
            assert cli("sync", "now", "--data-dir", sites[county][0]).code == 0
        for code in by_network:                                 # the answers come back by network
            folder = sites[code[:6]][1][code][0]
            assert cli("sync", "now", "--data-dir", folder, "--hub", hub.url).code == 0
            assert _states(folder) == [("township-data", 1, "acknowledged")], code
        returns = tmp_path / "returns"
        returns.mkdir()
        assert cli("export", "--data-dir", sites["131024"][0], "--to", returns).code == 0
        answered = cli("import", "--data-dir", stick_folder, *returns.glob(f"TD-{by_stick}-R*.tdb"))
        assert answered.code == 0, answered.err

        # every record at its county, once
        for county in COUNTIES:
            held = _records_by_township(sites[county][0])
            assert held == {code: expected[code] for code in sites[county][1]}, county
            with Workspace.open(sites[county][0]) as county_ws:
                received = county_ws.db.execute("SELECT township, sequence, count(*) FROM sync_received "
                                                "WHERE outcome = 'applied' GROUP BY township, sequence").fetchall()
            assert all(times == 1 for _code, _seq, times in received)

        # the counties' figures for the province (and their people's keyed hashes)
        for county in COUNTIES:
            out = tmp_path / f"to-province-{county}"
            assert cli("export", "--data-dir", sites[county][0], "--to", out, "--to-province", "--month", month).code == 0
            assert cli("sync", "now", "--data-dir", sites[county][0]).code == 0

        asker, holder = list(sites["131025"][1])[0], list(sites["131024"][1])[0]   # both by network
        _cross_county_check(cli, hub.url, hub_db, sites, asker, holder, resident_id(201, region="131024"), month)

        # the month again, now with the cross-check in it, then the provincial circular
        for county in COUNTIES:
            out = tmp_path / f"to-province-{county}"
            assert cli("export", "--data-dir", sites[county][0], "--to", out, "--to-province", "--month", month).code == 0
            assert cli("sync", "now", "--data-dir", sites[county][0]).code == 0
        with psycopg.connect(hub_db) as conn:
            feedback = conn.execute("SELECT township, feedback_received, feedback_in_time FROM province_figures"
                                    " WHERE month = %s AND (feedback_received > 0 OR township = %s)",
                                    (month, holder)).fetchall()
        assert feedback == [(holder, 1, 1)]             # 香河县's feedback rate counts it, once
        with psycopg.connect(hub_db) as conn:
            present = dict(conn.execute("SELECT county, sum(present) FROM province_figures WHERE month = %s "
                                        "GROUP BY county", (month,)).fetchall())
            villages = dict(conn.execute("SELECT county, sum(villages) FROM province_figures WHERE month = %s "
                                         "GROUP BY county", (month,)).fetchall())
        assert present == {county: sum(expected[code] for code in sites[county][1]) for county in COUNTIES}
        pdf = tmp_path / "province.pdf"
        made = cli("hub", "circular", "--db", hub_db, "--month", month, "--pdf", pdf, "--lang", "zh")
        assert made.code == 0, made.err
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        text = unicodedata.normalize("NFKC", text)   # the CJK font's glyphs come back as radicals (⼤)
        for name, county in (("大城县", "131025"), ("香河县", "131024")):
            [row] = [line for line in text.splitlines() if name in line and "/" in line]
            # records present over the task, and villages covered (one a township) over the county's villages
            assert f" {present[county]}/" in row and f" 2/{villages[county]} " in row, row
    finally:
        hub.stop()
