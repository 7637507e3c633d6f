"""XLSForm form packs: loading (loader), the definition the app uses (model), problems found in
a pack (problems), the registry of shipped and installed packs (registry). The rules they carry
are run by desktop.core.rules.

Only the model is re-exported here: the loader compiles rules with desktop.core.rules, which
builds on the model, so importing the loader from this package would make a cycle.
"""

from desktop.core.forms.model import (
    Choice,
    ChoiceList,
    Field,
    FormDefinition,
    FormLoadError,
    FormProblem,
    Group,
)

__all__ = ["Choice", "ChoiceList", "Field", "FormDefinition", "FormLoadError", "FormProblem", "Group"]
