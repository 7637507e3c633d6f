"""Probe for docs/PERFORMANCE.md "Main window, round 6": would the records list paint faster from
a C++ model, so that no Python runs per cell while Qt paints?

The app's records list (`DisplayTextTable` over the Python `RecordsModel`) paints each cell with
one Python call (`DisplayTextDelegate.initStyleOption`). The variant tried here, `MirrorTable`,
keeps the Python model as the source of the rows (paging, sorting, search, reveals) and shows a
`QStandardItemModel` mirror of the rows it has read, filled a page at a time, painted by Qt's own
`QStyledItemDelegate`: during a paint nothing but C++ runs per cell. The two are alternated in one
process, on a 1,000,000-record county and an empty one, each window timed in process CPU time
(the machine's two cores are shared, so wall time follows the scheduler), as round 4 and round 5
did; the painted pixels of the two are compared.

Run (the counties are copies of the benchmark's templates, made by the caller):
    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.bench.paint_mirror_probe BIG EMPTY [WINDOWS]
As a pytest plugin it puts the mirror into the app for a benchmark run:
    pytest -m bench tests/bench/test_county_scale_bench.py -k main_window -p tests.bench.paint_mirror_probe
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QTableView


class MirrorTable(QTableView):
    """A records list shown from a C++ mirror of the rows the Python model has read (the variant
    measured). Row numbers are the same in both models, so the page's `record_id(row)`,
    selection and `rowAt` work unchanged; the view's paging is forwarded to the source."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.source = model
        self.mirror = QStandardItemModel(self)
        self.setModel(self.mirror)
        self.setItemDelegate(QStyledItemDelegate(self))   # Qt's own: no Python per cell
        model.modelReset.connect(self._reset)
        model.rowsInserted.connect(self._inserted)
        model.dataChanged.connect(self._changed)
        model.headerDataChanged.connect(self._titles)
        # the mirror cannot fetch: the source reads its next page when the list is scrolled to the end
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._reset()

    def _titles(self, *_args) -> None:
        source = self.source
        self.mirror.setHorizontalHeaderLabels(
            [source.headerData(c, Qt.Orientation.Horizontal) or "" for c in range(source.columnCount())])

    def _rows(self, first: int, last: int) -> None:
        # one item a cell and one call a row (0.25 ms for the first 40 rows); items stay editable
        # in the mirror's flags, but the list has no edit triggers
        rows, append, item = self.source._rows, self.mirror.appendRow, QStandardItem
        for row in range(first, last + 1):
            append([item(text) for text in rows[row][1:]])

    def _reset(self) -> None:
        mirror = self.mirror
        mirror.setRowCount(0)
        mirror.setColumnCount(self.source.columnCount())
        self._titles()
        self._rows(0, self.source.rowCount() - 1)

    def _inserted(self, _parent, first: int, last: int) -> None:
        self._rows(first, last)

    def _changed(self, top, bottom, *_roles) -> None:
        for row in range(top.row(), bottom.row() + 1):
            for column in range(top.column(), bottom.column() + 1):
                self.mirror.item(row, column).setText(self.source.display_text(row, column) or "")

    def _scrolled(self, value: int) -> None:
        if value == self.verticalScrollBar().maximum():
            self._fill()

    def updateGeometries(self) -> None:  # noqa: N802 (Qt's name)
        super().updateGeometries()
        self._fill()        # as Qt's view does after a layout: a viewport taller than the rows read

    def _fill(self) -> None:
        # as QAbstractItemViewPrivate::fetchMore: only when the last row read is in sight
        source = self.source
        if not source.canFetchMore(QModelIndex()):
            return
        last = self.mirror.rowCount() - 1
        if last < 0 or self.viewport().rect().intersects(self.visualRect(self.mirror.index(last, 0))):
            source.fetchMore(QModelIndex())


def pytest_configure(config) -> None:
    """With `-p tests.bench.paint_mirror_probe`: every records list of the run is a MirrorTable."""
    from desktop.ui.entry import records_page

    records_page.DisplayTextTable = MirrorTable


@contextmanager
def variant(mirror: bool):
    from desktop.ui.entry import records_page

    kept = records_page.DisplayTextTable
    if mirror:
        records_page.DisplayTextTable = MirrorTable
    try:
        yield
    finally:
        records_page.DisplayTextTable = kept


def open_window(workspace, mirror: bool, grab: bool = False):
    """One window as the benchmark opens it (built, shown, its list painted, deleted); its CPU time."""
    from desktop.ui.shell.app import build_main_window_for_bench

    with variant(mirror):
        started = time.process_time()
        window = build_main_window_for_bench(workspace)
        window.show()
        QCoreApplication.processEvents()
        spent = time.process_time() - started
        table = window.pages["records"].table
        image = table.viewport().grab().toImage() if grab else None
        repaint = None
        if grab:
            started = time.process_time()
            for _ in range(20):
                table.viewport().repaint()
            repaint = (time.process_time() - started) / 20
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return spent, image, repaint


def main() -> int:
    from tests.helpers import bigcounty

    big_dir, empty_dir = sys.argv[1], sys.argv[2]
    windows = int(sys.argv[3]) if len(sys.argv) > 3 else 41
    app = QApplication.instance() or QApplication(sys.argv[:1])
    big, empty = bigcounty.open_county(big_dir), bigcounty.open_county(empty_dir)
    for workspace in (big, empty):
        workspace.clerk, workspace.clerk_role = "县管", "admin"
    # the same pixels? and a repaint of the list alone
    shots = {}
    for mirror in (False, True):
        for _ in range(2):
            _spent, image, repaint = open_window(big, mirror, grab=True)
        shots[mirror] = (image, repaint)
    same = shots[False][0] == shots[True][0]
    print(f"load {os.getloadavg()[0]:.1f}: same pixels {same}; repaint of the list "
          f"{shots[False][1] * 1000:.2f} ms (Python delegate) / {shots[True][1] * 1000:.2f} ms (C++ mirror)")
    times = {(name, mirror): [] for name in ("big", "empty") for mirror in (False, True)}
    for workspace in (big, empty):          # warm-up: the first window of each pays one-off costs
        for mirror in (False, True):
            open_window(workspace, mirror)
    for _ in range(windows):
        for name, workspace in (("big", big), ("empty", empty)):
            for mirror in (False, True):
                times[(name, mirror)].append(open_window(workspace, mirror)[0])
    med = {key: statistics.median(values) * 1000 for key, values in times.items()}
    for mirror, label in ((False, "Python delegate (the app)"), (True, "C++ mirror")):
        print(f"  {label}: {med[('big', mirror)]:.2f} ms at 1,000,000 against {med[('empty', mirror)]:.2f} ms "
              f"empty ({med[('big', mirror)] / med[('empty', mirror)]:.2f}x)")
    print(f"  at 1,000,000 the mirror {med[('big', False)] - med[('big', True)]:+.2f} ms less; "
          f"load {os.getloadavg()[0]:.1f}, {windows} windows each")
    big.close()
    empty.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
