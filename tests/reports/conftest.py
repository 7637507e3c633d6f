"""Fixtures for report tests: a township with a seeded day, a county with a seeded month."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from tests.conftest import PASSWORD
from tests.core.crosscheck.conftest import county, town_a, town_b  # noqa: F401  (fixtures for the cross-check figures)
from tests.helpers.workspaces import set_up
from tests.reports.seeding import clock, seed_county_month, seed_township_day


@pytest.fixture
def seeded_township(tmp_path):
    with clock("2026-11-18T08:00:00+08:00"):
        workspace = set_up(tmp_path / "township", role="township", code="131025100", clerk="王丽",
                               password=PASSWORD)
    expected = seed_township_day(workspace.db)
    yield workspace, expected
    workspace.close()


@pytest.fixture
def seeded_county(tmp_path):
    with clock("2026-10-01T08:00:00+08:00"):
        workspace = set_up(tmp_path / "county", role="county", code="131025", clerk="县管理员",
                               password=PASSWORD)
    expected = seed_county_month(workspace.db)
    yield workspace, expected
    workspace.close()


# Noto CJK shares glyphs between ideographs and radicals, and the PDF's ToUnicode map names the
# radical: pdftotext gives ⽇ (Kangxi) for 日 and ⻚ (radical supplement) for 页. Kangxi radicals
# have NFKC mappings; the simplified supplement ones used on our pages are mapped here.
RADICALS = str.maketrans("⻅⻆⻈⻉⻋⻐⻓⻔⻚⻛⻜⻠⻢⻥⻦⻧⻨⻩⻬⻮⻰⻳",
                         "见角讠贝车钅长门页风飞饣马鱼鸟卤麦黄齐齿龙龟")


def readable(text: str) -> str:
    """Text as a reader sees it: radicals back to ideographs, full-width punctuation kept."""
    kangxi = "".join(unicodedata.normalize("NFKC", c) if 0x2F00 <= ord(c) <= 0x2FDF else c for c in text)
    return kangxi.translate(RADICALS)


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return readable(out.stdout)


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
