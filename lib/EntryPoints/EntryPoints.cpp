//===- EntryPoints.cpp - Python entry points and the in-file call graph ---===//
#include "refcheck/EntryPoints.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/Path.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringMap.h"
#include <deque>

using namespace clang;
using namespace refcheck;
using namespace llvm;

namespace {

/// The unqualified name of a record or typedef'd record type, looking
/// through arrays: "PyMethodDef", "PyTypeObject" ("_typeobject"), ...
std::string recordName(QualType T) {
  if (const clang::ArrayType *AT = T->getAsArrayTypeUnsafe())
    T = AT->getElementType();
  if (const RecordDecl *RD = T->getAsRecordDecl())
  {
    if (RD->getIdentifier())
      return RD->getName().str();
    // typedef struct { ... } PyType_Spec;
    if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
      return TD->getName().str();
  }
  return "";
}

const Expr *stripped(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  // &table, &Type
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      return UO->getSubExpr()->IgnoreParenCasts();
  return E;
}

const FunctionDecl *asFunction(const Expr *E) {
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(stripped(E)))
    return dyn_cast<FunctionDecl>(DRE->getDecl());
  return nullptr;
}

const VarDecl *asVar(const Expr *E) {
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(stripped(E)))
    return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

std::optional<std::string> asString(const Expr *E) {
  if (const auto *SL = dyn_cast_or_null<clang::StringLiteral>(stripped(E)))
    if (SL->isOrdinary() || SL->isUTF8())
      return SL->getString().str();
  return std::nullopt;
}

/// The initializer of Field in a record's (semantic) init list.
const Expr *fieldInit(const InitListExpr *ILE, StringRef Field) {
  if (!ILE)
    return nullptr;
  const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
  if (!RD)
    return nullptr;
  unsigned I = 0;
  for (const FieldDecl *FD : RD->fields()) {
    if (FD->getName() == Field)
      return I < ILE->getNumInits() ? ILE->getInit(I) : nullptr;
    ++I;
  }
  return nullptr;
}

/// Dunder names for the type slots Python code reaches by ordinary use.
StringRef slotPythonName(StringRef Slot) {
  static const StringMap<StringRef> Names = {
      {"tp_new", "__new__"},         {"tp_init", "__init__"},
      {"tp_call", "__call__"},       {"tp_repr", "__repr__"},
      {"tp_str", "__str__"},         {"tp_hash", "__hash__"},
      {"tp_iter", "__iter__"},       {"tp_iternext", "__next__"},
      {"tp_richcompare", "__eq__"},  {"tp_getattro", "__getattribute__"},
      {"tp_setattro", "__setattr__"}, {"tp_descr_get", "__get__"},
      {"tp_descr_set", "__set__"},   {"tp_dealloc", "__del__"},
      {"tp_finalize", "__del__"},    {"mp_subscript", "__getitem__"},
      {"mp_ass_subscript", "__setitem__"}, {"mp_length", "__len__"},
      {"sq_length", "__len__"},      {"sq_item", "__getitem__"},
      {"sq_contains", "__contains__"}, {"nb_add", "__add__"},
      {"nb_bool", "__bool__"},       {"nb_int", "__int__"},
      {"nb_index", "__index__"},     {"am_await", "__await__"},
      {"am_aiter", "__aiter__"},     {"am_anext", "__anext__"},
      {"sq_concat", "__add__"},      {"sq_repeat", "__mul__"},
      {"sq_inplace_concat", "__iadd__"}, {"sq_inplace_repeat", "__imul__"},
      {"sq_ass_item", "__setitem__"}, {"nb_subtract", "__sub__"},
      {"nb_multiply", "__mul__"},    {"nb_remainder", "__mod__"},
      {"nb_power", "__pow__"},       {"nb_negative", "__neg__"},
      {"nb_positive", "__pos__"},    {"nb_absolute", "__abs__"},
      {"nb_invert", "__invert__"},   {"nb_lshift", "__lshift__"},
      {"nb_rshift", "__rshift__"},   {"nb_and", "__and__"},
      {"nb_xor", "__xor__"},         {"nb_or", "__or__"},
      {"nb_float", "__float__"},     {"nb_floor_divide", "__floordiv__"},
      {"nb_true_divide", "__truediv__"}, {"nb_inplace_add", "__iadd__"},
      {"nb_inplace_or", "__ior__"},  {"nb_matrix_multiply", "__matmul__"},
      {"bf_getbuffer", "__buffer__"}, {"tp_traverse", "__gc_traverse__"},
      {"tp_clear", "__gc_clear__"},
  };
  auto It = Names.find(Slot);
  return It == Names.end() ? Slot : It->second;
}

class Builder {
  ASTContext &Ctx;
  EntryPointIndex &Out;
  /// Module name from PyModuleDef.m_name, else from PyInit_<name>.
  std::string Module;
  /// Table variable -> the qualified owner its entries belong to.
  std::map<const VarDecl *, std::string> TableOwner;
  std::vector<const VarDecl *> Vars;
  std::vector<const FunctionDecl *> Inits;

public:
  Builder(ASTContext &Ctx, EntryPointIndex &Out) : Ctx(Ctx), Out(Out) {}

  void run() {
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      if (const auto *VD = dyn_cast<VarDecl>(D)) {
        if (const VarDecl *Def = VD->getDefinition())
          if (Def == VD && VD->getInit())
            Vars.push_back(VD);
      } else if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
        if (FD->getName().starts_with("PyInit_") && FD->hasBody())
          Inits.push_back(FD);
      }
    }
    findModule();
    findTypes();
    // Tables referenced from PyModuleDef, or from nothing refcheck knows,
    // belong to the module.
    for (const VarDecl *VD : Vars) {
      std::string R = recordName(VD->getType());
      if (R != "PyMethodDef" && R != "PyGetSetDef" && R != "PyMemberDef")
        continue;
      auto It = TableOwner.find(VD);
      std::string Owner = It != TableOwner.end() ? It->second : Module;
      if (Owner.empty())
        Owner = "?";
      addTable(VD, R, Owner);
    }
    callGraph();
  }

private:
  const InitListExpr *initList(const VarDecl *VD) {
    return dyn_cast_or_null<InitListExpr>(VD->getInit()->IgnoreParenCasts());
  }

  void findModule() {
    for (const VarDecl *VD : Vars) {
      if (recordName(VD->getType()) != "PyModuleDef")
        continue;
      const InitListExpr *ILE = initList(VD);
      if (auto N = asString(fieldInit(ILE, "m_name")))
        Module = *N;
      if (const VarDecl *T = asVar(fieldInit(ILE, "m_methods")))
        TableOwner[T] = Module;
      if (const VarDecl *S = asVar(fieldInit(ILE, "m_slots")))
        moduleSlots(S);
    }
    for (const FunctionDecl *FD : Inits) {
      if (Module.empty())
        Module = FD->getName().drop_front(strlen("PyInit_")).str();
      Out.Direct[FD->getName().str()].insert(Module);
    }
  }

  void moduleSlots(const VarDecl *S) {
    const InitListExpr *Arr = initList(S);
    if (!Arr)
      return;
    for (const Expr *E : Arr->inits()) {
      const auto *Slot = dyn_cast<InitListExpr>(E);
      if (!Slot || Slot->getNumInits() < 2)
        continue;
      if (const FunctionDecl *F = asFunction(Slot->getInit(1)))
        Out.Direct[F->getName().str()].insert(Module.empty() ? "?" : Module);
    }
  }

  /// "leaky.Counter" from tp_name/spec name; a dot-free name is a builtin.
  std::string qualifiedType(StringRef Name) {
    if (Name.contains('.'))
      return Name.str();
    return ("builtins." + Name).str();
  }

  void findTypes() {
    for (const VarDecl *VD : Vars) {
      std::string R = recordName(VD->getType());
      const InitListExpr *ILE = initList(VD);
      if (!ILE)
        continue;
      if (R == "_typeobject") {
        auto Name = asString(fieldInit(ILE, "tp_name"));
        if (!Name)
          continue;
        staticTypeSlots(ILE, qualifiedType(*Name), 0);
      } else if (R == "PyType_Spec") {
        auto Name = asString(fieldInit(ILE, "name"));
        const VarDecl *Slots = asVar(fieldInit(ILE, "slots"));
        if (Name && Slots)
          specSlots(Slots, qualifiedType(*Name));
      }
    }
  }

  /// Fields of a static PyTypeObject (and of the PyNumberMethods, ... it
  /// points to): function pointers are slots, tables get an owner.
  void staticTypeSlots(const InitListExpr *ILE, const std::string &Type,
                       unsigned Depth) {
    const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
    if (!RD || Depth > 1)
      return;
    unsigned I = 0;
    for (const FieldDecl *FD : RD->fields()) {
      if (I >= ILE->getNumInits())
        break;
      const Expr *E = ILE->getInit(I++);
      if (const FunctionDecl *F = asFunction(E)) {
        Out.Direct[F->getName().str()].insert(
            (Type + "." + slotPythonName(FD->getName())).str());
      } else if (const VarDecl *V = asVar(E)) {
        if (!V->getInit())
          continue;
        StringRef Field = FD->getName();
        if (Field == "tp_methods" || Field == "tp_getset" ||
            Field == "tp_members")
          TableOwner[V] = Type;
        else if (const auto *Sub = dyn_cast<InitListExpr>(
                     V->getInit()->IgnoreParenCasts()))
          staticTypeSlots(Sub, Type, Depth + 1);
      }
    }
  }

  /// A PyType_Slot array: {Py_tp_new, func}, {Py_tp_methods, table}, ...
  /// The slot's name is the macro it was written with.
  void specSlots(const VarDecl *Slots, const std::string &Type) {
    const InitListExpr *Arr = initList(Slots);
    if (!Arr)
      return;
    const SourceManager &SM = Ctx.getSourceManager();
    for (const Expr *E : Arr->inits()) {
      const auto *Slot = dyn_cast<InitListExpr>(E);
      if (!Slot || Slot->getNumInits() < 2)
        continue;
      SourceLocation L = Slot->getInit(0)->IgnoreParenCasts()->getBeginLoc();
      StringRef Macro;
      if (L.isMacroID())
        Macro = Lexer::getImmediateMacroName(L, SM, Ctx.getLangOpts());
      Macro.consume_front("Py_");
      if (const FunctionDecl *F = asFunction(Slot->getInit(1))) {
        StringRef Py = Macro.empty() ? StringRef("slot") : slotPythonName(Macro);
        Out.Direct[F->getName().str()].insert((Type + "." + Py).str());
      } else if (const VarDecl *V = asVar(Slot->getInit(1))) {
        if (Macro == "tp_methods" || Macro == "tp_getset" ||
            Macro == "tp_members")
          TableOwner[V] = Type;
      }
    }
  }

  void addTable(const VarDecl *VD, StringRef Kind, const std::string &Owner) {
    const InitListExpr *Arr = initList(VD);
    if (!Arr)
      return;
    for (const Expr *E : Arr->inits()) {
      const auto *Entry = dyn_cast<InitListExpr>(E);
      if (!Entry)
        continue;
      if (Kind == "PyMethodDef") {
        auto Name = asString(fieldInit(Entry, "ml_name"));
        if (const FunctionDecl *F = asFunction(fieldInit(Entry, "ml_meth")))
          if (Name)
            Out.Direct[F->getName().str()].insert(Owner + "." + *Name);
      } else if (Kind == "PyGetSetDef") {
        auto Name = asString(fieldInit(Entry, "name"));
        if (!Name)
          continue;
        for (StringRef Field : {"get", "set"})
          if (const FunctionDecl *F = asFunction(fieldInit(Entry, Field)))
            Out.Direct[F->getName().str()].insert(Owner + "." + *Name);
      } else {
        if (auto Name = asString(fieldInit(Entry, "name")))
          Out.Members.insert(Owner + "." + *Name);
      }
    }
  }

  /// Every reference to a function inside another function's body is an
  /// edge: calls, and callbacks passed by address.
  class EdgeVisitor : public RecursiveASTVisitor<EdgeVisitor> {
  public:
    EntryPointIndex &Out;
    std::string Current;
    explicit EdgeVisitor(EntryPointIndex &Out) : Out(Out) {}
    bool VisitDeclRefExpr(DeclRefExpr *E) {
      if (const auto *F = dyn_cast<FunctionDecl>(E->getDecl()))
        if (!Current.empty() && F->getName() != Current)
          Out.Callers[F->getName().str()].insert(Current);
      return true;
    }
  };

  void callGraph() {
    EdgeVisitor V(Out);
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      const auto *FD = dyn_cast<FunctionDecl>(D);
      if (!FD || !FD->doesThisDeclarationHaveABody() || !FD->getIdentifier())
        continue;
      V.Current = FD->getName().str();
      V.TraverseStmt(FD->getBody());
    }
  }
};

class IndexConsumer : public ASTConsumer {
  EntryPointIndex &Out;

public:
  explicit IndexConsumer(EntryPointIndex &Out) : Out(Out) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    // Declarations only: bodies of functions are not type-checked again.
    Builder(Ctx, Out).run();
  }
};

class IndexAction : public ASTFrontendAction {
  EntryPointIndex &Out;

public:
  explicit IndexAction(EntryPointIndex &Out) : Out(Out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return makeEntryPointConsumer(Out);
  }
};

class IndexActionFactory : public tooling::FrontendActionFactory {
  EntryPointIndex &Out;

public:
  explicit IndexActionFactory(EntryPointIndex &Out) : Out(Out) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<IndexAction>(Out);
  }
};
} // namespace

void EntryPointIndex::build(ASTContext &Ctx) { Builder(Ctx, *this).run(); }

void EntryPointIndex::merge(const EntryPointIndex &Other) {
  for (const auto &[F, Names] : Other.Direct)
    Direct[F].insert(Names.begin(), Names.end());
  for (const auto &[F, Cs] : Other.Callers)
    Callers[F].insert(Cs.begin(), Cs.end());
  Members.insert(Other.Members.begin(), Other.Members.end());
}

std::vector<std::string> EntryPointIndex::lookup(StringRef Function,
                                                 unsigned MaxDepth) const {
  std::set<std::string> Found, Seen{Function.str()};
  std::deque<std::pair<std::string, unsigned>> Work{{Function.str(), 0}};
  while (!Work.empty()) {
    auto [F, Depth] = Work.front();
    Work.pop_front();
    auto D = Direct.find(F);
    if (D != Direct.end())
      Found.insert(D->second.begin(), D->second.end());
    if (Depth >= MaxDepth)
      continue;
    auto C = Callers.find(F);
    if (C == Callers.end())
      continue;
    for (const std::string &Caller : C->second)
      if (Seen.insert(Caller).second)
        Work.push_back({Caller, Depth + 1});
  }
  return {Found.begin(), Found.end()};
}

std::unique_ptr<ASTConsumer>
refcheck::makeEntryPointConsumer(EntryPointIndex &Out) {
  return std::make_unique<IndexConsumer>(Out);
}

void refcheck::attachEntryPoints(Results &R, const EntryPointIndex &Index,
                                 unsigned MaxDepth) {
  for (Finding &F : R.Findings)
    if (!F.Function.empty())
      F.EntryPoints = Index.lookup(F.Function, MaxDepth);
}

Expected<unsigned> refcheck::addCrossFileEntryPoints(Results &R,
                                                    StringRef BuildDir,
                                                    unsigned MaxDepth) {
  SmallString<256> P(BuildDir);
  if (!BuildDir.ends_with(".json"))
    sys::path::append(P, "compile_commands.json");
  std::string Err;
  auto DB = tooling::JSONCompilationDatabase::loadFromFile(
      P, Err, tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    return createStringError(inconvertibleErrorCode(),
                             "cannot read compile database '%s': %s",
                             P.c_str(), StringRef(Err).split('\n').first
                                            .str().c_str());
  bool Missing = llvm::any_of(R.Findings, [](const Finding &F) {
    return F.EntryPoints.empty() && !F.Function.empty();
  });
  if (!Missing)
    return 0u;
  std::vector<std::string> Files = DB->getAllFiles();
  tooling::ClangTool Tool(*DB, Files);
  Tool.appendArgumentsAdjuster(tooling::getClangSyntaxOnlyAdjuster());
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      {"-Wno-everything", "-Qunused-arguments"},
      tooling::ArgumentInsertPosition::END));
  IgnoringDiagConsumer Quiet;
  Tool.setDiagnosticConsumer(&Quiet);
  Tool.setPrintErrorMessage(false);
  EntryPointIndex Index;
  IndexActionFactory Factory(Index);
  Tool.run(&Factory);
  for (Finding &F : R.Findings)
    if (F.EntryPoints.empty() && !F.Function.empty())
      F.EntryPoints = Index.lookup(F.Function, MaxDepth);
  return unsigned(Files.size());
}
