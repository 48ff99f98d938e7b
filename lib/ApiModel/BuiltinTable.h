//===- BuiltinTable.h - rows of refcheck's built-in C-API table -*- C++ -*-===//
#ifndef REFCHECK_LIB_APIMODEL_BUILTINTABLE_H
#define REFCHECK_LIB_APIMODEL_BUILTINTABLE_H

#include "refcheck/ApiModel.h"

namespace refcheck {
struct BuiltinRow {
  const char *Name;
  ReturnKind Return;
  bool CanFail;
  const char *Steals; ///< "a2", "s2", "a0,a1,a2"
  const char *Out;    ///< "n2" new ref into *arg2, "x0" *arg0 replaced
  FormatStyle Format;
  unsigned FormatArg;
};
extern const BuiltinRow BuiltinRows[];

/// A row of lib/ApiModel/ErrorTable.cpp.
struct ErrorRow {
  const char *Name;
  ErrorKind Kind;
  const char *NonNullArgs; ///< "0,1"; "L" is the last argument
  /// ErrorRow::OnlyMemory | ErrorRow::ZeroOk | ErrorRow::UpToOne |
  /// ErrorRow::AnyNegative | ErrorRow::CallsPython | ErrorRow::KeyLookup
  /// (ErrorSpec's flags of the same meaning; a NegSets row without
  /// AnyNegative fails with exactly -1, ErrorSpec::MinusOne).
  unsigned Facts = 0;
  /// "I=V": given NULL as argument I, the call returns V
  /// (ErrorSpec::ResultIfArgNull).
  const char *NullArg = nullptr;
  static constexpr unsigned OnlyMemory = 1, ZeroOk = 2, UpToOne = 4,
                            AnyNegative = 8, CallsPython = 16, KeyLookup = 32;
};
extern const ErrorRow ErrorRows[];
extern const size_t NumErrorRows;
extern const size_t NumBuiltinRows;
/// Names (a '*' matches any run of characters) of the functions whose result is
/// never a shared singleton (ApiModel::makesFreshObject).
extern const char *const FreshResultPatterns[];
extern const size_t NumFreshResultPatterns;
/// Names of the functions among those that may hand back an object the
/// caller already had (ApiModel::mayReturnExisting).
extern const char *const ExistingResultPatterns[];
extern const size_t NumExistingResultPatterns;

/// A call whose non-NULL result has one exact built-in type
/// (ApiModel::typeMadeBy).
struct TypeMakerRow {
  const char *Pattern; ///< a name; a '*' matches any run of characters
  const char *Type;    ///< "bytes", "str", "list", "tuple", "dict"
};
extern const TypeMakerRow TypeMakerRows[];
extern const size_t NumTypeMakerRows;
/// A call that fails only when argument 0 is not of one of Types
/// (ApiModel::succeedsOnType).
struct TypeCheckedRow {
  const char *Name;
  const char *Types; ///< a comma list of TypeMakerRow types
  /// It succeeds on an instance of a subclass of those types too
  /// (ApiModel::succeedsOnSubtype).
  bool SubclassToo;
};
extern const TypeCheckedRow TypeCheckedRows[];
extern const size_t NumTypeCheckedRows;

/// A row of the ownership table in the model's form, or an error naming the
/// row and its bad cell. ApiModel::builtin() stops on the first bad row.
llvm::Expected<FunctionSpec> specFromRow(const BuiltinRow &R);
/// The same for a row of the error table.
llvm::Expected<ErrorSpec> errorSpecFromRow(const ErrorRow &R);

/// Whether the two tables' rows for one function say the same thing about
/// its failure; an error saying how they differ. The can-fail column of the
/// ownership table says whether correct use can see the error value (NULL,
/// -1); the error table's convention must agree:
///   - an object result may be NULL (can fail) under null-sets,
///     null-maybe-sets, null-no-exception, null-if-absent, occurred, clears
///     and unknown; it never is under no-effect and null-on-misuse;
///   - an always-NULL result goes with "sets";
///   - any other result can fail under negative-sets, zero-sets,
///     ambiguous, null-* and unknown; it cannot under no-effect, clears,
///     restores and sets.
llvm::Error checkRowsAgree(const BuiltinRow &R, const ErrorRow &E);
} // namespace refcheck
#endif
