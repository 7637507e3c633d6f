"""A real `township hub serve` process for tests that need the hub as its operator runs it.

`start(hub_db, keys, *extra)` starts the command on a free port of 127.0.0.1, waits until its
`/health` answers (over HTTPS when `tls` is given: the context the client trusts the certificate
with) and returns the process and its base URL; `stop(process)` ends it and returns its log.

The server's output goes to a temporary file, not a pipe: a pipe nobody reads fills after 64 KiB
of log lines, and the server then blocks in its next log call (every request logs a line).
"""

from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(hub_db: str, keys, *extra: str, tls: ssl.SSLContext | None = None, host: str = "127.0.0.1",
          port: int | None = None, timeout: float = 20) -> tuple[subprocess.Popen, str]:
    port = port or free_port()
    log = tempfile.TemporaryFile()
    process = subprocess.Popen([sys.executable, "-m", "desktop", "hub", "serve", "--db", hub_db, "--keys", str(keys),
                                "--listen", f"127.0.0.1:{port}", *extra],
                               stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "PYTHONPATH": str(ROOT), "TOWNSHIP_LANG": "en"})
    process.log = log
    url = f"{'https' if tls else 'http'}://{host}:{port}"
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url + "/health", timeout=2, context=tls).close()
            return process, url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"serve did not start: {_read(process)}") from None
            time.sleep(0.1)


def _read(process: subprocess.Popen) -> str:
    process.wait(timeout=30)
    process.log.seek(0)
    text = process.log.read().decode(errors="replace")
    process.log.close()
    return text


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> str:
    process.send_signal(sig)
    return _read(process)
