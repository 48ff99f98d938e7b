# Writes compile_commands.json for the sources in DIR/src, compiled from
# DIR, against this interpreter's headers: make-db.py DIR
import json, os, sys, sysconfig
root = sys.argv[1]
inc = sysconfig.get_paths()["include"]
entries = []
for name in sorted(os.listdir(os.path.join(root, "src"))):
    if name.endswith(".c"):
        entries.append({"directory": root, "file": "src/" + name,
                        "arguments": ["cc", "-c", "-I" + inc, "-O2",
                                      "-o", name + ".o", "src/" + name]})
with open(os.path.join(root, "compile_commands.json"), "w") as f:
    json.dump(entries, f, indent=1)
