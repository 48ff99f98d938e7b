"""make-db.py DIR: writes DIR/compile_commands.json for module.c and
helper.c in DIR, compiled against python3.11-dbg's headers."""
import json
import os
import sys

d = os.path.abspath(sys.argv[1])
json.dump([{"directory": d, "file": f,
            "arguments": ["cc", "-I/usr/include/python3.11d", "-c", f]}
           for f in ("module.c", "helper.c")],
          open(os.path.join(d, "compile_commands.json"), "w"), indent=1)
