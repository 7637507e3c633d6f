"""The log never holds an ID number in the clear: not in a message, not in the traceback of an
exception whose message carries one, not in a stack written with `stack_info` - through the real
logging set-up (desktop.core.logs.setup_logging) writing the real log file."""

from __future__ import annotations

import logging

import pytest

from desktop.core import logs

ID_18 = "110101199003071234"
ID_18_X = "11010119900307123X"
ID_15 = "110101900307123"
MOBILE = "13812345678"


@pytest.fixture
def log_file(tmp_path):
    root = logging.getLogger("township")
    saved_handlers, saved_level, saved_file = list(root.handlers), root.level, logs._log_file
    for handler in saved_handlers:
        root.removeHandler(handler)
    logs._log_file = None
    path = logs.setup_logging(tmp_path / "logs")
    assert path is not None
    yield path
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in saved_handlers:
        root.addHandler(handler)
    root.setLevel(saved_level)
    logs._log_file = saved_file


def _written(path) -> str:
    for handler in logging.getLogger("township").handlers:
        handler.flush()
    return path.read_text("utf-8")


def _check_person(number: str) -> None:
    raise ValueError(f"no resident with ID {number} in this village")


@pytest.mark.allow_log("township.masking", "lookup failed", level="ERROR")
@pytest.mark.parametrize("number, masked", [(ID_18, "110101********1234"), (ID_18_X, "110101********123X"),
                                            (ID_15, "110101******123"), (MOBILE, "138****5678")])
def test_the_traceback_of_an_exception_is_masked(log_file, number, masked):
    log = logging.getLogger("township.masking")
    try:
        _check_person(number)
    except ValueError:
        log.exception("lookup failed")
    text = _written(log_file)
    assert "Traceback (most recent call last)" in text and "ValueError: no resident with ID" in text
    assert number not in text
    assert masked in text


@pytest.mark.allow_log("township.masking", "wrapped", level="ERROR")
def test_a_chained_exception_and_exc_info_on_error_are_masked(log_file):
    log = logging.getLogger("township.masking")
    try:
        try:
            _check_person(ID_18)
        except ValueError as error:
            raise RuntimeError(f"while importing {ID_15}") from error
    except RuntimeError:
        log.error("wrapped", exc_info=True)
    text = _written(log_file)
    assert "The above exception was the direct cause" in text
    assert ID_18 not in text and ID_15 not in text
    assert "110101********1234" in text and "110101******123" in text


def test_a_stack_written_with_stack_info_is_masked(log_file):
    log = logging.getLogger("township.masking")
    log.info("where am I", stack_info=True); reference = "110101199003071234"  # noqa: E702 - on the stack's line
    text = _written(log_file)
    assert "Stack (most recent call last)" in text and "reference" in text
    assert reference not in text
    assert "110101********1234" in text


def test_the_message_itself_is_still_masked_and_other_numbers_are_kept(log_file):
    logging.getLogger("township.masking").info("person %s, phone %s, bundle 000042, count 1234567", ID_18, MOBILE)
    text = _written(log_file)
    assert ID_18 not in text and MOBILE not in text
    assert "110101********1234" in text and "138****5678" in text and "000042" in text and "1234567" in text
