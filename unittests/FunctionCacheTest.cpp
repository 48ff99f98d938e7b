//===- FunctionCacheTest.cpp - Merging the reports of explorations --------===//
#include "../lib/Driver/FunctionCache.h"
#include "gtest/gtest.h"

using namespace refcheck;

namespace {
ReportPlace at(unsigned Line, unsigned Column = 5) {
  return ReportPlace{"/p/a.c", Line, Column, "c:@F@f", false};
}

/// A leak reported at Line, allocated at AllocLine.
ReportCandidate leak(unsigned Line, unsigned AllocLine, std::string Origin,
                     unsigned FullSize, std::string SameAs = "",
                     ImpactClass Impact = ImpactClass::EveryCall) {
  ReportCandidate C;
  C.F.Check = "ref-leak";
  C.F.Message = "New reference from '" + Origin + "' is leaked";
  C.F.Origin = Origin + "#1";
  C.F.Impact = Impact;
  C.Places = {at(Line), at(Line), at(AllocLine)};
  C.Description = C.F.Message;
  C.Category = "refcheck";
  C.DeclWithIssue = "c:@F@f";
  C.SameAs = std::move(SameAs);
  C.FullSize = FullSize;
  C.PathSize = FullSize;
  return C;
}

std::vector<std::string> origins(const std::vector<ReportBatch> &Batches) {
  std::vector<std::string> Out;
  for (const ReportCandidate *C : mergeBatches(Batches))
    Out.push_back(C->F.Origin + "@" + std::to_string(C->FullSize));
  return Out;
}
} // namespace

TEST(FunctionCacheTest, SameReportOfTwoExplorationsIsKeptOnce) {
  // The first exploration's, unless a later one has a shorter path.
  std::vector<ReportBatch> B(2);
  B[0].Reports.push_back(leak(10, 8, "PyList_New", 4));
  B[1].Reports.push_back(leak(10, 8, "PyList_New", 4));
  EXPECT_EQ(origins(B), std::vector<std::string>{"PyList_New#1@4"});
  B[1].Reports[0].FullSize = 2;
  EXPECT_EQ(origins(B), std::vector<std::string>{"PyList_New#1@2"});
  B[1].Reports[0].FullSize = 6;
  EXPECT_EQ(origins(B), std::vector<std::string>{"PyList_New#1@4"});
}

TEST(FunctionCacheTest, ReportsAtDifferentPlacesStay) {
  std::vector<ReportBatch> B(2);
  B[0].Reports.push_back(leak(10, 8, "PyList_New", 4));
  B[1].Reports.push_back(leak(12, 8, "PyList_New", 4));
  EXPECT_EQ(mergeBatches(B).size(), 2u);
}

TEST(FunctionCacheTest, SameLeakOfTwoOriginsIsOneFinding) {
  // One variable leaked at one place: the most frequent impact wins, then
  // the shorter path, then the earlier allocation, whichever exploration
  // came first.
  std::vector<ReportBatch> B(2);
  B[0].Reports.push_back(leak(20, 15, "PyDict_New", 3, "v;ret"));
  B[1].Reports.push_back(leak(20, 12, "PyList_New", 3, "v;ret"));
  EXPECT_EQ(origins(B), std::vector<std::string>{"PyList_New#1@3"});
  std::swap(B[0], B[1]);
  EXPECT_EQ(origins(B), std::vector<std::string>{"PyList_New#1@3"});
  B[0].Reports[0].PathSize = 5;
  EXPECT_EQ(origins(B), std::vector<std::string>{"PyDict_New#1@3"});
  B[1].Reports[0].F.Impact = ImpactClass::ErrorPath;
  EXPECT_EQ(origins(B), std::vector<std::string>{"PyList_New#1@3"});
  // Without a SameAs key both are findings.
  B[0].Reports[0].SameAs = B[1].Reports[0].SameAs = "";
  EXPECT_EQ(mergeBatches(B).size(), 2u);
}

TEST(FunctionCacheTest, ReportsWithOneIdAreOneFinding) {
  // Two paths of an inlined helper leak one object at one place, one while
  // a variable still holds it and one after: the messages differ, the id
  // (what suppressions and baselines name) does not. The most frequent
  // impact is kept, then the shorter path.
  std::vector<ReportBatch> B(1);
  B[0].Reports.push_back(leak(30, 25, "newobject", 6));
  B[0].Reports.push_back(leak(30, 25, "newobject", 4));
  B[0].Reports[0].F.Message = B[0].Reports[0].Description =
      "New reference (held in 'res') is leaked";
  B[0].Reports[0].PathSize = 6;
  B[0].Reports[1].PathSize = 4;
  // Where the analyzer put them may differ (a column), the finding's place
  // does not; one names the variable (a SameAs key), the other cannot.
  B[0].Reports[1].Places[1] = at(30, 9);
  B[0].Reports[0].SameAs = "res;refs=1";
  // Without ids they are two findings, as before.
  EXPECT_EQ(mergeBatches(B).size(), 2u);
  B[0].Reports[0].F.Id = B[0].Reports[1].F.Id = "040a62a8d9d3093d";
  EXPECT_EQ(origins(B), std::vector<std::string>{"newobject#1@4"});
  B[0].Reports[1].F.Impact = ImpactClass::ErrorPath;
  EXPECT_EQ(origins(B), std::vector<std::string>{"newobject#1@6"});
  // One id at two places (a result left unchecked, used on two branches)
  // is two findings.
  B[0].Reports[1].Places[0] = at(34);
  EXPECT_EQ(mergeBatches(B).size(), 2u);
  // Different ids at one place stay apart.
  B[0].Reports[1].Places[0] = at(30);
  B[0].Reports[1].F.Id = "87531102b5a40be9";
  EXPECT_EQ(mergeBatches(B).size(), 2u);
}
