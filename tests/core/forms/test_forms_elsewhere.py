"""Forms written elsewhere (Kobo, ODK, pyxform's spellings): every spelling pyxform accepts, the
desk equivalents of phone and server features, warnings for what is ignored, refusals with the
reason (docs/FORMS.md, "Forms made elsewhere")."""

from __future__ import annotations

import datetime

import pytest

from desktop.core.forms import labels, metadata
from desktop.core.forms.loader import load_form
from desktop.core.forms.model import FormLoadError
from desktop.core.i18n import Text
from desktop.core.rules import RuleContext, evaluate_form

CONTEXT = RuleContext(today=datetime.date(2026, 11, 26))


def warnings_of(form) -> str:
    return " / ".join(w.text().en for w in form.warnings)


def errors(form, values):
    return {(v.field, v.code) for v in evaluate_form(form, values, CONTEXT).errors}


def test_pyxforms_legacy_spellings_load(write_form):
    form = load_form(write_form("""
| | type | name | label:English | bind:relevant | bind:jr:constraintMsg | bind:constraint |
| | select one from yn | likes | Do you like it? | | | |
| | select all that apply from yn | which | Which? | selected(${likes}, 'yes') | | |
| | q int | age | Age | | too old | . < 150 |""", choices="""
| | list name | value | label:English |
| | yn | yes | Yes |
| | yn | no | No |""", settings="""| settings |
| | id_string | title | version |
| | legacy | Legacy form | 3 |
"""))
    assert (form.form_id, form.version, form.title.en) == ("legacy", "3", "Legacy form")
    assert form.field("likes").type == "select_one" and form.field("likes").choice_list == "yn"
    assert form.field("which").type == "select_multiple"
    assert form.field("which").relevant == "selected(${likes}, 'yes')"
    assert form.field("age").type == "integer" and form.field("age").constraint == ". < 150"
    assert form.field("age").constraint_message.en == "too old"
    assert form.field("likes").label.en == "Do you like it?"
    assert "legacy spelling 'select one from' read as select_one" in warnings_of(form)
    assert ("age", "constraint") in errors(form, {"age": "200"})
    assert not errors(form, {"age": "20", "likes": "yes", "which": "no"})


def test_metadata_fields_are_filled_by_the_app(write_form):
    form = load_form(write_form("""
| | type | name | label::English (en) |
| | start | started | |
| | end | ended | |
| | today | day | |
| | username | clerk | |
| | deviceid | device | |
| | phonenumber | phone | |
| | text | x | X |"""))
    assert {f.name: f.type for f in form.fields if f.name != "x"} == dict.fromkeys(
        ("started", "ended", "day", "clerk", "device", "phone"), "calculate")
    assert form.field("day").calculate == "today()"
    assert "the type 'phonenumber' stays empty" in warnings_of(form)
    now = datetime.datetime(2026, 11, 26, 9, 30)
    filled = metadata.fill(form, {"x": "a"}, clerk="王丽", installation="131025100", now=now)
    assert filled == {"x": "a", "started": "2026-11-26T09:30:00", "ended": "2026-11-26T09:30:00",
                      "clerk": "王丽", "device": "131025100", "phone": ""}
    later = metadata.fill(form, filled, clerk="王丽", installation="131025100", now=now.replace(hour=11))
    assert later["started"] == "2026-11-26T09:30:00" and later["ended"] == "2026-11-26T11:30:00"
    record = evaluate_form(form, filled, CONTEXT).record()
    assert record["clerk"] == "王丽" and record["day"] == "2026-11-26"


def test_metadata_filled_when_a_record_is_saved(township, write_form):
    from desktop.core.entry import form_entry
    from desktop.core.store import records

    form = load_form(write_form("""
| | type | name | label::English (en) |
| | start | started | |
| | username | clerk | |
| | deviceid | device | |
| | text | x | X |"""))
    saved = form_entry.save(township, form, {"x": "a"})
    values = records.get(township.db, saved.id).values
    assert values["clerk"] == "王丽" and values["device"] == "131025100" and values["started"]


def test_geopoint_is_typed_with_range_checks(write_form):
    form = load_form(write_form("""
| | type | name | label::English (en) |
| | geopoint | where | Where |"""))
    where = form.field("where")
    assert (where.type, where.source_type) == ("text", "geopoint")
    assert not errors(form, {"where": "39.9042 116.4074"})
    assert not errors(form, {"where": "39.9042 116.4074 50 5"})
    for bad in ("95 10", "39.9 200", "39.9", "north east"):
        assert ("where", "constraint") in errors(form, {"where": bad}), bad


def test_range_trigger_and_ignored_types(write_form):
    form = load_form(write_form("""
| | type | name | label::English (en) | parameters | appearance |
| | range | score | Score | start=0 end=5 step=1 | rating |
| | range | share | Share | start=0 end=1 step=0.1 | |
| | trigger | ok | I have read the notice | | |
| | image | photo | Photo | | |
| | geotrace | path | Path | | |
| | text | note-1.a | Dashes and dots | | |"""))
    assert form.field("score").type == "integer" and form.field("share").type == "decimal"
    assert ("score", "constraint") in errors(form, {"score": "6"})
    assert not errors(form, {"score": "5", "share": "0.5"})
    ok = form.field("ok")
    assert ok.type == "select_multiple" and [c.name for c in form.choices_for("ok")] == ["OK"]
    assert form.field("photo").type == "calculate" and form.field("path").type == "calculate"
    assert form.has_field("note-1.a")
    warned = warnings_of(form)
    assert "the type 'image' is ignored: a picture cannot be taken at a desk" in warned
    assert "the type 'geotrace' is ignored" in warned
    assert "the appearance 'rating' is ignored" in warned


def test_comment_columns_and_server_settings_are_ignored_with_a_warning(write_form):
    form = load_form(write_form("""
| | type | name | label::English (en) | _comment | media::image |
| | text | a | A | for the enumerator | a.png |""", settings="""| settings |
| | form_id | version | style | instance_name | submission_url | public_key | allow_choice_duplicates |
| | f | 1 | pages | concat('x', ${a}) | https://example.org | abc | yes |
"""))
    warned = [w for w in form.warnings]
    columns = {(w.sheet, w.column.split(" ")[0]) for w in warned}
    assert {("survey", "_comment"), ("survey", "media::image")} <= columns
    for setting in ("style", "instance_name", "submission_url", "public_key", "allow_choice_duplicates"):
        assert ("settings", setting) in columns
    assert "the server setting 'style' is ignored" in warnings_of(form)


def test_or_other_adds_a_choice_and_a_text_field(write_form):
    form = load_form(write_form("""
| | type | name | label::English (en) |
| | select_one colours or_other | colour | Colour |""", choices="""
| | list_name | name | label::English (en) |
| | colours | red | Red |"""))
    assert [c.name for c in form.choices_for("colour")] == ["red", "other"]
    other = form.field("colour_other")
    assert other.relevant == "selected(${colour}, 'other')"
    state = evaluate_form(form, {"colour": "red", "colour_other": "mauve"}, CONTEXT)
    assert state.record()["colour_other"] == ""  # not relevant: cleared


def test_select_one_from_file_reads_the_csv_beside_the_form(write_form, tmp_path):
    (tmp_path / "towns.csv").write_text("name,label\nps,平舒镇\ndc,大城镇\n", encoding="utf-8")
    form = load_form(write_form("""
| | type | name | label::English (en) |
| | select_one_from_file towns.csv | town | Town |"""))
    assert [c.name for c in form.choices_for("town")] == ["ps", "dc"]
    assert ("town", "choice") in errors(form, {"town": "xx"})
    with pytest.raises(FormLoadError) as caught:
        load_form(write_form("""
| | type | name | label::English (en) | relevant |
| | select_one_from_file missing.csv | place | Place | |
| | text | why | Why | ${place} = 'a' |"""))
    [problem] = caught.value.problems  # ${place} is not also reported as naming no field
    assert problem.row == 2 and "must be beside the form file" in problem.message.en


def test_repeat_count_and_loops_as_pyxform(write_form):
    form = load_form(write_form("""
| | type | name | label::English (en) | repeat_count |
| | integer | n | How many | |
| | begin_repeat | kids | Children | ${n} |
| | text | kid | Name | |
| | end_repeat | | | |
| | begin loop over rooms | rooms | Rooms | |
| | integer | size | Size of %(label)s | |
| | end loop | | | |""", choices="""
| | list_name | name | label::English (en) |
| | rooms | kitchen | Kitchen |
| | rooms | hall | Hall |"""))
    assert form.group("kids").repeat_count == "${n}"
    assert form.field("kitchen_size").label.en == "Size of Kitchen"
    assert form.field("hall_size").row == 7  # located on its row inside the loop
    assert form.group("rooms_hall").parent == "rooms"


def test_same_name_inside_and_outside_a_repeat(write_form):
    form = load_form(write_form("""
| | type | name | label::English (en) |
| | text | name | Head of household |
| | begin_repeat | members | Members |
| | text | name | Member |
| | end_repeat | | |"""))
    assert form.field("name").repeat == "" and [f.repeat for f in form.fields] == ["", "members"]
    with pytest.raises(FormLoadError) as caught:
        load_form(write_form("""
| | type | name | label::English (en) | relevant |
| | text | name | Head | |
| | begin_repeat | members | Members | |
| | text | name | Member | |
| | end_repeat | | | |
| | text | x | X | ${name} != '' |"""))
    assert any("${name} is ambiguous: fields on rows 2 and 4" in p.message.en for p in caught.value.problems)


def test_every_label_language_is_kept(write_form):
    form = load_form(write_form("""
| | type | name | label::中文 (zh) | label::English (en) | label::Français (fr) | hint::Français (fr) |
| | text | a | 名字 | Name | Nom | Votre nom |"""))
    a = form.field("a")
    assert (a.label.zh, a.label.en) == ("名字", "Name")
    assert a.other_labels == {"Français (fr)": "Nom"} and a.other_hints == {"Français (fr)": "Votre nom"}
    assert "Français (fr)" in form.languages


def test_field_values_are_interpolated_in_labels(write_form):
    form = load_form(write_form("""
| | type | name | label::中文 (zh) | label::English (en) | hint::English (en) |
| | text | who | 姓名 | Name | |
| | select_one yn | married | ${who}已婚？ | Is ${who} married? | |
| | integer | age | 年龄 | Age of ${who} (${married}) | ${who} |""", choices="""
| | list_name | name | label::中文 (zh) | label::English (en) |
| | yn | 1 | 是 | Yes |"""))
    age = form.field("age")
    assert labels.references(age.label) == {"who", "married"}
    shown = labels.interpolate(form, age.label, {"who": "张三", "married": "1"})
    assert shown.en == "Age of 张三 (Yes)"
    assert labels.interpolate(form, form.field("married").label, {"who": "张三"}).zh == "张三已婚？"
    assert labels.interpolate(form, age.label, {}).en == "Age of  ()"
    assert labels.interpolate(form, Text("plain", "plain"), {}) == Text("plain", "plain")
