"""Packaging detail pyproject.toml cannot express: resources/ (beside the package in a checkout)
travels inside the wheel as desktop/resources, where desktop/core/paths.py looks for it."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["desktop", "desktop.*"]), "desktop.resources"],
    package_dir={"desktop.resources": "resources"},
    package_data={"desktop.resources": ["**/*"]},
)
