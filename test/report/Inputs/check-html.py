"""Loads refcheck's HTML report in headless Chromium and checks it.

    check-html.py REPORT.html FINDINGS.json OUTDIR

FINDINGS.json is `--format=json` output of the same run. The page must
render (Chromium's --dump-dom gives the DOM after loading), each finding must
have its section with its message, every path step must be there both as a
numbered mark on the source listing and in the step list, and the page must
load nothing from outside. Saves OUTDIR/report.png, a screenshot. Prints
one line per finding checked.
"""
import html.parser
import json
import os
import shutil
import struct
import subprocess
import sys

report, findings_json, outdir = sys.argv[1:4]
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium:
    sys.exit("check-html: chromium is not installed (scripts/install-deps)")
url = "file://" + os.path.abspath(report)
base = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--user-data-dir=" + os.path.join(outdir, "profile")]

dom = subprocess.run(base + ["--dump-dom", url], capture_output=True,
                     text=True, timeout=180, check=True).stdout
shot = os.path.join(outdir, "report.png")
if os.path.exists(shot):
    os.remove(shot)
subprocess.run(base + ["--window-size=1200,1600", "--screenshot=" + shot, url],
               capture_output=True, timeout=180, check=True)
with open(shot, "rb") as f:
    head = f.read(24)
assert head[:8] == b"\x89PNG\r\n\x1a\n", "screenshot is not a PNG"
width, height = struct.unpack(">II", head[16:24])
assert (width, height) == (1200, 1600), (width, height)


class Page(html.parser.HTMLParser):
    """Collects, per finding section, its text, its marks and its steps."""

    def __init__(self):
        super().__init__()
        self.sections = {}   # finding id -> dict
        self.current = None
        self.capture = None  # ("mark", n) or ("step",) while inside one
        self.depth = 0
        self.external = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("src", "href"):
            if a.get(key) and not a[key].startswith("#"):
                self.external.append(a[key])
        if tag == "link" or tag == "script":
            self.external.append(tag)
        if tag == "section" and "finding" in a.get("class", ""):
            self.current = {"text": "", "marks": {}, "steps": []}
            self.sections[a["data-id"]] = self.current
        if self.current is None:
            return
        if tag == "span" and "bubble" in a.get("class", "").split():
            self.capture = ["mark", int(a["data-step"]), ""]
            self.depth = 1
        elif tag == "li" and "step" in a.get("class", "").split():
            self.capture = ["step", ""]
            self.depth = 1
        elif self.capture and tag in ("span", "b", "li"):
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "section":
            self.current = None
        if self.capture and tag in ("span", "b", "li"):
            self.depth -= 1
            if self.depth == 0:
                if self.capture[0] == "mark":
                    self.current["marks"][self.capture[1]] = self.capture[2]
                else:
                    self.current["steps"].append(self.capture[1])
                self.capture = None

    def handle_data(self, data):
        if self.current is not None:
            self.current["text"] += data
        if self.capture:
            self.capture[-1] += data


page = Page()
page.feed(dom)
assert not page.external, "page loads outside resources: %s" % page.external
doc = json.load(open(findings_json))
assert len(page.sections) == len(doc["findings"]), \
    "%d sections for %d findings" % (len(page.sections), len(doc["findings"]))
for f in doc["findings"]:
    sec = page.sections.get(f["id"])
    assert sec, "finding %s (%s) is missing" % (f["id"], f["message"])
    assert f["message"] in sec["text"], f["message"]
    expected = [s["message"] for s in f["path"]] + [f["message"]]
    for n, msg in enumerate(expected, 1):
        # The mark text is the step number, then the message.
        assert sec["marks"].get(n, "").endswith(msg), \
            "step %d of %s not marked: %r" % (n, f["id"], sec["marks"])
    assert len(sec["steps"]) == len(expected), sec["steps"]
    for listed, msg in zip(sec["steps"], expected):
        assert listed.endswith(msg), (listed, msg)
    print("finding %s %s: %d steps marked and listed"
          % (f["function"], f["check"], len(expected)))
print("screenshot %s %dx%d" % (os.path.basename(shot), width, height))
