//===- ApiModel.h - What refcheck knows about the CPython C API -*- C++ -*-===//
//
// One model of the C API's reference conventions, fed by (in priority order)
// annotations in the analyzed code, CPython's Doc/data/refcounts.dat, a
// project's .refcheck.yaml and refcheck's built-in table. The model is plain
// data: it does not depend on Clang, so it can be tested and loaded anywhere.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_APIMODEL_H
#define REFCHECK_APIMODEL_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace refcheck {

/// What a call's result is, from the caller's point of view.
enum class ReturnKind : uint8_t {
  NotAnObject, ///< int, void, ...: no reference is returned.
  NewRef,      ///< the caller owns the returned reference (NULL on failure).
  Borrowed,    ///< somebody else owns it; the caller must not release it.
  AlwaysNull,  ///< always returns NULL (PyErr_SetString-style helpers).
};

/// Whether a call takes over ("steals") the caller's reference to an argument.
enum class StealKind : uint8_t {
  No,        ///< the callee borrows the argument (the C-API default).
  Always,    ///< stolen whether or not the call succeeds (PyTuple_SetItem).
  OnSuccess, ///< stolen only when the call returns 0 (PyModule_AddObject).
};

/// Varargs described by a format string.
enum class FormatStyle : uint8_t {
  None,
  BuildValue, ///< Py_BuildValue codes: 'N' steals, 'O'/'S' take a new ref.
  ParseArgs,  ///< PyArg_Parse* codes: 'O' outputs are borrowed.
  Unpack,     ///< PyArg_UnpackTuple: every output is borrowed.
};

/// Where a fact came from; higher wins when two sources disagree.
enum class Source : uint8_t { Builtin, Config, RefcountsDat, Annotation };

const char *toString(ReturnKind K);
const char *toString(Source S);

/// Everything refcheck knows about one function or function-like macro.
struct FunctionSpec {
  std::string Name;
  ReturnKind Return = ReturnKind::NotAnObject;
  /// The call can fail (NULL or -1 with an exception set).
  bool CanFail = true;
  /// Arguments (0-based) whose reference the callee steals.
  std::vector<std::pair<unsigned, StealKind>> Steals;
  /// Arguments the callee does not steal but takes a reference of its own
  /// to (PyList_Append's item): the object outlives the caller's reference.
  std::vector<unsigned> Keeps;
  /// Argument (0-based) whose pointee receives a new reference, or -1
  /// (PyDict_GetItemRef, PyWeakref_GetRef, PyErr_Fetch use several: see
  /// NewRefOutArgs).
  std::vector<unsigned> NewRefOutArgs;
  /// Arguments whose pointee's reference is consumed and replaced by a new
  /// reference (PyUnicode_Append(&left, right)).
  std::vector<unsigned> InOutArgs;
  FormatStyle Format = FormatStyle::None;
  /// Index of the format string argument when Format != None.
  unsigned FormatArg = 0;
  Source From = Source::Builtin;

  StealKind stealOf(unsigned Arg) const;
  bool returnsObject() const { return Return != ReturnKind::NotAnObject; }
};

/// A fact a project states about one of its functions (`annotations:` in
/// .refcheck.yaml), for code whose headers it cannot annotate.
struct ApiAnnotation {
  std::string Function;
  std::optional<ReturnKind> Returns;
  /// 1-based, as in REFCHECK_STEALS_ARG and cpychecker's steals-arg.
  std::vector<unsigned> StealsArgs;
};

/// One code of a Py_BuildValue / PyArg_Parse format string, as it consumes
/// varargs.
struct FormatItem {
  char Code = 0;         ///< 'O', 'N', 'i', ...
  bool IsObject = false; ///< consumes a PyObject* (or PyObject** for Parse)
  bool Steals = false;   ///< Py_BuildValue 'N'
  unsigned NumArgs = 1;  ///< varargs this code consumes ('O!' and 'O&' take 2)
  unsigned ObjectArg = 0;///< which of those NumArgs is the object (0-based)
};

/// Splits a format string into the varargs it consumes. Unknown codes make the
/// result empty and set Ok=false, so callers can stay silent.
std::vector<FormatItem> parseFormat(llvm::StringRef Fmt, FormatStyle Style,
                                    bool &Ok);

class ApiModel {
public:
  /// A model holding refcheck's built-in table only.
  static ApiModel builtin();

  /// The spec for Name, or nullptr when no source describes it. Callers apply
  /// the convention for undescribed functions themselves (see
  /// docs/api-model.md): a function returning PyObject* returns a new
  /// reference and steals nothing.
  const FunctionSpec *lookup(llvm::StringRef Name) const;

  /// Adds or merges a spec. A field set by a higher-priority source wins;
  /// refcounts.dat only ever sets the return kind.
  void add(FunctionSpec Spec);

  /// Reads CPython's Doc/data/refcounts.dat. Only the return-value column is
  /// trusted. Returns an error naming the file and line for malformed input.
  llvm::Error loadRefcountsDat(llvm::StringRef Path);
  llvm::Error parseRefcountsDat(llvm::StringRef Text, llvm::StringRef Name);

  /// Adds a project's fact as a Source::Config spec: what it states
  /// replaces the built-in table's entry; the rest of that entry is kept.
  void addConfigFact(const ApiAnnotation &A);

  size_t size() const { return Specs.size(); }
  /// A digest of the whole model, for cache keys.
  std::string fingerprint() const;

  /// Names, sorted, for listing (`refcheck --list-api`).
  std::vector<const FunctionSpec *> all() const;

private:
  llvm::StringMap<FunctionSpec> Specs;
};

} // namespace refcheck

#endif
