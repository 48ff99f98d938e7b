// Unit tests for the review filters and the writers' helpers: function
// extents in source text, suppression comments, unified diffs, baselines,
// GitHub escaping, URIs and .refcheck.yaml parsing.
#include "refcheck/ProjectConfig.h"
#include "refcheck/Report.h"
#include "refcheck/Review.h"
#include "refcheck/SourceText.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "gtest/gtest.h"

using namespace refcheck;

static SourceLines lines(std::initializer_list<const char *> L) {
  SourceLines S;
  for (const char *X : L)
    S.Lines.push_back(X);
  return S;
}

TEST(FindFunction, SpansReturnTypeThroughClosingBrace) {
  SourceLines S = lines({
      "/* helper */",                  // 1
      "static PyObject *",             // 2
      "f(PyObject *a,",                // 3
      "  PyObject *b)",                // 4
      "{",                             // 5
      "    if (x) { g(\"}\"); }",      // 6  brace in a string
      "    /* } */ return f(a, b);",   // 7  recursion, brace in a comment
      "}",                             // 8
      "int y;",                        // 9
  });
  auto E = findFunction(S, "f", 7);
  ASSERT_TRUE(E);
  EXPECT_EQ(E->LeadStart, 1u);
  EXPECT_EQ(E->Start, 2u);
  EXPECT_EQ(E->NameLine, 3u);
  EXPECT_EQ(E->End, 8u);
  // A line after the function is not inside it.
  EXPECT_FALSE(findFunction(S, "f", 9));
  EXPECT_FALSE(findFunction(S, "g", 7));
}

TEST(FindFunction, ARecursiveCallIsNotTheDefinition) {
  SourceLines S = lines({
      "static int",               // 1
      "f(int n)",                 // 2
      "{",                        // 3
      "    if (f(n - 1)) {",      // 4
      "        leak();",          // 5
      "    }",                    // 6
      "    return 0;",            // 7
      "}",                        // 8
  });
  auto E = findFunction(S, "f", 5);
  ASSERT_TRUE(E);
  EXPECT_EQ(E->NameLine, 2u);
  EXPECT_EQ(E->End, 8u);
}

TEST(FindFunction, SkipsDeclarationsAndPrefixes) {
  SourceLines S = lines({
      "int ff(void);",        // 1 a longer name
      "int f(void);",         // 2 a declaration
      "int f(void) { return", // 3
      "  1; }",               // 4
  });
  auto E = findFunction(S, "f", 4);
  ASSERT_TRUE(E);
  EXPECT_EQ(E->NameLine, 3u);
  EXPECT_EQ(E->End, 4u);
}

TEST(Suppressions, ParsesCommentsThatStartWithRefcheck) {
  SourceLines S = lines({
      "x(); // refcheck: ignore[ref-leak, over-release]",
      "/* refcheck: ignore-function[*] */",
      " * refcheck: ignore[use-after-release]",
      "// see `// refcheck: ignore[x]` in the docs",
      "f(\"refcheck: ignore[ref-leak]\");",
      "// note: refcheck: ignore[ref-leak] is not at the start",
      "// refcheck: ignore",
  });
  std::vector<Suppression> Sups = parseSuppressions(S, "a.c");
  ASSERT_EQ(Sups.size(), 5u);
  EXPECT_EQ(Sups[0].Line, 1u);
  EXPECT_EQ(Sups[0].Column, 9u);
  EXPECT_FALSE(Sups[0].WholeFunction);
  EXPECT_EQ(Sups[0].Checks,
            (std::vector<std::string>{"ref-leak", "over-release"}));
  EXPECT_TRUE(Sups[1].WholeFunction);
  EXPECT_TRUE(Sups[1].covers("borrowed-return"));
  EXPECT_EQ(Sups[2].Line, 3u);
  EXPECT_TRUE(Sups[2].covers("use-after-release"));
  EXPECT_FALSE(Sups[2].covers("ref-leak"));
  // `// refcheck: ignore[x]` inside another comment starts a comment too.
  EXPECT_EQ(Sups[3].Line, 4u);
  EXPECT_EQ(Sups[4].Line, 7u);
  EXPECT_TRUE(Sups[4].Checks.empty());
}

TEST(ChangedLines, ParsesZeroContextHunks) {
  const char *Diff = "diff --git a/m.c b/m.c\n"
                     "--- a/m.c\n"
                     "+++ b/m.c\n"
                     "@@ -3 +3 @@ f\n"
                     "-a\n+b\n"
                     "@@ -10,0 +11,2 @@\n"
                     "+c\n+d\n"
                     "@@ -20,2 +21,0 @@\n"
                     "-e\n-f\n"
                     "diff --git a/gone.c b/gone.c\n"
                     "--- a/gone.c\n"
                     "+++ /dev/null\n"
                     "@@ -1 +0,0 @@\n"
                     "-x\n"
                     "+++ b/inc/h.h\n";
  ChangedLines C = parseUnifiedDiff(Diff, "/repo");
  ASSERT_EQ(C.Lines.count("/repo/m.c"), 1u);
  EXPECT_EQ(C.Lines["/repo/m.c"],
            (std::set<unsigned>{3, 11, 12, 21, 22}));
  EXPECT_EQ(C.Lines.count("/repo/gone.c"), 0u);
  EXPECT_EQ(C.Lines.count("/repo/inc/h.h"), 1u);
  EXPECT_EQ(C.SourceFiles, std::vector<std::string>{"/repo/m.c"});

  Finding F;
  F.File = "/repo/m.c";
  F.Line = 40;
  EXPECT_FALSE(C.touches(F));
  F.Path.push_back({"/repo/m.c", 12, 1, "step"});
  EXPECT_TRUE(C.touches(F));
}

TEST(Baseline, WrittenAndReadBack) {
  llvm::SmallString<128> Path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("baseline", "json", Path));
  Results R;
  for (const char *Fn : {"f", "g"}) {
    Finding F;
    F.Check = "ref-leak";
    F.Function = Fn;
    F.Origin = "PyList_New#1";
    F.Id = computeFindingId(F.Check, "a.c", F.Function, F.Origin);
    R.Findings.push_back(F);
  }
  ASSERT_FALSE(bool(writeBaseline(Path, R)));
  llvm::Expected<llvm::StringSet<>> Ids = readBaseline(Path);
  ASSERT_TRUE(bool(Ids));
  EXPECT_EQ(Ids->size(), 2u);
  Finding New = R.Findings[0];
  New.Function = "h";
  New.Id = computeFindingId(New.Check, "a.c", New.Function, New.Origin);
  R.Findings.push_back(New);
  EXPECT_EQ(applyBaseline(R, *Ids), 2u);
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.Findings[0].Function, "h");
  llvm::sys::fs::remove(Path);
}

TEST(Github, EscapesDataAndProperties) {
  EXPECT_EQ(escapeGithubData("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
  EXPECT_EQ(escapeGithubProperty("50% a:b,c\r\nd"),
            "50%25 a%3Ab%2Cc%0D%0Ad");
}

TEST(Sarif, UriReferencesAreEncoded) {
  EXPECT_EQ(pathToUriReference("src/a b#1.c"), "src/a%20b%231.c");
  EXPECT_EQ(pathToUriReference("/x/y_z-1.c"), "/x/y_z-1.c");
}

TEST(Sarif, LocationsRelativeToSourceRoot) {
  Results R;
  Finding F;
  F.Check = "ref-leak";
  F.Message = "m";
  F.File = "/root/src/a.c";
  F.Line = 3;
  F.Column = 2;
  F.Id = "0123456789abcdef";
  R.Findings.push_back(F);
  F.File = "/elsewhere/b.c";
  R.Findings.push_back(F);
  ReportContext Ctx;
  Ctx.SourceRoot = "/root";
  Ctx.Rules.push_back({"ref-leak", "s", "d", "file:///docs/checks.md#ref-leak"});
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  writeSarif(OS, R, Ctx);
  OS.flush();
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Out);
  ASSERT_TRUE(bool(V));
  const llvm::json::Object *Run =
      (*V->getAsObject()->getArray("runs"))[0].getAsObject();
  EXPECT_EQ(*Run->getObject("originalUriBaseIds")
                 ->getObject("%SRCROOT%")
                 ->getString("uri"),
            "file:///root/");
  auto Uri = [&](size_t I) {
    const llvm::json::Object *Art =
        (*(*Run->getArray("results"))[I].getAsObject()->getArray(
             "locations"))[0]
            .getAsObject()
            ->getObject("physicalLocation")
            ->getObject("artifactLocation");
    return (Art->getString("uriBaseId").value_or("-") + " " +
            *Art->getString("uri"))
        .str();
  };
  EXPECT_EQ(Uri(0), "%SRCROOT% src/a.c");
  EXPECT_EQ(Uri(1), "- file:///elsewhere/b.c");
}

TEST(ProjectConfig, ParsesEverySetting) {
  llvm::Expected<ProjectConfig> C = parseProjectConfig(
      "checks:\n"
      "  disable: [borrowed-return]\n"
      "annotations:\n"
      "  - function: get\n"
      "    returns: borrowed\n"
      "  - function: put\n"
      "    steals-arg: 2, 3\n"
      "baseline: b.json\n"
      "include: ['src/*']\n"
      "exclude: ['src/vendor/*']\n"
      "format: sarif\n",
      "/proj/.refcheck.yaml");
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(C->Dir, "/proj");
  EXPECT_EQ(C->Baseline, "/proj/b.json");
  EXPECT_FALSE(C->checkEnabled("borrowed-return"));
  EXPECT_TRUE(C->checkEnabled("ref-leak"));
  EXPECT_TRUE(C->selects("/proj/src/a.c"));
  EXPECT_FALSE(C->selects("/proj/src/vendor/a.c"));
  EXPECT_FALSE(C->selects("/proj/tools/a.c"));
  EXPECT_EQ(C->Format, OutputFormat::Sarif);

  ApiModel M = ApiModel::builtin();
  C->addAnnotationsTo(M);
  const FunctionSpec *Get = M.lookup("get");
  ASSERT_TRUE(Get);
  EXPECT_EQ(Get->Return, ReturnKind::Borrowed);
  EXPECT_EQ(Get->From, Source::Config);
  const FunctionSpec *Put = M.lookup("put");
  ASSERT_TRUE(Put);
  EXPECT_EQ(Put->stealOf(1), StealKind::Always);
  EXPECT_EQ(Put->stealOf(2), StealKind::Always);
  EXPECT_EQ(Put->stealOf(0), StealKind::No);
}

TEST(ProjectConfig, EnableListsTheChecksThatRun) {
  llvm::Expected<ProjectConfig> C =
      parseProjectConfig("checks: {enable: [ref-leak]}\n", "/p/.refcheck.yaml");
  ASSERT_TRUE(bool(C));
  EXPECT_TRUE(C->checkEnabled("ref-leak"));
  EXPECT_FALSE(C->checkEnabled("over-release"));
}

TEST(ProjectConfig, ErrorsNameFileLineAndColumn) {
  auto Err = [](const char *Text) {
    llvm::Expected<ProjectConfig> C = parseProjectConfig(Text, "p.yaml");
    return C ? std::string("ok") : llvm::toString(C.takeError());
  };
  EXPECT_EQ(Err("checks:\n  disable: [nope]\n"),
            "p.yaml:2:13: unknown check (see refcheck --list-checks)");
  EXPECT_EQ(Err("format: xml\n"), "p.yaml:1:9: unknown enumerated scalar");
  EXPECT_EQ(Err("colour: red\n"), "p.yaml:1:1: unknown key 'colour'");
  EXPECT_EQ(Err(""), "ok");
}
