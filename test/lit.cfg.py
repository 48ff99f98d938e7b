# lit configuration for refcheck's tests.
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "refcheck"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".c", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.refcheck_obj_root, "test")

llvm_config.use_default_substitutions()
llvm_config.add_tool_substitutions(
    [ToolSubst("refcheck", unresolved="fatal")], [config.refcheck_tools_dir])
llvm_config.add_tool_substitutions(["FileCheck", "not"], [config.llvm_tools_dir])
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%srcroot", config.refcheck_src_root))
# Tests must not pick up a compile_commands.json from the build tree.
config.environment["HOME"] = os.environ.get("HOME", "/tmp")
# Nor write into the user's result cache.
config.environment["XDG_CACHE_HOME"] = os.path.join(config.test_exec_root,
                                                    "xdg-cache")
config.substitutions.append(
    ("%expect-exit",
     "%s %s" % (config.python_executable,
                os.path.join(config.test_source_root, "Inputs", "expect-exit.py"))))
# `REQUIRES: z3`: the LLVM build refcheck runs on links Z3, so infeasible
# paths are refuted (refcheck --version says so).
import subprocess
_version = subprocess.run(
    [os.path.join(config.refcheck_tools_dir, "refcheck"), "--version"],
    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
if "Z3 crosscheck available" in _version:
    config.available_features.add("z3")
