"""Render the sample pages shown in docs/REPORTS.md (a multi-page daily summary and a circular).

    PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen python scripts/report_samples.py docs/images
Seeds throw-away databases through records.save (tests/reports/seeding.py), writes the PDFs
in Chinese and turns each page into a PNG with pdftoppm (poppler-utils).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from desktop.core.i18n import set_language
from desktop.core.reports import circular, daily, tasks
from desktop.core.workspace.setup import initialise
from desktop.render import output
from tests.reports.seeding import DAY, clock, save, seed_county_month, seed_township_day

PASSWORD = "sample-password"


def main(target: str) -> None:
    out = Path(target)
    out.mkdir(parents=True, exist_ok=True)
    set_language("zh")
    output.ensure_app()
    with tempfile.TemporaryDirectory() as scratch:
        with clock("2026-11-18T08:00:00+08:00"):
            township = initialise(Path(scratch) / "t", role="township", code="131025100", clerk="王丽",
                                  password=PASSWORD)
        seed_township_day(township.db)
        for i in range(48):
            save(township.db, at=f"{DAY}T16:{10 + i // 4:02d}:{(i % 4) * 15:02d}+08:00", clerk="赵敏",
                 village="131025100005", overrides={"arrival_date": f"来本地日期经房东核实（第{i + 1}户）"})
        with clock(f"{DAY}T17:40:00+08:00"):
            summary = daily.build(township.db, "131025100", DAY)
        output.write_pdf(summary, out / "summary.pdf")
        with clock("2026-10-01T08:00:00+08:00"):
            county = initialise(Path(scratch) / "c", role="county", code="131025", clerk="县管理员",
                                password=PASSWORD)
        seed_county_month(county.db)
        tasks.set_task(county.db, "131025100", 10, clerk="县管理员")
        tasks.set_task(county.db, "131025101", 5, clerk="县管理员")
        with clock("2026-12-01T09:00:00+08:00"):
            report = circular.build(county.db, "131025", "2026-11")
        output.write_pdf(report, out / "circular.pdf")
    for name in ("summary", "circular"):
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(out / f"{name}.pdf"), str(out / name)], check=True)
        (out / f"{name}.pdf").unlink()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/images")
