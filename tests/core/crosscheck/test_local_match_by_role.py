"""An incoming cross-check request is matched to the township's own record of the person by the
form's person_id role, whatever the field is called (a county form's `sfzh`)."""

from __future__ import annotations

from desktop.core.entry import form_entry
from desktop.core.exchange import crosschecks
from tests.conftest import VALID_IDS
from tests.core.crosscheck.carrier import county_to_township, township_to_county
from tests.core.crosscheck.conftest import B
from tests.core.forms.county_form import write_county_form


def test_a_request_about_an_sfzh_finds_the_record_holding_it(county, town_a, town_b, tmp_path):
    form_file = write_county_form(tmp_path)
    for workspace in (county, town_a, town_b):
        form = form_entry.registry_for(workspace).install(form_file)
    held = form_entry.save(town_b, form, {"xm": "张三", "sfzh": VALID_IDS[2], "cun": "131025100001"})
    form_entry.save(town_b, form, {"xm": "李四", "sfzh": VALID_IDS[3]})
    asked = crosschecks.new_request(town_a, question="是否在本地居住？", subject_name="张三",
                                    subject_id_number=VALID_IDS[2], target=B)
    unknown = crosschecks.new_request(town_a, question="是否在本地居住？", subject_name="王五",
                                      subject_id_number=VALID_IDS[0], target=B)
    township_to_county(town_a, county)
    county_to_township(county, town_b)
    found = {request.id: request.record_id for request in crosschecks.incoming(town_b.db)}
    assert found == {asked.id: held.id, unknown.id: None}
