"""The province pack through the command line: `township hub export-pack` writes it from the hub's
own keys, and a county takes it with `township keys enroll PACK`, keeping the hub's keys, URL and
matching key as its province; the same pack again changes nothing, another hub's key needs
--replace, a pack of another province and a township enrolling it are refused."""

from __future__ import annotations

from desktop.core.sync import enrollment
from desktop.core.sync.keys import create_keys
from tests.core.sync.helpers import make_sites


def _export(cli, url, keys, out, *extra):
    return cli("hub", "export-pack", "--db", url, "--keys", keys, "--to", out, *extra)


def test_a_county_enrolls_the_province_pack_the_hub_exports(cli, initialised_hub, tmp_path):
    url, hub = initialised_hub
    out = tmp_path / "stick"
    out.mkdir()
    result = _export(cli, url, tmp_path / "keys", out, "--url", "https://hub.example.cn/", "--name", "河北省")
    assert result.code == 0, result.err
    pack_path = out / "TD-province-13.tdpack"
    assert f"wrote {pack_path}" in result.out and hub.keys.public().short_fingerprint in result.out
    assert (tmp_path / "keys" / "person_match.key").stat().st_mode & 0o777 == 0o600

    pack = enrollment.read_province_pack(pack_path.read_bytes())
    assert (pack.province, pack.name, pack.hub_url) == ("13", "河北省", "https://hub.example.cn")
    assert pack.keys.fingerprint == hub.fingerprint and len(pack.match_key) == 32
    # exported again: the same matching key (a new one would match nothing sent before)
    assert _export(cli, url, tmp_path / "keys", out, "--url", "https://hub.example.cn").code == 0
    assert enrollment.read_province_pack(pack_path.read_bytes()).match_key == pack.match_key

    county, townships = make_sites(tmp_path / "sites")
    enrolled = cli("keys", "enroll", "--data-dir", county, pack_path)
    assert enrolled.code == 0, enrolled.err
    assert "province 13: enrolled" in enrolled.out and hub.fingerprint in enrolled.out
    assert "delete TD-province-13.tdpack from the stick" in enrolled.out
    again = cli("keys", "enroll", "--data-dir", county, pack_path)
    assert again.code == 0 and "already enrolled; nothing changed" in again.out

    from desktop.core.sync import province_trust
    from desktop.core.workspace.workspace import Workspace
    with Workspace.open(county) as workspace:
        province = province_trust.enrolled_province(workspace.db)
    assert (province.code, province.hub_url, province.keys.fingerprint) == ("13", "https://hub.example.cn",
                                                                            hub.fingerprint)
    assert province.match_key == pack.match_key and province.keys.age_recipient == hub.keys.public().age_recipient

    # another hub of the same province (new keys): refused until the phone call and --replace
    other_keys = create_keys(tmp_path / "other-keys", "other hub")
    other = tmp_path / "other"
    other.mkdir()
    (other / "TD-province-13.tdpack").write_bytes(
        enrollment.build_province_pack(other_keys, "13", "", "https://other.example.cn", b"k" * 32))
    refused = cli("keys", "enroll", "--data-dir", county, other / "TD-province-13.tdpack")
    assert refused.code != 0 and "already enrolled with another key" in refused.err
    replaced = cli("keys", "enroll", "--data-dir", county, other / "TD-province-13.tdpack", "--replace")
    assert replaced.code == 0 and "the previous key was revoked" in replaced.out

    # a pack of province 14 does not fit county 131025; a township takes no province pack
    (other / "TD-province-14.tdpack").write_bytes(
        enrollment.build_province_pack(other_keys, "14", "", "https://other.example.cn", b"k" * 32))
    wrong = cli("keys", "enroll", "--data-dir", county, other / "TD-province-14.tdpack")
    assert wrong.code != 0 and "not in it" in wrong.err
    township = cli("keys", "enroll", "--data-dir", townships["131025100"], pack_path)
    assert township.code != 0 and "not a county pack" in township.err


def test_export_pack_refuses_a_url_that_is_not_one(cli, initialised_hub, tmp_path):
    url, _hub = initialised_hub
    result = _export(cli, url, tmp_path / "keys", tmp_path, "--url", "hub.example.cn")
    assert result.code != 0 and "--url takes the address" in result.err
    assert not (tmp_path / "TD-province-13.tdpack").exists()


def test_a_forged_province_pack_is_refused(cli, initialised_hub, tmp_path):
    """A pack whose document was changed after signing (another hub URL) does not verify."""
    url, _hub = initialised_hub
    assert _export(cli, url, tmp_path / "keys", tmp_path, "--url", "https://hub.example.cn").code == 0
    path = tmp_path / "TD-province-13.tdpack"
    data = path.read_bytes().replace(b"https://hub.example.cn", b"https://bad.example.cn")
    path.write_bytes(data)
    county, _townships = make_sites(tmp_path / "sites")
    refused = cli("keys", "enroll", "--data-dir", county, path)
    assert refused.code != 0
