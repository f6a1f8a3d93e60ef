"""Accept or reject every tracked change of DOCX files in LibreOffice, as a person would.

Run with the Python that has LibreOffice's UNO bridge (Debian's /usr/bin/python3 with
python3-uno), not the project's virtualenv:

    /usr/bin/python3 tests/lo_tracked.py accept|reject OUT_DIR FILE.docx...

It starts `soffice --headless` on a private pipe and profile, opens each file, runs
Edit > Track Changes > Accept All (or Reject All) through the dispatcher, and saves
the result as OUT_DIR/NAME.docx (Word 2007-365). Exit status 0 when all were saved.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe: str) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(120):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # not listening yet
            time.sleep(0.5)
    raise SystemExit("soffice did not start")


def main(argv: list[str]) -> int:
    action, out_dir, files = argv[0], argv[1], argv[2:]
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = f"resdiff{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    desktop = None
    try:
        ctx = connect(pipe)
        smgr = ctx.ServiceManager  # type: ignore[attr-defined]
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for path in files:
            url = uno.systemPathToFileUrl(os.path.abspath(path))
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            frame = doc.getCurrentController().getFrame()
            dispatcher.executeDispatch(frame, COMMANDS[action], "", 0, ())
            target = os.path.join(os.path.abspath(out_dir), os.path.basename(path))
            doc.storeToURL(
                uno.systemPathToFileUrl(target), (prop("FilterName", "MS Word 2007 XML"),)
            )
            doc.close(True)
    finally:
        if desktop is not None:
            with contextlib.suppress(Exception):  # already gone
                desktop.terminate()
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
