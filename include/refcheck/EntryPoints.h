//===- EntryPoints.h - Python-visible names that reach a C function -*- C++ -*-===//
//
// A C extension exposes functions to Python through tables: PyMethodDef
// (module functions and methods), PyGetSetDef (properties), PyMemberDef
// (plain attributes), type slots (tp_new, tp_repr, ... in a static
// PyTypeObject or a PyType_Slot array), and module init (PyInit_<name>,
// Py_mod_exec). This library reads those tables from a translation unit,
// builds the in-file call graph, and answers: which Python names reach
// function F?
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_ENTRYPOINTS_H
#define REFCHECK_ENTRYPOINTS_H

#include "refcheck/Finding.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTConsumer;
class ASTContext;
} // namespace clang

namespace refcheck {

class EntryPointIndex {
public:
  /// C function -> the Python names bound directly to it, e.g.
  /// "leaky.make_pair", "leaky.Counter.__new__", "leaky.Counter.value"
  /// (a getter), "leaky" (module init: reached by `import leaky`).
  std::map<std::string, std::set<std::string>> Direct;
  /// C function -> the functions that call it or take its address.
  std::map<std::string, std::set<std::string>> Callers;
  /// PyMemberDef attributes, "module.Type.name" (no C function behind them).
  std::set<std::string> Members;

  /// Reads the tables and call edges of one translation unit.
  void build(clang::ASTContext &Ctx);
  /// Adds another unit's names and edges (cross-file graphs).
  void merge(const EntryPointIndex &Other);
  /// The Python names that reach Function, walking callers upward at most
  /// MaxDepth steps. Sorted, unique.
  std::vector<std::string> lookup(llvm::StringRef Function,
                                  unsigned MaxDepth = 8) const;
};

/// An ASTConsumer that fills Out when the translation unit is complete.
std::unique_ptr<clang::ASTConsumer> makeEntryPointConsumer(EntryPointIndex &Out);

/// Fills Finding::EntryPoints of each finding in R from Index.
void attachEntryPoints(Results &R, const EntryPointIndex &Index,
                       unsigned MaxDepth = 8);

/// Cross-file: indexes every file of a compile database (syntax only, no
/// analysis) into one graph, joining functions by name, and fills the
/// EntryPoints of findings that have none, walking at most MaxDepth callers.
/// Returns the number of files indexed, or an error naming the database.
llvm::Expected<unsigned> addCrossFileEntryPoints(Results &R,
                                                 llvm::StringRef BuildDir,
                                                 unsigned MaxDepth);

} // namespace refcheck
#endif
