"""Fixtures for report tests: a township with a seeded day, a county with a seeded month."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from tests.conftest import PASSWORD
from tests.reports.seeding import clock, seed_county_month, seed_township_day


@pytest.fixture
def seeded_township(tmp_path):
    from desktop.core.setup import initialise

    with clock("2026-11-18T08:00:00+08:00"):
        workspace = initialise(tmp_path / "township", role="township", code="131025100", clerk="王丽",
                               password=PASSWORD)
    expected = seed_township_day(workspace.db)
    yield workspace, expected
    workspace.close()


@pytest.fixture
def seeded_county(tmp_path):
    from desktop.core.setup import initialise

    with clock("2026-10-01T08:00:00+08:00"):
        workspace = initialise(tmp_path / "county", role="county", code="131025", clerk="县管理员",
                               password=PASSWORD)
    expected = seed_county_month(workspace.db)
    yield workspace, expected
    workspace.close()


def pdf_text(path) -> str:
    """The PDF's text, NFKC-normalised: Noto CJK maps some glyphs to Kangxi radicals (⽇ for 日)."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFKC", out.stdout)


def pdf_pages(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def decode_qr(pdf, page: int, tmp_path) -> str | None:
    """The QR payload on `page`, via pdftoppm + zbarimg (None when zbarimg is not installed)."""
    if shutil.which("zbarimg") is None:
        return None
    prefix = tmp_path / f"qr-page-{page}"
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(prefix)], check=True)
    out = subprocess.run(["zbarimg", "-q", "--raw", str(prefix) + ".png"], capture_output=True, text=True)
    return out.stdout.strip()
