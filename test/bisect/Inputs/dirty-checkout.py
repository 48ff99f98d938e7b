"""dirty-checkout.py REPO: gives the throwaway repository the state a user's
checkout is often in: a stash entry, a staged change, an unstaged change, an
untracked file, and a worktree of the user's own."""
import os
import subprocess
import sys

repo = sys.argv[1]
env = dict(os.environ,
           GIT_AUTHOR_NAME="Ada Author", GIT_AUTHOR_EMAIL="ada@example.org",
           GIT_COMMITTER_NAME="Ada Author",
           GIT_COMMITTER_EMAIL="ada@example.org",
           GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)


def git(*args):
    subprocess.run(["git", "-C", repo] + list(args), env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


with open(os.path.join(repo, "README"), "a") as f:
    f.write("stashed edit\n")
git("stash", "push", "-q", "-m", "user's stash")
with open(os.path.join(repo, "README"), "a") as f:
    f.write("staged edit\n")
git("add", "README")
with open(os.path.join(repo, "src", "extension.c"), "a") as f:
    f.write("/* unstaged edit */\n")
with open(os.path.join(repo, "notes.txt"), "w") as f:
    f.write("untracked\n")
git("worktree", "add", "-q", "--detach", repo + "-users-worktree", "clean")
