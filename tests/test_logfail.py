"""The suite's own check: an unexpected WARNING or worse fails the test that logged it."""

from __future__ import annotations

import logging

import pytest

from tests.helpers import logfail

log = logging.getLogger("township.test")


def test_info_is_fine():
    log.info("nothing wrong")
    assert logfail._handler.take() == []


def test_an_unexpected_warning_fails_the_test():
    log.warning("something odd")
    with pytest.raises(pytest.fail.Exception, match="township.test WARNING: something odd"):
        logfail.check("the test")


def test_a_record_from_a_worker_thread_is_caught_too():
    import threading

    worker = threading.Thread(target=log.error, args=("from a thread",))
    worker.start()
    worker.join()
    with pytest.raises(pytest.fail.Exception, match="from a thread"):
        logfail.check("the test")


@pytest.mark.allow_log("township.test", "expected .* refusal", level="ERROR")
def test_the_marker_allows_what_it_names_only():
    log.error("an expected bundle refusal")
    log.warning("another thing")
    found = logfail._handler.take()
    assert [r.getMessage() for r in found] == ["another thing"]


@pytest.mark.allow_log("township.test", "", level="WARNING")
def test_the_marker_level_is_the_worst_allowed():
    log.error("worse than allowed")
    assert [r.getMessage() for r in logfail._handler.take()] == ["worse than allowed"]


def test_the_fixture_allows_for_the_rest_of_the_test(allow_log):
    allow_log("township", "disk full")
    log.error("disk full on the stick")
    assert logfail._handler.take() == []


def test_caplog_at_the_records_level_means_expected(caplog):
    with caplog.at_level(logging.ERROR, logger="township.test"):
        log.error("seen and checked")
    assert logfail._handler.take() == []
    assert "seen and checked" in caplog.text
