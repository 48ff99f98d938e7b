"""safety.py REFCHECK REPO TMPDIR MODE: checks that refcheck bisect leaves the
user's checkout exactly as it was.

Before and after the run it takes a snapshot of the checkout: the bytes of
.git/HEAD and .git/index, HEAD, the index (`git ls-files -s`), `git status
--porcelain`, `git stash list`, `git worktree list`, the refs, and a hash of
every file in the working tree (.git excluded). MODE:

  complete  run to the end;
  sigint    send SIGINT once the first step is logged;
  sigterm   a --dynamic run whose confirm command sleeps: SIGTERM it while
            that command runs.

In the interrupted modes it also checks, while the run is under way, that
the temporary worktree really exists (so the test can tell when it is left
behind). Afterwards TMPDIR (refcheck's temporary folder) must be empty.
"""
import hashlib
import os
import signal
import subprocess
import sys
import time

refcheck, repo, tmpdir, mode = sys.argv[1:5]


def git(*args):
    return subprocess.run(["git", "-C", repo] + list(args), check=True,
                          capture_output=True, text=True).stdout


def snapshot():
    files = {}
    for root, dirs, names in os.walk(repo):
        dirs[:] = [d for d in dirs if d != ".git"]
        for n in names:
            p = os.path.join(root, n)
            with open(p, "rb") as f:
                files[os.path.relpath(p, repo)] = hashlib.sha256(
                    f.read()).hexdigest()
    return {
        "HEAD": git("rev-parse", "HEAD"),
        "symbolic HEAD": git("symbolic-ref", "-q", "HEAD"),
        "index": git("ls-files", "-s"),
        "status": git("status", "--porcelain", "--untracked-files=all"),
        "stash": git("stash", "list"),
        "worktrees": git("worktree", "list", "--porcelain"),
        "refs": git("for-each-ref"),
        "files": files,
    }


def raw_files():
    """The bytes of .git/HEAD, .git/index and the stash ref, read without
    running git (git status may refresh the index)."""
    out = {}
    for name in ("HEAD", "index", "refs/stash", "packed-refs"):
        p = os.path.join(repo, ".git", name)
        if os.path.exists(p):
            with open(p, "rb") as f:
                out[".git/" + name] = hashlib.sha256(f.read()).hexdigest()
    return out


def compare(before, after, what):
    bad = [k for k in before if before[k] != after[k]]
    if bad:
        for k in bad:
            sys.stderr.write("%s: %s changed:\n  before: %r\n  after:  %r\n"
                             % (what, k, before[k], after[k]))
        sys.exit(1)


env = dict(os.environ, TMPDIR=tmpdir)
before = snapshot()
raw_before = raw_files()
if mode == "complete":
    args = [refcheck, "bisect", "--good=start", "--bad=head",
            "--function=compute", "src/extension.c"]
elif mode == "sigint":
    args = [refcheck, "bisect", "--good=start", "--bad=head",
            "--function=compute", "src/extension.c"]
else:
    # The confirm command sleeps at every commit but the first: SIGTERM comes
    # while it runs, and must stop it and its children.
    args = [refcheck, "bisect", "--dynamic", "--good=clean", "--bad=head",
            "--build=touch built-here",
            "--confirm=if test -e .second; then sleep 60 & echo $! > \"$PIDFILE\"; "
            "wait; fi; touch .second; exit 1"]
    env["PIDFILE"] = pidfile = os.path.join(os.path.dirname(tmpdir),
                                            "sleep.pid")
proc = subprocess.Popen(args, cwd=repo, env=env, stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, text=True)
if mode != "complete":
    first = proc.stderr.readline()
    if "step 1" not in first:
        sys.exit("no first step logged; got %r" % first)
    during = git("worktree", "list", "--porcelain")
    if during.count("worktree ") < 2:
        sys.exit("no temporary worktree while bisecting:\n" + during)
    if mode == "sigterm":
        time.sleep(1)  # let the sleeping confirm command start
    proc.send_signal(signal.SIGINT if mode == "sigint" else signal.SIGTERM)
try:
    out, err = proc.communicate(timeout=60)
except subprocess.TimeoutExpired:
    proc.kill()
    sys.exit("refcheck bisect did not stop")
sys.stdout.write(out)
sys.stdout.write(err)
print("exit status: %d" % proc.returncode)
compare(raw_before, raw_files(), mode)
compare(before, snapshot(), mode)
left = os.listdir(tmpdir)
if left:
    sys.exit("temporary files left in TMPDIR: %r" % left)
if mode == "sigterm":
    with open(pidfile) as f:
        pid = int(f.read())
    try:
        os.kill(pid, 0)
        sys.exit("the confirm command's child %d is still running" % pid)
    except ProcessLookupError:
        print("the confirm command's child was stopped")
print("checkout unchanged; TMPDIR empty")
