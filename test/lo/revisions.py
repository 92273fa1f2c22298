"""Accept or reject all tracked changes of Word documents in LibreOffice, and save the text.

Runs with a Python that has LibreOffice's `uno` module (Debian: python3-uno, /usr/bin/python3).
Starts one headless soffice for all documents, so a test file pays the start-up once.

    python3 revisions.py jobs.json

jobs.json: {"profile": "/tmp/lo-profile", "jobs": [
  {"input": "/abs/a.docx", "action": "accept" | "reject" | "none", "output": "/abs/a.accept.txt"}]}

For each job the document is loaded hidden, `.uno:AcceptAllTrackedChanges` or
`.uno:RejectAllTrackedChanges` is dispatched on its frame, and the result is stored as UTF-8
text (filter "Text (encoded)"). Prints one JSON line per job with the number of redlines before
and after. Exit 1 on any failure.
"""

import json
import os
import subprocess
import sys
import time
import uuid

import uno  # noqa: F401  (registers the uno import hooks)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def start(profile):
    pipe = "regelwerk-" + uuid.uuid4().hex
    proc = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            "-env:UserInstallation=" + url(profile),
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except NoConnectException:
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("soffice did not start (exit %s)" % proc.poll())
            time.sleep(0.1)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    return proc, desktop, dispatcher


def redline_count(doc):
    return sum(1 for _ in iterate(doc.getRedlines().createEnumeration()))


def iterate(enum):
    while enum.hasMoreElements():
        yield enum.nextElement()


def run_job(desktop, dispatcher, job):
    doc = desktop.loadComponentFromURL(url(job["input"]), "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError("could not load " + job["input"])
    try:
        before = redline_count(doc)
        action = job["action"]
        if action in ("accept", "reject"):
            command = ".uno:AcceptAllTrackedChanges" if action == "accept" else ".uno:RejectAllTrackedChanges"
            frame = doc.getCurrentController().getFrame()
            dispatcher.executeDispatch(frame, command, "", 0, ())
        after = redline_count(doc)
        doc.storeToURL(
            url(job["output"]),
            (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF")),
        )
        return {"input": job["input"], "action": action, "before": before, "after": after}
    finally:
        doc.close(True)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    proc, desktop, dispatcher = start(spec["profile"])
    failed = False
    try:
        for job in spec["jobs"]:
            try:
                print(json.dumps(run_job(desktop, dispatcher, job)), flush=True)
            except Exception as e:  # report and go on with the other documents
                failed = True
                print(json.dumps({"input": job["input"], "action": job["action"], "error": str(e)}), flush=True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes while terminating
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
