#include "refcheck/ApiModel.h"
#include "gtest/gtest.h"

using namespace refcheck;

TEST(ApiModel, BuiltinTableKnowsStealsAndBorrows) {
  ApiModel M = ApiModel::builtin();
  const FunctionSpec *S = M.lookup("PyTuple_SetItem");
  ASSERT_NE(S, nullptr);
  EXPECT_EQ(S->stealOf(2), StealKind::Always);
  EXPECT_EQ(S->stealOf(0), StealKind::No);

  const FunctionSpec *Add = M.lookup("PyModule_AddObject");
  ASSERT_NE(Add, nullptr);
  EXPECT_EQ(Add->stealOf(2), StealKind::OnSuccess);

  for (const char *Name : {"PyDict_GetItem", "PyList_GetItem",
                           "PyTuple_GetItem", "PySys_GetObject",
                           "PyModule_GetDict", "PyEval_GetBuiltins",
                           "PyErr_Occurred", "PyImport_GetModuleDict"}) {
    const FunctionSpec *B = M.lookup(Name);
    ASSERT_NE(B, nullptr) << Name;
    EXPECT_EQ(B->Return, ReturnKind::Borrowed) << Name;
  }
  const FunctionSpec *Ref = M.lookup("PyDict_GetItemRef");
  ASSERT_NE(Ref, nullptr);
  EXPECT_EQ(Ref->NewRefOutArgs, std::vector<unsigned>{2});
  EXPECT_EQ(M.lookup("PyList_Append")->stealOf(1), StealKind::No);
  EXPECT_EQ(M.lookup("PyLong_FromLong")->Return, ReturnKind::NewRef);
  EXPECT_EQ(M.lookup("No_Such_Function"), nullptr);
}

TEST(ApiModel, NonStealingStoresKeepTheirOwnReference) {
  ApiModel M = ApiModel::builtin();
  EXPECT_EQ(M.lookup("PyList_Append")->Keeps, std::vector<unsigned>{1});
  EXPECT_EQ(M.lookup("PyDict_SetItem")->Keeps, (std::vector<unsigned>{1, 2}));
  EXPECT_EQ(M.lookup("PyObject_SetAttr")->Keeps, std::vector<unsigned>{2});
  EXPECT_TRUE(M.lookup("PyList_Append")->Steals.empty());
  // Stealing functions do not also "keep".
  EXPECT_TRUE(M.lookup("PyTuple_SetItem")->Keeps.empty());
  // Converters hand a new reference out through their second argument.
  EXPECT_EQ(M.lookup("PyUnicode_FSConverter")->NewRefOutArgs,
            std::vector<unsigned>{1});
  // PyDict_Next lends its key and value.
  EXPECT_EQ(M.lookup("PyDict_Next")->BorrowedOutArgs,
            (std::vector<unsigned>{2, 3}));
  EXPECT_TRUE(M.lookup("PyDict_Next")->NewRefOutArgs.empty());
}

TEST(ApiModel, EveryStealingFunctionOfTheBriefIsListed) {
  ApiModel M = ApiModel::builtin();
  struct { const char *Name; unsigned Arg; } Steals[] = {
      {"PyTuple_SetItem", 2}, {"PyTuple_SET_ITEM", 2}, {"PyList_SetItem", 2},
      {"PyList_SET_ITEM", 2}, {"PyModule_AddObject", 2}, {"PyErr_Restore", 0},
      {"PyErr_Restore", 1}, {"PyErr_Restore", 2},
      {"PyErr_SetRaisedException", 0}, {"PyException_SetCause", 1},
      {"PyException_SetContext", 1}, {"PyStructSequence_SetItem", 2},
      {"PyStructSequence_SET_ITEM", 2}, {"PyBytes_ConcatAndDel", 1},
      {"PyUnicode_AppendAndDel", 1}};
  for (auto &S : Steals) {
    const FunctionSpec *F = M.lookup(S.Name);
    ASSERT_NE(F, nullptr) << S.Name;
    EXPECT_NE(F->stealOf(S.Arg), StealKind::No) << S.Name << " arg " << S.Arg;
  }
}

TEST(RefcountsDat, ReadsRealFormatAndTrustsOnlyTheResultColumn) {
  ApiModel M = ApiModel::builtin();
  // Lines as in CPython's Doc/data/refcounts.dat.
  const char *Text = "# comment\n"
                     "\n"
                     "PyList_SetItem:int:::\n"
                     "PyList_SetItem:PyObject*:list:0:\n"
                     "PyList_SetItem:Py_ssize_t:index::\n"
                     "PyList_SetItem:PyObject*:item:0:\n"
                     "\n"
                     "PyFoo_GetThing:PyObject*::0:\n"
                     "PyFoo_GetThing:PyObject*:o:0:\n"
                     "\n"
                     "PyFoo_Make:PyObject*::+1:\n"
                     "\n"
                     "PyFoo_Fail:PyObject*::null:\n";
  ASSERT_FALSE(bool(M.parseRefcountsDat(Text, "refcounts.dat")));
  // The argument column says 0 for the stolen item: the steal must survive.
  EXPECT_EQ(M.lookup("PyList_SetItem")->stealOf(2), StealKind::Always);
  EXPECT_EQ(M.lookup("PyFoo_GetThing")->Return, ReturnKind::Borrowed);
  EXPECT_EQ(M.lookup("PyFoo_GetThing")->From, Source::RefcountsDat);
  EXPECT_EQ(M.lookup("PyFoo_Make")->Return, ReturnKind::NewRef);
  EXPECT_EQ(M.lookup("PyFoo_Fail")->Return, ReturnKind::AlwaysNull);
  EXPECT_EQ(M.lookup("PyFoo_Unknown"), nullptr);
}

TEST(RefcountsDat, MalformedLinesNameTheLine) {
  ApiModel M;
  llvm::Error E = M.parseRefcountsDat("PyA:int:::\n\nPyB:PyObject*\n", "x.dat");
  ASSERT_TRUE(bool(E));
  EXPECT_EQ(llvm::toString(std::move(E)),
            "x.dat:3: expected 'function:type:param:refcount:comment', got "
            "'PyB:PyObject*'");
  llvm::Error E2 = M.parseRefcountsDat("PyC:PyObject*::+2:\n", "y.dat");
  ASSERT_TRUE(bool(E2));
  EXPECT_NE(llvm::toString(std::move(E2)).find("y.dat:1: unknown refcount effect '+2'"),
            std::string::npos);
}

TEST(RefcountsDat, MissingFileIsAnError) {
  ApiModel M;
  llvm::Error E = M.loadRefcountsDat("/nonexistent/refcounts.dat");
  ASSERT_TRUE(bool(E));
  EXPECT_NE(llvm::toString(std::move(E)).find("cannot read API database"),
            std::string::npos);
}

TEST(ApiModel, FingerprintChangesWithTheModel) {
  ApiModel A = ApiModel::builtin(), B = ApiModel::builtin();
  EXPECT_EQ(A.fingerprint(), B.fingerprint());
  FunctionSpec S;
  S.Name = "PyNew_Thing";
  S.Return = ReturnKind::Borrowed;
  B.add(S);
  EXPECT_NE(A.fingerprint(), B.fingerprint());
}

TEST(ApiModel, FingerprintWithoutInferredIgnoresContracts) {
  // The per-function cache's key: the project's contracts are checked per
  // function, not by the key.
  ApiModel A = ApiModel::builtin(), B = ApiModel::builtin();
  FunctionSpec S;
  S.Name = "project_helper";
  S.Return = ReturnKind::NewRef;
  B.addInferred(S, ErrorKind::NullSets);
  EXPECT_NE(A.fingerprint(), B.fingerprint());
  EXPECT_EQ(A.fingerprint(/*WithInferred=*/false),
            B.fingerprint(/*WithInferred=*/false));
}

TEST(InferredContracts, RankBelowEveryReviewedSource) {
  ApiModel M = ApiModel::builtin();
  FunctionSpec Guess;
  Guess.Name = "PyTuple_SetItem"; // the project is CPython itself
  Guess.Return = ReturnKind::Unknown;
  M.addInferred(Guess, ErrorKind::NullNoSet);
  EXPECT_EQ(M.lookup("PyTuple_SetItem")->From, Source::Builtin);
  EXPECT_EQ(M.lookup("PyTuple_SetItem")->stealOf(2), StealKind::Always);
  EXPECT_NE(M.errorKindOf("PyTuple_SetItem"), ErrorKind::NullNoSet);

  FunctionSpec Helper;
  Helper.Name = "check";
  Helper.Return = ReturnKind::NewRef;
  Helper.Steals = {{0, StealKind::Always}};
  Helper.Origin = "src/util.c:31";
  M.addInferred(Helper, ErrorKind::NullSets);
  ASSERT_NE(M.lookup("check"), nullptr);
  EXPECT_EQ(M.lookup("check")->From, Source::Inferred);
  EXPECT_EQ(M.lookup("check")->originFile(), "src/util.c");
  EXPECT_EQ(M.errorKindOf("check"), ErrorKind::NullSets);

  // A project's annotation overrides the inferred contract.
  ApiAnnotation A;
  A.Function = "check";
  A.Returns = ReturnKind::Borrowed;
  M.addConfigFact(A);
  EXPECT_EQ(M.lookup("check")->Return, ReturnKind::Borrowed);
  EXPECT_EQ(M.lookup("check")->From, Source::Config);
}

TEST(InferredContracts, JsonRoundTripAndMalformedInput) {
  InferredContract C;
  C.Spec.Name = "Holder::Holder";
  C.Spec.Return = ReturnKind::NotAnObject;
  C.Spec.CanFail = false;
  C.Spec.Steals = {{0, StealKind::Always}, {2, StealKind::OnSuccess}};
  C.Spec.UnknownArgs = {1};
  C.Spec.Origin = "b.cpp:3";
  C.Error = ErrorKind::NoEffect;
  std::optional<InferredContract> Back = contractFromJson(contractToJson(C));
  ASSERT_TRUE(Back);
  EXPECT_EQ(Back->Spec.Name, C.Spec.Name);
  EXPECT_EQ(Back->Spec.Steals, C.Spec.Steals);
  EXPECT_EQ(Back->Spec.UnknownArgs, C.Spec.UnknownArgs);
  EXPECT_EQ(Back->Spec.CanFail, false);
  EXPECT_EQ(Back->Spec.Origin, "b.cpp:3");
  EXPECT_EQ(Back->Error, ErrorKind::NoEffect);
  EXPECT_EQ(Back->Spec.From, Source::Inferred);

  // A check-wrapper: hands back argument 0, takes it when failing.
  InferredContract W;
  W.Spec.Name = "check";
  W.Spec.Return = ReturnKind::Alias;
  W.Spec.AliasArg = 1;
  W.Spec.Steals = {{1, StealKind::OnFailure}};
  std::optional<InferredContract> WBack = contractFromJson(contractToJson(W));
  ASSERT_TRUE(WBack);
  EXPECT_EQ(WBack->Spec.Return, ReturnKind::Alias);
  EXPECT_EQ(WBack->Spec.AliasArg, 1u);
  EXPECT_EQ(WBack->Spec.Steals, W.Spec.Steals);
  // As an annotation and back into a model.
  ApiModel M;
  M.addConfigFact(toAnnotation(W));
  ASSERT_TRUE(M.lookup("check"));
  EXPECT_EQ(M.lookup("check")->Return, ReturnKind::Alias);
  EXPECT_EQ(M.lookup("check")->AliasArg, 1u);
  EXPECT_EQ(M.lookup("check")->Steals, W.Spec.Steals);

  for (const char *Bad :
       {R"({"returns": 1})", R"({"name": "f", "returns": 99})",
        R"({"name": "f", "returns": 5, "alias_arg": -1})",
        R"({"name": "f", "returns": 1, "steals": [[0]]})",
        R"({"name": "f", "returns": 1, "error": 42})", R"([1, 2])"}) {
    llvm::Expected<llvm::json::Value> V = llvm::json::parse(Bad);
    ASSERT_TRUE(bool(V)) << Bad;
    EXPECT_FALSE(contractFromJson(*V)) << Bad;
  }
}

//===----------------------------------------------------------------------===//
// The two built-in tables: well formed, and saying the same thing
//===----------------------------------------------------------------------===//
#include "../lib/ApiModel/BuiltinTable.h"
#include "llvm/Support/Error.h"
#include <map>
#include <set>

// Every function with a row in both tables: the error convention agrees
// with the ownership row's can-fail column. One failure per disagreement.
TEST(BuiltinTables, OwnershipAndErrorRowsAgree) {
  std::map<std::string, const ErrorRow *> Errors;
  for (size_t I = 0; I < NumErrorRows; ++I)
    Errors[ErrorRows[I].Name] = &ErrorRows[I];
  unsigned Pairs = 0;
  for (size_t I = 0; I < NumBuiltinRows; ++I) {
    auto It = Errors.find(BuiltinRows[I].Name);
    if (It == Errors.end())
      continue;
    ++Pairs;
    llvm::Error E = checkRowsAgree(BuiltinRows[I], *It->second);
    EXPECT_FALSE(bool(E)) << llvm::toString(std::move(E));
  }
  EXPECT_GT(Pairs, 100u);
}

TEST(BuiltinTables, AgreementCatchesEachKindOfDisagreement) {
  auto Disagree = [](BuiltinRow R, ErrorRow E) {
    llvm::Error Err = checkRowsAgree(R, E);
    bool Bad = bool(Err);
    llvm::consumeError(std::move(Err));
    return Bad;
  };
  // A lookup that returns NULL when absent cannot be "never fails".
  EXPECT_TRUE(Disagree({"lookup", ReturnKind::Borrowed, false, "", "",
                        FormatStyle::None, 0},
                       {"lookup", ErrorKind::NullNoSet, ""}));
  EXPECT_FALSE(Disagree({"lookup", ReturnKind::Borrowed, true, "", "",
                         FormatStyle::None, 0},
                        {"lookup", ErrorKind::NullNoSet, ""}));
  // A getter that is NULL only when misused never fails.
  EXPECT_TRUE(Disagree({"get", ReturnKind::Borrowed, true, "", "",
                        FormatStyle::None, 0},
                       {"get", ErrorKind::NullOnMisuse, "0"}));
  // An object result that is NULL when no exception is pending.
  EXPECT_TRUE(Disagree({"take", ReturnKind::NewRef, false, "", "",
                        FormatStyle::None, 0},
                       {"take", ErrorKind::Clears, ""}));
  // int results.
  EXPECT_TRUE(Disagree({"set", ReturnKind::NotAnObject, false, "", "",
                        FormatStyle::None, 0},
                       {"set", ErrorKind::NegSets, ""}));
  EXPECT_TRUE(Disagree({"put", ReturnKind::NotAnObject, true, "", "",
                        FormatStyle::None, 0},
                       {"put", ErrorKind::NoEffect, ""}));
  EXPECT_TRUE(Disagree({"obj", ReturnKind::NewRef, true, "", "",
                        FormatStyle::None, 0},
                       {"obj", ErrorKind::NegSets, ""}));
  EXPECT_TRUE(Disagree({"raise", ReturnKind::AlwaysNull, false, "", "",
                        FormatStyle::None, 0},
                       {"raise", ErrorKind::NullSets, ""}));
}

TEST(BuiltinTables, EveryRowIsWellFormed) {
  for (size_t I = 0; I < NumBuiltinRows; ++I) {
    llvm::Expected<FunctionSpec> S = specFromRow(BuiltinRows[I]);
    EXPECT_TRUE(bool(S)) << llvm::toString(S.takeError());
  }
  for (size_t I = 0; I < NumErrorRows; ++I) {
    llvm::Expected<ErrorSpec> E = errorSpecFromRow(ErrorRows[I]);
    EXPECT_TRUE(bool(E)) << llvm::toString(E.takeError());
  }
}

TEST(BuiltinTables, MalformedRowsAreErrorsNamingRowAndCell) {
  auto OwnershipError = [](const char *Steals, const char *Out,
                           FormatStyle F = FormatStyle::None,
                           unsigned FormatArg = 0) {
    BuiltinRow R{"Bad_Row", ReturnKind::NotAnObject, true, Steals, Out, F,
                 FormatArg};
    llvm::Expected<FunctionSpec> S = specFromRow(R);
    return S ? std::string() : llvm::toString(S.takeError());
  };
  EXPECT_EQ(OwnershipError("a2,s0", "n1"), "");
  std::string Msg = OwnershipError("q2", "");
  EXPECT_NE(Msg.find("Bad_Row"), std::string::npos) << Msg;
  EXPECT_NE(Msg.find("'q2'"), std::string::npos) << Msg;
  EXPECT_NE(OwnershipError("a", ""), "");        // no index
  EXPECT_NE(OwnershipError("a2,", ""), "");      // empty cell
  EXPECT_NE(OwnershipError("a2x", ""), "");      // trailing junk
  EXPECT_NE(OwnershipError("a1,s1", ""), "");    // the same argument twice
  EXPECT_NE(OwnershipError("", "a1"), "");       // steal tag in the out column
  EXPECT_NE(OwnershipError("n1", ""), "");       // out tag in the steals column
  EXPECT_NE(OwnershipError("a99", ""), "");      // no such argument
  EXPECT_NE(OwnershipError("", "", FormatStyle::None, 1), "");
  EXPECT_NE(OwnershipError("", "x", FormatStyle::None), "");
  // The out-NULL guard names one of the out-arguments, once.
  EXPECT_EQ(OwnershipError("", "n0,n1,g0"), "");
  EXPECT_EQ(OwnershipError("", "x0,r1"), "");
  EXPECT_NE(OwnershipError("", "n0,g1"), "");
  EXPECT_NE(OwnershipError("", "n0,n1,g0,g1"), "");
  // Borrowed outs: an out tag, once per argument.
  EXPECT_EQ(OwnershipError("", "b2,b3"), "");
  EXPECT_NE(OwnershipError("b2", ""), "");
  EXPECT_NE(OwnershipError("", "b2,n2"), "");

  auto ErrorRowError = [](const char *NonNull) {
    llvm::Expected<ErrorSpec> E =
        errorSpecFromRow({"Bad_Error_Row", ErrorKind::NullSets, NonNull});
    return E ? std::string() : llvm::toString(E.takeError());
  };
  EXPECT_EQ(ErrorRowError("0,L"), "");
  EXPECT_NE(ErrorRowError("first"), "");
  EXPECT_NE(ErrorRowError("0,,1"), "");
  EXPECT_NE(ErrorRowError("0,").find("Bad_Error_Row"), std::string::npos);

  // The result-on-NULL cell is "I=V".
  auto NullArgError = [](const char *Cell) {
    llvm::Expected<ErrorSpec> E = errorSpecFromRow(
        {"Bad_Error_Row", ErrorKind::NegSets, "", 0, Cell});
    return E ? std::string() : llvm::toString(E.takeError());
  };
  EXPECT_EQ(NullArgError("2=-1"), "");
  EXPECT_NE(NullArgError("2"), "");
  EXPECT_NE(NullArgError("x=0"), "");
  EXPECT_NE(NullArgError("0=no"), "");
  EXPECT_NE(NullArgError("99=0"), "");
}

TEST(ApiModel, KnowsResultsOnNullArgumentsAndTernaryResults) {
  ApiModel M = ApiModel::builtin();
  const ErrorSpec *Callable = M.lookupError("PyCallable_Check");
  ASSERT_TRUE(Callable && Callable->ResultIfArgNull);
  EXPECT_EQ(*Callable->ResultIfArgNull, std::make_pair(0u, 0));
  const ErrorSpec *Add = M.lookupError("PyModule_AddObjectRef");
  ASSERT_TRUE(Add && Add->ResultIfArgNull);
  EXPECT_EQ(*Add->ResultIfArgNull, std::make_pair(2u, -1));
  for (const char *Name : {"PyWeakref_GetRef", "PyDict_GetItemRef",
                           "PyObject_IsTrue", "PySequence_Contains"}) {
    const ErrorSpec *E = M.lookupError(Name);
    EXPECT_TRUE(E && E->AtMostOne) << Name;
  }
  // PyUnicode_FSConverter returns Py_CLEANUP_SUPPORTED too.
  const ErrorSpec *FS = M.lookupError("PyUnicode_FSConverter");
  EXPECT_TRUE(!FS || !FS->AtMostOne);
}

TEST(ApiModel, NegativeFailuresAreMinusOneExceptHashes) {
  ApiModel M = ApiModel::builtin();
  for (const char *Name :
       {"PyTuple_Size", "PyObject_Size", "PyList_Append", "PyDict_SetItem"}) {
    const ErrorSpec *E = M.lookupError(Name);
    EXPECT_TRUE(E && E->MinusOne) << Name;
  }
  // A hash may be any negative value but -1.
  const ErrorSpec *Hash = M.lookupError("PyObject_Hash");
  ASSERT_TRUE(Hash);
  EXPECT_EQ(Hash->Kind, ErrorKind::NegSets);
  EXPECT_FALSE(Hash->MinusOne);
  // NULL-returning functions have no such bound.
  const ErrorSpec *New = M.lookupError("PyList_New");
  EXPECT_TRUE(New && !New->MinusOne);
  // The flag on a row that does not fail negative is malformed.
  llvm::Expected<ErrorSpec> Bad = errorSpecFromRow(
      {"Bad_Any_Negative", ErrorKind::NullSets, "", ErrorRow::AnyNegative});
  EXPECT_FALSE(static_cast<bool>(Bad));
  if (!Bad)
    llvm::consumeError(Bad.takeError());
}

TEST(ApiModel, KnowsWhichNullsMeanAnAbsentKey) {
  ApiModel M = ApiModel::builtin();
  for (const char *Name : {"PyDict_GetItem", "PyDict_GetItemString",
                           "PySys_GetObject", "PyDict_GetItemWithError"}) {
    const ErrorSpec *E = M.lookupError(Name);
    EXPECT_TRUE(E && E->NullIsAbsentKey) << Name;
  }
  // NULL without an exception, but no key looked up.
  for (const char *Name : {"PyThreadState_GetDict", "PyCFunction_GET_SELF",
                           "PyMem_Malloc", "PyObject_GetAttr"}) {
    const ErrorSpec *E = M.lookupError(Name);
    EXPECT_FALSE(E && E->NullIsAbsentKey) << Name;
  }
  // The flag on a row whose NULL comes with an exception is malformed.
  llvm::Expected<ErrorSpec> Bad = errorSpecFromRow(
      {"Bad_Key_Lookup", ErrorKind::NullSets, "", ErrorRow::KeyLookup});
  EXPECT_FALSE(static_cast<bool>(Bad));
  if (!Bad)
    llvm::consumeError(Bad.takeError());
}

TEST(ApiModel, KnowsWhichCallsFailOnlyWhenMemoryRunsOut) {
  ApiModel M = ApiModel::builtin();
  auto MemoryOnly = [&](const char *Name) {
    const ErrorSpec *E = M.lookupError(Name);
    return E && E->FailsOnlyOnMemory;
  };
  for (const char *Name :
       {"PyModule_AddObject", "PyType_Ready", "PyList_Append", "PyList_New",
        "PyTuple_New", "PyLong_FromLong", "PyDict_New", "Py_BuildValue",
        "PyMem_Malloc", "PyErr_NoMemory", "malloc"})
    EXPECT_TRUE(MemoryOnly(Name)) << Name;
  // Calls that fail on bad input, missing attributes or arbitrary Python
  // code are not.
  for (const char *Name :
       {"PyArg_ParseTuple", "PyObject_GetAttrString", "PyObject_Call",
        "PyImport_ImportModule", "PyLong_AsLong", "PyErr_SetString",
        "PyDict_SetItem", "PyObject_IsTrue"})
    EXPECT_FALSE(MemoryOnly(Name)) << Name;
  // A row that only states the fact keeps the convention the ownership
  // table derives.
  EXPECT_EQ(M.errorKindOf("PyList_New"), ErrorKind::NullSets);
  EXPECT_EQ(M.errorKindOf("malloc"), ErrorKind::Unknown);
}

TEST(ApiModel, KnowsWhichIntResultsAreZeroOnSuccess) {
  ApiModel M = ApiModel::builtin();
  auto ZeroOk = [&](const char *Name) {
    const ErrorSpec *E = M.lookupError(Name);
    return E && E->ZeroOnSuccess;
  };
  EXPECT_TRUE(ZeroOk("PyType_Ready"));
  EXPECT_TRUE(ZeroOk("PyObject_SetAttrString"));
  EXPECT_TRUE(ZeroOk("PyDict_SetItem"));
  // 1 is a value of these.
  EXPECT_FALSE(ZeroOk("PyObject_IsTrue"));
  EXPECT_FALSE(ZeroOk("PyDict_Contains"));
  EXPECT_FALSE(ZeroOk("PyObject_GetOptionalAttr"));
}

TEST(ApiModel, NamePatternsMatchAStarAnywhere) {
  EXPECT_TRUE(ApiModel::makesFreshObject("PyLong_FromSsize_t"));
  EXPECT_TRUE(ApiModel::makesFreshObject("PyUnicode_AsUTF8String"));
  EXPECT_TRUE(ApiModel::makesFreshObject("PyUnicode_AsASCIIString"));
  EXPECT_FALSE(ApiModel::makesFreshObject("PyUnicode_AsUTF8"));
  EXPECT_FALSE(ApiModel::makesFreshObject("PyUnicode_AsString_"));
  EXPECT_FALSE(ApiModel::makesFreshObject("PyObject_RichCompare"));
}

TEST(ApiModel, KnowsWhichCallsSucceedOnTheirOwnType) {
  EXPECT_EQ(ApiModel::typeMadeBy("PyUnicode_AsUTF8String"), "bytes");
  EXPECT_EQ(ApiModel::typeMadeBy("PyBytes_FromStringAndSize"), "bytes");
  EXPECT_EQ(ApiModel::typeMadeBy("PySequence_List"), "list");
  EXPECT_EQ(ApiModel::typeMadeBy("PyObject_GetAttr"), "");
  EXPECT_TRUE(ApiModel::succeedsOnType("PyBytes_AsString", "bytes"));
  EXPECT_FALSE(ApiModel::succeedsOnType("PyBytes_AsString", "str"));
  EXPECT_FALSE(ApiModel::succeedsOnType("PyBytes_AsString", ""));
  EXPECT_TRUE(ApiModel::succeedsOnType("PyObject_Length", "list"));
  EXPECT_FALSE(ApiModel::succeedsOnType("PyList_Sort", "list"));
  EXPECT_TRUE(ApiModel::succeedsOnSubtype("PyBytes_AsString", "bytes"));
  EXPECT_TRUE(ApiModel::succeedsOnSubtype("PyList_Size", "list"));
  EXPECT_FALSE(ApiModel::succeedsOnSubtype("PyObject_Length", "list"));
  EXPECT_FALSE(ApiModel::succeedsOnSubtype("PyTuple_SetItem", "tuple"));
}

TEST(BuiltinTables, EveryTypeACallReadsIsOneACallMakes) {
  std::set<std::string> Made;
  for (size_t I = 0; I < NumTypeMakerRows; ++I)
    Made.insert(TypeMakerRows[I].Type);
  for (size_t I = 0; I < NumTypeCheckedRows; ++I) {
    llvm::SmallVector<llvm::StringRef, 5> Types;
    llvm::StringRef(TypeCheckedRows[I].Types).split(Types, ',');
    for (llvm::StringRef T : Types)
      EXPECT_TRUE(Made.count(T.str()))
          << TypeCheckedRows[I].Name << " reads '" << T.str()
          << "', which no call makes";
  }
}
