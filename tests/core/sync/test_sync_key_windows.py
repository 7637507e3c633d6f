"""Keys that sign only up to a sequence, through the `township` command.

`township keys rotate` at the county: the next return bundle to each township is signed with the
old county key and announces the new one (endorsed by the old key); once the township imported
it, the old key is refused for every later return bundle - decided by the bundle's sequence, not
by a date its signer could set - and the county signs with the new key once the township
confirmed the announcement. `township keys revoke`: the revoked key is refused for every bundle
after the last one the county accepted from it."""

from __future__ import annotations

import pytest

from desktop.core.sync import bundle
from desktop.core.sync.keys import RETIRED_FOLDER, load_keys
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.helpers import COUNTY, TOWNSHIPS, add_people, county_data_hash, make_sites, resident_id

A = TOWNSHIPS[0]


@pytest.fixture
def sites(tmp_path):
    county_dir, townships = make_sites(tmp_path, (A,))
    stick = tmp_path / "stick"
    stick.mkdir()
    return county_dir, townships[A], stick


def _one_new(stick, before: set, prefix: str):
    new = sorted(p for p in stick.iterdir() if p.name.startswith(prefix) and p not in before)
    assert len(new) == 1, new
    return new[0]


def _round_to_county(cli, county_dir, township_dir, stick, people=()):
    if people:
        with Workspace.open(township_dir) as township:
            add_people(township, people)
    before = set(stick.iterdir())
    assert cli("export", "--data-dir", township_dir, "--to", stick).code == 0
    data = _one_new(stick, before, f"TD-{A}-0")
    result = cli("import", "--data-dir", county_dir, data)
    assert result.code == 0, result.err
    return data


def _return_to_township(cli, county_dir, township_dir, stick):
    before = set(stick.iterdir())
    result = cli("export", "--data-dir", county_dir, "--to", stick, "--township", A)
    assert result.code == 0, result.err
    returned = _one_new(stick, before, f"TD-{A}-R")
    return returned, cli("import", "--data-dir", township_dir, returned)


def _signer(path, township_dir) -> str:
    from desktop.core.sync import trust

    with Workspace.open(township_dir) as township:
        keys = trust.install_keys(township.paths)
        return bundle.verify_bundle_file(path, trust.trusted_keys(township.db, keys, "township", A)).signer.fingerprint


def _forged_return(county_dir, township_dir, stick, keys, sequence):
    """A return bundle signed now with `keys` (the county's replaced key, say), numbered `sequence`."""
    from desktop.core.sync import trust

    with Workspace.open(township_dir) as township:
        recipients = trust.active_recipients(township.db, COUNTY) + [trust.install_keys(township.paths).public().age_recipient]
    payload = {"township": A, "ack": {"records_refused": [], "bundles_refused": []},
               "updates": {"code_lists": [], "form_packs": []}, "items": []}
    data = bundle.build_bundle(keys=keys, kind=bundle.KIND_RETURN, county=COUNTY, township=A, sequence=sequence,
                               previous_sha256=None, payload=payload, recipients=recipients,
                               counts={"items": 0, "records_refused": 0, "code_lists": 0, "form_packs": 0})
    path = stick / ("forged-" + bundle.bundle_file_name(bundle.KIND_RETURN, A, sequence))
    path.write_bytes(data)
    return path


def _return_position(township_dir) -> int:
    with Workspace.open(township_dir) as township:
        row = township.db.execute("SELECT last_sequence FROM sync_peers WHERE kind = ?", [bundle.KIND_RETURN]).fetchone()
        return row[0] if row else 0


def _county_keys(township_dir) -> dict:
    with Workspace.open(township_dir) as township:
        return dict(township.db.execute("SELECT fingerprint, status FROM sync_keys WHERE role = 'county'").fetchall())


@pytest.mark.allow_log("township.sync", "refused .*: retired-signer", level="WARNING")
def test_after_keys_rotate_the_old_county_key_is_refused_once_the_announcement_arrived(cli, sites):
    county_dir, township_dir, stick = sites
    _round_to_county(cli, county_dir, township_dir, stick, [{"name": "甲", "id_number": resident_id(1)}])
    assert _return_to_township(cli, county_dir, township_dir, stick)[1].code == 0
    old_keys = load_keys(county_dir / "keys")

    result = cli("keys", "rotate", "--data-dir", county_dir)
    assert result.code == 0, result.err
    new_keys = load_keys(county_dir / "keys")
    assert load_keys(county_dir / "keys" / RETIRED_FOLDER / "0001").public() == old_keys.public()

    # the announcement: signed by the old key, naming the new one; believed without a county pack
    announced, imported = _return_to_township(cli, county_dir, township_dir, stick)
    assert imported.code == 0, imported.err
    assert _signer(announced, township_dir) == old_keys.public().fingerprint
    assert "only the new key" in imported.out
    assert _county_keys(township_dir) == {old_keys.public().fingerprint: "retired",
                                          new_keys.public().fingerprint: "active"}
    position = _return_position(township_dir)

    # whoever still holds the old key cannot speak for the county any more, whatever the number
    for sequence in (position + 1, position + 5):
        forged = _forged_return(county_dir, township_dir, stick, old_keys, sequence)
        result = cli("import", "--data-dir", township_dir, forged)
        assert result.code == 1 and "retired key" in result.err, result.err
        assert _return_position(township_dir) == position
    result = cli("--lang", "zh", "import", "--data-dir", township_dir, forged)
    assert result.code == 1 and "已停用的密钥" in result.err
    result = cli("verify", "--data-dir", township_dir, forged)
    assert result.code != 0 and "retired key" in result.err
    assert cli("verify", "--data-dir", township_dir, announced).code == 0
    # the announcement itself again is "already imported", not refused
    assert cli("import", "--data-dir", township_dir, announced).code == 0

    # until the township confirms the announcement, the county keeps signing with the old key...
    _round_to_county(cli, county_dir, township_dir, stick)
    # ... and after, with the new one, which the township accepts
    returned, imported = _return_to_township(cli, county_dir, township_dir, stick)
    assert imported.code == 0, imported.err
    assert _signer(returned, township_dir) == new_keys.public().fingerprint
    assert _return_position(township_dir) > position


@pytest.mark.allow_log("township.sync", "refused .*: retired-signer", level="WARNING")
def test_a_township_that_loaded_the_new_county_pack_first_still_closes_the_old_key(cli, sites):
    county_dir, township_dir, stick = sites
    old_keys = load_keys(county_dir / "keys")
    assert cli("keys", "rotate", "--data-dir", county_dir).code == 0
    assert cli("keys", "export", "--data-dir", county_dir, "--to", stick).code == 0
    result = cli("import", "--data-dir", township_dir, stick / f"TD-county-{COUNTY}.tdpack")
    assert result.code == 0, result.err
    assert set(_county_keys(township_dir).values()) == {"retired", "active"}
    announced, imported = _return_to_township(cli, county_dir, township_dir, stick)
    assert imported.code == 0, imported.err
    forged = _forged_return(county_dir, township_dir, stick, old_keys, _return_position(township_dir) + 1)
    result = cli("import", "--data-dir", township_dir, forged)
    assert result.code == 1 and "retired key" in result.err


@pytest.mark.allow_log("township.sync", "refused .*: revoked-signer", level="WARNING")
def test_a_revoked_township_key_is_refused_after_the_last_bundle_accepted(cli, sites):
    county_dir, township_dir, stick = sites
    accepted = _round_to_county(cli, county_dir, township_dir, stick, [{"name": "甲", "id_number": resident_id(1)}])
    result = cli("keys", "revoke", "--data-dir", county_dir, A)
    assert result.code == 0, result.err
    with Workspace.open(township_dir) as township:
        add_people(township, [{"name": "乙", "id_number": resident_id(2)}])
    with Workspace.open(county_dir) as county:
        before = county_data_hash(county.db)
    before_files = set(stick.iterdir())
    assert cli("export", "--data-dir", township_dir, "--to", stick).code == 0
    later = _one_new(stick, before_files, f"TD-{A}-0")
    result = cli("import", "--data-dir", county_dir, later)
    assert result.code == 1 and "revoked" in result.err
    result = cli("import", "--data-dir", county_dir, accepted)
    assert result.code == 1 and "revoked" in result.err
    with Workspace.open(county_dir) as county:
        assert county_data_hash(county.db) == before
