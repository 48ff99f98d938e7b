//===- ConfirmCommand.h - `refcheck confirm` -------------------*- C++ -*-===//
#ifndef REFCHECK_TOOLS_CONFIRMCOMMAND_H
#define REFCHECK_TOOLS_CONFIRMCOMMAND_H

namespace refcheck {
/// Runs `refcheck confirm`; argv[1] is "confirm". Returns the exit status.
int runConfirmCommand(int argc, const char **argv);
} // namespace refcheck
#endif
