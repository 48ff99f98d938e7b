// leadingIncludePrefix(): which first lines of a file one precompiled
// header can stand for in every file that starts with them.
#include "refcheck/Driver.h"
#include "gtest/gtest.h"

using namespace refcheck;

namespace {
TEST(LeadingIncludePrefix, DefinesThenTheFirstInclude) {
  EXPECT_EQ(leadingIncludePrefix("#define PY_SSIZE_T_CLEAN\n"
                                 "#include <Python.h>\n"
                                 "#include \"mine.h\"\n"
                                 "int x;\n"),
            "#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n");
}

TEST(LeadingIncludePrefix, CommentsAreLeftOut) {
  // Files that differ only in their licence block share the prefix.
  std::string A = leadingIncludePrefix("/* file a\n * licence */\n"
                                       "// more\n\n"
                                       "#define MODULE\n"
                                       "#include \"proj.h\" /* all */\n");
  std::string B = leadingIncludePrefix("/* file b */\n#define MODULE\n"
                                       "#include \"proj.h\" /* all */\n");
  EXPECT_EQ(A, "#define MODULE\n#include \"proj.h\" /* all */\n");
  EXPECT_EQ(A, B);
}

TEST(LeadingIncludePrefix, MultiLineDefineIsWhole) {
  EXPECT_EQ(leadingIncludePrefix("#define TWICE(x) \\\n  ((x) + (x))\n"
                                 "#undef NDEBUG\n#include \"a.h\"\n"),
            "#define TWICE(x) \\\n  ((x) + (x))\n#undef NDEBUG\n"
            "#include \"a.h\"\n");
}

TEST(LeadingIncludePrefix, NoneWhenSomethingElseComesFirst) {
  // A conditional, a pragma or code before the include could change what
  // the include means from file to file.
  EXPECT_EQ(leadingIncludePrefix("#ifdef X\n#include <a.h>\n#endif\n"), "");
  EXPECT_EQ(leadingIncludePrefix("#pragma once\n#include <a.h>\n"), "");
  EXPECT_EQ(leadingIncludePrefix("int x;\n#include <a.h>\n"), "");
  EXPECT_EQ(leadingIncludePrefix("/* only a comment */\n"), "");
  EXPECT_EQ(leadingIncludePrefix(""), "");
}

TEST(LeadingIncludePrefix, NoneForAnIncludeLineThatGoesOn) {
  // A comment that does not end on the line, a line with no end, an
  // include naming nothing.
  EXPECT_EQ(leadingIncludePrefix("#include <a.h> /* starts\n ends */\n"), "");
  EXPECT_EQ(leadingIncludePrefix("#include <a.h>"), "");
  EXPECT_EQ(leadingIncludePrefix("#include\nint x;\n"), "");
}
} // namespace
