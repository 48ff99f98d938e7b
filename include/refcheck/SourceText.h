//===- SourceText.h - Reading analyzed sources back, for reports -*- C++ -*-=//
//
// Writers and post-filters (HTML listings, inline suppressions) read the
// analyzed files again. Findings carry a function name, not its extent, so
// the extent is found in the text: see findFunction().
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_SOURCETEXT_H
#define REFCHECK_SOURCETEXT_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace refcheck {

/// A file split into lines (without their line ends). Line N is Lines[N-1].
struct SourceLines {
  std::vector<std::string> Lines;
  unsigned size() const { return Lines.size(); }
  llvm::StringRef line(unsigned N) const {
    return N >= 1 && N <= Lines.size() ? llvm::StringRef(Lines[N - 1])
                                       : llvm::StringRef();
  }
};

/// Reads Path (relative paths are taken against Root when Root is not
/// empty). std::nullopt when it cannot be read.
std::optional<SourceLines> readSourceLines(llvm::StringRef Path,
                                           llvm::StringRef Root = "");

/// Where a function definition sits, 1-based and inclusive.
struct FunctionExtent {
  /// First line of the comment block or declaration lines directly above the
  /// line naming the function (no blank line in between).
  unsigned LeadStart = 0;
  /// First line of the definition (its return type, when that is on the
  /// lines above the name).
  unsigned Start = 0;
  /// The line naming the function.
  unsigned NameLine = 0;
  /// The line of the closing brace.
  unsigned End = 0;
};

/// Finds the definition of Name that contains line Inside: the nearest line
/// at or above Inside where Name is followed by '(' and a body in braces
/// follows, whose body reaches Inside. Braces in comments, strings and
/// character literals are skipped. std::nullopt when no such definition is
/// found (for example, the function comes from a macro).
std::optional<FunctionExtent> findFunction(const SourceLines &Src,
                                           llvm::StringRef Name,
                                           unsigned Inside);

/// Whether Src defines a function named Name (findFunction() finds a
/// definition that starts on a line naming it).
bool definesFunction(const SourceLines &Src, llvm::StringRef Name);

} // namespace refcheck
#endif
