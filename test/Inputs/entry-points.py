"""Prints `function: entry, entry` per finding of a refcheck JSON document,
in source order, for FileCheck."""
import json
import sys

doc = json.load(open(sys.argv[1]))
for f in sorted(doc["findings"], key=lambda f: f["line"]):
    print("%s: %s" % (f["function"], ", ".join(f["entry_points"]) or "(none)"))
