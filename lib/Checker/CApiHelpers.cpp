//===- CApiHelpers.cpp - Shared by the checks beyond refcounts ------------===//
#include "CApiHelpers.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExprEngine.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/WorkList.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace clang::ento;
using namespace refcheck;

bool refcheck::isPyObjectPointerType(QualType T) {
  const auto *PT = T.getCanonicalType()->getAs<PointerType>();
  if (!PT)
    return false;
  QualType P = PT->getPointeeType();
  for (int Depth = 0; Depth < 6; ++Depth) {
    const RecordType *RT = P.getCanonicalType()->getAs<RecordType>();
    if (!RT)
      return false;
    const RecordDecl *RD = RT->getDecl();
    // PyTypeObject is only declared under Py_LIMITED_API.
    if (RD->getName() == "_object" || RD->getName() == "_typeobject")
      return true;
    RD = RD->getDefinition();
    if (!RD || RD->field_empty())
      return false;
    P = RD->field_begin()->getType();
  }
  return false;
}

bool refcheck::isOpaqueRecordPointerType(QualType T) {
  const auto *PT = T.getCanonicalType()->getAs<PointerType>();
  const RecordType *RT =
      PT ? PT->getPointeeType().getCanonicalType()->getAs<RecordType>()
         : nullptr;
  return RT && !RT->getDecl()->getDefinition();
}

bool refcheck::isPyReturnMacro(const ReturnStmt *RS, const ASTContext &Ctx) {
  SourceLocation L = RS->getBeginLoc();
  if (!L.isMacroID())
    return false;
  StringRef Name = Lexer::getImmediateMacroName(L, Ctx.getSourceManager(),
                                                Ctx.getLangOpts());
  return Name == "Py_RETURN_NONE" || Name == "Py_RETURN_TRUE" ||
         Name == "Py_RETURN_FALSE" || Name == "Py_RETURN_NOTIMPLEMENTED";
}

bool refcheck::isAddressOf(const Expr *E, const VarDecl *V) {
  const auto *UO =
      dyn_cast_or_null<UnaryOperator>(E ? E->IgnoreParenCasts() : nullptr);
  const auto *D = UO && UO->getOpcode() == UO_AddrOf
                      ? dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenCasts())
                      : nullptr;
  return D && V &&
         D->getDecl()->getCanonicalDecl() == V->getCanonicalDecl();
}

const VarDecl *refcheck::localVariable(const Expr *E) {
  const auto *D =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenCasts() : nullptr);
  const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
  return V && V->hasLocalStorage() && !isa<ParmVarDecl>(V) ? V : nullptr;
}

const StackFrameContext *refcheck::topFrame(const LocationContext *LC) {
  const StackFrameContext *Top = LC->getStackFrame();
  while (Top->getParent())
    Top = Top->getParent()->getStackFrame();
  return Top;
}

ValuesGiven refcheck::valuesGiven(const VarDecl *V, const Stmt *Body) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const VarDecl *V;
    ValuesGiven Out;
    bool refersToV(const Expr *E) const {
      const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
      return D && D->getDecl() == V;
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->getOpcode() == BO_Assign && refersToV(BO->getLHS()))
        Out.Values.push_back(BO->getRHS());
      return true;
    }
    bool VisitUnaryOperator(UnaryOperator *UO) {
      if (UO->getOpcode() == UO_AddrOf && refersToV(UO->getSubExpr()))
        ++Out.AddressUses;
      return true;
    }
    bool VisitCallExpr(CallExpr *CE) {
      for (unsigned I = 0; I < CE->getNumArgs(); ++I)
        if (const auto *UO =
                dyn_cast<UnaryOperator>(CE->getArg(I)->IgnoreParenCasts());
            UO && UO->getOpcode() == UO_AddrOf && refersToV(UO->getSubExpr()))
          Out.OutArgs.push_back({CE, I});
      return true;
    }
  } F;
  F.V = V;
  if (const Expr *Init = V->getInit())
    F.Out.Values.push_back(Init);
  if (Body)
    F.TraverseStmt(const_cast<Stmt *>(Body));
  return std::move(F.Out);
}

bool refcheck::isInMacro(SourceLocation L, ArrayRef<StringRef> Names,
                         const SourceManager &SM, const LangOptions &LO) {
  for (; L.isMacroID(); L = SM.getImmediateMacroCallerLoc(L))
    if (llvm::is_contained(Names, Lexer::getImmediateMacroName(L, SM, LO)))
      return true;
  return false;
}

llvm::StringRef refcheck::userFacingName(llvm::StringRef Name) {
  if (Name.starts_with("_") && Name.ends_with("_SizeT"))
    return Name.drop_front().drop_back(6);
  return Name;
}

llvm::StringRef refcheck::directCalleeName(const CallExpr *CE) {
  if (const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr)
    if (const IdentifierInfo *II = FD->getIdentifier())
      return II->getName();
  return "";
}

const CallExpr *refcheck::callReturning(ento::SymbolRef Sym) {
  const auto *SC = dyn_cast_or_null<ento::SymbolConjured>(Sym);
  const auto *CE = SC ? dyn_cast_or_null<CallExpr>(SC->getStmt()) : nullptr;
  return CE && CE->getType().getCanonicalType() ==
                   SC->getType().getCanonicalType()
             ? CE
             : nullptr;
}

ErrorKind refcheck::errorKindFor(const ApiModel *M, llvm::StringRef Name) {
  if (!M || Name.empty())
    return ErrorKind::Unknown;
  ErrorKind K = M->errorKindOf(Name);
  if (K == ErrorKind::Unknown && userFacingName(Name) != Name)
    K = M->errorKindOf(userFacingName(Name));
  return K;
}

const ErrorSpec *refcheck::errorSpecFor(const ApiModel *M,
                                        llvm::StringRef Name) {
  if (!M || Name.empty())
    return nullptr;
  if (const ErrorSpec *E = M->lookupError(Name))
    return E;
  return M->lookupError(userFacingName(Name));
}

std::optional<DefinedOrUnknownSVal>
refcheck::failureCondition(ProgramStateRef State, SVal V, QualType T,
                           ErrorKind K, SValBuilder &SVB) {
  bool Ptr = T->isPointerType() || T->isNullPtrType();
  SVal Cond;
  switch (K) {
  case ErrorKind::NullSets:
  case ErrorKind::NullMaybeSets:
  case ErrorKind::NullOnMisuse:
  case ErrorKind::ZeroSets:
    if (!Ptr && !T->isIntegerType())
      return std::nullopt;
    Cond = SVB.evalBinOp(State, BO_EQ, V, SVB.makeZeroVal(T),
                         SVB.getConditionType());
    break;
  case ErrorKind::NegSets:
    if (!T->isIntegerType())
      return std::nullopt;
    Cond = SVB.evalBinOp(State, BO_LT, V, SVB.makeZeroVal(T),
                         SVB.getConditionType());
    break;
  case ErrorKind::Ambiguous:
    if (!T->isIntegerType())
      return std::nullopt;
    Cond = SVB.evalBinOp(State, BO_EQ, V, SVB.makeIntVal(-1, T),
                         SVB.getConditionType());
    break;
  default:
    return std::nullopt;
  }
  return Cond.getAs<DefinedOrUnknownSVal>();
}

const ErrorSpec *refcheck::annotatedErrorSpec(const FunctionDecl *FD) {
  static const ErrorSpec Sets = [] {
    ErrorSpec E;
    E.Kind = ErrorKind::AlwaysSets;
    E.From = Source::Config;
    return E;
  }();
  static const ErrorSpec Negative = [] {
    ErrorSpec E;
    E.Kind = ErrorKind::NegSets;
    E.From = Source::Config;
    return E;
  }();
  if (!FD)
    return nullptr;
  for (const FunctionDecl *D : FD->redecls())
    for (const auto *A : D->specific_attrs<AnnotateAttr>()) {
      if (A->getAnnotation() == "refcheck::sets_exception")
        return &Sets;
      if (A->getAnnotation() == "refcheck::negative_sets_exception" &&
          FD->getReturnType()->isIntegerType())
        return &Negative;
    }
  return nullptr;
}

ErrorKind refcheck::errorKindFor(const ApiModel *M, const FunctionDecl *FD) {
  if (const ErrorSpec *E = annotatedErrorSpec(FD))
    return E->Kind;
  const IdentifierInfo *II = FD ? FD->getIdentifier() : nullptr;
  return II ? errorKindFor(M, II->getName()) : ErrorKind::Unknown;
}

const ErrorSpec *refcheck::errorSpecFor(const ApiModel *M,
                                        const FunctionDecl *FD) {
  if (const ErrorSpec *E = annotatedErrorSpec(FD))
    return E;
  const IdentifierInfo *II = FD ? FD->getIdentifier() : nullptr;
  return II ? errorSpecFor(M, II->getName()) : nullptr;
}

const FunctionSpec *refcheck::functionSpecFor(const ApiModel *M,
                                              llvm::StringRef Name) {
  if (!M || Name.empty())
    return nullptr;
  if (const FunctionSpec *S = M->lookup(Name))
    return S;
  return M->lookup(userFacingName(Name));
}

std::optional<uint64_t> refcheck::methodDefFlags(const InitListExpr *Entry,
                                                const ASTContext &Ctx) {
  Expr::EvalResult Flags;
  if (Entry->getNumInits() < 3 || Entry->getInit(2)->isValueDependent() ||
      !Entry->getInit(2)->EvaluateAsInt(Flags, Ctx))
    return std::nullopt;
  return Flags.Val.getInt().getZExtValue();
}

void refcheck::reportExploration(const ento::ExplodedGraph &G,
                                 const ento::ExprEngine &Eng) {
  static const bool On = getenv("REFCHECK_TEST_EXPLORATION") != nullptr;
  if (!On || !G.num_roots())
    return;
  const Decl *D = (*G.roots_begin())->getLocationContext()->getDecl();
  const auto *ND = dyn_cast_or_null<NamedDecl>(D);
  llvm::errs() << "refcheck: explored "
               << (ND ? ND->getQualifiedNameAsString() : "?") << ": "
               << (Eng.getCoreEngine().getWorkList()->hasWork()
                       ? "out of budget"
                       : "complete")
               << " (" << G.size() << " nodes)\n";
}

namespace {
/// Each statement's position in a body, per body and keying: the reports
/// of a function ask about the same body again and again, and a module
/// init's body is long.
struct OrdinalCache {
  const ASTContext *Ctx = nullptr;
  llvm::DenseMap<std::pair<const Stmt *, void *>,
                 llvm::DenseMap<const Stmt *, unsigned>>
      Of;
};
thread_local OrdinalCache Ordinals;
} // namespace

void refcheck::resetOrdinalCache() {
  Ordinals.Of.clear();
  Ordinals.Ctx = nullptr;
}

unsigned refcheck::positionInBody(const Stmt *S, const Decl *D,
                                  StringRef (*NameOf)(const Stmt *)) {
  if (!S || !D || !D->getBody())
    return 0;
  if (NameOf && !isa<CallExpr>(S))
    return 0;
  const Stmt *Body = D->getBody();
  if (Ordinals.Ctx != &D->getASTContext()) {
    Ordinals.Of.clear();
    Ordinals.Ctx = &D->getASTContext();
  }
  auto [It, New] = Ordinals.Of.try_emplace(
      std::make_pair(Body, reinterpret_cast<void *>(NameOf)));
  if (New) {
    struct Counter : RecursiveASTVisitor<Counter> {
      llvm::DenseMap<const Stmt *, unsigned> &Out;
      StringRef (*NameOf)(const Stmt *);
      llvm::StringMap<unsigned> Seen;
      Counter(llvm::DenseMap<const Stmt *, unsigned> &Out,
              StringRef (*NameOf)(const Stmt *))
          : Out(Out), NameOf(NameOf) {}
      bool VisitStmt(Stmt *X) {
        if (NameOf && !isa<CallExpr>(X))
          return true;
        // A statement visited twice (both forms of an initializer list)
        // keeps the position of its last visit.
        Out[X] = ++Seen[NameOf ? NameOf(X) : X->getStmtClassName()];
        return true;
      }
    } C(It->second, NameOf);
    C.TraverseStmt(const_cast<Stmt *>(Body));
  }
  return It->second.lookup(S);
}

std::string refcheck::ordinalKey(llvm::StringRef Kind, const Stmt *S,
                                 const Decl *D) {
  unsigned Index = positionInBody(S, D);
  return (Kind + "#" + llvm::Twine(Index ? Index : 1)).str();
}

const FunctionDecl *refcheck::referencedFunction(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<FunctionDecl>(DRE->getDecl());
  return nullptr;
}

bool refcheck::isInCodeFile(const SourceManager &SM, SourceLocation Loc) {
  Loc = SM.getExpansionLoc(Loc);
  if (SM.isInMainFile(Loc))
    return true;
  if (Loc.isInvalid() || SM.isInSystemHeader(Loc))
    return false;
  StringRef Ext = llvm::sys::path::extension(SM.getFilename(Loc));
  return Ext == ".c" || Ext == ".cc" || Ext == ".cpp" || Ext == ".cxx";
}

bool refcheck::includesCodeFiles(ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (FD && FD->doesThisDeclarationHaveABody() &&
        !SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())) &&
        isInCodeFile(SM, FD->getLocation()))
      return true;
  }
  return false;
}

std::optional<std::string> refcheck::callbackFieldKey(const FieldDecl *FD) {
  if (!FD || FD->getName().empty() || !FD->getType()->isFunctionPointerType() ||
      !mentionsPythonObject(FD->getType()))
    return std::nullopt;
  const RecordDecl *RD = FD->getParent();
  StringRef Rec = recordName(RD);
  // The C API's own structs (type slots, PyMethodDef) have their own rules,
  // and a CPython tree is a project whose headers are not system headers.
  if (Rec.empty() || isPythonApiName(Rec))
    return std::nullopt;
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(RD->getLocation())))
    return std::nullopt;
  return (Rec + "." + FD->getName()).str();
}

const MemberExpr *refcheck::calledMember(const CallExpr *CE) {
  if (!CE || CE->getDirectCallee())
    return nullptr;
  const Expr *Callee = CE->getCallee()->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Callee);
      UO && UO->getOpcode() == UO_Deref)
    Callee = UO->getSubExpr()->IgnoreParenImpCasts();
  return dyn_cast<MemberExpr>(Callee);
}

std::optional<std::string> refcheck::callbackFieldKey(const CallExpr *CE) {
  if (const MemberExpr *ME = calledMember(CE))
    return callbackFieldKey(dyn_cast<FieldDecl>(ME->getMemberDecl()));
  return std::nullopt;
}

CallbackBindings refcheck::callbackBindings(ASTContext &Ctx) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const SourceManager &SM;
    CallbackBindings Out;
    explicit Finder(const SourceManager &SM) : SM(SM) {}
    void bind(const FieldDecl *Field, const Expr *Value) {
      const FunctionDecl *F = referencedFunction(Value);
      // Defined in the unit's own code (isInCodeFile).
      if (!F || !(F = F->getDefinition()) ||
          !isInCodeFile(SM, F->getLocation()))
        return;
      std::optional<std::string> Key = callbackFieldKey(Field);
      if (!Key)
        return;
      auto &Fns = Out[*Key];
      if (!llvm::is_contained(Fns, F))
        Fns.push_back(F);
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->getOpcode() == BO_Assign)
        if (const auto *ME =
                dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts()))
          bind(dyn_cast<FieldDecl>(ME->getMemberDecl()), BO->getRHS());
      return true;
    }
    bool VisitInitListExpr(InitListExpr *ILE) {
      // The semantic form lists one initializer per field, designated or
      // not.
      if (!ILE->isSemanticForm())
        return true;
      const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
      if (!RD)
        return true;
      if (RD->isUnion()) {
        if (ILE->getNumInits() == 1)
          bind(ILE->getInitializedFieldInUnion(), ILE->getInit(0));
        return true;
      }
      unsigned I = 0;
      for (const FieldDecl *Field : RD->fields()) {
        if (I >= ILE->getNumInits())
          break;
        bind(Field, ILE->getInit(I++));
      }
      return true;
    }
  } F(Ctx.getSourceManager());
  // The system headers (Python.h's) bind none of the project's functions:
  // their declarations are not read, which is most of a unit.
  const SourceManager &SM = Ctx.getSourceManager();
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (!SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      F.TraverseDecl(D);
  return std::move(F.Out);
}

StringRef refcheck::recordName(const RecordDecl *RD) {
  if (!RD->getName().empty())
    return RD->getName();
  if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
    return TD->getName();
  return "";
}

const ento::MemRegion *refcheck::regionOfValue(ento::SymbolRef Sym) {
  if (const auto *SRV = dyn_cast_or_null<ento::SymbolRegionValue>(Sym))
    return SRV->getRegion();
  if (const auto *SD = dyn_cast_or_null<ento::SymbolDerived>(Sym))
    return SD->getRegion();
  return nullptr;
}

const ento::FieldRegion *refcheck::fieldOfValue(ento::SymbolRef Sym) {
  return dyn_cast_or_null<ento::FieldRegion>(regionOfValue(Sym));
}

bool refcheck::isTypeField(const ento::FieldRegion *FR) {
  return FR && FR->getDecl()->getName() == "ob_type";
}

StringRef refcheck::recordName(QualType T) {
  const RecordType *RT = T.getCanonicalType()->getAs<RecordType>();
  return RT ? recordName(RT->getDecl()) : "";
}

//===----------------------------------------------------------------------===//
// Contracts
//===----------------------------------------------------------------------===//

namespace {
/// What storing a function into a field (or type slot) means.
/// RichCompare: Plain, and its int argument is a comparison operator.
enum class Role { Object, Int, Exempt, Plain, RichCompare };

Role roleOfField(StringRef Record, StringRef Field) {
  if (Record == "PyGetSetDef" && Field == "set")
    return Role::Int;
  return llvm::StringSwitch<Role>(Field)
      .Cases("tp_init", "tp_setattro", "tp_setattr", "tp_descr_set",
             Role::Int)
      .Cases("mp_ass_subscript", "sq_ass_item", "sq_contains",
             "bf_getbuffer", Role::Int)
      // May return NULL without an exception (end of iteration), or are
      // not C-API-contract functions at all.
      .Cases("tp_iternext", "tp_dealloc", "tp_free", "tp_traverse",
             "tp_clear", Role::Exempt)
      .Cases("tp_finalize", "tp_del", "m_traverse", "m_clear", "m_free",
             Role::Exempt)
      .Case("tp_richcompare", Role::RichCompare)
      .Default(Role::Plain);
}

Role roleOfSlotMacro(StringRef Slot) {
  return llvm::StringSwitch<Role>(Slot)
      .Cases("Py_tp_init", "Py_tp_setattro", "Py_tp_setattr",
             "Py_tp_descr_set", Role::Int)
      .Cases("Py_mp_ass_subscript", "Py_sq_ass_item", "Py_sq_contains",
             "Py_bf_getbuffer", "Py_mod_exec", Role::Int)
      .Cases("Py_tp_iternext", "Py_tp_dealloc", "Py_tp_free",
             "Py_tp_traverse", "Py_tp_clear", Role::Exempt)
      .Cases("Py_tp_finalize", "Py_tp_del", Role::Exempt)
      .Case("Py_tp_richcompare", Role::RichCompare)
      .Default(Role::Plain);
}

/// Whether Python passes a function stored in Record's Field, or under the
/// PyType_Slot macro Slot, the object it belongs to as its first argument
/// (SelfIsOwner in computeContracts).
bool firstArgIsOwner(StringRef Record, StringRef Field) {
  if (Record == "PyMethodDef")
    return Field == "ml_meth";
  if (Record == "PyType_Slot" || Record == "PyModuleDef_Slot") // a macro
    return Field.starts_with("Py_tp_") || Field.starts_with("Py_sq_") ||
           Field.starts_with("Py_mp_") || Field.starts_with("Py_am_") ||
           Field.starts_with("Py_bf_") || Field == "Py_mod_exec";
  // Not PyNumberMethods: `None + x` calls x's nb_add with None first.
  return llvm::is_contained({"PyTypeObject", "PySequenceMethods",
                             "PyMappingMethods", "PyAsyncMethods",
                             "PyBufferProcs", "PyGetSetDef"},
                            Record);
}

struct ContractFinder : RecursiveASTVisitor<ContractFinder> {
  ASTContext &Ctx;
  llvm::DenseMap<const FunctionDecl *, Role> Roles;
  /// Stored where Python passes the owner first, and stored where the
  /// first argument may be anything.
  llvm::DenseSet<const FunctionDecl *> OwnerFirst, AnyFirst;
  llvm::DenseSet<const DeclRefExpr *> CalleeRefs;
  llvm::SmallVector<const DeclRefExpr *, 64> Refs;
  llvm::DenseSet<const FunctionDecl *> RichCompare;
  llvm::DenseSet<const FunctionDecl *> ArgNonNull;
  llvm::DenseSet<const FunctionDecl *> ArgNull;

  explicit ContractFinder(ASTContext &Ctx) : Ctx(Ctx) {}

  /// A PyMethodDef entry whose function Python calls with an argument
  /// object that is never NULL: METH_O's argument, METH_VARARGS's tuple
  /// (with or without METH_KEYWORDS; the keywords dict may be NULL).
  void noteMethodFlags(const InitListExpr *Sem) {
    std::optional<uint64_t> Flags = methodDefFlags(Sem, Ctx);
    const FunctionDecl *F = Flags ? referencedFunction(Sem->getInit(1)) : nullptr;
    if (F && (*Flags & (METH_O | METH_VARARGS)) && !(*Flags & METH_FASTCALL))
      ArgNonNull.insert(F->getCanonicalDecl());
    // METH_NOARGS: Python passes NULL for the second parameter.
    if (F && (*Flags & METH_CALL_MASK) == METH_NOARGS)
      ArgNull.insert(F->getCanonicalDecl());
    // A static method's self is NULL.
    if (F && (*Flags & METH_STATIC))
      AnyFirst.insert(F->getCanonicalDecl());
  }
  void noteFirstArg(const FunctionDecl *F, StringRef Record, StringRef Field) {
    if (F)
      (firstArgIsOwner(Record, Field) ? OwnerFirst : AnyFirst)
          .insert(F->getCanonicalDecl());
  }
  bool shouldVisitImplicitCode() const { return false; }

  void note(const FunctionDecl *F, Role R) {
    if (!F)
      return;
    F = F->getCanonicalDecl();
    Role &Cur = Roles[F];
    if (R == Role::RichCompare) {
      RichCompare.insert(F);
      R = Role::Plain;
    }
    // Exempt beats everything; Int beats Object beats Plain.
    if (Cur == Role::Exempt || R == Role::Plain)
      return;
    if (R == Role::Exempt || R == Role::Int || Cur != Role::Int)
      Cur = R;
  }

  bool VisitCallExpr(CallExpr *CE) {
    if (const auto *DRE =
            dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreParenImpCasts()))
      CalleeRefs.insert(DRE);
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (isa<FunctionDecl>(DRE->getDecl()))
      Refs.push_back(DRE);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    if (const auto *ME =
            dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts())) {
      StringRef Rec =
          recordName(ME->getBase()->getType()->isPointerType()
                         ? ME->getBase()->getType()->getPointeeType()
                         : ME->getBase()->getType());
      StringRef Field = ME->getMemberDecl()->getName();
      note(referencedFunction(BO->getRHS()), roleOfField(Rec, Field));
      noteFirstArg(referencedFunction(BO->getRHS()), Rec, Field);
    }
    return true;
  }
  bool VisitInitListExpr(InitListExpr *ILE) {
    const InitListExpr *Sem = ILE->isSemanticForm() ? ILE : ILE->getSemanticForm();
    if (!Sem)
      return true;
    const RecordType *RT = Sem->getType().getCanonicalType()->getAs<RecordType>();
    if (!RT)
      return true;
    const RecordDecl *RD = RT->getDecl()->getDefinition();
    if (!RD)
      return true;
    StringRef Rec = recordName(Sem->getType());
    if (Rec == "PyType_Slot" || Rec == "PyModuleDef_Slot") {
      if (Sem->getNumInits() < 2)
        return true;
      SourceLocation L = Sem->getInit(0)->getBeginLoc();
      StringRef Macro;
      if (L.isMacroID())
        Macro = Lexer::getImmediateMacroName(L, Ctx.getSourceManager(),
                                             Ctx.getLangOpts());
      note(referencedFunction(Sem->getInit(1)), roleOfSlotMacro(Macro));
      noteFirstArg(referencedFunction(Sem->getInit(1)), Rec, Macro);
      return true;
    }
    if (Rec == "PyMethodDef")
      noteMethodFlags(Sem);
    unsigned I = 0;
    for (const FieldDecl *FD : RD->fields()) {
      if (I >= Sem->getNumInits())
        break;
      const FunctionDecl *F = referencedFunction(Sem->getInit(I++));
      note(F, roleOfField(Rec, FD->getName()));
      noteFirstArg(F, Rec, FD->getName());
    }
    return true;
  }
};
} // namespace

llvm::DenseMap<const FunctionDecl *, Contract>
refcheck::computeContracts(ASTContext &Ctx,
                           llvm::DenseSet<const FunctionDecl *> *RichCompare,
                           llvm::DenseSet<const FunctionDecl *> *ArgNonNull,
                           llvm::DenseSet<const FunctionDecl *> *ArgNull,
                           llvm::DenseSet<const FunctionDecl *> *SelfIsOwner) {
  ContractFinder F(Ctx);
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
  if (SelfIsOwner) {
    SelfIsOwner->clear();
    for (const FunctionDecl *FD : F.OwnerFirst)
      if (!F.AnyFirst.contains(FD))
        SelfIsOwner->insert(FD);
  }
  if (RichCompare)
    *RichCompare = std::move(F.RichCompare);
  // A function in tables of both kinds: nothing is known of its argument.
  for (const FunctionDecl *FD : llvm::make_early_inc_range(F.ArgNull))
    if (F.ArgNonNull.erase(FD))
      F.ArgNull.erase(FD);
  if (ArgNonNull)
    *ArgNonNull = std::move(F.ArgNonNull);
  if (ArgNull)
    *ArgNull = std::move(F.ArgNull);
  llvm::DenseMap<const FunctionDecl *, Contract> Out;
  auto ReturnsObject = [](const FunctionDecl *FD) {
    return isPyObjectPointerType(FD->getReturnType());
  };
  for (const DeclRefExpr *DRE : F.Refs) {
    if (F.CalleeRefs.contains(DRE))
      continue;
    const auto *FD = cast<FunctionDecl>(DRE->getDecl())->getCanonicalDecl();
    auto It = F.Roles.find(FD);
    Role R = It == F.Roles.end() ? Role::Plain : It->second;
    if (R == Role::Exempt)
      continue;
    if (R == Role::Int && FD->getReturnType()->isIntegerType())
      Out[FD] = Contract::ZeroOrMinusOne;
    else if (ReturnsObject(FD))
      Out[FD] = Contract::ObjectOrNull;
  }
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (const auto *FD = dyn_cast<FunctionDecl>(D))
      if (FD->getIdentifier() && FD->getName().starts_with("PyInit_") &&
          ReturnsObject(FD))
        Out[FD->getCanonicalDecl()] = Contract::ObjectOrNull;
  return Out;
}

bool refcheck::isDeallocSlotName(StringRef Slot) {
  return Slot == "tp_dealloc" || Slot == "tp_free";
}

/// The identifier Name, from the parse or a precompiled header it used
/// (the identifier table alone does not look there).
static const IdentifierInfo *identifierNamed(const Preprocessor &PP,
                                             StringRef Name) {
  return const_cast<Preprocessor &>(PP).getIdentifierInfo(Name);
}

std::optional<uint64_t> refcheck::integerMacro(const Preprocessor &PP,
                                               StringRef Name) {
  const MacroInfo *MI = PP.getMacroInfo(identifierNamed(PP, Name));
  if (!MI || MI->getNumTokens() != 1 ||
      !MI->getReplacementToken(0).is(tok::numeric_constant))
    return std::nullopt;
  StringRef Text = PP.getSpelling(MI->getReplacementToken(0));
  Text = Text.rtrim("uUlL");
  uint64_t V;
  if (Text.getAsInteger(0, V))
    return std::nullopt;
  return V;
}

StaticObjects refcheck::staticObjectsIn(const Preprocessor &PP) {
  if (PP.getMacroInfo(identifierNamed(PP, "_Py_IMMORTAL_REFCNT")))
    return StaticObjects::Immortal;
  uint64_t Hex;
  auto Major = integerMacro(PP, "PY_MAJOR_VERSION");
  auto Minor = integerMacro(PP, "PY_MINOR_VERSION");
  if (Major && Minor)
    Hex = (*Major << 24) | (*Minor << 16);
  else if (auto H = integerMacro(PP, "PY_VERSION_HEX"))
    Hex = *H;
  else
    return StaticObjects::Unknown;
  return Hex >= 0x030C0000 ? StaticObjects::Immortal : StaticObjects::Mortal;
}

/// The interpreter's singletons: their variables and how users write them.
static constexpr std::pair<StringRef, StringRef> SingletonSpellings[] = {
    {"_Py_NoneStruct", "Py_None"},
    {"_Py_TrueStruct", "Py_True"},
    {"_Py_FalseStruct", "Py_False"},
    {"_Py_NotImplementedStruct", "Py_NotImplemented"},
    {"_Py_EllipsisObject", "Py_Ellipsis"},
};

std::string refcheck::staticObjectName(const VarDecl *VD) {
  StringRef Name = VD->getName();
  for (auto [Var, Macro] : SingletonSpellings)
    if (Name == Var)
      return Macro.str();
  return Name.str();
}

bool refcheck::isInterpreterSingleton(const VarDecl *VD) {
  return VD->getIdentifier() &&
         llvm::any_of(SingletonSpellings,
                      [&](const auto &S) { return VD->getName() == S.first; });
}

namespace {
/// Constructors that hand back one of CPython's cached objects, and so
/// cannot fail, when one argument has a particular value (CPython 3.11's
/// unicodeobject.c, bytesobject.c, tupleobject.c, modsupport.c):
/// - SmallInt: an int in -5..256;
/// - AsciiChar: a literal of no character or one ASCII one (str's latin-1
///   singletons);
/// - ByteChar: a literal of no character or one (bytes' characters);
/// - ZeroSize: 0 (the empty tuple, str or bytes);
/// - EmptyFormat: the build format "" (None) or "()" (the empty tuple);
/// - Always: whatever the arguments, an object the interpreter always has,
///   lent (moduleobject.c: a module's dict is made with the module and
///   PyModule_GetDict fails only on a non-module; ceval.c: the builtins;
///   import.c: sys.modules, fatal if missing; a method's function and self,
///   which PyMethod_New requires; an exception's class, its type).
enum class CachedWhen {
  SmallInt,
  AsciiChar,
  ByteChar,
  ZeroSize,
  EmptyFormat,
  Always
};
struct CachedResultRow {
  const char *Name;
  unsigned Arg;
  CachedWhen When;
};
constexpr CachedResultRow CachedResults[] = {
    {"PyLong_FromLong", 0, CachedWhen::SmallInt},
    {"PyLong_FromSsize_t", 0, CachedWhen::SmallInt},
    {"PyLong_FromSize_t", 0, CachedWhen::SmallInt},
    {"PyLong_FromLongLong", 0, CachedWhen::SmallInt},
    {"PyLong_FromUnsignedLong", 0, CachedWhen::SmallInt},
    {"PyLong_FromUnsignedLongLong", 0, CachedWhen::SmallInt},
    {"PyUnicode_FromString", 0, CachedWhen::AsciiChar},
    {"PyBytes_FromString", 0, CachedWhen::ByteChar},
    {"PyUnicode_FromStringAndSize", 1, CachedWhen::ZeroSize},
    {"PyBytes_FromStringAndSize", 1, CachedWhen::ZeroSize},
    {"PyTuple_New", 0, CachedWhen::ZeroSize},
    {"PyUnicode_New", 0, CachedWhen::ZeroSize},
    {"Py_BuildValue", 0, CachedWhen::EmptyFormat},
    {"PyModule_GetDict", 0, CachedWhen::Always},
    {"PyEval_GetBuiltins", 0, CachedWhen::Always},
    {"PyImport_GetModuleDict", 0, CachedWhen::Always},
    {"PyMethod_Function", 0, CachedWhen::Always},
    {"PyMethod_Self", 0, CachedWhen::Always},
    {"PyMethod_GET_FUNCTION", 0, CachedWhen::Always},
    {"PyMethod_GET_SELF", 0, CachedWhen::Always},
    {"PyExceptionInstance_Class", 0, CachedWhen::Always},
};
} // namespace

/// Whether Call's integer argument Arg is within -5..256 on the path: a
/// literal, or a value the path has bounded (`if (val > 255) return
/// error(); return PyLong_FromSsize_t(val);`).
static bool withinSmallInts(const ento::CallEvent &Call, unsigned Arg) {
  auto NV = Call.getArgSVal(Arg).getAs<ento::NonLoc>();
  const Expr *E = Call.getArgExpr(Arg);
  if (!NV || !E || !E->getType()->isIntegerType())
    return false;
  ento::ProgramStateRef State = Call.getState();
  ento::SValBuilder &SVB = State->getStateManager().getSValBuilder();
  QualType Ty = E->getType();
  bool Signed = Ty->isSignedIntegerType();
  auto Outside = [&](BinaryOperatorKind Op, int64_t Bound) {
    ento::SVal Test = SVB.evalBinOp(State, Op, *NV, SVB.makeIntVal(Bound, Ty),
                                    SVB.getConditionType());
    auto DT = Test.getAs<ento::DefinedOrUnknownSVal>();
    return !DT || State->assume(*DT, true) != nullptr;
  };
  return !Outside(BO_GT, 256) && !(Signed && Outside(BO_LT, -5));
}

bool refcheck::returnsCachedObject(const ento::CallEvent &Call, StringRef Name) {
  for (const CachedResultRow &R : CachedResults) {
    if (Name != R.Name)
      continue;
    if (R.When == CachedWhen::Always)
      return true;
    if (R.Arg >= Call.getNumArgs())
      continue;
    if (R.When == CachedWhen::AsciiChar || R.When == CachedWhen::ByteChar ||
        R.When == CachedWhen::EmptyFormat) {
      const auto *SL = dyn_cast<StringLiteral>(
          Call.getArgExpr(R.Arg)->IgnoreParenImpCasts());
      if (!SL || SL->getCharByteWidth() != 1)
        return false;
      StringRef Text = SL->getBytes();
      if (R.When == CachedWhen::EmptyFormat)
        return Text.empty() || Text == "()";
      return Text.empty() ||
             (Text.size() == 1 && (R.When == CachedWhen::ByteChar ||
                                   static_cast<unsigned char>(Text[0]) < 128));
    }
    if (R.When == CachedWhen::SmallInt)
      return withinSmallInts(Call, R.Arg);
    auto CI = Call.getArgSVal(R.Arg).getAs<ento::nonloc::ConcreteInt>();
    return CI && CI->getValue().isZero(); // ZeroSize
  }
  return false;
}

const FunctionDecl *refcheck::enclosingFunction(ASTContext &Ctx,
                                                const Stmt *S) {
  DynTypedNodeList Ps = Ctx.getParents(*S);
  while (!Ps.empty()) {
    if (const auto *D = Ps[0].get<Decl>()) {
      if (const auto *FD = dyn_cast<FunctionDecl>(D))
        return FD;
      Ps = Ctx.getParents(*D);
    } else if (const auto *P = Ps[0].get<Stmt>()) {
      Ps = Ctx.getParents(*P);
    } else {
      break;
    }
  }
  return nullptr;
}

const Expr *refcheck::strippedOperand(const Expr *E) {
  while (E) {
    E = E->IgnoreParenCasts();
    const auto *BO = dyn_cast<BinaryOperator>(E);
    if (!BO || BO->getOpcode() != BO_Comma)
      return E;
    E = BO->getRHS();
  }
  return E;
}

bool refcheck::sameOperand(const Expr *A, const Expr *B) {
  A = strippedOperand(A);
  B = strippedOperand(B);
  if (!A || !B)
    return false;
  if (const auto *MA = dyn_cast<MemberExpr>(A)) {
    const auto *MB = dyn_cast<MemberExpr>(B);
    return MB && MA->getMemberDecl() == MB->getMemberDecl() &&
           sameOperand(MA->getBase(), MB->getBase());
  }
  if (const auto *DA = dyn_cast<DeclRefExpr>(A)) {
    const auto *DB = dyn_cast<DeclRefExpr>(B);
    return DB && DA->getDecl() == DB->getDecl();
  }
  if (const auto *IA = dyn_cast<IntegerLiteral>(A)) {
    const auto *IB = dyn_cast<IntegerLiteral>(B);
    return IB && IA->getValue() == IB->getValue();
  }
  if (const auto *SA = dyn_cast<ArraySubscriptExpr>(A)) {
    const auto *SB = dyn_cast<ArraySubscriptExpr>(B);
    return SB && sameOperand(SA->getBase(), SB->getBase()) &&
           sameOperand(SA->getIdx(), SB->getIdx());
  }
  if (const auto *UA = dyn_cast<UnaryOperator>(A)) {
    const auto *UB = dyn_cast<UnaryOperator>(B);
    return UB && UA->getOpcode() == UB->getOpcode() &&
           (UA->getOpcode() == UO_AddrOf || UA->getOpcode() == UO_Deref) &&
           sameOperand(UA->getSubExpr(), UB->getSubExpr());
  }
  return false;
}
