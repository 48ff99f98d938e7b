"""expect-exit.py CODE COMMAND...: run COMMAND, pass its output through, and
fail unless it exits with CODE. lit's `not` only knows zero and non-zero."""
import subprocess
import sys

want = int(sys.argv[1])
proc = subprocess.run(sys.argv[2:])
if proc.returncode != want:
    sys.stderr.write("expect-exit: %s exited %d, expected %d\n"
                     % (sys.argv[2], proc.returncode, want))
    sys.exit(1)
