"""A throwaway git repository for the bisect tests: one author, no user or
system git config, and a clock that moves one hour per git command, so that
the shas are the same on every run."""
import os
import subprocess


class Repo:
    def __init__(self, path):
        self.path = path
        os.makedirs(path)
        self.env = dict(os.environ,
                        GIT_AUTHOR_NAME="Ada Author",
                        GIT_AUTHOR_EMAIL="ada@example.org",
                        GIT_COMMITTER_NAME="Ada Author",
                        GIT_COMMITTER_EMAIL="ada@example.org",
                        GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
        self.clock = 1700000000

    def git(self, *args):
        self.clock += 3600
        date = "%d +0000" % self.clock
        self.env["GIT_AUTHOR_DATE"] = self.env["GIT_COMMITTER_DATE"] = date
        subprocess.run(["git", "-C", self.path] + list(args), env=self.env,
                       check=True, stdout=subprocess.DEVNULL)

    def write(self, path, text):
        full = os.path.join(self.path, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)

    def commit(self, msg, tag=None):
        self.git("add", "-A")
        self.git("commit", "-q", "-m", msg)
        if tag:
            self.git("tag", tag)
