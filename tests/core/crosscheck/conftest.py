"""A county and two townships of it (平舒镇 A, 旺村镇 B), each an open workspace in a temp folder."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD

A, B, COUNTY = "131025100", "131025101", "131025"


def _open(path, role, code, clerk):
    from tests.helpers.workspaces import set_up

    return set_up(path, role=role, code=code, clerk=clerk, password=PASSWORD)


@pytest.fixture
def county(tmp_path):
    workspace = _open(tmp_path / "county", "county", COUNTY, "县管理员")
    yield workspace
    workspace.close()


@pytest.fixture
def town_a(tmp_path):
    workspace = _open(tmp_path / "a", "township", A, "王丽")
    yield workspace
    workspace.close()


@pytest.fixture
def town_b(tmp_path):
    workspace = _open(tmp_path / "b", "township", B, "李强")
    yield workspace
    workspace.close()


FORM = "floating_population"


def person(id_number: str, name: str, township: str, **fields) -> dict:
    """A record of the shipped form that passes its rules, living in a village of `township`."""
    from tests.conftest import complete_record

    return complete_record(id_number, name, village=f"{township}001", **fields)
