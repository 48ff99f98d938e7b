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
    # Measured until one leaked, then its control (a test that does not
    # reach the function), which measured clean.
    control = c["tests"][-1]
    assert control.get("control") is True, (name, c)
    assert control["references"] == [0, 0, 0], (name, c)
    tests = c["tests"][:-1]
    assert not any(t.get("control") for t in tests), (name, c)
    # The last reaching test measured leaks, the others (cheaper, as good
    # evidence) measured clean.
    assert tests[-1]["leaked"], (name, c)
    assert all(d >= 1 for d in tests[-1]["references"]), (name, c)
    for t in tests[:-1]:
        assert t["references"] == [0, 0, 0], (name, t)
    measured = [t["id"] for t in tests]
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
leaker = by_function["checked"]["confirmation"]["tests"][-2]
assert leaker["id"].endswith("test_scale_rejects_text"), leaker
print("ok")
