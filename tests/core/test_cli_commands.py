"""The command line imports only the module of the command being run, and its table says true.

desktop.cli.COMMAND_NAMES maps each command module to the top-level commands it registers; a run
of `township CMD` imports the one module that owns CMD (start-up speed, docs/PERFORMANCE.md).
These tests keep the table in step with what the modules really register.
"""

from __future__ import annotations

import argparse
import importlib

import pytest

from desktop.cli import (
    COMMAND_MODULES,
    COMMAND_NAMES,
    build_parser,
    command_in,
    common_options,
    modules_for,
    plain_gui_start,
)


def registered_commands(module_name: str) -> set[str]:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers(dest="command")
    importlib.import_module(module_name).register(subparsers, common_options())
    return set(subparsers.choices)


@pytest.mark.parametrize("module_name", COMMAND_MODULES)
def test_the_table_names_every_command_each_module_registers(module_name):
    assert set(COMMAND_NAMES.get(module_name, ())) == registered_commands(module_name)


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
    assert modules_for(["--data-dir", "d", "records", "list", "f"]) == ["desktop.cli.records_cmd"]
    assert modules_for(["--data-dir", "d"]) == []                       # the GUI: no command module
    assert modules_for(["--help"]) == COMMAND_MODULES
    assert modules_for(["recrods"]) == COMMAND_MODULES                  # a typo: argparse lists them all


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
