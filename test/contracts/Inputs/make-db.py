# Writes DIR/compile_commands.json for every .c/.cpp file of DIR, compiled
# from DIR against this interpreter's headers, with any further flags
# given: make-db.py DIR [FLAG...]
import json, os, sys, sysconfig
root = sys.argv[1]
inc = sysconfig.get_paths()["include"]
entries = []
for name in sorted(os.listdir(root)):
    if name.endswith((".c", ".cpp")):
        cc = "c++" if name.endswith(".cpp") else "cc"
        entries.append({"directory": root, "file": name,
                        "arguments": [cc, "-c", "-I" + inc, "-O2"]
                                     + sys.argv[2:]
                                     + ["-o", name + ".o", name]})
with open(os.path.join(root, "compile_commands.json"), "w") as f:
    json.dump(entries, f, indent=1)
