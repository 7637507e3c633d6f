"""Packaging detail pyproject.toml cannot express: resources/ (beside the package in a checkout)
travels inside the wheel as desktop/resources, where desktop/core/paths.py looks for it."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["desktop", "desktop.*"]), "desktop.resources"],
    package_dir={"desktop.resources": "resources"},
    # the hub's numbered SQL migrations (desktop/hub/migrations/NNNN_name.sql) are data files
    package_data={"desktop.resources": ["**/*"], "desktop.hub": ["migrations/*.sql"]},
)
