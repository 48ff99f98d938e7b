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
  /// ErrorRow::OnlyMemory | ErrorRow::ZeroOk (ErrorSpec's flags of the
  /// same meaning).
  unsigned Facts = 0;
  static constexpr unsigned OnlyMemory = 1, ZeroOk = 2;
};
extern const ErrorRow ErrorRows[];
extern const size_t NumErrorRows;
extern const size_t NumBuiltinRows;
} // namespace refcheck
#endif
