"""The county and two townships of tests/core/crosscheck, for the queue pages."""

from tests.core.crosscheck.conftest import county, town_a, town_b  # noqa: F401  (fixtures)
