// leadingIncludePrefix(): which first lines of a file one precompiled
// header can stand for in every file that starts with them.
#include "refcheck/Driver.h"
#include "gtest/gtest.h"

using namespace refcheck;

namespace {
std::string prefixText(llvm::StringRef Text) {
  return leadingIncludePrefix(Text).Text;
}

TEST(LeadingIncludePrefix, DefinesThenTheFirstInclude) {
  EXPECT_EQ(prefixText("#define PY_SSIZE_T_CLEAN\n"
                                 "#include <Python.h>\n"
                                 "#include \"mine.h\"\n"
                                 "int x;\n"),
            "#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n");
}

TEST(LeadingIncludePrefix, CommentsAreLeftOut) {
  // Files that differ only in their licence block share the prefix.
  std::string A = prefixText("/* file a\n * licence */\n"
                                       "// more\n\n"
                                       "#define MODULE\n"
                                       "#include \"proj.h\" /* all */\n");
  std::string B = prefixText("/* file b */\n#define MODULE\n"
                                       "#include \"proj.h\" /* all */\n");
  EXPECT_EQ(A, "#define MODULE\n#include \"proj.h\" /* all */\n");
  EXPECT_EQ(A, B);
}

TEST(LeadingIncludePrefix, MultiLineDefineIsWhole) {
  EXPECT_EQ(prefixText("#define TWICE(x) \\\n  ((x) + (x))\n"
                                 "#undef NDEBUG\n#include \"a.h\"\n"),
            "#define TWICE(x) \\\n  ((x) + (x))\n#undef NDEBUG\n"
            "#include \"a.h\"\n");
}

TEST(LeadingIncludePrefix, NoneWhenSomethingElseComesFirst) {
  // A conditional, a pragma or code before the include could change what
  // the include means from file to file.
  EXPECT_EQ(prefixText("#ifdef X\n#include <a.h>\n#endif\n"), "");
  EXPECT_EQ(prefixText("#pragma once\n#include <a.h>\n"), "");
  EXPECT_EQ(prefixText("int x;\n#include <a.h>\n"), "");
  EXPECT_EQ(prefixText("/* only a comment */\n"), "");
  EXPECT_EQ(prefixText(""), "");
}

TEST(LeadingIncludePrefix, NoneForAnIncludeLineThatGoesOn) {
  // A comment that does not end on the line, a line with no end, an
  // include naming nothing.
  EXPECT_EQ(prefixText("#include <a.h> /* starts\n ends */\n"), "");
  EXPECT_EQ(prefixText("#include <a.h>"), "");
  EXPECT_EQ(prefixText("#include\nint x;\n"), "");
}

TEST(LeadingIncludePrefix, BytesReachPastTheIncludeLine) {
  // A parse with the PCH skips exactly these bytes: comments, directives
  // and the include line's newline, nothing of what follows.
  std::string File = "/* licence */\n#define A 1\n#include \"a.h\" // all\n"
                     "int x;\n";
  LeadingPrefix P = leadingIncludePrefix(File);
  EXPECT_EQ(File.substr(P.Bytes), "int x;\n");
  EXPECT_EQ(leadingIncludePrefix("#include <a.h>\n").Bytes, 15u);
  EXPECT_EQ(leadingIncludePrefix("int x;\n#include <a.h>\n").Bytes, 0u);
}
} // namespace
