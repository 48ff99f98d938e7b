#include "refcheck/Flags.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using namespace refcheck;
using namespace llvm;

namespace {
/// A throwaway folder that looks like a CPython checkout.
class FakeTree : public ::testing::Test {
protected:
  SmallString<256> Root;
  PythonIncludes Host{"/usr/include/python3.11", "/usr/include/python3.11",
                      "3.11"};

  void SetUp() override {
    ASSERT_FALSE(sys::fs::createUniqueDirectory("refcheck-tree", Root));
    write("Include/Python.h", "");
    write("Objects/listobject.c", "#include \"Python.h\"\n");
    write("Modules/_io/fileio.c", "#include \"pycore_object.h\"\n");
    write("Modules/_testcapimodule.c", "#include \"Python.h\"\n");
    write("Modules/_decimal/_decimal.c", "#include \"Python.h\"\n");
  }
  void TearDown() override { sys::fs::remove_directories(Root); }

  std::string path(StringRef Rel) {
    SmallString<256> P(Root);
    sys::path::append(P, Rel);
    return P.str().str();
  }
  void write(StringRef Rel, StringRef Text) {
    std::string P = path(Rel);
    sys::fs::create_directories(sys::path::parent_path(P));
    std::error_code EC;
    raw_fd_ostream OS(P, EC);
    OS << Text;
  }
  static bool has(const FileCommand &C, StringRef Arg) {
    return llvm::is_contained(C.Args, Arg.str());
  }
};
} // namespace

TEST_F(FakeTree, FindsTheRootFromAnyDepth) {
  EXPECT_EQ(findCPythonRoot(path("Modules/_io/fileio.c")), Root.str().str());
  EXPECT_EQ(findCPythonRoot(path("Objects/listobject.c")), Root.str().str());
  EXPECT_EQ(findCPythonRoot("/"), std::nullopt);
}

TEST_F(FakeTree, CoreFilesGetPyBuildCore) {
  FileCommand C = cpythonTreeCommand(path("Objects/listobject.c"), Root, Host);
  EXPECT_TRUE(has(C, "-I" + path("Include")));
  EXPECT_TRUE(has(C, "-I" + path("Include/internal")));
  EXPECT_TRUE(has(C, "-DPy_BUILD_CORE"));
  // Unconfigured: pyconfig.h comes through a virtual forwarding header.
  ASSERT_EQ(C.VirtualFiles.size(), 1u);
  EXPECT_NE(C.VirtualFiles[0].second.find("/usr/include/python3.11/pyconfig.h"),
            std::string::npos);
}

TEST_F(FakeTree, ModulesGetWhatTheBuildGivesThem) {
  FileCommand Io = cpythonTreeCommand(path("Modules/_io/fileio.c"), Root, Host);
  EXPECT_TRUE(has(Io, "-DPy_BUILD_CORE_BUILTIN"));
  EXPECT_FALSE(has(Io, "-DPy_BUILD_CORE"));
  FileCommand Capi =
      cpythonTreeCommand(path("Modules/_testcapimodule.c"), Root, Host);
  EXPECT_FALSE(has(Capi, "-DPy_BUILD_CORE"));
  EXPECT_FALSE(has(Capi, "-DPy_BUILD_CORE_BUILTIN"));
  FileCommand Dec =
      cpythonTreeCommand(path("Modules/_decimal/_decimal.c"), Root, Host);
  EXPECT_TRUE(has(Dec, "-I" + path("Modules/_decimal/libmpdec")));
}

TEST_F(FakeTree, ConfiguredTreeUsesItsOwnPyconfig) {
  write("pyconfig.h", "#define X 1\n");
  FileCommand C = cpythonTreeCommand(path("Objects/listobject.c"), Root, Host);
  EXPECT_TRUE(has(C, "-I" + Root.str().str()));
  EXPECT_TRUE(C.VirtualFiles.empty());
}

TEST(HostPython, IncludesOutsideATree) {
  PythonIncludes H{"/inc", "/platinc", "3.11"};
  FileCommand C = hostPythonCommand("ext.c", H);
  EXPECT_EQ(C.Args, (std::vector<std::string>{"-I/inc", "-I/platinc"}));
}

TEST(HostPython, MissingInterpreterIsAnError) {
  auto R = queryPythonIncludes("/nonexistent/python3");
  ASSERT_FALSE(bool(R));
  EXPECT_NE(toString(R.takeError()).find("no such program"), std::string::npos);
}
