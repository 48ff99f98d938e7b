//===- Flags.h - Finding compile flags for a file -------------*- C++ -*-===//
//
// Without a compile database, refcheck works out the flags itself: inside a
// CPython source tree it uses the tree's headers and the defines CPython's
// build gives each directory; elsewhere, the host python3's include folders.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_FLAGS_H
#define REFCHECK_FLAGS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace refcheck {

/// How one file is compiled for analysis.
struct FileCommand {
  std::string File;      ///< as the user named it
  std::string Directory; ///< working directory of the compile
  /// Compiler arguments without the compiler and the file itself.
  std::vector<std::string> Args;
  /// Files that exist only in memory for this compile (path, contents).
  std::vector<std::pair<std::string, std::string>> VirtualFiles;
  /// Where the flags came from, for --verbose and errors.
  std::string Provenance;
  /// Absolute folder that finding ids name files relative to: see
  /// projectRootFor().
  std::string ProjectRoot;
  /// A precompiled header of the file's first lines (see
  /// leadingIncludePrefix()) that the batch built for the files sharing
  /// them: parses use it in place of reading those headers again. Not part
  /// of what the command is: caches and keys ignore it, and a parse it
  /// fails runs again without it.
  std::string PrefixPCH;
};

/// The include folders of a Python installation.
struct PythonIncludes {
  std::string Include;     ///< has Python.h
  std::string PlatInclude; ///< has pyconfig.h (may equal Include)
  std::string Version;     ///< "3.11"
};

/// Asks `Python` (an interpreter name or path) for its include folders.
llvm::Expected<PythonIncludes> queryPythonIncludes(llvm::StringRef Python);

/// The nearest folder at or above File's folder that contains Rel (a
/// relative path), if any.
std::optional<std::string> findFolderAbove(llvm::StringRef File,
                                           llvm::StringRef Rel);

/// The project root of AbsFile, which finding ids name files relative to:
/// the first of the compile database's folder (DbFolder, may be empty), the
/// git root and the current folder that holds the file; the git root or the
/// current folder when none does.
std::string projectRootFor(llvm::StringRef AbsFile, llvm::StringRef DbFolder);

/// Path relative to Root when it is under Root, else Path itself.
std::string pathUnder(llvm::StringRef Root, llvm::StringRef Path);

/// The root of the CPython source tree File is in (the nearest folder above
/// it with Include/Python.h), if any.
std::optional<std::string> findCPythonRoot(llvm::StringRef File);

/// Flags for File inside the CPython tree at Root. Host is used for
/// pyconfig.h when the tree is not configured.
FileCommand cpythonTreeCommand(llvm::StringRef File, llvm::StringRef Root,
                               const PythonIncludes &Host);

/// Flags for an extension file outside any CPython tree.
FileCommand hostPythonCommand(llvm::StringRef File, const PythonIncludes &Host);

/// Turns every `-I DIR` whose DIR holds Python.h into `-isystem DIR`
/// (relative DIRs are read from Cmd.Directory). The analyzer then treats the
/// C API as a library: an opaque call such as PyModule_AddObject no longer
/// invalidates the extension's own globals, so `g = PyDict_New();
/// Py_INCREF(g); PyModule_AddObject(m, "g", g)` still knows what `g` holds
/// after the call.
void treatPythonHeadersAsSystem(FileCommand &Cmd);

} // namespace refcheck
#endif
