// Table-driven: every format code of PyArg_Parse* and Py_BuildValue, and the
// C type format-mismatch checks each of its varargs against.
#include "FormatCaseName.h"
#include "refcheck/ApiModel.h"
#include "gtest/gtest.h"

using namespace refcheck;

namespace {
struct TypeCase {
  const char *Fmt;
  FormatStyle Style;
  /// Per vararg, toString(FormatArgType), with '=' in front of the ones a
  /// parse format takes by value; items separated by '|'.
  const char *Types;
};

std::string render(const std::vector<FormatItem> &Items) {
  std::string S;
  for (const FormatItem &I : Items) {
    if (!S.empty())
      S += "|";
    for (size_t K = 0; K < I.ArgTypes.size(); ++K) {
      if (K)
        S += ",";
      if (I.ByValue[K])
        S += "=";
      S += toString(I.ArgTypes[K]);
    }
  }
  return S;
}

constexpr FormatStyle P = FormatStyle::ParseArgs;
constexpr FormatStyle B = FormatStyle::BuildValue;

const TypeCase Cases[] = {
    // --- PyArg_ParseTuple: pointers to these ---------------------------------
    {"b", P, "char"},
    {"B", P, "char"},
    {"h", P, "short"},
    {"H", P, "short"},
    {"i", P, "int"},
    {"I", P, "int"},
    {"l", P, "long"},
    {"k", P, "long"},
    {"L", P, "long long"},
    {"K", P, "long long"},
    {"n", P, "Py_ssize_t"},
    {"c", P, "char"},
    {"C", P, "int"},
    {"f", P, "float"},
    {"d", P, "double"},
    {"D", P, "Py_complex"},
    {"p", P, "int"},
    {"s", P, "const char *"},
    {"s#", P, "const char *,Py_ssize_t"},
    {"s*", P, "Py_buffer"},
    {"z", P, "const char *"},
    {"z#", P, "const char *,Py_ssize_t"},
    {"z*", P, "Py_buffer"},
    {"y", P, "const char *"},
    {"y#", P, "const char *,Py_ssize_t"},
    {"y*", P, "Py_buffer"},
    {"w*", P, "Py_buffer"},
    {"u", P, "wchar_t *"},
    {"u#", P, "wchar_t *,Py_ssize_t"},
    {"Z", P, "wchar_t *"},
    {"Z#", P, "wchar_t *,Py_ssize_t"},
    {"S", P, "PyObject *"},
    {"Y", P, "PyObject *"},
    {"U", P, "PyObject *"},
    {"O", P, "PyObject *"},
    {"O!", P, "=PyTypeObject *,PyObject *"},
    {"O&", P, "=converter function,=void *"},
    {"es", P, "=const char *,const char *"},
    {"et", P, "=const char *,const char *"},
    {"es#", P, "=const char *,const char *,Py_ssize_t"},
    {"et#", P, "=const char *,const char *,Py_ssize_t"},
    // Markers consume nothing; ':' and ';' end the codes.
    {"i|i$i", P, "int|int|int"},
    {"(ii)", P, "int|int"},
    {"O:name with i", P, "PyObject *"},
    {"O;message with i", P, "PyObject *"},
    // --- Py_BuildValue: the values themselves (after promotion) ------------
    {"s", B, "const char *"},
    {"s#", B, "const char *,Py_ssize_t"},
    {"z", B, "const char *"},
    {"z#", B, "const char *,Py_ssize_t"},
    {"y", B, "const char *"},
    {"y#", B, "const char *,Py_ssize_t"},
    {"U", B, "const char *"},
    {"U#", B, "const char *,Py_ssize_t"},
    {"u", B, "wchar_t *"},
    {"u#", B, "wchar_t *,Py_ssize_t"},
    {"i", B, "int"},
    {"b", B, "int"},
    {"h", B, "int"},
    {"B", B, "int"},
    {"H", B, "int"},
    {"I", B, "int"},
    {"c", B, "int"},
    {"C", B, "int"},
    {"p", B, "int"},
    {"l", B, "long"},
    {"k", B, "long"},
    {"L", B, "long long"},
    {"K", B, "long long"},
    {"n", B, "Py_ssize_t"},
    {"d", B, "double"},
    {"f", B, "double"},
    {"D", B, "any"},
    {"O", B, "PyObject *"},
    {"S", B, "PyObject *"},
    {"N", B, "PyObject *"},
    {"O&", B, "converter function,void *"},
    {"(i,[O]){s:N}", B, "int|PyObject *|const char *|PyObject *"},
};
} // namespace

class FormatTypes : public ::testing::TestWithParam<TypeCase> {};

TEST_P(FormatTypes, EveryCodeHasItsCType) {
  const TypeCase &C = GetParam();
  bool Ok = false;
  std::vector<FormatItem> Items = parseFormat(C.Fmt, C.Style, Ok);
  ASSERT_TRUE(Ok) << C.Fmt;
  for (const FormatItem &I : Items) {
    EXPECT_EQ(I.ArgTypes.size(), I.NumArgs) << C.Fmt;
    EXPECT_EQ(I.ByValue.size(), I.NumArgs) << C.Fmt;
  }
  EXPECT_EQ(render(Items), C.Types) << C.Fmt;
}

namespace {
// Found by GoogleTest through argument-dependent lookup.
[[maybe_unused]] void PrintTo(const TypeCase &C, std::ostream *OS) {
  printFormatCase(C.Fmt, C.Style, OS);
}
} // namespace

INSTANTIATE_TEST_SUITE_P(AllCodes, FormatTypes, ::testing::ValuesIn(Cases),
                         caseName<TypeCase>);

TEST(FormatTypes, SpellingKeepsTheModifier) {
  bool Ok = false;
  auto Items = parseFormat("O!s#es#|i", FormatStyle::ParseArgs, Ok);
  ASSERT_TRUE(Ok);
  ASSERT_EQ(Items.size(), 4u);
  EXPECT_EQ(Items[0].Spelling, "O!");
  EXPECT_EQ(Items[1].Spelling, "s#");
  EXPECT_EQ(Items[2].Spelling, "es#");
  EXPECT_EQ(Items[3].Spelling, "i");
}

TEST(FormatTypes, UnpackTupleHasNoFormat) {
  bool Ok = true;
  EXPECT_TRUE(parseFormat("name", FormatStyle::Unpack, Ok).empty());
  EXPECT_FALSE(Ok);
}

TEST(ErrorModel, ConventionsComeFromTheTable) {
  ApiModel M = ApiModel::builtin();
  struct { const char *Name; ErrorKind Kind; } Rows[] = {
      {"PyErr_SetString", ErrorKind::AlwaysSets},
      {"PyErr_Format", ErrorKind::AlwaysSets},
      {"PyErr_NoMemory", ErrorKind::AlwaysSets},
      {"PyErr_Clear", ErrorKind::Clears},
      {"PyErr_Fetch", ErrorKind::Clears},
      {"PyErr_Occurred", ErrorKind::Occurred},
      {"PyErr_Restore", ErrorKind::Restores},
      {"PyArg_ParseTuple", ErrorKind::ZeroSets},
      {"_PyArg_ParseTupleAndKeywords_SizeT", ErrorKind::ZeroSets},
      {"PyLong_AsLong", ErrorKind::Ambiguous},
      {"PyFloat_AsDouble", ErrorKind::Ambiguous},
      {"PyList_Append", ErrorKind::NegSets},
      {"PyObject_SetAttrString", ErrorKind::NegSets},
      {"PyDict_GetItem", ErrorKind::NullNoSet},
      {"PyDict_GetItemWithError", ErrorKind::NullMaybeSets},
      {"PyIter_Next", ErrorKind::NullMaybeSets},
      {"PyUnicode_AsUTF8", ErrorKind::NullSets},
      {"Py_DECREF", ErrorKind::NoEffect},
      {"PyModule_GetState", ErrorKind::NullOnMisuse},
      {"PyCapsule_GetPointer", ErrorKind::NullOnMisuse},
      {"PyState_FindModule", ErrorKind::NullIfAbsent},
  };
  for (auto &R : Rows) {
    EXPECT_EQ(M.errorKindOf(R.Name), R.Kind) << R.Name;
  }
}

TEST(ErrorModel, FallsBackOnTheOwnershipTable) {
  ApiModel M = ApiModel::builtin();
  // New references that can fail: NULL with an exception. (PyList_New has
  // a row only to say that it fails only on memory errors.)
  EXPECT_EQ(M.lookupError("PyObject_Repr"), nullptr);
  EXPECT_EQ(M.errorKindOf("PyObject_Repr"), ErrorKind::NullSets);
  EXPECT_EQ(M.errorKindOf("PyList_New"), ErrorKind::NullSets);
  // Cannot fail: no effect.
  EXPECT_EQ(M.errorKindOf("PyTuple_GET_ITEM"), ErrorKind::NoEffect);
  // Always NULL: sets.
  EXPECT_EQ(M.errorKindOf("PyErr_SetFromErrno"), ErrorKind::AlwaysSets);
  // Unknown to every table: unknown.
  EXPECT_EQ(M.errorKindOf("my_helper"), ErrorKind::Unknown);
}

TEST(ErrorModel, NonNullArguments) {
  ApiModel M = ApiModel::builtin();
  const ErrorSpec *A = M.lookupError("PyList_Append");
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(A->NonNullArgs, (std::vector<unsigned>{0, 1}));
  const ErrorSpec *D = M.lookupError("_Py_DECREF");
  ASSERT_NE(D, nullptr);
  EXPECT_EQ(D->NonNullArgs, std::vector<unsigned>{ErrorSpec::LastArg});
  // Py_XDECREF accepts NULL.
  EXPECT_TRUE(M.lookupError("Py_XDECREF")->NonNullArgs.empty());
  EXPECT_TRUE(M.lookupError("PyDict_GetItem")->resultNeedsCheck());
  EXPECT_FALSE(M.lookupError("PyList_Append")->resultNeedsCheck());
}

TEST(ErrorModel, FingerprintCoversErrorRows) {
  ApiModel A = ApiModel::builtin(), B = ApiModel::builtin();
  EXPECT_EQ(A.fingerprint(), B.fingerprint());
  ErrorSpec E;
  E.Name = "PyList_Append";
  E.Kind = ErrorKind::Unknown;
  B.addError(E);
  EXPECT_NE(A.fingerprint(), B.fingerprint());
}
