"""What the frozen builds keep: shared by township.spec and bare_window.spec, so the start-up
benchmark compares two builds trimmed the same way.

PyInstaller's PySide6 hooks collect every plugin and translation a module might use; the app
needs far fewer. Dropping the rest keeps the folder small (old PCs, USB sticks) and the start
quick (fewer files for the disk to find). What is kept, and why:
- platforms: windows (Windows), xcb and wayland (Linux desktops), offscreen/minimal (the
  headless self-test in CI)
- imageformats: svg, ico, png is built in; jpeg/gif for pictures a form may show
- iconengines: svg icons; styles: the native Windows look; printsupport: printing on Linux (CUPS)
- platforminputcontexts: compose and ibus, through which Chinese input methods reach the app
- translations: Qt's own Chinese strings for standard dialogs (qtbase_zh_CN)

PyInstaller finds the shared libraries of every plugin before we drop plugins, so the libraries
only a dropped plugin needed (GTK theme: cairo, glib, ...; network: gnutls, krb5) would stay;
`drop_unreferenced_libraries` keeps a plain library only if something we ship links to it.
pyxform's validators (a Java jar) are dropped too: we parse XLSForm, we never run ODK Validate;
and of python-stdnum's data files only the Chinese region table (resident IDs) is kept.

Of rapidfuzz only the generic build of its distance metrics is kept: the app calls
`rapidfuzz.distance.Levenshtein` alone (desktop/core/quality/duplicates.py); rapidfuzz imports
each compiled module inside `suppress(ImportError)` and falls back to the generic build, or to
its pure-Python one for `fuzz` and `process`, which the app never calls (about 8 MB).

Linux system libraries are not bundled where every desktop Linux has them and a private copy
is known to do harm: the C++ runtime and the X11/font stack (AppImage's excludelist, which the
manylinux wheels assume too), and CUPS with the TLS and Kerberos libraries only it links (Qt's
printing plugin loads the system's libcups; a private libcups pins a private GnuTLS against the
system's GLib). About 8 MB.
"""

from __future__ import annotations

import os
from pathlib import PurePath

QT_MODULES = ["PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtPrintSupport",
              "PySide6.QtSvg"]

UNUSED_QT_MODULES = [
    "PySide6.QtConcurrent", "PySide6.QtDBus", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtLabsStyleKit", "PySide6.QtNetwork", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml", "PySide6.QtQmlFeatures", "PySide6.QtQuick", "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest", "PySide6.QtQuickWidgets", "PySide6.QtSql", "PySide6.QtSvgWidgets",
    "PySide6.QtTest", "PySide6.QtUiTools", "PySide6.QtXml", "PySide6.scripts",
]

# Python packages in a developer's environment that nothing in the app needs at run time.
UNUSED_PACKAGES = [
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "xdist", "execnet", "ruff",
    "numpy", "pandas", "PIL", "IPython", "matplotlib", "pydoc_data", "lib2to3", "setuptools",
    "pip", "docutils", "pygments", "readline",
    # only a fallback in stdnum; bundling it adds a runtime hook that imports it on every start (~0.1 s)
    "pkg_resources",
    # reached only through concurrent.futures.process (we use threads, never processes); bundling
    # it adds PyInstaller's multiprocessing runtime hook, which imports it on every start (~15 ms)
    "multiprocessing",
    # the hub (`township hub`, the server's `hub` extra) runs on a server, never in the desktop app:
    # the frozen app leaves out its package and its stack (the command then says to install the extra)
    "desktop.hub", "aiohttp", "psycopg", "psycopg_binary", "psycopg_pool", "multidict", "yarl", "aiohappyeyeballs",
    "aiosignal", "frozenlist", "propcache",
]

KEEP_PLUGINS = {
    "platforms": {"qwindows", "qxcb", "qwayland", "qoffscreen", "qminimal"},
    "imageformats": {"qsvg", "qico", "qjpeg", "qgif"},
    "iconengines": {"qsvgicon"},
    "styles": None,                      # None: keep every plugin in the folder
    "printsupport": None,
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    "xcbglintegrations": None,           # xcb needs one of these to open a window on Linux
    "wayland-shell-integration": None,
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
}

KEEP_TRANSLATIONS = ("qtbase_zh_CN", "qt_zh_CN")


DROPPED_DATA_FOLDERS = ("pyxform/validators/odk_validate/bin", "pyxform/validators/enketo_validate/bin")

# compiled rapidfuzz modules the app never loads (see the module docstring)
DROPPED_MODULE_PREFIXES = ("rapidfuzz/fuzz_cpp", "rapidfuzz/process_cpp_impl", "rapidfuzz/distance/metrics_cpp_avx2")

# Linux libraries taken from the system (see the module docstring): AppImage's excludelist
# entries we would otherwise ship, and CUPS; what only these link is then unreferenced.
SYSTEM_LIBRARIES = {
    "libstdc++.so.6", "libgcc_s.so.1", "libx11.so.6", "libx11-xcb.so.1", "libxcb.so.1", "libfreetype.so.6",
    "libfontconfig.so.1", "libharfbuzz.so.0", "libexpat.so.1", "libz.so.1", "libgmp.so.10", "libuuid.so.1",
    "libgpg-error.so.0", "libcom_err.so.2", "libfribidi.so.0", "libcups.so.2",
}


def _plugin_name(filename: str) -> str:
    stem = filename.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep(dest: str) -> bool:
    """Is the collected file at `dest` (its path inside the build) something the app needs?"""
    normal = dest.replace("\\", "/")
    if normal.startswith(DROPPED_DATA_FOLDERS + DROPPED_MODULE_PREFIXES):
        return False
    if normal.rsplit("/", 1)[-1].lower() in SYSTEM_LIBRARIES:
        return False
    if normal.startswith("stdnum/") and normal.endswith(".dat") and not normal.startswith("stdnum/cn/"):
        return False
    parts = PurePath(normal).parts
    if "PySide6" not in parts:
        return True
    inside = parts[parts.index("PySide6") + 1:]
    if inside[:1] == ("Qt",):
        inside = inside[1:]
    if inside[:1] == ("plugins",) and len(inside) >= 3:
        folder, filename = inside[1], inside[-1]
        if folder not in KEEP_PLUGINS:
            return False
        wanted = KEEP_PLUGINS[folder]
        return wanted is None or _plugin_name(filename) in wanted
    if inside[:1] == ("translations",) and len(inside) >= 2:
        return inside[-1].split(".")[0] in KEEP_TRANSLATIONS
    return True


def trim(toc):
    """A PyInstaller TOC (datas or binaries) without the Qt plugins and translations we do not ship."""
    return [entry for entry in toc if keep(entry[0])]


def _is_plain_library(dest: str) -> bool:
    """A shared library that is not itself loaded by Python or by Qt's plugin loader."""
    normal = dest.replace("\\", "/")
    name = normal.rsplit("/", 1)[-1].lower()
    if "/plugins/" in f"/{normal}" or "lib-dynload/" in normal:
        return False
    if name.endswith(".pyd") or ".cpython-" in name or ".abi3." in name:
        return False
    if name.startswith(("libpython", "python3")):
        return False
    return True


def _direct_imports(path: str) -> list[str]:
    """The libraries `path` itself names (ELF DT_NEEDED). On Linux PyInstaller's `get_imports`
    asks ldd, which answers the whole closure: through it a library dropped above (libcups)
    would keep everything it alone links. objdump is in binutils, which the build needs for strip."""
    import subprocess
    import sys

    from PyInstaller.depend.bindepend import get_imports

    if sys.platform.startswith("linux"):
        try:
            out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            pass
        else:
            return [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]
    return [name for name, _ in get_imports(path)]


def drop_unreferenced_libraries(binaries):
    """Keep each plain shared library only if a kept extension module, plugin or library links
    to it (directly or through others); roots are Python's extension modules and Qt plugins."""

    by_name = {}
    for entry in binaries:
        by_name.setdefault(os.path.basename(entry[0]).lower(), entry)
    reached, todo = set(), [e for e in binaries if not _is_plain_library(e[0])]
    while todo:
        entry = todo.pop()
        if entry[0] in reached:
            continue
        reached.add(entry[0])
        try:
            imports = _direct_imports(entry[1])
        except Exception:  # an unreadable file: keep what it might need rather than guess
            return binaries
        for name in imports:
            target = by_name.get(os.path.basename(name).lower())
            if target is not None and target[0] not in reached:
                todo.append(target)
    return [e for e in binaries if e[0] in reached]
