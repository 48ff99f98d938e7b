"""Prints `entry: test ids` per entry of an index document, sorted."""
import json
import sys

doc = json.load(open(sys.argv[1]))
for entry, tests in sorted(doc["entries"].items()):
    print("%s: %s" % (entry, " ".join(sorted(t["id"] for t in tests))))
print("roots: " + " ".join(doc["roots"]))
