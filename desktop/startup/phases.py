"""Timing the phases of start-up, to find what slows a start on an old PC (`township --log-startup`).

The GUI calls `phase("name")` as it passes each step (Qt imported, translations loaded, database
opened, main window built, ...) and `ready()` once the first window takes input. With the switch
on, each phase is written to the log file and to stderr with the time since the process started
(including the interpreter's or the frozen bootloader's own start, where the OS tells us), the
time since the previous phase and the memory in use. With the switch off, a phase costs one
boolean test.

`ready()` also serves the start-up benchmark: when TOWNSHIP_EXIT_WHEN_READY is set it prints one
machine-readable line (READY_MARKER, seconds since process start, resident memory in bytes) and
returns True, telling the GUI to quit right away. This module must stay Qt-free and cheap to import.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass

log = logging.getLogger("township.startup")

READY_MARKER = "TOWNSHIP_READY"
EXIT_WHEN_READY_ENV = "TOWNSHIP_EXIT_WHEN_READY"


@dataclass(frozen=True)
class Phase:
    """One step of start-up, as logged."""

    name: str
    seconds: float            # since the process started (or since this module was imported)
    delta: float              # since the previous phase
    rss_bytes: int | None


_clock_zero = time.perf_counter()
_age_at_zero: float | None = None
_enabled = False
_to_stderr = True
_phases: list[Phase] = []


def process_age() -> float | None:
    """Seconds since this process started, as the OS counts it; None where it cannot tell."""
    try:
        if sys.platform.startswith("linux"):
            with open("/proc/self/stat", "rb") as handle:
                # the command name may hold spaces: fields are counted after its closing ')'
                fields = handle.read().rsplit(b")", 1)[1].split()
            start_ticks = int(fields[19])
            with open("/proc/uptime", "rb") as handle:
                uptime = float(handle.read().split()[0])
            return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
        if sys.platform == "win32":
            return _windows_process_age()
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return None


def _windows_process_age() -> float | None:
    import ctypes
    from ctypes import wintypes

    creation, exit_, kernel, user = (wintypes.FILETIME() for _ in range(4))
    kernel32 = ctypes.windll.kernel32
    if not kernel32.GetProcessTimes(kernel32.GetCurrentProcess(), ctypes.byref(creation),
                                    ctypes.byref(exit_), ctypes.byref(kernel), ctypes.byref(user)):
        return None
    now = wintypes.FILETIME()
    kernel32.GetSystemTimeAsFileTime(ctypes.byref(now))

    def ticks(filetime) -> int:  # 100-nanosecond intervals
        return (filetime.dwHighDateTime << 32) | filetime.dwLowDateTime

    return max(0.0, (ticks(now) - ticks(creation)) / 1e7)


def rss_bytes() -> int | None:
    """Resident memory of this process now; None where it cannot tell."""
    try:
        if sys.platform.startswith("linux"):
            with open("/proc/self/statm", "rb") as handle:
                return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        if sys.platform == "win32":
            return _windows_rss()
        import resource  # macOS: the peak is what it offers cheaply (bytes there)
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    except (OSError, ValueError, IndexError, ImportError, AttributeError):
        return None


def _windows_rss() -> int | None:
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD),
                    ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                    ("QuotaPeakPagedPoolUsage", ctypes.c_size_t), ("QuotaPagedPoolUsage", ctypes.c_size_t),
                    ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
                    ("QuotaNonPagedPoolUsage", ctypes.c_size_t), ("PagefileUsage", ctypes.c_size_t),
                    ("PeakPagefileUsage", ctypes.c_size_t)]

    counters = Counters()
    counters.cb = ctypes.sizeof(Counters)
    process = ctypes.windll.kernel32.GetCurrentProcess()
    if not ctypes.windll.psapi.GetProcessMemoryInfo(process, ctypes.byref(counters), counters.cb):
        return None
    return int(counters.WorkingSetSize)


def seconds_since_start() -> float:
    """Time since the process started when the OS says so, else since this module was imported."""
    global _age_at_zero
    if _age_at_zero is None:
        age_now, clock_now = process_age(), time.perf_counter()
        # measured once and anchored to perf_counter: /proc has only 10 ms resolution
        _age_at_zero = (age_now - (clock_now - _clock_zero)) if age_now is not None else 0.0
    return _age_at_zero + (time.perf_counter() - _clock_zero)


def enable(first_phase: str = "main", *, stderr: bool = True) -> None:
    """Turn phase logging on (the `--log-startup` switch) and log the first phase."""
    global _enabled, _to_stderr
    _enabled, _to_stderr = True, stderr
    phase(first_phase)


def enabled() -> bool:
    return _enabled


def phases() -> list[Phase]:
    """The phases recorded so far (only while enabled, or `ready()`)."""
    return list(_phases)


def phase(name: str) -> Phase | None:
    """Mark that start-up reached `name`; logged only when the switch is on."""
    if not _enabled:
        return None
    return _note(name)


def _note(name: str) -> Phase:
    seconds = seconds_since_start()
    delta = seconds - (_phases[-1].seconds if _phases else 0.0)
    entry = Phase(name, seconds, delta, rss_bytes())
    _phases.append(entry)
    if _enabled:
        memory = f"{entry.rss_bytes / 2**20:.1f} MB" if entry.rss_bytes is not None else "?"
        line = f"startup {name}: {seconds * 1000:.0f} ms since process start (+{delta * 1000:.0f} ms), {memory}"
        log.info(line)
        if _to_stderr:
            print(line, file=sys.stderr, flush=True)
    return entry


def exit_when_ready() -> bool:
    """True when a benchmark asked the app to quit as soon as it is ready for input."""
    return bool(os.environ.get(EXIT_WHEN_READY_ENV))


def ready() -> bool:
    """The first window is shown and takes input. Returns True when the GUI should quit now
    (benchmark run); the GUI then quits its event loop instead of waiting for the user."""
    entry = _note("ready") if (_enabled or exit_when_ready()) else None
    if exit_when_ready() and entry is not None:
        print(f"{READY_MARKER} {entry.seconds:.4f} {entry.rss_bytes or 0}", file=sys.stderr, flush=True)
        return True
    return False


def _reset_for_tests() -> None:
    global _enabled, _age_at_zero
    _enabled, _age_at_zero = False, None
    _phases.clear()
