// Table-driven: every format code, what varargs it consumes.
#include "FormatCaseName.h"
#include "refcheck/ApiModel.h"
#include "gtest/gtest.h"

using namespace refcheck;

namespace {
struct Case {
  const char *Fmt;
  FormatStyle Style;
  bool Ok;
  unsigned NumVarargs;   ///< total varargs consumed
  const char *Objects;   ///< per item: 'o' object, 'n' stolen object, '-' other
};

std::string shape(const std::vector<FormatItem> &Items) {
  std::string S;
  for (const FormatItem &I : Items)
    S += I.IsObject ? (I.Steals ? 'n' : 'o') : '-';
  return S;
}

unsigned varargs(const std::vector<FormatItem> &Items) {
  unsigned N = 0;
  for (const FormatItem &I : Items)
    N += I.NumArgs;
  return N;
}

const Case Cases[] = {
    // Py_BuildValue
    {"O", FormatStyle::BuildValue, true, 1, "o"},
    {"S", FormatStyle::BuildValue, true, 1, "o"},
    {"N", FormatStyle::BuildValue, true, 1, "n"},
    {"O&", FormatStyle::BuildValue, true, 2, "-"},
    {"(iN)", FormatStyle::BuildValue, true, 2, "-n"},
    {"[O,O]", FormatStyle::BuildValue, true, 2, "oo"},
    {"{s:O}", FormatStyle::BuildValue, true, 2, "-o"},
    {"s#", FormatStyle::BuildValue, true, 2, "-"},
    {"y#z#u#U#", FormatStyle::BuildValue, true, 8, "----"},
    {"ibhlBHIkLKncCdfDp", FormatStyle::BuildValue, true, 17,
     "-----------------"},
    {"", FormatStyle::BuildValue, true, 0, ""},
    {"Q", FormatStyle::BuildValue, false, 0, ""},
    // PyArg_ParseTuple and friends
    {"O", FormatStyle::ParseArgs, true, 1, "o"},
    {"O!", FormatStyle::ParseArgs, true, 2, "o"},
    {"O&", FormatStyle::ParseArgs, true, 2, "-"},
    {"SYU", FormatStyle::ParseArgs, true, 3, "ooo"},
    {"s#", FormatStyle::ParseArgs, true, 2, "-"},
    {"s*y*z*w*", FormatStyle::ParseArgs, true, 4, "----"},
    {"es", FormatStyle::ParseArgs, true, 2, "-"},
    {"et#", FormatStyle::ParseArgs, true, 3, "-"},
    {"i|O$p:func", FormatStyle::ParseArgs, true, 3, "-o-"},
    {"(ii)O;message with O in it", FormatStyle::ParseArgs, true, 3, "--o"},
    {"bBhHiIlkLKnfdDcCp", FormatStyle::ParseArgs, true, 17,
     "-----------------"},
    {"e", FormatStyle::ParseArgs, false, 0, ""},
    {"w", FormatStyle::ParseArgs, false, 0, ""},
    {"X", FormatStyle::ParseArgs, false, 0, ""},
};
} // namespace

class FormatCodes : public ::testing::TestWithParam<Case> {};

TEST_P(FormatCodes, ConsumesTheRightVarargs) {
  const Case &C = GetParam();
  bool Ok = !C.Ok;
  std::vector<FormatItem> Items = parseFormat(C.Fmt, C.Style, Ok);
  EXPECT_EQ(Ok, C.Ok) << C.Fmt;
  EXPECT_EQ(varargs(Items), C.NumVarargs) << C.Fmt;
  EXPECT_EQ(shape(Items), C.Objects) << C.Fmt;
}

namespace {
// Found by GoogleTest through argument-dependent lookup.
[[maybe_unused]] void PrintTo(const Case &C, std::ostream *OS) {
  printFormatCase(C.Fmt, C.Style, OS);
}
} // namespace

INSTANTIATE_TEST_SUITE_P(AllCodes, FormatCodes, ::testing::ValuesIn(Cases),
                         caseName<Case>);

TEST(FormatCodes, ObjectOfTypeCheckedCodeIsTheSecondVararg) {
  bool Ok = false;
  auto Items = parseFormat("O!", FormatStyle::ParseArgs, Ok);
  ASSERT_EQ(Items.size(), 1u);
  EXPECT_EQ(Items[0].ObjectArg, 1u);
}
