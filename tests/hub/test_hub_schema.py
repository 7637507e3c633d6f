"""`township hub init` on a real PostgreSQL: creates the schema and the hub's keys, and run again
migrates - which for an up-to-date hub is nothing; a database of another province or with other
keys, or newer than the program, is refused and left as it was."""

from __future__ import annotations

import psycopg

from desktop.core.sync.keys import create_keys, load_keys
from desktop.hub import schema


def _tables(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        return {row[0] for row in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}


def test_init_creates_the_schema_and_keys_and_a_second_run_changes_nothing(cli, hub_db, tmp_path):
    keys = tmp_path / "keys"
    first = cli("hub", "init", "--db", hub_db, "--province", "130000", "--keys", keys)
    assert first.code == 0, first.err
    assert "applied 0001_mailbox.sql" in first.out and "made" in first.out
    assert {"schema_version", "hub", "sites", "bundles", "bundle_pieces"} <= _tables(hub_db)
    fingerprint = load_keys(keys).public().fingerprint
    assert fingerprint in first.out
    assert (keys / "signing_ed25519").stat().st_mode & 0o077 == 0   # owner-only private key

    second = cli("hub", "init", "--db", hub_db, "--province", "13", "--keys", keys)
    assert second.code == 0, second.err
    assert "up to date" in second.out and "kept" in second.out
    assert load_keys(keys).public().fingerprint == fingerprint
    with psycopg.connect(hub_db) as conn:
        # every shipped migration once, in order, and nothing applied twice by the second run
        shipped = [(number, name) for number, name, _sql in schema.migrations()]
        assert shipped[:3] == [(1, "0001_mailbox.sql"), (2, "0002_province.sql"), (3, "0003_refusals.sql")]
        assert conn.execute("SELECT version, name FROM schema_version ORDER BY version").fetchall() == shipped
        assert conn.execute("SELECT province, fingerprint FROM hub").fetchall() == [("13", fingerprint)]


def test_init_refuses_another_province_or_other_keys(cli, hub_db, tmp_path):
    assert cli("hub", "init", "--db", hub_db, "--province", "13", "--keys", tmp_path / "keys").code == 0
    other_province = cli("hub", "init", "--db", hub_db, "--province", "11", "--keys", tmp_path / "keys")
    assert other_province.code == 1 and "province 13" in other_province.err
    other_keys = cli("hub", "init", "--db", hub_db, "--province", "13", "--keys", tmp_path / "other")
    assert other_keys.code == 1 and "not this hub's" in other_keys.err
    assert cli("hub", "init", "--db", hub_db, "--province", "1", "--keys", tmp_path / "keys").code == 1


def test_a_database_newer_than_the_program_is_refused(cli, hub_db, tmp_path):
    assert cli("hub", "init", "--db", hub_db, "--province", "13", "--keys", tmp_path / "keys").code == 0
    with psycopg.connect(hub_db) as conn:
        conn.execute("INSERT INTO schema_version (version, name) VALUES (9999, '9999_future.sql')")
    result = cli("hub", "init", "--db", hub_db, "--province", "13", "--keys", tmp_path / "keys")
    assert result.code == 1 and "newer" in result.err


def test_an_unreachable_database_is_one_line_not_a_traceback(cli, tmp_path):
    result = cli("hub", "init", "--db", f"postgresql://nobody@/none?host={tmp_path}", "--province", "13",
                 "--keys", tmp_path / "keys")
    assert result.code == 1
    assert result.err.startswith("township: cannot reach the hub database") and len(result.err.splitlines()) == 1
    assert not (tmp_path / "keys").exists()


def test_the_migrations_are_numbered_in_order():
    numbers = [number for number, _name, _sql in schema.migrations()]
    assert numbers == sorted(numbers) and numbers[0] == 1


def test_serve_refuses_keys_that_are_not_this_hubs_and_an_uninitialised_database(cli, hub_db, tmp_path):
    fresh = cli("hub", "serve", "--db", hub_db, "--keys", tmp_path / "keys", "--listen", "127.0.0.1:1")
    assert fresh.code == 1 and "hub init" in fresh.err
    assert cli("hub", "init", "--db", hub_db, "--province", "13", "--keys", tmp_path / "keys").code == 0
    create_keys(tmp_path / "other")
    other = cli("hub", "serve", "--db", hub_db, "--keys", tmp_path / "other", "--listen", "127.0.0.1:1")
    assert other.code == 1 and "not this hub's" in other.err
    assert cli("hub", "serve", "--db", hub_db, "--keys", tmp_path / "keys", "--listen", "nowhere").code == 1
