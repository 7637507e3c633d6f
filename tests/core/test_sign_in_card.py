"""The sign-in card: written at setup and whenever what it shows changes, read back exactly,
and never trusted over the store (tests/ui/test_sign_in_from_card.py covers the GUI's side)."""

from __future__ import annotations

import os

import pytest

from desktop.core.store.db import transaction
from desktop.core.workspace import accounts, sign_in_card
from desktop.core.workspace.sign_in_card import SignInCard
from desktop.core.workspace.workspace import Workspace
from tests.conftest import PASSWORD


def test_setup_writes_the_card(township_dir):
    with Workspace.open(township_dir) as workspace:
        card = sign_in_card.read(workspace.paths)
    assert card == SignInCard(language=None, large_text=False, place_zh="平舒镇", place_en="Pingshu Town",
                              clerks=("王丽",), last_clerk="王丽", text_size=100)
    assert card.place("zh") == "平舒镇" and card.place("en") == "Pingshu Town"


def test_settings_shown_at_sign_in_rewrite_the_card(township):
    township.put_setting("language", "zh")
    township.put_setting("large_text", True)
    card = sign_in_card.read(township.paths)
    assert (card.language, card.large_text) == ("zh", True)
    before = sign_in_card.card_path(township.paths).stat().st_mtime_ns
    township.put_setting("idle_lock_minutes", 5)            # not on the card: the file is left alone
    assert sign_in_card.card_path(township.paths).stat().st_mtime_ns == before


def test_refresh_follows_the_accounts_and_writes_only_on_a_change(township):
    path = sign_in_card.card_path(township.paths)
    os.utime(path, ns=(0, 0))
    sign_in_card.refresh(township)
    assert path.stat().st_mtime_ns == 0                      # unchanged: not rewritten
    with transaction(township.db):
        accounts.create(township.db, "陈录入", "clerk", PASSWORD, by="王丽")
        accounts.create(township.db, "李离职", "clerk", PASSWORD, by="王丽")
        accounts.set_active(township.db, "李离职", False, by="王丽")   # inactive: not offered
    assert sign_in_card.refresh(township).clerks == ("王丽", "陈录入")
    assert sign_in_card.read(township.paths).clerks == ("王丽", "陈录入")


@pytest.mark.parametrize("text", [
    "",
    "something else\nlanguage=zh\n",
    "township-sign-in-card 1\nlanguage=fr\nlarge_text=0\nplace_zh=\nplace_en=\nlast_clerk=\nclerk=a\n",
    "township-sign-in-card 1\nlanguage=zh\nlarge_text=0\nplace_zh=x\nplace_en=x\nlast_clerk=\n",   # no clerk
    "township-sign-in-card 1\nlanguage=zh\nlarge_text=0\nplace_zh=x\nclerk=a\n",                     # a key missing
    "township-sign-in-card 1\nlanguage=zh\nlarge_text=0\nplace_zh=x\nplace_en=x\nlast_clerk=\nno equals sign\n",
])
def test_anything_but_a_card_reads_as_no_card(township, text):
    sign_in_card.card_path(township.paths).write_text(text, encoding="utf-8")
    assert sign_in_card.read(township.paths) is None


def test_the_text_size_is_on_the_card_and_an_older_card_reads_as_125_or_100(township):
    township.put_setting("text_size", 175)
    card = sign_in_card.read(township.paths)
    assert (card.text_size, card.text_percent, card.large_text) == (175, 175, True)
    older = "township-sign-in-card 1\nlanguage=zh\nlarge_text=1\nplace_zh=x\nplace_en=x\nlast_clerk=\nclerk=a\n"
    assert sign_in_card.parse(older).text_percent == 125
    assert sign_in_card.parse(older.replace("large_text=1", "large_text=0")).text_percent == 100
    assert sign_in_card.parse(older.replace("clerk=a", "text_size=160\nclerk=a")) is None
    township.put_setting("text_size", "big")                # not a size: the older switch decides
    township.put_setting("large_text", False)
    assert sign_in_card.read(township.paths).text_percent == 100


def test_undecodable_or_missing_card_reads_as_no_card(township):
    path = sign_in_card.card_path(township.paths)
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert sign_in_card.read(township.paths) is None
    path.unlink()
    assert sign_in_card.read(township.paths) is None


def test_values_round_trip_and_line_breaks_are_never_written():
    card = SignInCard(language="en", large_text=True, place_zh="平舒镇", place_en="Pingshu = Town",
                      clerks=("王丽", "a=b"), last_clerk="a=b", text_size=175)
    assert sign_in_card.parse(sign_in_card.render(card)) == card
    assert sign_in_card.render(SignInCard("zh", False, "x", "x", ("a\nb",), None)) is None


@pytest.mark.allow_log("township.sign_in_card", "could not write the sign-in card", level="WARNING")
def test_a_folder_that_cannot_take_the_card_still_works(township, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("desktop.core.store.atomic.replace_durably", refuse)
    township.put_setting("language", "zh")                   # the setting is saved all the same
    assert township.setting("language") == "zh"
    assert sign_in_card.read(township.paths) is None         # the stale card is gone, not left behind
