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

from pathlib import Path

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
    fields that identify a record rarely change between versions); an unknown form has none."""

    def __init__(self, registry):
        self.registry = registry
        self._found: dict[tuple[str, str | None], FormDefinition | None] = {}
        self._unique: dict[tuple[str, str | None], tuple[str, ...]] = {}

    @classmethod
    def for_data_dir(cls, paths=None) -> FormKeys:
        """The installation's forms (shipped ones only without a data folder). Kept while the
        form files are unchanged: an import and the checks after it load the forms once."""
        from desktop.core.forms.registry import FormRegistry

        key = _forms_signature(paths)
        if key not in _CACHE:
            _CACHE.clear()   # one set of forms at a time is the rule; tests open many
            _CACHE[key] = cls(FormRegistry.for_data_dir(paths) if paths is not None else FormRegistry())
        return _CACHE[key]

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
            definition = self.definition(form_id, version)
            found = self._unique[key] = unique_fields(definition) if definition else ()
        return found

    def person_id_field(self, form_id: str, version: str | None = None) -> str | None:
        definition = self.definition(form_id, version)
        return person_id_field(definition) if definition else None

    def compared_id_field(self, form_id: str, version: str | None = None) -> str | None:
        definition = self.definition(form_id, version)
        return compared_id_field(definition) if definition else None

    def person_id_fields(self) -> list[tuple[str, str]]:
        """(form, field) for every form and version held here whose person ID the county compares
        across townships (compared_id_field): what the import, the scan and the reports look at."""
        pairs = set()
        for form_id in self.registry.form_ids():
            for version in self.registry.versions(form_id):
                name = self.compared_id_field(form_id, version)
                if name:
                    pairs.add((form_id, name))
        return sorted(pairs)
