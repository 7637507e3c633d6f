"""One identity per bundle: the sha256 of its signed manifest. A copy whose signature was
re-encoded on the stick is the same bundle ("already imported"), never a second one, and the
acknowledgement still names what the township wrote. Format 1 bundles (identity: the file's
sha256) are still read, with only the signature encoding Township Desk writes."""

from __future__ import annotations

import hashlib
import json

import pytest

from desktop.core.sync import bundle, container, incoming, outgoing, trust
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.helpers import TOWNSHIPS, add_people, make_sites, older_format, resident_id

# every case here is a bundle the import refuses, and logs as refused
pytestmark = pytest.mark.allow_log("township.sync", "refused ", level="WARNING")

A = TOWNSHIPS[0]


@pytest.fixture
def sites(tmp_path):
    county_dir, townships = make_sites(tmp_path, (A,))
    stick = tmp_path / "stick"
    stick.mkdir()
    with Workspace.open(townships[A]) as township:
        add_people(township, [{"name": "张三", "id_number": resident_id(1)}])
    return county_dir, townships[A], stick


def _rewrap(data: bytes, signature: bytes | None = None, manifest: bytes | None = None) -> bytes:
    members = container.read_container(data, bundle.MEMBERS)
    if signature is None:  # the same signature re-wrapped without any key: 64 columns, no final newline
        text = members[bundle.SIGNATURE].decode()
        body = "".join(text.strip().split("\n")[1:-1])
        signature = ("\n".join([text.split("\n")[0], *[body[i:i + 64] for i in range(0, len(body), 64)],
                                "-----END SSH SIGNATURE-----"])).encode()
    return container.write_container([(bundle.MANIFEST, manifest or members[bundle.MANIFEST]),
                                      (bundle.SIGNATURE, signature), (bundle.PAYLOAD, members[bundle.PAYLOAD])])


def test_identity_is_the_manifest_hash(sites):
    county_dir, township_dir, stick = sites
    with Workspace.open(township_dir) as township:
        written = outgoing.export_township(township.db, township.paths, stick)
    data = written.path.read_bytes()
    manifest = container.read_container(data, bundle.MEMBERS)[bundle.MANIFEST]
    assert written.sha256 == hashlib.sha256(manifest).hexdigest() != hashlib.sha256(data).hexdigest()
    assert json.loads(manifest)["format_version"] == bundle.FORMAT_VERSION == 4


def test_re_encoded_signature_is_the_same_bundle(sites, tmp_path):
    county_dir, township_dir, stick = sites
    with Workspace.open(township_dir) as township:
        written = outgoing.export_township(township.db, township.paths, stick)
    variant_folder = tmp_path / "variant"
    variant_folder.mkdir()
    variant = variant_folder / written.path.name
    variant.write_bytes(_rewrap(written.path.read_bytes()))
    assert variant.read_bytes() != written.path.read_bytes()
    with Workspace.open(county_dir) as county:
        first, again = incoming.import_files(county.db, county.paths, [variant, written.path])
        assert first.outcome == "applied", first.text.en
        assert again.outcome == "already", again.text.en  # not a sequence-conflict
        returns = outgoing.export_returns(county.db, county.paths, stick)
    with Workspace.open(township_dir) as township:
        [outcome] = incoming.import_files(township.db, township.paths, [returns[0].path])
        assert outcome.outcome == "applied" and "acknowledged up to bundle 1" in outcome.text.en, outcome.text.en
        assert outgoing.acked_through(township.db) > 0


def _format_1(township_dir, data: bytes) -> bytes:
    """The same bundle as format 1 wrote it: format_version 1, without the fields of later formats,
    re-signed with the township's key."""
    return older_format(data, township_dir, 1)


def test_format_1_bundle_is_understood_by_its_file_hash(sites, tmp_path):
    county_dir, township_dir, stick = sites
    with Workspace.open(township_dir) as township:
        written = outgoing.export_township(township.db, township.paths, stick)
    old = _format_1(township_dir, written.path.read_bytes())
    written.path.write_bytes(old)
    with Workspace.open(county_dir) as county:
        [outcome] = incoming.import_files(county.db, county.paths, [written.path])
        assert outcome.outcome == "applied", outcome.text.en
        held = county.db.execute("SELECT last_sha256 FROM sync_peers").fetchone()[0]
    assert held == hashlib.sha256(old).hexdigest()
    rewrapped = tmp_path / written.path.name
    rewrapped.write_bytes(_rewrap(old))
    with Workspace.open(county_dir) as county:
        [outcome] = incoming.import_files(county.db, county.paths, [rewrapped])
    assert outcome.outcome == "refused" and outcome.code == "signature-not-canonical"
    assert "format 1" in outcome.text.en


def test_newer_and_unknown_formats_refused_by_name(sites):
    county_dir, township_dir, stick = sites
    with Workspace.open(township_dir) as township:
        written = outgoing.export_township(township.db, township.paths, stick)
        keys = trust.install_keys(township.paths)
    members = container.read_container(written.path.read_bytes(), bundle.MEMBERS)
    for version, code, words in ((bundle.FORMAT_VERSION + 1, "newer-format", "newer version"), (0, "older-format", "old version")):
        manifest = json.loads(members[bundle.MANIFEST])
        manifest["format_version"] = version
        manifest_bytes = (json.dumps(manifest, sort_keys=True, indent=2) + "\n").encode()
        original = container.write_container([(n, members[n]) for n in bundle.MEMBERS])
        written.path.write_bytes(_rewrap(original, keys.sign(manifest_bytes).encode(), manifest_bytes))
        with Workspace.open(county_dir) as county:
            [outcome] = incoming.import_files(county.db, county.paths, [written.path])
        assert outcome.code == code and words in outcome.text.en, outcome.text.en
