"""The command line imports only the module of the command being run, and its table says true.

desktop.cli.COMMANDS pairs each command module's loader with the top-level commands it registers;
a run of `township CMD` loads the one module that owns CMD (start-up speed, docs/PERFORMANCE.md).
These tests keep the table in step with what the modules really register.
"""

from __future__ import annotations

import argparse

import pytest

from desktop.cli import (
    COMMANDS,
    build_parser,
    command_in,
    common_options,
    loaders_for,
    plain_gui_start,
    records_commands,
)


def registered_commands(load) -> set[str]:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers(dest="command")
    load().register(subparsers, common_options())
    return set(subparsers.choices)


@pytest.mark.parametrize(("names", "load"), COMMANDS, ids=[names[0] for names, _ in COMMANDS])
def test_the_table_names_every_command_each_module_registers(names, load):
    assert set(names) == registered_commands(load)


@pytest.mark.parametrize(("argv", "command"), [
    ([], None),
    (["--log-startup"], None),
    (["--data-dir", "/tmp/x"], None),
    (["--data-dir", "/tmp/x", "records", "list", "f"], "records"),
    (["--lang", "zh", "--data-dir=/x", "summary", "--pdf", "a.pdf"], "summary"),
    (["import", "a.bundle"], "import"),
    (["--", "verify"], "verify"),
])
def test_the_command_word_is_found_among_the_options(argv, command):
    assert command_in(argv) == command


def test_a_command_imports_only_its_own_module():
    everything = [load for _names, load in COMMANDS]
    assert loaders_for(["--data-dir", "d", "records", "list", "f"]) == [records_commands]
    assert loaders_for(["--data-dir", "d"]) == []                       # the GUI: no command module
    assert loaders_for(["--help"]) == everything
    assert loaders_for(["recrods"]) == everything                       # a typo: argparse lists them all


def test_a_lazily_built_parser_parses_like_the_full_one():
    argv = ["--data-dir", "/d", "records", "list", "floating_population", "--search", "zs"]
    lazy, full = build_parser(argv).parse_args(argv), build_parser().parse_args(argv)
    assert vars(lazy) == vars(full)


@pytest.mark.parametrize("argv", [
    [], ["--log-startup"], ["--data-dir", "/d"], ["--data-dir", ""], ["--lang", "zh", "--data-dir", "/d", "--log-startup"],
    ["--log-startup", "--lang", "en"],
])
def test_a_plain_gui_start_is_read_as_argparse_reads_it(argv):
    assert vars(plain_gui_start(argv)) == vars(build_parser(argv).parse_args(argv))


@pytest.mark.parametrize("argv", [
    ["--data-dir"], ["--data-dir=/d"], ["--data-dir", "/a", "--data-dir", "/b"], ["--lang", "fr"], ["--version"],
    ["--self-test"], ["-h"], ["--help"], ["--data-dir", "--log-startup"], ["doctor"], ["--data-dir", "/d", "doctor"],
    ["--", "doctor"], ["--log-start"],
])
def test_anything_but_a_plain_gui_start_goes_to_argparse(argv):
    assert plain_gui_start(argv) is None


def test_a_mistyped_command_lists_every_command(cli):
    with pytest.raises(SystemExit):
        cli("recrods")
