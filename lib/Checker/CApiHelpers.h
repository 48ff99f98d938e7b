//===- CApiHelpers.h - Shared by the checks beyond refcounts ----*- C++ -*-===//
//
// Small AST helpers shared by the checkers of lib/Checker (PyRefChecker,
// ExceptionStateChecker, NullResultChecker, FormatChecker, MethodDefChecker),
// and the registration functions of every checker.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_LIB_CHECKER_CAPIHELPERS_H
#define REFCHECK_LIB_CHECKER_CAPIHELPERS_H

#include "refcheck/ApiModel.h"
#include "refcheck/Checker.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SValBuilder.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace clang {
class Preprocessor;
namespace ento {
class CallEvent;
}
}

namespace refcheck {

/// The type slots that free the object they are called with: tp_dealloc,
/// tp_free.
bool isDeallocSlotName(llvm::StringRef Slot);

/// The struct member an indirect call goes through: `t->tp_free(op)`,
/// `(*t->tp_dealloc)(op)`, `r->visit(...)`; nullptr for a direct call or
/// any other callee.
const clang::MemberExpr *calledMember(const clang::CallExpr *CE);

/// Whether the Python headers make the interpreter's statically allocated
/// objects (Py_None, Py_True, Py_False, Py_NotImplemented, Py_Ellipsis, the
/// built-in types) immortal. Python 3.12 did (PEP 683); before it, they have
/// a reference count like any object.
enum class StaticObjects { Mortal, Immortal, Unknown };
/// Read from the headers' macros: PY_MAJOR_VERSION and PY_MINOR_VERSION
/// (patchlevel.h), else a literal PY_VERSION_HEX; _Py_IMMORTAL_REFCNT
/// (3.12's object.h) means immortal whatever the version says. Unknown
/// when none is defined.
StaticObjects staticObjectsIn(const clang::Preprocessor &PP);

/// The value of a macro defined as one integer literal (PY_MINOR_VERSION
/// in patchlevel.h), whether the parse read it or a precompiled header.
std::optional<uint64_t> integerMacro(const clang::Preprocessor &PP,
                                     llvm::StringRef Name);

/// How users write the interpreter's singletons: "Py_None" for
/// _Py_NoneStruct and so on; other variables by their own name.
std::string staticObjectName(const clang::VarDecl *VD);

/// Whether VD is one of the interpreter's singletons (_Py_NoneStruct,
/// _Py_TrueStruct, ...), not a static object of the project.
bool isInterpreterSingleton(const clang::VarDecl *VD);

/// True for PyObject* and pointers to structs that start with a PyObject
/// header (PyTupleObject*, PyTypeObject*, user objects with PyObject_HEAD).
bool isPyObjectPointerType(clang::QualType T);
/// True for a pointer to a struct this unit only declares (`struct Row;`):
/// whether it points to an object, the unit cannot tell, but a contract
/// from the file that defines it can.
bool isOpaqueRecordPointerType(clang::QualType T);

/// Whether T is or holds a Python object pointer: through pointers,
/// arrays and function types (a callback taking a PyObject *).
bool mentionsPythonObject(clang::QualType T);

/// Which functions of a C unit can hold a Python object, reach the C API
/// or call what refcheck cannot see into (PythonScope.cpp): the others
/// have nothing for refcheck to report. Remembers what it found.
class PythonScopeIndex {
public:
  /// What one body says by itself (Direct), and the functions of the unit
  /// it calls, whose bodies may say more.
  struct Body {
    bool Direct = false;
    llvm::SmallVector<const clang::FunctionDecl *, 8> Calls;
  };

private:
  llvm::DenseMap<const clang::FunctionDecl *, Body> Facts;
  llvm::DenseMap<const clang::FunctionDecl *, bool> Closure;

public:
  /// True unless FD has a body here that, with every function of the unit
  /// it calls, holds no Python object, calls no Py*/_Py* function, calls
  /// nothing through a pointer and no function without a body here that is
  /// declared outside the system headers. Always true in C++ and
  /// Objective-C.
  bool touchesPython(const clang::FunctionDecl *FD);
};

/// The name users wrote: with PY_SSIZE_T_CLEAN, Python.h renames
/// PyArg_ParseTuple to _PyArg_ParseTuple_SizeT and so on.
llvm::StringRef userFacingName(llvm::StringRef Name);

/// A struct's name, or its typedef's when it is anonymous; "" otherwise.
llvm::StringRef recordName(const clang::RecordDecl *RD);
/// The memory whose value Sym stands for (its initial value, or one
/// derived from it after an invalidation), if any.
const clang::ento::MemRegion *regionOfValue(clang::ento::SymbolRef Sym);
/// The field whose value Sym stands for (regionOfValue, when a field).
const clang::ento::FieldRegion *fieldOfValue(clang::ento::SymbolRef Sym);
/// Whether FR is an object's ob_type field (what Py_TYPE reads).
bool isTypeField(const clang::ento::FieldRegion *FR);
llvm::StringRef recordName(clang::QualType T);

/// `return` written as Py_RETURN_NONE, Py_RETURN_TRUE, Py_RETURN_FALSE or
/// Py_RETURN_NOTIMPLEMENTED: a reference the function owns (on 3.12+ the
/// macros return the immortal object without Py_INCREF, which is correct
/// there).
bool isPyReturnMacro(const clang::ReturnStmt *RS, const clang::ASTContext &Ctx);

/// Whether L is spelled inside an expansion of one of the macros Names, at
/// any depth of nesting (`Py_CLEAR` around a store, `PySequence_Fast_GET_ITEM`
/// around an item read).
bool isInMacro(clang::SourceLocation L, llvm::ArrayRef<llvm::StringRef> Names,
               const clang::SourceManager &SM, const clang::LangOptions &LO);

/// Whether E is `&V` for the variable V, through parentheses and casts
/// (Py_None is `(&_Py_NoneStruct)`).
bool isAddressOf(const clang::Expr *E, const clang::VarDecl *V);

/// The local variable (not a parameter) that E names, through parentheses
/// and casts, or null.
const clang::VarDecl *localVariable(const clang::Expr *E);

/// Every value the local variable V is given in Body: its initializer and
/// the right side of each plain assignment `V = ...`. AddressUses counts
/// every `&V` (an out-parameter may give it anything); OutArgs lists the
/// calls `&V` is an argument of, with the argument's index.
struct ValuesGiven {
  llvm::SmallVector<const clang::Expr *, 4> Values;
  llvm::SmallVector<std::pair<const clang::CallExpr *, unsigned>, 2> OutArgs;
  unsigned AddressUses = 0;
  bool addressTaken() const { return AddressUses > 0; }
};
ValuesGiven valuesGiven(const clang::VarDecl *V, const clang::Stmt *Body);

/// The callee's identifier, or "".
llvm::StringRef directCalleeName(const clang::CallExpr *CE);

/// Whether Name belongs to the C API's namespace (`Py...`, `_Py...`): a
/// function or struct of CPython's, not the project's nor the C library's.
inline bool isPythonApiName(llvm::StringRef Name) {
  return Name.starts_with("Py") || Name.starts_with("_Py");
}

/// The frame of the function the analysis started in (LC's outermost).
const clang::StackFrameContext *topFrame(const clang::LocationContext *LC);
/// The function whose body S is written in, or nullptr.
const clang::FunctionDecl *enclosingFunction(clang::ASTContext &Ctx,
                                             const clang::Stmt *S);

/// E without parentheses, casts and the checks before a comma (3.11's
/// `_PyList_CAST(op)` is `(assert(PyList_Check(op)), (PyListObject *)op)`).
const clang::Expr *strippedOperand(const clang::Expr *E);
/// Whether A and B, as written, name the same variable, field path, slot
/// (`row->values[i]`), address (`&Type`) or integer constant (`self->lst`
/// in both a read and a store, whatever casts the macros add).
bool sameOperand(const clang::Expr *A, const clang::Expr *B);

/// The call whose own result Sym is: a symbol conjured for a call
/// expression, with the call's type (not a variable the call invalidated,
/// such as an out-parameter). Null otherwise.
const clang::CallExpr *callReturning(clang::ento::SymbolRef Sym);

/// Whether this call returns one of CPython's cached objects, and so
/// cannot fail: a small int (PyLong_FromLong(64)), a str or bytes of no
/// character or one (PyUnicode_FromString(" ")), the empty tuple
/// (PyTuple_New(0), Py_BuildValue("()")), None (Py_BuildValue("")); or,
/// whatever its arguments, an object the interpreter always has and lends
/// (PyModule_GetDict, PyEval_GetBuiltins): never NULL.
bool returnsCachedObject(const clang::ento::CallEvent &Call,
                         llvm::StringRef Name);

/// The error convention of a function, by its name as declared and as
/// written (ApiModel::errorKindOf on both).
ErrorKind errorKindFor(const ApiModel *M, llvm::StringRef Name);
const ErrorSpec *errorSpecFor(const ApiModel *M, llvm::StringRef Name);
const FunctionSpec *functionSpecFor(const ApiModel *M, llvm::StringRef Name);
/// The error convention a declaration of FD states itself, or null:
/// REFCHECK_SETS_EXCEPTION / cpychecker's sets_exception (every call sets
/// an exception) and REFCHECK_NEGATIVE_SETS_EXCEPTION /
/// negative_result_sets_exception (a negative result comes with one).
const ErrorSpec *annotatedErrorSpec(const clang::FunctionDecl *FD);
/// As above, for a function: its own annotation first, then the model.
ErrorKind errorKindFor(const ApiModel *M, const clang::FunctionDecl *FD);
const ErrorSpec *errorSpecFor(const ApiModel *M, const clang::FunctionDecl *FD);
/// The condition "a call of convention K failed" (NULL, 0, a negative
/// int, -1 for an ambiguous one), on its result V of type T; none for a
/// convention without an error value.
std::optional<clang::ento::DefinedOrUnknownSVal>
failureCondition(clang::ento::ProgramStateRef State, clang::ento::SVal V,
                 clang::QualType T, ErrorKind K,
                 clang::ento::SValBuilder &SVB);

/// PyMethodDef's ml_flags: the values of Include/methodobject.h, stable
/// since Python 3.0 (METH_METHOD since 3.9).
enum : uint64_t {
  METH_VARARGS = 0x1,
  METH_KEYWORDS = 0x2,
  METH_NOARGS = 0x4,
  METH_O = 0x8,
  METH_STATIC = 0x20,
  METH_FASTCALL = 0x80,
  METH_METHOD = 0x200,
  /// The bits that choose the calling convention.
  METH_CALL_MASK = METH_VARARGS | METH_KEYWORDS | METH_NOARGS | METH_O |
                   METH_FASTCALL | METH_METHOD,
};

/// The ml_flags of a PyMethodDef entry (its initializer list, semantic
/// form), when they are a constant.
std::optional<uint64_t> methodDefFlags(const clang::InitListExpr *Entry,
                                       const clang::ASTContext &Ctx);

/// Hidden test hook: with REFCHECK_TEST_EXPLORATION set, says on stderr
/// whether the exploration of G's top-level function went to its end or
/// ran out of budget ("refcheck: explored F: complete" / "out of budget").
/// Tests of state hygiene use it: a state that keeps facts nothing can use
/// tells paths apart that could merge, and exploration runs out sooner.
void reportExploration(const clang::ento::ExplodedGraph &G,
                       const clang::ento::ExprEngine &Eng);

/// "Kind#k": S's position among the statements of the same class in the
/// body of D, so that finding ids do not depend on line numbers.
std::string ordinalKey(llvm::StringRef Kind, const clang::Stmt *S,
                       const clang::Decl *D);

/// S's position (from 1) among the statements of D's body with the same
/// key: their class, or with NameOf, the name NameOf gives each call (S
/// must be a call then). 0 when S is not in the body.
unsigned positionInBody(const clang::Stmt *S, const clang::Decl *D,
                        llvm::StringRef (*NameOf)(const clang::Stmt *) =
                            nullptr);

/// Forgets the positions positionInBody found (when a top-level exploration
/// ends: its reports are made).
void resetOrdinalCache();

/// What the C API expects of a function defined in this translation unit,
/// from where its address is stored.
enum class Contract : uint8_t {
  None,
  /// Returns a new reference, or NULL with an exception set: methods,
  /// getters, most type slots, PyInit_*.
  ObjectOrNull,
  /// Returns 0 on success, -1 with an exception set: setters, tp_init,
  /// tp_setattro, mp_ass_subscript, sq_ass_item, Py_mod_exec, ...
  ZeroOrMinusOne,
};

/// Every function of the translation unit with a C-API contract. Functions
/// used as tp_iternext (which may return NULL without an exception) and
/// functions only ever called directly have none.
/// RichCompare, when given, receives the functions used as tp_richcompare
/// (their int argument is one of Py_LT..Py_GE); ArgNonNull, the methods
/// whose second parameter Python never passes NULL (METH_O, METH_VARARGS);
/// ArgNull, those it always passes NULL there (METH_NOARGS). A function
/// registered both ways is in neither. SelfIsOwner receives the functions
/// whose first parameter Python passes as the object the function belongs
/// to (a method's self or module, a type slot's instance or type, a
/// getter's instance): never NULL, never None or another singleton. A
/// function also stored where its first argument may be anything (a
/// number slot such as nb_add, a field of the project's own struct, a
/// METH_STATIC method) is not among them.
llvm::DenseMap<const clang::FunctionDecl *, Contract> computeContracts(
    clang::ASTContext &Ctx,
    llvm::DenseSet<const clang::FunctionDecl *> *RichCompare = nullptr,
    llvm::DenseSet<const clang::FunctionDecl *> *ArgNonNull = nullptr,
    llvm::DenseSet<const clang::FunctionDecl *> *ArgNull = nullptr,
    llvm::DenseSet<const clang::FunctionDecl *> *SelfIsOwner = nullptr);

/// An AST-based report whose short description carries "origin=KEY" (the
/// driver reads it for the finding id) while the message stays readable.
class OriginBugReport : public clang::ento::BasicBugReport {
public:
  OriginBugReport(const clang::ento::BugType &BT, llvm::StringRef Origin,
                  llvm::StringRef Msg, clang::ento::PathDiagnosticLocation L,
                  const clang::Decl *D)
      : BasicBugReport(BT, Msg, L) {
    ShortDescription = ("origin=" + Origin).str();
    setDeclWithIssue(D);
  }
};

/// Each checker of refcheck/Checks.def defines its register<Name>Checker
/// (Registration.cpp adds them all to the analyzer's registry).
#define CHECKER(Name, FullName, Description, ModelsCalls)                      \
  void register##Name##Checker(clang::ento::CheckerManager &Mgr);
#include "refcheck/Checks.def"

/// Registers CheckerT, which reads the config the driver made active.
template <typename CheckerT>
void registerWithConfig(clang::ento::CheckerManager &Mgr) {
  Mgr.registerChecker<CheckerT>()->Config = activeCheckerConfig();
}
/// Contract inference is registered apart: it runs only in inference mode.
void registerContractInferenceChecker(clang::ento::CheckerRegistry &Registry);

} // namespace refcheck
#endif
