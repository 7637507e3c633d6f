"""The benchmark harness: budgets judged on medians, rows merged into the performance doc."""

from __future__ import annotations

import pytest

from tests.bench import harness


@pytest.fixture
def results(tmp_path, monkeypatch):
    monkeypatch.setattr(harness, "RESULTS_FILE", tmp_path / "results.jsonl")
    monkeypatch.delenv("BENCH_STRICT", raising=False)
    return tmp_path / "results.jsonl"


def test_measure_needs_five_runs_and_reports_the_median():
    with pytest.raises(ValueError):
        harness.measure(lambda: None, runs=3)
    stats = harness.Stats((3.0, 1.0, 2.0, 5.0, 4.0))
    assert stats.median == 3.0 and stats.min == 1.0 and stats.runs == 5
    ours, base = harness.measure_pair(lambda: sum(range(2000)), lambda: None, runs=5)
    assert ours.runs == base.runs == 5 and ours.median > base.median


def test_record_judges_ratio_and_absolute_budgets(results, monkeypatch):
    met = harness.record("a", harness.Stats((1.0,) * 5), baseline=harness.Stats((0.8,) * 5), budget_ratio=1.3)
    missed = harness.record("b", 0.150, budget=0.100)
    info = harness.record("c", 0.5)
    assert (met["result"], missed["result"], info["result"]) == ("met", "MISS", "info")
    assert met["ratio"] == pytest.approx(1.25)
    assert [row["name"] for row in harness.read_results(results)] == ["a", "b", "c"]
    monkeypatch.setenv("BENCH_STRICT", "1")
    with pytest.raises(AssertionError):
        harness.record("d", 2.0, baseline=1.0, budget_ratio=1.5)


def test_merge_keeps_hand_text_and_earlier_rows_of_the_same_machine(results, tmp_path):
    doc = tmp_path / "PERFORMANCE.md"
    doc.write_text("# Performance\n\nHand-written notes.\n", encoding="utf-8")
    machine = {"cpu": "test", "cores": 2}
    harness.record("save", 0.004, baseline=0.003, budget_ratio=1.5)
    harness.merge_into_doc(harness.read_results(results), machine, doc)
    results.unlink()
    harness.record("start", 0.5, baseline=0.25, budget_ratio=1.3, note="stand-in")
    harness.merge_into_doc(harness.read_results(results), machine, doc)
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Performance\n\nHand-written notes.\n")
    assert text.count(harness.BEGIN) == 1 and "| save |" in text and "**MISS**" in text
    before = doc.read_text(encoding="utf-8")
    other = {"cpu": "other", "cores": 4}
    # another machine's run leaves the table as it is and writes its own beside the results
    beside = harness.merge_into_doc(harness.read_results(results), other, doc)
    assert doc.read_text(encoding="utf-8") == before and beside == results.parent / "PERFORMANCE-table.md"
    assert "| start" in beside.read_text(encoding="utf-8") and "| save |" not in beside.read_text(encoding="utf-8")
    # unless it is to be the doc's machine from now on: then it starts afresh
    assert harness.merge_into_doc(harness.read_results(results), other, doc, new_machine=True) == doc
    assert "| save |" not in doc.read_text(encoding="utf-8") and "| start" in doc.read_text(encoding="utf-8")


def test_the_same_machine_with_another_kernel_build_keeps_its_rows():
    machine = {"cpu": "Intel(R) Xeon(R) Processor", "cores": 2, "os": "Linux-6.18.44-fc-v1252-x86_64-with-glibc2.36"}
    assert harness.same_machine(machine, {**machine, "os": "Linux-6.18.44-fc-v1272-x86_64-with-glibc2.36"})
    assert not harness.same_machine(machine, {**machine, "cpu": "AMD EPYC"})
    assert not harness.same_machine(machine, {**machine, "os": "Windows-10-10.0.19045-SP0"})
