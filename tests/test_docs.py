"""Every `township` command is documented: listed in README.md or a doc the README links to, and
with its own help text (after sqlite-utils' tests/test_docs.py)."""

from __future__ import annotations

import argparse
import re

import pytest

from tests.conftest import ROOT


def _subcommands(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield name, sub, helps.get(name)


def commands() -> list[tuple[tuple[str, ...], argparse.ArgumentParser, str | None]]:
    from desktop.cli import build_parser

    found = []

    def walk(path, parser):
        for name, sub, text in _subcommands(parser):
            found.append(((*path, name), sub, text))
            walk((*path, name), sub)

    walk((), build_parser(None))
    return found


COMMANDS = commands()


def documentation() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = sorted(set(re.findall(r"\]\((docs/[\w./-]+\.md)\)", readme)))
    return "\n".join([readme, *((ROOT / path).read_text(encoding="utf-8") for path in linked)])


DOCS = documentation()


def test_there_are_commands_to_check():
    names = {path[0] for path, _, _ in COMMANDS}
    assert {"init", "forms", "records", "export", "import", "verify", "keys", "summary", "backup"} <= names


def listed(path: tuple[str, ...]) -> bool:
    """`township forms show` is listed as such, or on a line of its group's commands:
    `township keys show | export --to DIR | enroll FILE`."""
    *group, name = path
    head = re.compile(r"\btownship " + r" ".join(map(re.escape, group or [name])) + r"(?![-\w])")
    for line in DOCS.splitlines():
        found = head.search(line)
        if found and (not group or re.search(rf"(?<![-\w]){re.escape(name)}(?![-\w])", line[found.end():])):
            return True
    return False


def test_the_listing_check_finds_what_is_missing():
    assert listed(("keys", "enroll")) and listed(("verify",))
    assert not listed(("keys", "polish")) and not listed(("verif",))


@pytest.mark.parametrize("path", [path for path, _, _ in COMMANDS], ids=" ".join)
def test_command_is_listed_in_the_docs(path):
    assert listed(path), f"`township {' '.join(path)}` is not in README.md or the docs it links to"


@pytest.mark.parametrize("path", [path for path, _, _ in COMMANDS], ids=" ".join)
def test_command_has_help_text(path, capsys):
    from desktop.cli import main

    [(_, parser, text)] = [(p, parser, text) for p, parser, text in COMMANDS if p == path]
    assert text and text.strip(), f"`township {' '.join(path)}` has no help= in its add_parser"
    with pytest.raises(SystemExit) as exit_:
        main([*path, "--help"])
    assert exit_.value.code == 0
    own = capsys.readouterr().out
    assert own.startswith("usage: township " + " ".join(path))
    assert " ".join(text.split()) in " ".join(own.split())   # its own --help says what it does, too
    *group, name = path
    with pytest.raises(SystemExit):
        main([*group, "--help"])
    listing = " ".join(capsys.readouterr().out.split())
    assert f"{name} {' '.join(text.split())}" in listing      # the group's --help says what it does
