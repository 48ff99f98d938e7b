#include "refcheck/Finding.h"
#include "refcheck/Report.h"
#include "refcheck/Runner.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using namespace refcheck;

TEST(Runner, RunsAreStabColonRun) {
  auto R = parseRuns("3:3");
  ASSERT_TRUE(bool(R));
  EXPECT_EQ(R->first, 3u);
  EXPECT_EQ(R->second, 3u);
  auto C = parseRuns("5:4"); // CPython's -R style
  ASSERT_TRUE(bool(C));
  EXPECT_EQ(C->first, 5u);
  EXPECT_EQ(C->second, 4u);
  for (const char *Bad : {"3", "3:", ":3", "a:b", "3:0", "-1:3"}) {
    auto E = parseRuns(Bad);
    EXPECT_FALSE(bool(E)) << Bad;
    if (!E) {
      EXPECT_NE(llvm::toString(E.takeError()).find("STAB:RUN"),
                std::string::npos);
    }
  }
}

TEST(Runner, CountsLeakOnlyWhenEveryDeltaIsPositive) {
  EXPECT_TRUE(countLeaks({1, 1, 1}));
  EXPECT_TRUE(countLeaks({3, 1, 2}));
  EXPECT_FALSE(countLeaks({1, 0, 1})); // one clean repetition: noise
  EXPECT_FALSE(countLeaks({0, 0, 0}));
  EXPECT_FALSE(countLeaks({-1, 2, 2}));
  EXPECT_FALSE(countLeaks({}));
}

TEST(Runner, FileDescriptorsLeakOnAnyNonZeroDelta) {
  EXPECT_FALSE(fdLeaks({0, 0, 0}));
  EXPECT_TRUE(fdLeaks({0, 1, 0}));
  EXPECT_TRUE(fdLeaks({0, 0, -1}));
}

TEST(Runner, DecideNamesEachLeakingMeasure) {
  TestRun T;
  T.Refs = {1, 1, 1};
  T.Blocks = {0, 1, 1};
  T.Fds = {0, 0, 1};
  decideLeaks(T);
  EXPECT_EQ(T.Leaked,
            (std::vector<std::string>{"references", "file descriptors"}));
}

TEST(Runner, LeakLineIsRegrtests) {
  EXPECT_EQ(leakLine("test_x", "references", {1, 2, 3}),
            "test_x leaked [1, 2, 3] references, sum=6");
  EXPECT_EQ(leakLine("t", "memory blocks", {0, 0, 0}),
            "t leaked [0, 0, 0] memory blocks, sum=0");
}

TEST(Runner, ParsesRegrtestOutput) {
  TestRun T;
  parseRegrtestOutput("0:00:00 load avg: 0.1 [1/1] test_x\n"
                      "beginning 6 repetitions\n123456\n......\n"
                      "test_x leaked [1, 1, 1] references, sum=3\n"
                      "test_x leaked [2, 1, 1] memory blocks, sum=4\n"
                      "test_x leaked [0, -1, 0] file descriptors, sum=-1\n"
                      "test_x failed (reference leak)\n",
                      T);
  EXPECT_EQ(T.Refs, (std::vector<long long>{1, 1, 1}));
  EXPECT_EQ(T.Blocks, (std::vector<long long>{2, 1, 1}));
  EXPECT_EQ(T.Fds, (std::vector<long long>{0, -1, 0}));
  TestRun Clean;
  parseRegrtestOutput("== Tests result: SUCCESS ==\n", Clean);
  EXPECT_TRUE(Clean.Refs.empty());
}

TEST(Runner, RegrtestArgsFilterOneTestOfItsModule) {
  EXPECT_EQ(regrtestArgs("test.test_deque.TestBasic.test_insert", 3, 3),
            (std::vector<std::string>{"-B", "-m", "test", "-R", "3:3", "-m",
                                      "test.test_deque.TestBasic.test_insert",
                                      "test_deque"}));
  EXPECT_EQ(regrtestArgs("test_m.T.test_a", 5, 4, "/p/tests"),
            (std::vector<std::string>{"-B", "-m", "test", "--testdir", "/p/tests",
                                      "-R", "5:4", "-m", "test_m.T.test_a",
                                      "test_m"}));
}

TEST(Runner, ImmortalObjectsAreUnmeasurableFrom312) {
  Finding F;
  F.Origin = "static:Py_None";
  F.Message = "Reference to None is leaked";
  EXPECT_FALSE(immortalReason(F, 3, 11).has_value());
  auto R = immortalReason(F, 3, 12);
  ASSERT_TRUE(R.has_value());
  EXPECT_NE(R->find("Py_None"), std::string::npos);
  EXPECT_NE(R->find("immortal"), std::string::npos);
  F.Origin = "PyUnicode_InternFromString#1";
  EXPECT_TRUE(immortalReason(F, 3, 13).has_value());
  F.Origin = "PyList_New#1";
  EXPECT_FALSE(immortalReason(F, 3, 13).has_value());
}

TEST(Runner, ConfirmationSurvivesJsonRoundTrip) {
  Results R;
  Finding F;
  F.Id = "0123456789abcdef";
  F.Check = "ref-leak";
  F.Function = "always_leak";
  F.EntryPoints = {"m.always_leak", "m.T.__new__"};
  Confirmation C;
  C.Status = "confirmed";
  TestRun T;
  T.Test = "test_m.T.test_a";
  T.Outcome = "measured";
  T.Refs = {1, 1, 1};
  T.Blocks = {1, 1, 1};
  T.Fds = {0, 0, 0};
  decideLeaks(T);
  C.Tests.push_back(T);
  TestRun Crash;
  Crash.Test = "test_m.T.test_crash";
  Crash.Outcome = "crashed";
  Crash.Detail = "Segmentation fault";
  C.Tests.push_back(Crash);
  C.Reaching = {{"test_m.T.test_a", "call", 0.25},
                {"test_m.T.test_crash", "static", -1}};
  F.Confirm = C;
  R.Findings.push_back(F);
  Finding Untested = F;
  Untested.Id = "fedcba9876543210";
  Untested.Confirm = Confirmation();
  Untested.Confirm->Status = "no-test-found";
  Untested.Confirm->WouldReach = "repr() of a m.T";
  R.Findings.push_back(Untested);
  std::string S;
  llvm::raw_string_ostream OS(S);
  writeJson(OS, R);
  auto Back = parseJsonResults(S);
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  const Finding &G = Back->Findings.at(0);
  EXPECT_EQ(G.EntryPoints, F.EntryPoints);
  ASSERT_TRUE(G.Confirm.has_value());
  EXPECT_EQ(G.Confirm->Status, "confirmed");
  ASSERT_EQ(G.Confirm->Tests.size(), 2u);
  EXPECT_EQ(G.Confirm->Tests[0].Refs, T.Refs);
  EXPECT_EQ(G.Confirm->Tests[0].Leaked, T.Leaked);
  EXPECT_EQ(G.Confirm->Tests[1].Outcome, "crashed");
  EXPECT_EQ(G.Confirm->Tests[1].Detail, "Segmentation fault");
  ASSERT_EQ(G.Confirm->Reaching.size(), 2u);
  EXPECT_EQ(G.Confirm->Reaching[0].Test, "test_m.T.test_a");
  EXPECT_EQ(G.Confirm->Reaching[0].Via, "call");
  EXPECT_DOUBLE_EQ(G.Confirm->Reaching[0].Seconds, 0.25);
  EXPECT_EQ(G.Confirm->Reaching[1].Via, "static");
  EXPECT_LT(G.Confirm->Reaching[1].Seconds, 0);
  EXPECT_EQ(Back->Findings.at(1).Confirm->WouldReach, "repr() of a m.T");
  // And once more: stable.
  std::string S2;
  llvm::raw_string_ostream OS2(S2);
  writeJson(OS2, *Back);
  EXPECT_EQ(S, S2);
}

#include "refcheck/EntryPoints.h"

TEST(EntryPointIndex, WalksCallersUpToTheDepthLimit) {
  EntryPointIndex I;
  I.Direct["meth_a"] = {"m.a"};
  I.Direct["meth_b"] = {"m.b"};
  I.Direct["PyInit_m"] = {"m"};
  I.Callers["helper"] = {"meth_a", "middle"};
  I.Callers["middle"] = {"meth_b"};
  I.Callers["meth_b"] = {"helper"}; // a cycle must not loop
  EXPECT_EQ(I.lookup("helper"), (std::vector<std::string>{"m.a", "m.b"}));
  EXPECT_EQ(I.lookup("helper", 1), (std::vector<std::string>{"m.a"}));
  EXPECT_EQ(I.lookup("meth_a"), (std::vector<std::string>{"m.a"}));
  EXPECT_TRUE(I.lookup("nobody").empty());
  EntryPointIndex Other;
  Other.Callers["meth_a"] = {"PyInit_m"};
  I.merge(Other);
  EXPECT_EQ(I.lookup("helper"), (std::vector<std::string>{"m", "m.a", "m.b"}));
}

TEST(Runner, EvidenceRanksCallSlotTypeStatic) {
  EXPECT_GT(viaRank("call"), viaRank("slot"));
  EXPECT_GT(viaRank("slot"), viaRank("type"));
  EXPECT_GT(viaRank("type"), viaRank("static"));
}

TEST(Runner, WouldReachNamesThePythonOperation) {
  EXPECT_EQ(wouldReach("pkg._core.checked"), "calling pkg._core.checked");
  EXPECT_EQ(wouldReach("pkg._core.Box.__repr__"),
            "repr() of a pkg._core.Box");
  EXPECT_EQ(wouldReach("pkg._core.Box.__new__"), "creating a pkg._core.Box");
  EXPECT_EQ(wouldReach("m.T.__weird__"), "the __weird__ slot of a m.T");
}

TEST(Runner, DefaultBuildFollowsTheProjectFiles) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("refcheck-build", Dir));
  EXPECT_EQ(defaultBuildCommand("py", Dir), "");
  llvm::SmallString<128> Toml(Dir);
  llvm::sys::path::append(Toml, "pyproject.toml");
  { std::error_code EC; llvm::raw_fd_ostream(Toml, EC) << "[project]\n"; }
  EXPECT_EQ(defaultBuildCommand("py", Dir),
            "py -m pip install --no-build-isolation -e .");
  llvm::SmallString<128> Setup(Dir);
  llvm::sys::path::append(Setup, "setup.py");
  { std::error_code EC; llvm::raw_fd_ostream(Setup, EC) << "\n"; }
  EXPECT_EQ(defaultBuildCommand("py", Dir), "py setup.py build_ext --inplace");
  llvm::sys::fs::remove_directories(Dir);
}
