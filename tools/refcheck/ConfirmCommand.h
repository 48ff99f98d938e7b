//===- ConfirmCommand.h - `refcheck confirm` -------------------*- C++ -*-===//
#ifndef REFCHECK_TOOLS_CONFIRMCOMMAND_H
#define REFCHECK_TOOLS_CONFIRMCOMMAND_H

#include <string>
#include <vector>

namespace refcheck {
/// Hides the options of other subcommands from `refcheck confirm --help`.
void hideUnrelatedConfirmOptions();

/// Runs `refcheck confirm` once the command line is parsed; Trailing is
/// what followed the first `--` (FILE... [-- COMPILER-ARGS]). Returns the
/// exit status.
int runConfirmCommand(const std::vector<std::string> &Trailing,
                      const char *Argv0);
} // namespace refcheck
#endif
