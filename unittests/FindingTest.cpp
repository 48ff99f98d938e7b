#include "refcheck/Finding.h"
#include "refcheck/Report.h"
#include "gtest/gtest.h"

using namespace refcheck;

static Finding make(const char *File, unsigned Line, const char *Fn) {
  Finding F;
  F.Check = "ref-leak";
  F.Message = "New reference from 'PyList_New' is leaked";
  F.File = File;
  F.Line = Line;
  F.Column = 5;
  F.Function = Fn;
  F.Origin = "PyList_New#1";
  F.Id = computeFindingId(F.Check, F.File, F.Function, F.Origin);
  F.Path.push_back({File, Line - 1, 3, "New reference returned by 'PyList_New'"});
  return F;
}

TEST(FindingId, DependsOnCheckFileFunctionAndOriginOnly) {
  std::string A = computeFindingId("ref-leak", "a.c", "f", "PyList_New#1");
  EXPECT_EQ(A.size(), 16u);
  EXPECT_EQ(A, computeFindingId("ref-leak", "a.c", "f", "PyList_New#1"));
  EXPECT_NE(A, computeFindingId("ref-leak", "b.c", "f", "PyList_New#1"));
  EXPECT_NE(A, computeFindingId("ref-leak", "a.c", "g", "PyList_New#1"));
  EXPECT_NE(A, computeFindingId("over-release", "a.c", "f", "PyList_New#1"));
  EXPECT_NE(A, computeFindingId("ref-leak", "a.c", "f", "PyList_New#2"));
  // No ambiguity from concatenation.
  EXPECT_NE(computeFindingId("ab", "c", "d", "e"),
            computeFindingId("a", "bc", "d", "e"));
  EXPECT_NE(computeFindingId("a", "b", "cd", "e"),
            computeFindingId("a", "bc", "d", "e"));
}

TEST(Results, CanonicalOrderDoesNotDependOnInputOrder) {
  Results R1, R2;
  R1.Findings = {make("b.c", 10, "g"), make("a.c", 20, "f"), make("a.c", 3, "h")};
  R2.Findings = {make("a.c", 3, "h"), make("b.c", 10, "g"), make("a.c", 20, "f")};
  R1.canonicalize();
  R2.canonicalize();
  std::string S1, S2;
  llvm::raw_string_ostream O1(S1), O2(S2);
  writeJson(O1, R1);
  writeJson(O2, R2);
  EXPECT_EQ(O1.str(), O2.str());
  EXPECT_EQ(R1.Findings[0].File, "a.c");
  EXPECT_EQ(R1.Findings[0].Line, 3u);
}

TEST(JsonWriter, RoundTrips) {
  Results R;
  R.Findings = {make("a.c", 12, "f")};
  R.Errors = {{"bad.c", "cannot be parsed"}};
  R.FilesAnalyzed = 1;
  std::string S;
  llvm::raw_string_ostream OS(S);
  writeJson(OS, R);
  auto Back = parseJsonResults(OS.str());
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  ASSERT_EQ(Back->Findings.size(), 1u);
  const Finding &F = Back->Findings[0];
  EXPECT_EQ(F.Id, R.Findings[0].Id);
  EXPECT_EQ(F.Line, 12u);
  EXPECT_EQ(F.Function, "f");
  ASSERT_EQ(F.Path.size(), 1u);
  EXPECT_EQ(F.Path[0].Message, "New reference returned by 'PyList_New'");
  ASSERT_EQ(Back->Errors.size(), 1u);
  EXPECT_EQ(Back->Errors[0].File, "bad.c");
}

TEST(JsonReader, RejectsOtherDocuments) {
  EXPECT_FALSE(bool(parseJsonResults("[1,2]")) ? true : false);
  auto R = parseJsonResults("{\"version\": 2}");
  ASSERT_FALSE(bool(R));
  EXPECT_NE(llvm::toString(R.takeError()).find("version"), std::string::npos);
  auto Bad = parseJsonResults("{not json");
  ASSERT_FALSE(bool(Bad));
  llvm::consumeError(Bad.takeError());
}

TEST(TextWriter, ClangStyleWithNotes) {
  Results R;
  R.Findings = {make("a.c", 12, "f")};
  std::string S;
  llvm::raw_string_ostream OS(S);
  writeText(OS, R);
  EXPECT_EQ(OS.str(),
            "a.c:12:5: warning: New reference from 'PyList_New' is leaked "
            "[refcheck.ref-leak]\n"
            "a.c:11:3: note: New reference returned by 'PyList_New'\n"
            "1 finding.\n");
}

TEST(Impact, RoundTripsThroughJsonAndShowsInText) {
  Results R;
  R.Findings = {make("a.c", 12, "f")};
  R.Findings[0].Impact = ImpactClass::AllocationFailure;
  R.Findings[0].ImpactCall = "PyLong_FromLong";
  R.Findings[0].ImpactReason = "when 'PyLong_FromLong' fails";
  std::string S;
  llvm::raw_string_ostream OS(S);
  writeJson(OS, R);
  auto Back = parseJsonResults(OS.str());
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  ASSERT_EQ(Back->Findings.size(), 1u);
  const Finding &F = Back->Findings[0];
  EXPECT_EQ(F.Impact, ImpactClass::AllocationFailure);
  EXPECT_EQ(F.ImpactCall, "PyLong_FromLong");
  EXPECT_EQ(impactSuffix(F),
            " [allocation-failure: when 'PyLong_FromLong' fails]");
  // every-call has no suffix, and is what a document without the field
  // means.
  EXPECT_EQ(impactSuffix(make("a.c", 3, "g")), "");
  auto Old = parseJsonResults(
      R"({"version": 1, "findings": [{"id": "x", "check": "ref-leak"}]})");
  ASSERT_TRUE(bool(Old)) << llvm::toString(Old.takeError());
  EXPECT_EQ(Old->Findings[0].Impact, ImpactClass::EveryCall);
  auto Bad = parseJsonResults(
      R"({"version": 1, "findings": [{"id": "x", "check": "ref-leak", "impact": "often"}]})");
  ASSERT_FALSE(bool(Bad));
  EXPECT_NE(llvm::toString(Bad.takeError()).find("often"), std::string::npos);
}

TEST(Impact, ClassNamesParseBack) {
  for (ImpactClass I : {ImpactClass::EveryCall, ImpactClass::ErrorPath,
                        ImpactClass::AllocationFailure})
    EXPECT_EQ(parseImpactClass(toString(I)), I);
  EXPECT_FALSE(parseImpactClass("sometimes"));
  // Ordered by urgency, which --min-impact relies on.
  EXPECT_LT(ImpactClass::EveryCall, ImpactClass::ErrorPath);
  EXPECT_LT(ImpactClass::ErrorPath, ImpactClass::AllocationFailure);
}
