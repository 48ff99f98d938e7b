"""Asserts what wrapped.test expects of `refcheck confirm`'s JSON."""
import json
import sys

doc = json.load(open(sys.argv[1]))
by_function = {f["function"]: f for f in doc["findings"]}
assert set(by_function) == {"always_leak", "checked", "box_repr"}, \
    by_function.keys()
for name, f in by_function.items():
    c = f["confirmation"]
    assert c["status"] == "confirmed", (name, c)
    # Measured until one leaked: the last measured test leaks, the others
    # (cheaper, as good evidence) measured clean.
    assert c["tests"][-1]["leaked"], (name, c)
    assert all(d >= 1 for d in c["tests"][-1]["references"]), (name, c)
    for t in c["tests"][:-1]:
        assert t["references"] == [0, 0, 0], (name, t)
    measured = [t["id"] for t in c["tests"]]
    reaching = [r["id"] for r in c["reaching"]]
    assert measured == reaching[:len(measured)], (measured, reaching)


def reaching(name):
    return sorted((r["id"].rsplit(".", 1)[1], r["via"])
                  for r in by_function[name]["confirmation"]["reaching"])


assert reaching("always_leak") == [("test_area", "call")], \
    reaching("always_leak")
assert reaching("checked") == [("test_scale", "call"),
                               ("test_scale_rejects_text", "call")], \
    reaching("checked")
assert reaching("box_repr") == [("test_box_repr", "slot")], \
    reaching("box_repr")
leaker = by_function["checked"]["confirmation"]["tests"][-1]
assert leaker["id"].endswith("test_scale_rejects_text"), leaker
print("ok")
