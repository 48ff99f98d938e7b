"""Asserts what end-to-end.test expects of `refcheck confirm`'s JSON."""
import json
import sys

doc = json.load(open(sys.argv[1]))
by_function = {f["function"]: f for f in doc["findings"]}
assert set(by_function) == {"always_leak", "error_leak"}, by_function.keys()


def leaking(finding):
    return sorted(t["id"].rsplit(".", 1)[1]
                  for t in finding["confirmation"]["tests"] if t["leaked"])


always = by_function["always_leak"]
assert always["entry_points"] == ["leakmod.always_leak"], always
assert always["confirmation"]["status"] == "confirmed", always
assert leaking(always) == ["test_always"], leaking(always)
run = [t for t in always["confirmation"]["tests"] if t["leaked"]][0]
assert all(d >= 1 for d in run["references"]) and len(run["references"]) == 3
assert [(r["id"].rsplit(".", 1)[1], r["via"])
        for r in always["confirmation"]["reaching"]] == [
    ("test_always", "call"), ("test_a_crash_after_leak", "static")], always

error = by_function["error_leak"]
assert error["confirmation"]["status"] == "confirmed", error
assert leaking(error) == ["test_error_path"], leaking(error)
for t in error["confirmation"]["tests"]:
    if t["id"].endswith("test_success_path"):
        assert t["references"] == [0, 0, 0], t
print("ok")
