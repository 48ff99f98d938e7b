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
extern const size_t NumBuiltinRows;
} // namespace refcheck
#endif
