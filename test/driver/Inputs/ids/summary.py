"""Prints file, function, check and origin of each finding of a refcheck
JSON document, then how many findings and distinct ids it has; with --ids,
the sorted ids alone."""
import json
import sys

findings = json.load(open(sys.argv[1]))["findings"]
if "--ids" in sys.argv:
    for i in sorted(f["id"] for f in findings):
        print(i)
    sys.exit(0)
for f in findings:
    print(f["file"], f["function"], f["check"], f["origin"])
print(f"{len(findings)} findings, {len({f['id'] for f in findings})} ids")
