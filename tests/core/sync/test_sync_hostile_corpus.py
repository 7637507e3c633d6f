"""Hundreds of hostile inputs (tests/core/sync/hostile_corpus.py) through `township import` at the
county: each is refused with exactly one line on stderr naming the file, the command exits 1, no
traceback, and the county's data does not change. A sample also runs in a real process with its
peak memory measured (at most 200 MB). The default run takes a sample of about a hundred; the
slow run takes all of them (more than 600)."""

from __future__ import annotations

import shutil

import pytest

from desktop.core.sync import bundle, outgoing, trust
from desktop.core.sync.keys import create_keys
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.helpers import COUNTY, TOWNSHIPS, add_people, county_data_hash, make_sites, resident_id
from tests.core.sync.hostile_corpus import Corpus
from tests.core.sync.test_sync_memory import LIMIT_MB, _run

pytestmark = pytest.mark.allow_log("township.sync", "refused ", level="WARNING")

A, B = TOWNSHIPS


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    county_dir, townships = make_sites(root / "sites")
    stick = root / "stick"
    stick.mkdir()
    real = {}
    for code, number in ((A, 1), (B, 2)):
        with Workspace.open(townships[code]) as township:
            add_people(township, [{"name": "张三", "id_number": resident_id(number)},
                                  {"name": "李四", "id_number": resident_id(number + 10)}])
            written = outgoing.export_township(township.db, township.paths, stick)
            real[code] = written.path.read_bytes()
            if code == A:
                keys = trust.install_keys(township.paths)
                opened = bundle.open_bundle_file(written.path, trust.trusted_keys(township.db, keys, "township", A),
                                                 keys.all_age_identities())
                recipients = trust.active_recipients(township.db, COUNTY) + [keys.public().age_recipient]
    enroll = root / "sites" / "enroll-stick"
    others = {"bundle-of-B": real[B],
              **{path.suffix[1:]: path.read_bytes() for path in sorted(enroll.iterdir()) if path.is_file()}}
    stranger = create_keys(root / "stranger", comment=A)
    cases = Corpus(real[A], opened.payload, keys, stranger, recipients, others).build()
    return county_dir, cases


def _county(corpus, tmp_path):
    county_dir, _cases = corpus
    shutil.copytree(county_dir, tmp_path / "county")
    return tmp_path / "county"


def _hash(county):
    with Workspace.open(county) as site:
        return county_data_hash(site.db)


def _import_batch(cli, county, folder, cases):
    folder.mkdir()
    paths = []
    for name, data in cases:
        paths.append(folder / f"{name}.tdb")
        paths[-1].write_bytes(data)
    result = cli("import", "--data-dir", county, *paths)
    lines = result.err.splitlines()
    assert "Traceback" not in result.err and "internal error" not in result.err, result.err
    assert result.code == 1 and result.out == "", result.out
    assert len(lines) == len(cases), result.err
    for (name, _data), line in zip(cases, lines, strict=True):
        assert line.startswith(f"{name}.tdb: "), line


def _check(cli, county, tmp_path, cases):
    before = _hash(county)
    for start in range(0, len(cases), 100):
        _import_batch(cli, county, tmp_path / f"batch-{start}", cases[start:start + 100])
    assert _hash(county) == before


def test_the_corpus_is_large_and_varied(corpus):
    _county_dir, cases = corpus
    assert len(cases) >= 600
    assert sum(name[5:].startswith("signed-") for name, _ in cases) >= 200
    assert sum(name[5:].startswith("unsigned-") for name, _ in cases) >= 200


def test_a_sample_of_the_corpus_is_refused_cleanly(corpus, cli, tmp_path):
    _county_dir, cases = corpus
    _check(cli, _county(corpus, tmp_path), tmp_path, cases[::7])


def test_one_refusal_one_line_each_alone(corpus, cli, tmp_path):
    county = _county(corpus, tmp_path)
    before = _hash(county)
    _county_dir, cases = corpus
    for number, case in enumerate(cases[3::97]):
        _import_batch(cli, county, tmp_path / f"alone-{number}", [case])
    assert _hash(county) == before


@pytest.mark.slow
def test_the_whole_corpus_is_refused_cleanly(corpus, cli, tmp_path):
    _county_dir, cases = corpus
    _check(cli, _county(corpus, tmp_path), tmp_path, cases)


@pytest.mark.slow
def test_a_sample_in_real_processes_stays_small(corpus, tmp_path):
    county = _county(corpus, tmp_path)
    before = _hash(county)
    _county_dir, cases = corpus
    for name, data in cases[5::60]:
        path = tmp_path / f"{name}.tdb"
        path.write_bytes(data)
        for command in ("import", "verify"):
            code, err, peak, result = _run(command, "--data-dir", county, path)
            assert code == 1, (command, name, result.stdout, result.stderr)
            assert len(err) == 1 and "Traceback" not in result.stderr, result.stderr
            assert peak <= LIMIT_MB, f"{command} {name} peaked at {peak:.0f} MB"
    assert _hash(county) == before
