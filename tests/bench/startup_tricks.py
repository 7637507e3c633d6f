"""Each start-up trick of desktop/startup measured from outside the app: with it and without it.

    python tests/bench/startup_tricks.py [--runs 15] [--only NAME,...]

runs `township` (from source, bytecode compiled) in fresh processes, alternating a start with
every trick (the app as it is) and a start without one trick, and prints for each trick the
median wall time (to the ready line for the GUI, to exit for `--help`/`--version`) and the
median CPU time of the whole process (user + system, less sensitive to other load), with the
difference and the interquartile spread of the with-trick starts as the noise to beat.

A start "without" a trick is this same file run as the child (`child VARIANT -- ARGS`): it
undoes the one trick (a function replaced by a plain one, or a deferred module imported first)
and then runs `desktop.cli.main` like build_scripts/township_main.py. The figures go into
docs/PERFORMANCE.md ("Start-up in one place") by hand.
"""

from __future__ import annotations

import os
import sys


def _undo(variant: str) -> None:
    """Apply `variant` in the child: the app without that one trick."""
    if variant == "all-tricks":
        return
    if variant == "gc-pause":
        import desktop.startup.gc_pause as gc_pause

        gc_pause.pause = lambda: None
    elif variant == "qt-namespace":
        import desktop.ui.shell.app as app
        from desktop.startup import qt_namespace

        show_login, show_wizard = app.AppController.show_login, app.AppController.show_wizard

        def early(original):
            def wrapped(self, *args, **kwargs):
                qt_namespace.build_now()
                return original(self, *args, **kwargs)
            return wrapped

        app.AppController.show_login, app.AppController.show_wizard = early(show_login), early(show_wizard)
    elif variant == "plain-gui-start":
        import desktop.cli

        desktop.cli.plain_gui_start = lambda argv: None
    elif variant == "help-width":
        import desktop.startup.command_line as command_line

        def columns():
            import shutil
            return shutil.get_terminal_size().columns

        command_line.terminal_columns = columns
    elif variant == "lazy-commands":
        import desktop.cli

        desktop.cli.modules_for = lambda argv: list(desktop.cli.COMMAND_MODULES)
    elif variant.startswith("eager:"):   # a deferred import made at the start instead
        for name in variant[len("eager:"):].split("+"):
            __import__(name)
    else:
        raise SystemExit(f"unknown variant {variant}")


def child(variant: str, argv: list[str]) -> int:
    _undo(variant)
    from desktop.cli import main

    return main(argv)


# -- the parent ----------------------------------------------------------------------------------

GUI_TRICKS = {   # trick: (variant, data folder kind)
    "none (the app against itself: the noise floor)": ("all-tricks", "card"),
    "collection paused to ready (gc_pause)": ("gc-pause", "card"),
    "no Qt namespace before the first window (qt_namespace)": ("qt-namespace", "card"),
    "sign-in dialog from its card (store opened after ready)": ("all-tricks", "no-card"),
    "plain GUI start without argparse (command_line)": ("plain-gui-start", "card"),
    "platformdirs deferred (--data-dir given)": ("eager:platformdirs", "card"),
    "hashlib + hmac deferred": ("eager:hashlib+hmac", "card"),
    "logging.handlers deferred": ("eager:logging.handlers", "card"),
    "locale deferred": ("eager:locale", "card"),
    "first-run: collection paused (wizard)": ("gc-pause", "empty"),
    "first-run: no Qt namespace before the wizard": ("qt-namespace", "empty"),
}
CLI_TRICKS = {   # trick: (variant, arguments)
    "--version without shutil (command_line.HelpFormatter)": ("help-width", ["--version"]),
    "--version: command modules imported only for their command": ("lazy-commands", ["--version"]),
}


def _start(variant: str, args: list[str], gui: bool, env: dict) -> tuple[float, float, float]:
    """One start: (wall seconds to the ready line or exit, CPU seconds of the whole process,
    resident bytes at the ready line or the peak at exit)."""
    import subprocess
    import time

    command = [sys.executable, __file__, "child", variant, "--", *args]
    started = time.perf_counter()
    child_process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     text=True, errors="replace")
    wall = rss = None
    for line in child_process.stderr:
        if gui and line.startswith("TOWNSHIP_READY"):
            wall = time.perf_counter() - started
            rss = float(line.split()[2])
    _, status, usage = os.wait4(child_process.pid, 0)
    child_process.returncode = os.waitstatus_to_exitcode(status)
    if wall is None:
        wall = time.perf_counter() - started
        if gui:
            raise RuntimeError(f"{variant} {args}: no ready line (exit {child_process.returncode})")
    return wall, usage.ru_utime + usage.ru_stime, rss if rss is not None else usage.ru_maxrss * 1024.0


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    import statistics

    q = statistics.quantiles(values, n=4)
    return q[0], statistics.median(values), q[2]


def measure(runs: int, only: set[str] | None) -> None:
    import compileall
    import tempfile
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent.parent
    sys.path.insert(0, str(root))
    compileall.compile_dir(root / "desktop", quiet=1)
    from desktop.core.workspace import sign_in_card
    from desktop.core.workspace.setup import initialise
    from tests.conftest import PASSWORD

    base = Path(tempfile.mkdtemp(prefix="tricks-"))
    folders = {"card": base / "card", "no-card": base / "no-card", "empty": base / "empty"}
    for kind in ("card", "no-card"):
        initialise(folders[kind], role="township", code="131025100", clerk="王丽", password=PASSWORD).close()
    from desktop.core.paths import data_dir

    sign_in_card.card_path(data_dir(folders["no-card"])).unlink(missing_ok=True)
    assert sign_in_card.card_path(data_dir(folders["card"])).exists()
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen", "TOWNSHIP_EXIT_WHEN_READY": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cases = [(name, variant, ["--data-dir", str(folders[kind])], True) for name, (variant, kind) in GUI_TRICKS.items()]
    cases += [(name, variant, args, False) for name, (variant, args) in CLI_TRICKS.items()]
    print(f"{'trick':70} {'with':>8} {'without':>8} {'saves':>8} {'noise':>7} | "
          f"{'cpu with':>8} {'without':>8} {'saves':>8} | {'MB saved':>8}")
    for name, variant, args, gui in cases:
        if only and not any(word in name or word == variant for word in only):
            continue
        with_variant = "all-tricks"
        if name.startswith("sign-in dialog from its card"):   # with: the card; without: none
            with_args = ["--data-dir", str(folders["card"])]
        else:
            with_args = args
        _start(with_variant, with_args, gui, env)
        _start(variant, args, gui, env)
        ours, theirs = [], []
        for _ in range(runs):
            ours.append(_start(with_variant, with_args, gui, env))
            theirs.append(_start(variant, args, gui, env))
        w_lo, w_med, w_hi = _quartiles([w for w, _, _ in ours])
        _, wo_med, _ = _quartiles([w for w, _, _ in theirs])
        _, c_med, _ = _quartiles([c for _, c, _ in ours])
        _, co_med, _ = _quartiles([c for _, c, _ in theirs])
        _, m_med, _ = _quartiles([m for _, _, m in ours])
        _, mo_med, _ = _quartiles([m for _, _, m in theirs])
        print(f"{name[:70]:70} {w_med * 1e3:7.1f}ms {wo_med * 1e3:7.1f}ms {(wo_med - w_med) * 1e3:+7.1f}ms "
              f"{(w_hi - w_lo) * 1e3:6.1f}ms | {c_med * 1e3:7.1f}ms {co_med * 1e3:7.1f}ms "
              f"{(co_med - c_med) * 1e3:+7.1f}ms | {(mo_med - m_med) / 2**20:+7.1f}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "child":
        sys.argv.pop(0)   # keep sys.path[0] (this folder) harmless: nothing in it shadows the app
        split = sys.argv.index("--")
        sys.exit(child(sys.argv[1], sys.argv[split + 1:]))
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", default="")
    options = parser.parse_args()
    measure(options.runs, set(filter(None, options.only.split(","))))
