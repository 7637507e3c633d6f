"""The county's two province actions on its Sync page: enroll the province pack (its hub's
address and keys, compared by phone like a township's number) and send the month to the province
(the county bundle of docs/HUB.md "What a county sends the province": figures and keyed person
hashes, written to the stick when one is plugged in and kept in the outbox for the network)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.core.errors import UserError
from desktop.core.sync import enrollment, outbox, province_bundle, province_trust, trust
from desktop.ui.shell import file_dialogs
from desktop.ui.sync.compare_number_dialog import CompareNumberDialog
from desktop.ui.sync.sync_common import run_sync_work


class ProvincePackDialog(CompareNumberDialog):
    """The province pack's fingerprint to compare by phone before the county trusts it."""

    def __init__(self, pack: enrollment.ProvincePack, replacing: str | None, parent=None):
        super().__init__(
            parent, title=self.tr("Enroll the province pack"),
            intro=self.tr("Call the province's hub operator and ask them to read the number "
                          "`township hub export-pack` printed. Enroll only if every digit matches."),
            rows=[(self.tr("Province:"), f"{pack.province} {pack.name}".strip()),
                  (self.tr("Hub address:"), pack.hub_url)],
            short=pack.keys.short_fingerprint, number_label=self.tr("Number to compare:"),
            full_label=self.tr("Full fingerprint:"), fingerprint=pack.keys.fingerprint,
            confirm=self.tr("The operator read me the same number"),
            replace=(self.tr("Replace the province key enrolled now (%1…)").replace("%1", replacing[:19])
                     if replacing is not None else None),
            enroll=self.tr("Enroll"), cancel=self.tr("Cancel"))


def choose_province_pack(page) -> ProvincePackDialog | None:
    title = QCoreApplication.translate("ProvinceActions", "Which province pack?")
    kinds = QCoreApplication.translate("ProvinceActions", "Province packs (*.tdpack)")
    name = file_dialogs.open_file(page, title, kinds, page.workspace, page.folder().path if page.folder() else None)
    return enroll_province_pack_file(page, name) if name else None


def enroll_province_pack_file(page, path: Path) -> ProvincePackDialog | None:
    """Read the pack and show its fingerprint; it is enrolled only when confirmed."""
    try:
        data = Path(path).read_bytes()
        pack = enrollment.read_province_pack(data)
    except UserError as error:
        page.result.show_failure(error)
        return None
    except OSError:
        page.result.show_error(QCoreApplication.translate("ProvinceActions", "Cannot read %1")
                               .replace("%1", str(path)))
        return None
    current = province_trust.enrolled_province(page.workspace.db)
    replacing = current.keys.fingerprint if current and current.keys.fingerprint != pack.keys.fingerprint else None
    dialog = ProvincePackDialog(pack, replacing, page)

    def enroll():
        try:
            outcome = trust.enroll_file(page.workspace.db, page.workspace.paths, data,
                                        replace=dialog.replace.isChecked())
        except UserError as error:
            page.result.show_failure(error)
            return
        page.workspace.reload_settings()   # the pack set the county's hub address and key
        lines = str(outcome.describe()).splitlines()
        where = QCoreApplication.translate("ProvinceActions", "Bundles for the province go to %1 when a network link exists.")
        page.result.show_ok(lines[0], lines[1:] + [where.replace("%1", pack.hub_url)])
        page.refresh()

    dialog.accepted.connect(enroll)
    dialog.finished.connect(dialog.deleteLater)
    page.province_dialog = dialog
    dialog.open()
    return dialog


def send_month(page, month: str | None = None):
    """Write this month's county bundle for the province: onto the stick when one is plugged in,
    else into the outbox only; either way it is queued for the network."""
    month = month or date.today().strftime("%Y-%m")
    found = page.folder()
    target = found.path if found is not None and not found.read_only else None

    def work(db, paths, progress):
        folder = Path(target) if target else outbox.folder(paths, create=True)
        return province_bundle.export_to_province(db, paths, folder, month)

    def done(written):
        queued = QCoreApplication.translate("ProvinceActions", "Queued for the network; it goes with the next sync with the hub.")
        page.result.show_ok(str(written.describe()), [queued])

    label = QCoreApplication.translate("ProvinceActions", "Writing the bundle for the province…")
    return run_sync_work(page, label, work, done, page.result.show_failure)
