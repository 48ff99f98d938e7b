"""Runs a command with its stderr on a pseudo-terminal and prints what it
wrote there, escapes made visible: run-in-pty.py CMD ARGS..."""
import os
import pty
import subprocess
import sys

master, slave = pty.openpty()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL,
                        stderr=slave, stdin=subprocess.DEVNULL)
os.close(slave)
chunks = []
while True:
    try:
        data = os.read(master, 4096)
    except OSError:  # EIO: the other side closed
        break
    if not data:
        break
    chunks.append(data)
proc.wait()
text = b"".join(chunks).decode("utf-8", "replace")
print(text.replace("\r", "<CR>").replace("\x1b", "<ESC>"))
sys.exit(proc.returncode)
