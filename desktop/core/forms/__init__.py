"""XLSForm form packs: loading (loader), the definition the app uses (model), the registry of
shipped and installed packs (registry). The rules they carry are run by desktop.core.rules."""

from desktop.core.forms.loader import load_form
from desktop.core.forms.model import (
    Choice,
    ChoiceList,
    Field,
    FormDefinition,
    FormLoadError,
    FormProblem,
    Group,
)

__all__ = ["Choice", "ChoiceList", "Field", "FormDefinition", "FormLoadError", "FormProblem", "Group",
           "load_form"]
