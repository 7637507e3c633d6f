"""One reading of the sync state: the status bar and the daily summary agree with the sync core,
before any export and after a township's changes were exported and acknowledged."""

from __future__ import annotations

from desktop.core.reports import daily, sources
from desktop.core.sync import status
from tests.ui.sync_sites import TOWNSHIPS, add_records, make_sites, open_as, round_trip

A = TOWNSHIPS[0]


def test_exported_and_acknowledged_township_shows_nothing_pending(qtbot, tmp_path):
    from desktop.ui.shell.main_window import MainWindow

    county_dir, townships = make_sites(tmp_path, (A,))
    with open_as(townships[A]) as township:
        add_records(township, 3)
        assert status.township_state(township.db).pending_records == 3
        assert sources.sync_state(township.db, A).pending_changes == 3
    round_trip(county_dir, townships[A], tmp_path / "stick")
    with open_as(townships[A]) as township:
        state = status.township_state(township.db)
        assert (state.pending, state.last_export_sequence, state.last_ack_sequence) == (0, 1, 1)
        assert state.last_export_at and state.last_ack_at
        summary = daily.build(township.db, A, state.last_ack_at[:10])
        assert summary.sync.synced and summary.sync.pending_changes == 0
        assert (summary.sync.last_export_sequence, summary.sync.last_ack_sequence) == (1, 1)
        window = MainWindow(township)
        qtbot.addWidget(window)
        assert window.unsent_label.text() == "Unsent changes: 0"
        assert window.sync_label.text() != "Last sync: never"
        add_records(township, 1, start=50)  # a change after the acknowledgement is pending again
        window.refresh_status()
        assert window.unsent_label.text() == "Unsent changes: 1"
        assert sources.sync_state(township.db, A).pending_changes == 1
