"""check-json.py RESULT.json SHAFILE: the bisect result names the commit in
SHAFILE as the first bad one."""
import json
import sys

doc = json.load(open(sys.argv[1]))
want = open(sys.argv[2]).read().strip()
got = doc["first_bad"]["sha"]
if doc["status"] != "found" or got != want:
    sys.exit("first bad commit %s (%s), expected %s"
             % (got, doc["status"], want))
