"""Prints a SARIF log's results and code flows, one line each, for FileCheck.

    check-sarif.py LOG SRCROOT

Fails when a location's uri is not relative to %SRCROOT%, or when
%SRCROOT% is not SRCROOT.
"""
import json
import os
import sys

log = json.load(open(sys.argv[1]))
run = log["runs"][0]
root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
assert root == "file://" + os.path.realpath(sys.argv[2]) + "/", root
print("srcroot", root)


def where(loc):
    phys = loc["physicalLocation"]
    art = phys["artifactLocation"]
    assert art.get("uriBaseId") == "%SRCROOT%", art
    reg = phys["region"]
    return "%s:%d:%d" % (art["uri"], reg["startLine"], reg["startColumn"])


rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
for res in run["results"]:
    assert rules[res["ruleIndex"]] == res["ruleId"]
    loc = res["locations"][0]
    print("result", res["ruleId"], where(loc),
          loc["logicalLocations"][0]["name"],
          "fingerprint", res["partialFingerprints"]["refcheckId/v2"])
    for flow in res["codeFlows"]:
        for thread in flow["threadFlows"]:
            for step in thread["locations"]:
                print("  step", step["executionOrder"],
                      where(step["location"]),
                      step["location"]["message"]["text"])
