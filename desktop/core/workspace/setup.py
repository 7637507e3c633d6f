"""First-time setup of an installation, shared by `township init` and the setup wizard."""

from __future__ import annotations

from desktop.core.codelists import codelists_divisions
from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.store import audit, settings
from desktop.core.store.db import transaction
from desktop.core.workspace import accounts, sign_in_card
from desktop.core.workspace.workspace import Workspace


def initialise(override, *, role: str, code: str, clerk: str, password: str,
               language: str | None = None) -> Workspace:
    """Create the data folder and database, the first (admin) account and the role settings."""
    if role not in ("township", "county"):
        raise UserError(Text("The role must be township or county.", "角色必须是 township（乡镇）或 county（县）。"))
    division = codelists_divisions.find(code)
    expected = "township" if role == "township" else "county"
    if division is None or division.level != expected:
        raise UserError(Text("{code} is not a {level} code in the code list.",
                             "{code} 不是代码表中的{level_zh}代码。")
                        .format(code=code, level=expected, level_zh="乡镇" if expected == "township" else "县"),
                        code="bad-code")
    accounts.validate_new_password(password, clerk)
    workspace = Workspace.open(override, create=True)
    try:
        if workspace.is_set_up:
            raise UserError(Text("{path} is set up already (as {role} {code}).",
                                 "{path} 已经设置过（{role} {code}）。")
                            .format(path=workspace.paths.root, role=workspace.role,
                                    code=workspace.township or workspace.county), code="exists")
        with transaction(workspace.db):
            settings.put(workspace.db, settings.ROLE, role)
            if role == "township":
                settings.put(workspace.db, settings.TOWNSHIP, code)
                settings.put(workspace.db, settings.COUNTY, division.parent)
            else:
                settings.put(workspace.db, settings.COUNTY, code)
            if language:
                settings.put(workspace.db, settings.LANGUAGE, language)
            accounts.create(workspace.db, clerk, "admin", password, by=clerk)
            settings.put(workspace.db, settings.LAST_CLERK, clerk.strip())   # the next sign-in offers them
            audit.append(workspace.db, "setup", clerk=clerk,
                         details={"role": role, "code": code, "division": division.name_zh})
        workspace.reload_settings()
        # shown once (the CLI prints it, the wizard offers it to print): opens the store when
        # every password is lost; only its wrap of the data key is kept
        workspace.recovery_key = workspace.keyring.set_recovery(workspace.db.key)
        sign_in_card.refresh(workspace)
        workspace.clerk, workspace.clerk_role = clerk, "admin"
        return workspace
    except Exception:
        workspace.close()
        raise
