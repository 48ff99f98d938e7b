//===- PrefixPCHs.h - The run's shared precompiled headers -----*- C++ -*-===//
//
// Which parses of a run share a prefix PCH (buildPrefixPCH()), and building
// each one once, when a second parse asks for it: a file parsed once gains
// nothing from it.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_BATCH_PREFIXPCHS_H
#define REFCHECK_BATCH_PREFIXPCHS_H

#include "refcheck/Flags.h"

namespace refcheck {

/// Cmd with the prefix PCH its parse can use, if any: the files whose
/// first lines (leadingIncludePrefix()), folder and flags are the same
/// share one. The first parse to ask for one goes without; the second
/// builds it (others asking meanwhile wait for it). Thread-safe; the PCHs
/// live in a temporary folder removed at exit. With Stats, each build
/// says what it cost on stderr.
FileCommand withPrefixPCH(const FileCommand &Cmd, bool Stats);

} // namespace refcheck
#endif
