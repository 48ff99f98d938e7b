//===- FormatCaseName.h - Readable names for format-code test cases -*- C++ -*-===//
//
// Parameterized tests over format codes are named after the function family
// and the format ("PyArg_Parse_O_bang"), and print as such, so `ctest -N`
// lists the same readable names on every run.
//
//===----------------------------------------------------------------------===//
#ifndef REFCHECK_UNITTESTS_FORMATCASENAME_H
#define REFCHECK_UNITTESTS_FORMATCASENAME_H

#include "refcheck/ApiModel.h"
#include "llvm/ADT/StringExtras.h"
#include "gtest/gtest.h"
#include <ostream>
#include <string>

namespace refcheck {

inline const char *formatFunctionName(FormatStyle S) {
  switch (S) {
  case FormatStyle::None: return "None";
  case FormatStyle::BuildValue: return "Py_BuildValue";
  case FormatStyle::ParseArgs: return "PyArg_Parse";
  case FormatStyle::Unpack: return "PyArg_UnpackTuple";
  }
  return "None";
}

/// A GoogleTest name (letters, digits, '_') for Fmt under S: letters and
/// digits are kept, other characters are spelled out.
inline std::string formatCaseName(const char *Fmt, FormatStyle S) {
  std::string Name = formatFunctionName(S);
  Name += "_";
  for (const char *P = Fmt; *P; ++P) {
    char C = *P;
    if (llvm::isAlnum(C)) {
      Name += C;
      continue;
    }
    const char *Word = "x";
    switch (C) {
    case '!': Word = "bang"; break;
    case '&': Word = "amp"; break;
    case '#': Word = "hash"; break;
    case '*': Word = "star"; break;
    case '(': Word = "lparen"; break;
    case ')': Word = "rparen"; break;
    case '[': Word = "lbracket"; break;
    case ']': Word = "rbracket"; break;
    case '{': Word = "lbrace"; break;
    case '}': Word = "rbrace"; break;
    case ':': Word = "colon"; break;
    case ';': Word = "semicolon"; break;
    case '|': Word = "bar"; break;
    case '$': Word = "dollar"; break;
    case ',': Word = "comma"; break;
    case ' ': Word = "space"; break;
    case '.': Word = "dot"; break;
    case '@': Word = "at"; break;
    }
    Name += "_";
    Name += Word;
    Name += "_";
  }
  return Name;
}

/// How a case shows in GoogleTest messages: `PyArg_Parse "O!"`.
inline void printFormatCase(const char *Fmt, FormatStyle S, std::ostream *OS) {
  *OS << formatFunctionName(S) << " \"" << Fmt << "\"";
}

/// The name generator for INSTANTIATE_TEST_SUITE_P over a table of cases
/// with Fmt and Style.
template <typename CaseT>
std::string caseName(const ::testing::TestParamInfo<CaseT> &I) {
  return formatCaseName(I.param.Fmt, I.param.Style);
}

} // namespace refcheck
#endif
