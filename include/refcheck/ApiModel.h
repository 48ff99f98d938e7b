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
#include "llvm/Support/JSON.h"
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
  /// Paths of an inferred function disagree (a new reference on some, a
  /// borrowed one on others): the result is not judged.
  Unknown,
  /// The object passed as argument FunctionSpec::AliasArg, handed back
  /// (NULL on failure when the call can fail): the result is what the
  /// caller passed, owned or borrowed as it was.
  Alias,
};

/// Whether a call takes over ("steals") the caller's reference to an argument.
enum class StealKind : uint8_t {
  No,        ///< the callee borrows the argument (the C-API default).
  Always,    ///< stolen whether or not the call succeeds (PyTuple_SetItem).
  OnSuccess, ///< stolen only when the call returns 0 (PyModule_AddObject).
  /// Stolen only when the call fails, returning NULL or -1 (a check-wrapper
  /// that hands its argument back, or releases it and fails).
  OnFailure,
};

/// Varargs described by a format string.
enum class FormatStyle : uint8_t {
  None,
  BuildValue, ///< Py_BuildValue codes: 'N' steals, 'O'/'S' take a new ref.
  ParseArgs,  ///< PyArg_Parse* codes: 'O' outputs are borrowed.
  Unpack,     ///< PyArg_UnpackTuple: every output is borrowed.
};

/// Where a fact came from; higher wins when two sources disagree. A
/// contract inferred from a project function's body ranks lowest: the
/// reviewed tables (and what the user says) win over what refcheck guessed
/// from code, which matters when the project is CPython itself.
enum class Source : uint8_t {
  Inferred,
  Builtin,
  Config,
  RefcountsDat,
  Annotation
};

const char *toString(ReturnKind K);
const char *toString(Source S);

/// Everything refcheck knows about one function or function-like macro.
struct FunctionSpec {
  std::string Name;
  ReturnKind Return = ReturnKind::NotAnObject;
  /// For ReturnKind::Alias: the argument (0-based) handed back.
  unsigned AliasArg = 0;
  /// The call can fail (NULL or -1 with an exception set).
  bool CanFail = true;
  /// For an inferred NewRef result: every path returns NULL or an object
  /// made new there, never a shared singleton (Py_None, Py_True) nor an
  /// object the caller passed or had, so a caller's `r == Py_None` and
  /// `r == arg` are false.
  bool FreshResult = false;
  /// For an inferred NewRef result: every path returns NULL, an object of a
  /// built-in type made there (or looked up by value, as a cached small
  /// int), or one of the interpreter's singletons (Py_None, Py_True, ...)
  /// with a reference: never an instance of the project's own types, a
  /// module or a type that the caller had, so a method's `r == self` is
  /// false (PyGreSQL's _conn_non_query_result makes a str or an int, or
  /// hands back None). FreshResult implies it.
  bool FreshOrStatic = false;
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
  /// reference (PyUnicode_Append(&left, right)): the old pointer value is
  /// dead after the call. When a call that can fail fails, the object is
  /// gone and the pointee is NULL (_PyBytes_Resize).
  std::vector<unsigned> InOutArgs;
  /// Arguments that are memory the call makes into an object with one
  /// reference, which the caller owns from then on (_Py_NewReference,
  /// PyObject_Init after PyObject_Malloc).
  std::vector<unsigned> InitArgs;
  /// The argument that holds the object returned too (PyFrame_GetCode's
  /// frame keeps its code): releasing the new reference leaves the object
  /// alive, borrowed from that argument.
  std::optional<unsigned> ResultHeldBy;
  /// Arguments whose pointee receives a borrowed reference (PyDict_Next's
  /// key and value): the container keeps the object.
  std::vector<unsigned> BorrowedOutArgs;
  /// Arguments whose pointee's reference is replaced when the call succeeds
  /// and left as it was when it fails (PyUnicode_Resize).
  std::vector<unsigned> ReplacedOnSuccessArgs;
  /// An out-argument whose pointee is NULL only when the pointee of every
  /// other out-argument is NULL too (PyErr_Fetch's type).
  std::optional<unsigned> OutNullGuard;
  /// Out-arguments whose pointee is not NULL where the guard's is not
  /// (PyErr_NormalizeException's value: a normalized exception has one).
  std::vector<unsigned> OutSetWithGuard;
  FormatStyle Format = FormatStyle::None;
  /// Index of the format string argument when Format != None.
  unsigned FormatArg = 0;
  /// Arguments whose fate differs between the paths of the function in a
  /// way the result does not explain (an inferred contract): callers stop
  /// judging what they pass there.
  std::vector<unsigned> UnknownArgs;
  Source From = Source::Builtin;
  /// For Source::Inferred: where the function is defined, "file:line", as
  /// path notes and --list-api show it.
  std::string Origin;

  /// The file part of Origin.
  llvm::StringRef originFile() const {
    return llvm::StringRef(Origin).rsplit(':').first;
  }

  StealKind stealOf(unsigned Arg) const;
};

/// Per vararg of a format code: what C type it must have. Parse formats take
/// pointers to these (Int means int*), build formats the values themselves.
enum class FormatArgType : uint8_t {
  Any,          ///< not checked
  Char,         ///< char (1-byte integer)
  Short,        ///< short
  Int,          ///< int
  Long,         ///< long
  LongLong,     ///< long long
  SSize,        ///< Py_ssize_t
  Float,        ///< float (build: promoted to double)
  Double,       ///< double
  Complex,      ///< Py_complex
  CharPtr,      ///< const char *
  WCharPtr,     ///< Py_UNICODE * / wchar_t *
  Object,       ///< PyObject * (or a pointer to a PyObject-headed struct)
  TypeObject,   ///< PyTypeObject * ('O!', passed by value)
  Converter,    ///< a converter function ('O&', passed by value)
  VoidPtr,      ///< any pointer ('O&' target, passed by value)
  Buffer,       ///< Py_buffer ('s*', 'y*', 'w*')
};

const char *toString(FormatArgType T);

/// A fact a project states about one of its functions (`annotations:` in
/// .refcheck.yaml), for code whose headers it cannot annotate.
struct ApiAnnotation {
  std::string Function;
  std::optional<ReturnKind> Returns;
  /// 1-based, as in REFCHECK_STEALS_ARG and cpychecker's steals-arg.
  std::vector<unsigned> StealsArgs;
  /// 1-based: stolen only when the call returns 0.
  std::vector<unsigned> StealsArgsOnSuccess;
  /// 1-based: stolen only when the call fails.
  std::vector<unsigned> StealsArgsOnFailure;
  /// 1-based: the result is this argument, handed back (`returns-arg: N`).
  std::optional<unsigned> ReturnsArg;
  /// 1-based: what happens to them is not known; callers stop judging.
  std::vector<unsigned> UnknownArgs;
  /// `can-fail: false`: never returns NULL (or -1).
  std::optional<bool> CanFail;
  /// How failure is reported (`error: null-sets`).
  std::optional<uint8_t> Error; ///< an ErrorKind
  /// `inferred-from: file:line`, kept for reference.
  std::string InferredFrom;
};

/// One code of a Py_BuildValue / PyArg_Parse format string, as it consumes
/// varargs.
struct FormatItem {
  char Code = 0;         ///< 'O', 'N', 'i', ...
  bool IsObject = false; ///< consumes a PyObject* (or PyObject** for Parse)
  bool Steals = false;   ///< Py_BuildValue 'N'
  unsigned NumArgs = 1;  ///< varargs this code consumes ('O!' and 'O&' take 2)
  unsigned ObjectArg = 0;///< which of those NumArgs is the object (0-based)
  /// The integer it converts is unsigned ('k': unsigned long).
  bool Unsigned = false;
  /// The code as written, with its modifier: "O!", "s#", "es#".
  std::string Spelling;
  /// The C type of each of the NumArgs varargs (see FormatArgType). For
  /// ParseArgs, each is the pointee type of an output pointer, except
  /// TypeObject, Converter, VoidPtr and the encoding of 'es' (CharPtr,
  /// passed by value; see ByValue).
  std::vector<FormatArgType> ArgTypes;
  /// Per vararg: passed by value even in a parse format.
  std::vector<bool> ByValue;
};

/// How a call reports failure and what it does to the "exception set" state
/// of the thread (checks null-without-exception, exception-not-cleared and
/// unchecked-null).
enum class ErrorKind : uint8_t {
  Unknown,       ///< refcheck cannot tell: the exception state becomes unknown
  NoEffect,      ///< never fails and never touches the exception state
  NullSets,      ///< NULL on failure, with an exception set
  NullMaybeSets, ///< NULL on failure or "not found" (PyDict_GetItemWithError)
  NullNoSet,     ///< NULL means "absent", no exception (PyDict_GetItem)
  NullIfAbsent,  ///< NULL without an exception when absent, and code that
                 ///< knows it is there does not check (PyState_FindModule)
  NullOnMisuse,  ///< NULL with an exception only when misused (a module
                 ///< without state, an index out of range, not a capsule):
                 ///< code that knows its objects does not check it
                 ///< (PyModule_GetState, PyCapsule_GetPointer)
  NegSets,       ///< a negative int (-1) on failure, with an exception set
  ZeroSets,      ///< 0 (false) on failure, with an exception set (PyArg_Parse*)
  Ambiguous,     ///< -1 on failure, but -1 is also a value (PyLong_AsLong)
  AlwaysSets,    ///< always sets an exception (PyErr_SetString, PyErr_Format)
  Clears,        ///< clears it (PyErr_Clear, PyErr_Fetch, PyErr_Print)
  Occurred,      ///< PyErr_Occurred: non-NULL iff an exception is set
  Matches,       ///< PyErr_ExceptionMatches: non-zero only when an exception
                 ///< is set (zero: another one, or none)
  Restores,      ///< sets it iff argument 0 is non-NULL (PyErr_Restore)
};

const char *toString(ErrorKind K);
/// The ErrorKind a toString() name stands for.
std::optional<ErrorKind> errorKindNamed(llvm::StringRef Name);

/// The error convention of one function (lib/ApiModel/ErrorTable.cpp).
struct ErrorSpec {
  std::string Name;
  ErrorKind Kind = ErrorKind::Unknown;
  /// Builtin, Config (an annotation's `error:`) or Inferred.
  Source From = Source::Builtin;
  /// Arguments (0-based) that must not be NULL: passing a failed call's
  /// unchecked result there crashes or raises SystemError.
  std::vector<unsigned> NonNullArgs;
  /// In NonNullArgs: the last argument, whatever the count.
  static constexpr unsigned LastArg = ~0u;
  /// NonNullArgs as indices into a call with NumArgs arguments (LastArg
  /// resolved; those the call does not have left out).
  std::vector<unsigned> nonNullArgsOf(unsigned NumArgs) const {
    std::vector<unsigned> Out;
    for (unsigned Idx : NonNullArgs) {
      if (Idx == LastArg)
        Idx = NumArgs ? NumArgs - 1 : 0;
      if (Idx < NumArgs)
        Out.push_back(Idx);
    }
    return Out;
  }
  /// The call fails only when memory runs out (or when misused in ways
  /// correct code does not): allocators, constructors of ints and
  /// containers, PyModule_AddObject, PyType_Ready, PyList_Append. A path
  /// that assumes it fails is an allocation-failure path (docs/checks.md).
  bool FailsOnlyOnMemory = false;
  /// The call runs the callable it is given and checks what it returned
  /// (CPython's _Py_CheckFunctionResult): a result with an exception set
  /// becomes a failure, so called while one is set it fails (PyObject_Call
  /// and its kin; a debug build asserts there is none).
  bool FailsIfExceptionSet = false;
  /// A NULL result means the key looked up is absent (PyDict_GetItem,
  /// PySys_GetObject, PyDict_GetItemWithError with no exception set): the
  /// caller's data decides it, it is no failure (docs/checks.md, Impact).
  bool NullIsAbsentKey = false;
  /// An int result is exactly 0 on success, so any non-zero value is the
  /// failure (`if (PyType_Ready(&T))`); without it only a negative value is
  /// (PyObject_IsTrue returns 1 as a value).
  bool ZeroOnSuccess = false;
  /// The result is -1, 0 or 1, never more (PyObject_IsTrue,
  /// PyWeakref_GetRef): `if (f(...) == 1)` false means -1 or 0.
  bool AtMostOne = false;
  /// A negative int result is exactly -1, never below (PyObject_Size,
  /// PyList_Append): `if (n == -1)` false means success. The table's
  /// NegSets rows say so, except PyObject_Hash, whose other negative
  /// results are hashes; an inferred or configured convention does not.
  bool MinusOne = false;
  /// Given NULL as argument First, the call returns Second, whatever else:
  /// PyCallable_Check(NULL) is 0, PyModule_AddObjectRef(m, name, NULL) is
  /// -1 (the exception the NULL came with is left set).
  std::optional<std::pair<unsigned, int>> ResultIfArgNull;
  /// The result may be NULL (or the error value) and must be checked.
  bool resultNeedsCheck() const {
    return Kind == ErrorKind::NullSets || Kind == ErrorKind::NullMaybeSets ||
           Kind == ErrorKind::NullNoSet;
  }
};

/// Splits a format string into the varargs it consumes. Unknown codes make the
/// result empty and set Ok=false, so callers can stay silent.
std::vector<FormatItem> parseFormat(llvm::StringRef Fmt, FormatStyle Style,
                                    bool &Ok);

/// What inference found out about one project function: its ownership
/// contract (FunctionSpec, Source::Inferred, with its Origin) and, when the
/// paths agree on one, its error convention.
struct InferredContract {
  FunctionSpec Spec;
  std::optional<ErrorKind> Error;
  /// Every failure is a memory error (ErrorSpec::FailsOnlyOnMemory).
  bool FailsOnlyOnMemory = false;
};

/// One contract as JSON (worker output, cache entries) and back; nullopt
/// for malformed input.
/// WithOrigin false: without where the function is (Spec.Origin), for
/// digests of what a contract says, which moving the function keeps.
llvm::json::Value contractToJson(const InferredContract &C,
                                 bool WithOrigin = true);
std::optional<InferredContract> contractFromJson(const llvm::json::Value &V);
/// Whether Name files the contract of a callback field ("Record.field",
/// refcheck::callbackFieldKey) rather than of a function.
inline bool isCallbackFieldKey(llvm::StringRef Name) {
  return Name.contains('.') && !Name.contains("::");
}
/// A callback field's contract when several functions are stored in it
/// (Other is one more of them): what they agree on. An argument they
/// treat differently becomes unknown, as does a result they disagree on;
/// unknown stays unknown, so merging again changes nothing. Into keeps its
/// origin.
void mergeAlternative(InferredContract &Into, const InferredContract &Other);
/// The .refcheck.yaml annotation stating C (`--write-contracts`).
ApiAnnotation toAnnotation(const InferredContract &C);

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
  /// WithInferred false: of every row but the inferred ones.
  std::string fingerprint(bool WithInferred = true) const;

  /// Whether a non-NULL result of Name is always an object the call made
  /// (or an int or str looked up by value), never a shared singleton such
  /// as Py_None, Py_True or Py_NotImplemented: PyList_New, PyLong_FromLong.
  /// PyObject_RichCompare and PyBool_FromLong are not.
  static bool makesFreshObject(llvm::StringRef Name);
  /// Whether a non-NULL result of Name may be an object the caller already
  /// had (PyObject_Str of a str hands back its argument): not a singleton
  /// if makesFreshObject() says so, but not new either.
  static bool mayReturnExisting(llvm::StringRef Name);
  /// The exact built-in type ("bytes", "str", "list", "tuple", "dict") of
  /// a non-NULL result of Name, or "" when it has none:
  /// PyUnicode_AsUTF8String makes bytes.
  static llvm::StringRef typeMadeBy(llvm::StringRef Name);
  /// Whether Name fails only when its argument 0 is not of the type it
  /// reads, so that it succeeds on an object of type Type: PyBytes_AsString
  /// on bytes, PyObject_Length on a list.
  static bool succeedsOnType(llvm::StringRef Name, llvm::StringRef Type);
  /// The same for an object of a subclass of Type (`PyBytes_Check(o)` was
  /// true): PyBytes_AsString and PyList_Size read the object's own struct;
  /// PyObject_Length may call a subclass's __len__.
  static bool succeedsOnSubtype(llvm::StringRef Name, llvm::StringRef Type);

  /// The error convention of Name, or nullptr when no table row says it.
  /// See errorKindOf() for the fallback on the ownership table.
  const ErrorSpec *lookupError(llvm::StringRef Name) const;
  /// The error convention of Name: its row, else derived from its
  /// FunctionSpec (a new or borrowed result that can fail is NullSets, one
  /// that cannot is NoEffect), else Unknown.
  ErrorKind errorKindOf(llvm::StringRef Name) const;
  void addError(ErrorSpec Spec);
  /// Error rows, sorted by name (`refcheck --list-api`).
  std::vector<const ErrorSpec *> allErrors() const;

  /// Names, sorted, for listing (`refcheck --list-api`).
  std::vector<const FunctionSpec *> all() const;

  /// Adds a contract inferred from a project function's body: it fills in
  /// what no other source says (see Source). Its error convention, if any,
  /// becomes an error row unless one exists.
  void addInferred(FunctionSpec Spec, std::optional<ErrorKind> Error,
                   bool FailsOnlyOnMemory = false);

private:
  llvm::StringMap<FunctionSpec> Specs;
  llvm::StringMap<ErrorSpec> Errors;
};

} // namespace refcheck

#endif
