"""Which forms exist and in which versions: the packs shipped in `resources/forms/` plus those
the county sent and the clerk installed (kept as files, `DATA_DIR/forms/<form_id>/<version>.xlsx`).

Form packs the county sends in return bundles and county packs arrive in `config/forms/NAME.xlsx`
(desktop.core.sync.resources, which keeps only newer versions and overwrites the file). On each
scan a received file whose version is not installed yet is installed like any other form, so the
version it replaces stays in `forms/` for the records entered with it; a received version older
than the newest installed one is ignored (versions only go forward), a broken one is logged.

A record keeps the version it was entered with, so every installed version stays loadable;
`get(form_id)` gives the newest, `get(form_id, version)` a given one. Installing a version older
than the newest one present is refused; re-installing the same version is allowed only with
identical content. Loaded forms are cached by file path and modification time.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.forms.loader import load_form
from desktop.core.forms.model import FormDefinition
from desktop.core.i18n import Text
from desktop.core.paths import resource
from desktop.core.store.atomic import replace_durably

log = logging.getLogger("township.forms")
FORM_SUFFIXES = (".xlsx", ".md")


class UnknownFormError(UserError):
    """No such form, or no such version of it."""


def version_key(version: str) -> tuple:
    """XLSForm versions are usually yyyymmddnn; compare digit runs as numbers, the rest as text."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.findall(r"\d+|[^\d]+", version))


@dataclass(frozen=True)
class FormEntry:
    form_id: str
    version: str
    path: Path
    shipped: bool


class FormRegistry:
    """Forms from the shipped resources and from `forms_dir` (None: shipped only)."""

    def __init__(self, forms_dir: Path | None = None, shipped_dir: Path | None = None, codelists=None,
                 received_dir: Path | None = None):
        self.forms_dir = Path(forms_dir) if forms_dir else None
        self.shipped_dir = Path(shipped_dir) if shipped_dir else resource("forms")
        self.received_dir = Path(received_dir) if received_dir else None
        self.codelists = codelists
        self._cache: dict[tuple[str, float], FormDefinition] = {}
        self._entries: list[FormEntry] | None = None
        self._received_seen: tuple = ()

    @classmethod
    def for_data_dir(cls, data_dir, codelists=None) -> FormRegistry:
        """The registry of an installation (`desktop.core.paths.DataDir`), with the code lists and
        forms received from the county."""
        if codelists is None:
            from desktop.core.codelists.codelists import for_data_dir as codelists_for
            codelists = codelists_for(data_dir)
        return cls(Path(data_dir.root) / "forms", codelists=codelists, received_dir=Path(data_dir.config) / "forms")

    # -- discovery --------------------------------------------------------------------------
    def _received_files(self) -> tuple:
        if self.received_dir is None or not self.received_dir.is_dir():
            return ()
        return tuple((p, p.stat().st_mtime_ns) for p in sorted(self.received_dir.glob("*.xlsx")))

    def _adopt_received(self, files: tuple) -> None:
        """Install each received form whose version is new here (see the module docstring)."""
        for path, _mtime in files:
            try:
                form = self.check(path)
                known = self.versions(form.form_id)
                if form.version in known or (known and version_key(form.version) < version_key(max(known, key=version_key))):
                    continue
                self.install(path)
            except UserError as error:
                log.warning("received form %s not installed: %s", path.name, error.text.en)

    def _scan(self) -> list[FormEntry]:
        received = self._received_files()
        if received != self._received_seen:
            self._received_seen = received
            self._entries = None
            if self.forms_dir is not None:
                self._adopt_received(received)
                self._entries = None
        if self._entries is not None:
            return self._entries
        entries: list[FormEntry] = []
        if self.shipped_dir.is_dir():
            for path in sorted(self.shipped_dir.glob("*.xlsx")):
                form = self.load(path)
                entries.append(FormEntry(form.form_id, form.version, path, True))
        if self.forms_dir and self.forms_dir.is_dir():
            for folder in sorted(p for p in self.forms_dir.iterdir() if p.is_dir()):
                for path in sorted(folder.iterdir()):
                    if path.suffix in FORM_SUFFIXES:
                        entries.append(FormEntry(folder.name, path.stem, path, False))
        self._entries = entries
        return entries

    def load(self, path: Path) -> FormDefinition:
        key = (str(path), path.stat().st_mtime)
        if key not in self._cache:
            self._cache[key] = load_form(path, codelists=self.codelists)
        return self._cache[key]

    def form_ids(self) -> list[str]:
        return sorted({e.form_id for e in self._scan()})

    def versions(self, form_id: str) -> list[str]:
        """Known versions, oldest first (an installed copy of a shipped version counts once)."""
        return sorted({e.version for e in self._scan() if e.form_id == form_id}, key=version_key)

    def latest(self) -> list[FormDefinition]:
        return [self.get(form_id) for form_id in self.form_ids()]

    def _entry(self, form_id: str, version: str | None) -> FormEntry:
        candidates = [e for e in self._scan() if e.form_id == form_id]
        if not candidates:
            raise UnknownFormError(Text(f"there is no form '{form_id}'; see `township forms list`",
                                        f"没有表单“{form_id}”；请查看 `township forms list`"), code="unknown_form")
        if version is None:
            version = max((e.version for e in candidates), key=version_key)
        matching = [e for e in candidates if e.version == version]
        if not matching:
            raise UnknownFormError(Text(f"form '{form_id}' has no version {version}",
                                        f"表单“{form_id}”没有版本 {version}"), code="unknown_form")
        installed = [e for e in matching if not e.shipped]
        return (installed or matching)[0]

    def get(self, form_id: str, version: str | None = None) -> FormDefinition:
        """The newest version of a form, or the given one (for records entered with it)."""
        return self.load(self._entry(form_id, version).path)

    # -- installation -----------------------------------------------------------------------
    def check(self, path: Path) -> FormDefinition:
        """Load a form file without installing it (raises FormLoadError listing its problems)."""
        return load_form(Path(path), codelists=self.codelists)

    def install(self, path: Path) -> FormDefinition:
        """Check and copy a form file into the data folder; refuse a version older than the
        newest one present, or a different file under a version already present."""
        if self.forms_dir is None:
            raise UserError(Text("no data folder to install forms into", "没有可安装表单的数据目录"))
        path = Path(path)
        if path.suffix.lower() not in FORM_SUFFIXES:
            raise UserError(Text(f"only .xlsx (or .md) form files can be installed, not '{path.name}'",
                                 f"只能安装 .xlsx（或 .md）表单文件，而不是“{path.name}”"))
        form = self.check(path)
        known = self.versions(form.form_id)
        if known:
            newest = max(known, key=version_key)
            if version_key(form.version) < version_key(newest):
                raise UserError(Text(
                    f"form '{form.form_id}' version {form.version} is older than the installed version {newest}",
                    f"表单“{form.form_id}”版本 {form.version} 比已安装的版本 {newest} 旧，不能安装"),
                    code="older_version")
            if form.version in known:
                existing = self._entry(form.form_id, form.version).path
                if _digest(existing) == _digest(path) or existing.suffix != path.suffix.lower():
                    if _same_definition(self.load(existing), form):
                        return form  # already installed: nothing to do
                raise UserError(Text(
                    f"form '{form.form_id}' version {form.version} is already installed with different "
                    "content; give the new file a higher version",
                    f"表单“{form.form_id}”版本 {form.version} 已安装且内容不同；请为新文件设置更高的版本号"),
                    code="version_exists")
        target = self.forms_dir / form.form_id / f"{form.version}{path.suffix.lower()}"
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy_atomically(path, target)
        log.info("installed form %s version %s", form.form_id, form.version)
        self._entries = None
        return form


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _same_definition(left: FormDefinition, right: FormDefinition) -> bool:
    a, b = left.as_dict(), right.as_dict()
    return a == b


def _copy_atomically(source: Path, target: Path) -> None:
    replace_durably(target, source.read_bytes())
