"""Which fields of a form identify a record: its unique fields and its person-ID field.

The store keeps the values of a record's key fields in `record_keys` (the uniqueness rule's
lookup, and the county's index of people). Both the township's entry and the county's import
take those fields from the form definition the record was entered with, through this module, so
the two sides always index the same fields.

`person_id_field` names the field holding the person's resident ID, the one the county compares
across townships (desktop.core.store.person_ids): the top-level field playing the `person_id`
role (desktop.core.forms.roles, which also decides it for a form without a `role` column; no
module guesses it from names or constraints). The county compares it when the form also marks
it unique (`compared_id_field`): a registration is one per person, a certificate is not, and a
unique field is the one `record_keys` holds.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

from desktop.core.errors import UserError
from desktop.core.forms import roles
from desktop.core.forms.model import FormDefinition


def unique_fields(definition: FormDefinition) -> tuple[str, ...]:
    """The fields whose value must be unique among the form's current records."""
    return definition.unique_fields


def person_id_field(definition: FormDefinition) -> str | None:
    """The field holding the person's resident ID, or None for a form about no one (equipment)."""
    field = definition.role_field(roles.PERSON_ID)
    return field.name if field is not None else None


def compared_id_field(definition: FormDefinition) -> str | None:
    """The person-ID field the county compares across townships: the person_id field when the form
    marks it unique (one record per person, as a registration); None for a form that lets a person
    hold several records (a certificate's holder) or is about no one."""
    field = definition.role_field(roles.PERSON_ID)
    return field.name if field is not None and field.unique else None


class _RoleField(NamedTuple):
    name: str
    role: str


class FormOutline:
    """What a listing needs of a form, from the kept summary (desktop.core.forms.keys_cache): the
    field playing each role at the top level (`role_field`) and, as `fields`, every field holding
    a person's ID - the parts of a FormDefinition that desktop.core.entry.identity reads to name a
    record and mask its ID numbers. Not a form: no labels, types or rules; a repeat's roles are
    not known (`role_field` refuses to guess them)."""

    def __init__(self, entry: dict):
        self.form_id, self.version = entry["form_id"], entry["version"]
        self._roles = {role: _RoleField(name, role) for role, name in entry["roles"].items()}
        self.fields = tuple(_RoleField(name, roles.PERSON_ID) for name in entry["id_fields"])

    def role_field(self, role: str, repeat: str = "") -> _RoleField | None:
        if repeat:
            raise ValueError("a form outline knows the roles of the top level only")
        return self._roles.get(role)


_CACHE: dict[tuple, FormKeys] = {}


def _forms_signature(paths) -> tuple:
    """Every form file an installation's registry reads, with its size and time (a few stat calls)."""
    from desktop.core.paths import resource

    folders = [Path(resource("forms"))]
    if paths is not None:
        folders += [Path(paths.root) / "forms", Path(paths.config) / "forms"]
    files = []
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    stat = path.stat()
                    files.append((str(path), stat.st_size, stat.st_mtime_ns))
    # not the data folder itself: installations holding the same form files (the shipped ones
    # only, say) have the same keys, so a county's copies and restores share one load
    return tuple(files)


class FormKeys:
    """Unique and person-ID fields per (form, version), from a form registry, looked up once each.

    A version this installation does not hold falls back to the newest version of the form (the
    fields that identify a record rarely change between versions); an unknown form has none.

    Given `summary` (desktop.core.forms.keys_cache: what an earlier process derived from the same
    form files), the key fields are answered from it and the registry - every form loaded - is
    built only when a caller asks for a definition."""

    def __init__(self, registry=None, *, summary: list[dict] | None = None, load=None):
        if registry is None and load is None:
            raise ValueError("FormKeys needs a registry or a way to load one")
        self._registry, self._load = registry, load
        self._summary: dict[str, dict[str, dict]] | None = None
        if summary is not None:
            from desktop.core.forms.registry import version_key

            by_form: dict[str, dict[str, dict]] = {}
            for entry in summary:
                by_form.setdefault(entry["form_id"], {})[entry["version"]] = entry
            # versions oldest first, as the registry lists them: the newest is the last
            self._summary = {form_id: dict(sorted(versions.items(), key=lambda item: version_key(item[0])))
                             for form_id, versions in by_form.items()}
        self._found: dict[tuple[str, str | None], FormDefinition | None] = {}
        self._unique: dict[tuple[str, str | None], tuple[str, ...]] = {}
        self._outlines: dict[tuple[str, str | None], FormOutline | None] = {}
        self.fingerprint: str | None = None     # of the form files the summary was derived from
        self.entries: list[dict] | None = None  # that summary, as keys_cache keeps it

    @property
    def registry(self):
        """The installation's forms, loaded on first use (what the summary spares a process)."""
        if self._registry is None:
            self._registry = self._load()
        return self._registry

    @classmethod
    def for_data_dir(cls, paths=None) -> FormKeys:
        """The installation's forms (shipped ones only without a data folder). Kept while the
        form files are unchanged: an import and the checks after it load the forms once; with a
        data folder, also across processes (desktop.core.forms.keys_cache)."""
        from desktop.core.forms.registry import FormRegistry

        key = _forms_signature(paths)
        if key not in _CACHE:
            _CACHE.clear()   # one set of forms at a time is the rule; tests open many
            _CACHE[key] = cls(FormRegistry()) if paths is None else cls._kept(paths)
        found = _CACHE[key]
        if paths is not None and found._registry is None:
            # the same form files, asked for by this folder: its forms, if they are ever loaded,
            # are read with its own code lists, not those of the folder that asked first
            found._load = functools.partial(FormRegistry.for_data_dir, paths)
        return found

    @classmethod
    def _kept(cls, paths) -> FormKeys:
        from desktop.core.forms import keys_cache
        from desktop.core.forms.registry import FormRegistry

        fingerprint = keys_cache.fingerprint(paths)
        summary = keys_cache.read(paths, fingerprint)
        if summary is None:
            summary = keys_cache.read_shipped(paths)   # the shipped forms alone: their shipped keys
        if summary is not None:
            kept = cls(summary=summary, load=functools.partial(FormRegistry.for_data_dir, paths))
        else:
            registry = FormRegistry.for_data_dir(paths)
            summary = keys_cache.summarise(registry)
            # after the registry's scan, which may have installed forms received from the county
            fingerprint = keys_cache.fingerprint(paths)
            keys_cache.write(paths, fingerprint, summary)
            kept = cls(registry, summary=summary)
        kept.fingerprint, kept.entries = fingerprint, summary
        return kept

    def _entry(self, form_id: str, version: str | None) -> dict | None:
        """The summary's entry for (form, version), with the registry's fallback to the newest."""
        versions = self._summary.get(form_id)
        if not versions:
            return None
        if version is not None and version in versions:
            return versions[version]
        return versions[next(reversed(versions))]

    def definition(self, form_id: str, version: str | None = None) -> FormDefinition | None:
        key = (form_id, version)
        if key not in self._found:
            found = None
            for wanted in (version, None) if version is not None else (None,):
                try:
                    found = self.registry.get(form_id, wanted)
                    break
                except UserError:
                    continue
            self._found[key] = found
        return self._found[key]

    def unique_fields(self, form_id: str, version: str | None = None) -> tuple[str, ...]:
        # asked once per received record: answered from a dict after the first time
        key = (form_id, version)
        found = self._unique.get(key)
        if found is None:
            if self._summary is not None:
                entry = self._entry(form_id, version)
                found = tuple(entry["unique"]) if entry else ()
            else:
                definition = self.definition(form_id, version)
                found = unique_fields(definition) if definition else ()
            self._unique[key] = found
        return found

    def outline(self, form_id: str, version: str | None = None):
        """What names a record of (form, version) and masks its IDs (FormOutline; the definition
        itself without a summary), with the same fallback to the newest version; None for a form
        not installed here (then identity's fallback names decide)."""
        if self._summary is None:
            return self.definition(form_id, version)
        key = (form_id, version)
        if key not in self._outlines:    # asked once per record listed: one outline per form version
            entry = self._entry(form_id, version)
            self._outlines[key] = FormOutline(entry) if entry is not None else None
        return self._outlines[key]

    def for_record(self, record):
        """`outline` of the form and version a stored record was entered with."""
        return self.outline(record.form_id, getattr(record, "form_version", None))

    def person_id_field(self, form_id: str, version: str | None = None) -> str | None:
        if self._summary is not None:
            entry = self._entry(form_id, version)
            return entry["roles"].get(roles.PERSON_ID) if entry else None
        definition = self.definition(form_id, version)
        return person_id_field(definition) if definition else None

    def compared_id_field(self, form_id: str, version: str | None = None) -> str | None:
        if self._summary is not None:
            entry = self._entry(form_id, version)
            name = entry["roles"].get(roles.PERSON_ID) if entry else None
            return name if name is not None and name in entry["unique"] else None
        definition = self.definition(form_id, version)
        return compared_id_field(definition) if definition else None

    def role_names(self, role: str) -> dict[str, str]:
        """{form_id: top-level field playing `role`} over the newest version of each form
        (roles.names_by_form of the registry), from the summary when there is one."""
        if self._summary is None:
            return roles.names_by_form(self.registry, role)
        found = {}
        for form_id in sorted(self._summary):
            name = self._entry(form_id, None)["roles"].get(role)
            if name is not None:
                found[form_id] = name
        return found

    def person_id_fields(self) -> list[tuple[str, str]]:
        """(form, field) for every form and version held here whose person ID the county compares
        across townships (compared_id_field): what the import, the scan and the reports look at."""
        pairs = set()
        if self._summary is not None:
            forms = [(form_id, list(versions)) for form_id, versions in self._summary.items()]
        else:
            forms = [(form_id, self.registry.versions(form_id)) for form_id in self.registry.form_ids()]
        for form_id, versions in forms:
            for version in versions:
                name = self.compared_id_field(form_id, version)
                if name:
                    pairs.add((form_id, name))
        return sorted(pairs)


def keep_for(paths, registry=None) -> None:
    """Write the data folder's form keys now, so its first import or check loads no form: at
    `township init` (the shipped forms are its forms) and after a form is installed (`registry`:
    the one that installed it, its forms loaded already). One set of form files gives one summary: a
    folder set up in a process that holds it already only writes it. A folder reading the shipped
    forms alone needs no file: the shipped keys answer for it (keys_cache.read_shipped)."""
    from desktop.core.forms import keys_cache

    fingerprint = keys_cache.fingerprint(paths)
    if keys_cache.read(paths, fingerprint) is not None:
        return
    if registry is None and keys_cache.read_shipped(paths) is not None:
        return
    if registry is not None:
        keys_cache.write(paths, fingerprint, keys_cache.summarise(registry))
        return
    held = _CACHE.get(_forms_signature(paths))
    if held is not None and held.fingerprint == fingerprint and held.entries is not None:
        keys_cache.write(paths, fingerprint, held.entries)
        return
    _CACHE.pop(_forms_signature(paths), None)
    FormKeys.for_data_dir(paths)    # loads the forms and writes the file
