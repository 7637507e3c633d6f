"""The sign-in card: what the sign-in dialog shows, kept in a small text file beside the database.

With the card the first window needs no SQLite: the GUI reads the card (the language, the text
size, the place name, the active clerks and who signed in last), shows the sign-in dialog, and
opens the store once the dialog takes input. On a cold start that saves reading the sqlite3,
json, csv and datetime libraries, the database and the code list before anything is on screen
(docs/PERFORMANCE.md).

The database stays the truth. Nothing secret is on the card: the password is always checked
against the database. The card is rewritten whenever what it shows changes through the program
(a setting through Workspace.put_setting, an account, the setup) and the GUI compares it with the
store on every start, so a card left behind by a restore or a change from another program costs
one redraw of the dialog, never a wrong sign-in. A missing or unreadable card means the store
opens first, as without a card.

The file is `key=value` lines in UTF-8, read with plain string methods (json and csv are among
what it saves loading); a value holding a line break is never written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from desktop.core.paths import DataDir

log = logging.getLogger("township.sign_in_card")

FILE_NAME = "sign-in.txt"
FORMAT = "township-sign-in-card 1"


@dataclass(frozen=True)
class SignInCard:
    """What the sign-in dialog shows before the store is open."""

    language: str | None          # "zh" / "en" / None: the system's
    large_text: bool
    place_zh: str
    place_en: str
    clerks: tuple[str, ...]       # active accounts, in the order the dialog lists them
    last_clerk: str | None
    text_size: int = 0            # percent (100/125/150/175); 0: from large_text (a card before sizes)

    @property
    def text_percent(self) -> int:
        return self.text_size or (125 if self.large_text else 100)

    def place(self, lang: str) -> str:
        return (self.place_zh or self.place_en) if lang == "zh" else (self.place_en or self.place_zh)


def card_path(paths: DataDir):
    return paths.root / FILE_NAME


def render(card: SignInCard) -> str | None:
    """The file's text; None when a value cannot be written on one line."""
    lines = [FORMAT, f"language={card.language or ''}", f"large_text={int(card.text_percent > 100)}",
             f"text_size={card.text_percent}",
             f"place_zh={card.place_zh}", f"place_en={card.place_en}", f"last_clerk={card.last_clerk or ''}"]
    lines += [f"clerk={name}" for name in card.clerks]
    if any("\n" in line or "\r" in line for line in lines):
        return None
    return "\n".join(lines) + "\n"


def parse(text: str) -> SignInCard | None:
    """The card in `text`; None when it is not a card of this format."""
    lines = text.split("\n")
    if not lines or lines[0] != FORMAT:
        return None
    values: dict[str, str] = {}
    clerks = []
    for line in lines[1:]:
        if not line:
            continue
        key, sep, value = line.partition("=")
        if not sep:
            return None
        if key == "clerk":
            clerks.append(value)
        else:
            values[key] = value
    if not {"language", "large_text", "place_zh", "place_en", "last_clerk"} <= values.keys():
        return None
    if values["language"] not in ("", "zh", "en") or values["large_text"] not in ("0", "1") or not clerks:
        return None
    size = values.get("text_size", "")
    if size and (not size.isdigit() or int(size) not in (100, 125, 150, 175)):
        return None
    return SignInCard(language=values["language"] or None, large_text=values["large_text"] == "1",
                      place_zh=values["place_zh"], place_en=values["place_en"], clerks=tuple(clerks),
                      last_clerk=values["last_clerk"] or None, text_size=int(size) if size else 0)


def read(paths: DataDir) -> SignInCard | None:
    """The installation's card, or None (missing, unreadable, or not a card)."""
    try:
        text = card_path(paths).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return parse(text)


def from_workspace(workspace) -> SignInCard:
    """The card as the store has it now. While the store is shut (the idle lock let go of its
    key), the card file's place and language with the names of the keyring's accounts: those
    are who can open it again."""
    if getattr(workspace, "is_shut", False):
        from dataclasses import replace

        card = read(workspace.paths) or SignInCard(None, False, "", "", (), None)
        return replace(card, clerks=tuple(workspace.keyring.accounts()))
    from desktop.core.codelists import codelists_divisions
    from desktop.core.store import settings
    from desktop.core.workspace import accounts

    clerks = tuple(name for name, _role in accounts.names(workspace.db))
    code = str(workspace.township or workspace.county or "")
    language = workspace.setting(settings.LANGUAGE)
    return SignInCard(
        language=language if language in ("zh", "en") else None,
        large_text=settings.text_size_of(workspace.setting) > 100,
        text_size=settings.text_size_of(workspace.setting),
        place_zh=codelists_divisions.name_in(workspace.paths, code, "zh") or code,
        place_en=codelists_divisions.name_in(workspace.paths, code, "en") or code,
        clerks=clerks,
        last_clerk=workspace.setting(settings.LAST_CLERK) or None)


def refresh(workspace) -> SignInCard:
    """Bring the card in line with the store and return it; an installation not set up, or
    with nobody to sign in, keeps no card file. A card that cannot be written (a read-only
    folder) is removed if possible and only logged: the card is an aid to a quick start."""
    from desktop.core.store.atomic import replace_durably

    card = from_workspace(workspace)
    text = render(card) if workspace.is_set_up and card.clerks else None
    path = card_path(workspace.paths)
    try:
        if text is None:
            path.unlink(missing_ok=True)
        elif read(workspace.paths) != card:
            replace_durably(path, text.encode("utf-8"))
    except OSError as error:
        log.warning("could not write the sign-in card %s: %s", path, error)
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
    return card
