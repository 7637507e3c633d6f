"""The operator page of a real `township hub serve --operator-listen` process, read in a headless
Chromium from Debian: the enrolled county and townships with their last bundles, a gap in one
township's bundle numbers, and a refused post with its reason - in English and in Chinese. The page
is not on the mailbox's address, and carries no script.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import urllib.error
import urllib.request

import pytest

from desktop.core.sync import outgoing
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.helpers import add_people, resident_id
from tests.hub import served


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: CI must install it (.ci/run)")
        pytest.skip("Chromium is not installed")
    return found


def _dom(browser: str, url: str, tmp_path, screenshot=None) -> str:
    """The page as Chromium rendered it (its DOM after load), and a screenshot when asked."""
    base = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
            f"--user-data-dir={tmp_path / 'chromium-profile'}", "--window-size=1366,900"]
    if screenshot:
        subprocess.run([*base, f"--screenshot={screenshot}", url], capture_output=True, timeout=120, check=True)
    done = subprocess.run([*base, "--dump-dom", url], capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


@pytest.mark.allow_log("township.hub", "refused a post", level="WARNING")
def test_the_operator_page_shows_sites_last_bundles_gaps_and_refusals(cli, hub_db, real_sites, tmp_path):
    browser = _chromium()
    keys = tmp_path / "keys"
    assert cli("hub", "init", "--db", hub_db, "--province", "13", "--keys", keys).code == 0
    first, second = real_sites.townships
    for site_file in (real_sites.county_pack, real_sites.enrollment[first], real_sites.enrollment[second]):
        assert cli("hub", "enroll", "--db", hub_db, site_file).code == 0
    # the first township's bundles 1 and 3 reach the hub; 2 went another way
    township = tmp_path / "township"
    shutil.copytree(real_sites.township_dirs[first], township)
    out = tmp_path / "out"
    out.mkdir()
    later = []
    with Workspace.open(township) as site:
        for serial in (500, 501):
            add_people(site, [{"name": f"后来{serial}", "id_number": resident_id(serial)}])
            later.append(outgoing.export_township(site.db, site.paths, out, clerk="clerk").path)
    page_port = served.free_port()
    process, url = served.start(hub_db, keys, "--operator-listen", f"127.0.0.1:{page_port}")
    try:
        for path in (real_sites.data[first], later[1]):
            request = urllib.request.Request(url + "/v1/bundles", data=path.read_bytes(), method="POST")
            assert urllib.request.urlopen(request, timeout=30).status == 201
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(url + "/v1/bundles", data=b"not a bundle at all",
                                                          method="POST"), timeout=30)
        assert refused.value.code == 400
        # the page is on its own address only
        with pytest.raises(urllib.error.HTTPError) as elsewhere:
            urllib.request.urlopen(url + "/", timeout=10)
        assert elsewhere.value.code == 404
        with urllib.request.urlopen(f"http://127.0.0.1:{page_port}/", timeout=10) as answer:
            assert "default-src 'none'" in answer.headers["Content-Security-Policy"]
            assert b"<script" not in answer.read()

        english = _dom(browser, f"http://127.0.0.1:{page_port}/?lang=en", tmp_path,
                       screenshot=tmp_path / "operator-en.png")
        assert "Counties and townships" in english
        for code in (real_sites.county_code, first, second):
            assert f"<td>{code}</td>" in english
        assert "#3" in english and "none yet" in english        # the first township's last; the second's
        assert "Gaps in bundle numbers" in english
        assert f"<td>{first}</td><td>{real_sites.county_code}</td><td>2</td>" in english
        assert "not-a-container" in english and "Refused posts" in english
        assert "2 bundles stored" in english
        chinese = _dom(browser, f"http://127.0.0.1:{page_port}/?lang=zh", tmp_path,
                       screenshot=tmp_path / "operator-zh.png")
        assert "县与乡镇" in chinese and "同步包编号缺口" in chinese and "被拒绝的提交" in chinese
        assert (tmp_path / "operator-en.png").stat().st_size > 10_000
        if os.environ.get("TOWNSHIP_SCREENSHOTS"):   # docs/HUB.md's pictures
            for name in ("operator-en.png", "operator-zh.png"):
                shutil.copy(tmp_path / name, os.environ["TOWNSHIP_SCREENSHOTS"])
    finally:
        served.stop(process)
