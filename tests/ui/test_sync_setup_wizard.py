"""The wizard's sync page: a township checks the county pack (its number shown for the phone call,
a pack of another county refused), the county sees its new key's number and its county pack."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from desktop.core.sync import enrollment, trust
from desktop.core.sync.keys import create_keys
from desktop.core.workspace.workspace import Workspace
from tests.conftest import PASSWORD
from tests.ui.sync_sites import COUNTY, make_sites


def _to_sync_page(qtbot, wizard, search: str, county: bool = False):
    qtbot.addWidget(wizard)
    wizard.show()
    if county:
        wizard.county_radio.setChecked(True)
    wizard.next()
    qtbot.keyClicks(wizard.division_picker.search_edit, search)
    wizard.next()
    wizard.name_edit.setText("王丽")
    wizard.password_edit.setText(PASSWORD)
    wizard.repeat_edit.setText(PASSWORD)
    wizard.next()
    return wizard.currentPage()


def test_township_loads_the_county_pack_and_compares_its_number(qtbot, tmp_path):
    from desktop.ui.shell.setup_wizard import SetupWizard

    county_dir, _ = make_sites(tmp_path / "sites", ())
    pack_path = tmp_path / "sites" / "enroll-stick" / enrollment.county_pack_file_name(COUNTY)
    with Workspace.open(county_dir) as county:
        county_number = trust.install_keys(county.paths).public().short_fingerprint

    wizard = SetupWizard(tmp_path / "new")
    page = _to_sync_page(qtbot, wizard, "psz")
    assert page.needs_installation() is False and wizard.workspace is None
    assert page.load_pack(pack_path)
    assert page.number_label.text() == county_number
    assert page.number_label.isVisibleTo(wizard)
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()  # not compared yet
    page.confirm.setChecked(True)
    with qtbot.waitSignal(wizard.accepted, timeout=5000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    workspace = wizard.workspace
    try:
        county_keys = [r for r in trust.enrolled(workspace.db) if r["role"] == "county"]
        assert [r["owner"] for r in county_keys] == [COUNTY]
        assert trust.install_keys(workspace.paths).public().fingerprint  # this PC's keys exist
    finally:
        workspace.close()


def test_township_page_refuses_a_pack_from_another_county(qtbot, tmp_path):
    from desktop.ui.shell.setup_wizard import SetupWizard

    stranger = create_keys(tmp_path / "stranger-keys", "131026")
    other_pack = tmp_path / enrollment.county_pack_file_name("131026")
    other_pack.write_bytes(enrollment.build_county_pack(stranger, "131026", "另一个县"))

    wizard = SetupWizard(tmp_path / "new")
    page = _to_sync_page(qtbot, wizard, "psz")
    assert page.load_pack(other_pack) is False
    assert "131026" in page.error_label.text() and "cannot be used" in page.error_label.text()
    assert page.pack_data is None and not page.number_label.isVisibleTo(wizard)
    assert not (tmp_path / "new" / "township.db").exists()  # nothing created


def test_county_sees_its_number_and_where_the_pack_went(qtbot, tmp_path):
    from desktop.ui.shell.setup_wizard import SetupWizard

    wizard = SetupWizard(tmp_path / "county")
    page = _to_sync_page(qtbot, wizard, "dcx", county=True)
    workspace = wizard.workspace
    assert workspace is not None and workspace.county == COUNTY  # created on leaving the account page
    try:
        public = trust.install_keys(workspace.paths).public()
        assert page.number_label.text() == public.short_fingerprint
        pack = workspace.paths.root / "county-pack" / enrollment.county_pack_file_name(COUNTY)
        assert pack.is_file() and str(pack) in page.where_label.text()
        assert enrollment.read_county_pack(pack.read_bytes()).keys.fingerprint == public.fingerprint
        page.copy_pack_to(tmp_path)
        assert (tmp_path / enrollment.county_pack_file_name(COUNTY)).is_file()
        with qtbot.waitSignal(wizard.accepted, timeout=5000):
            wizard.button(QWizard.WizardButton.FinishButton).click()
    finally:
        workspace.close()
