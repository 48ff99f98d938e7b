//===- SourceText.cpp - Reading analyzed sources back, for reports --------===//
#include "refcheck/SourceText.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace refcheck;
using namespace llvm;

std::optional<SourceLines> refcheck::readSourceLines(StringRef Path,
                                                     StringRef Root) {
  SmallString<256> Full(Path);
  if (!Root.empty() && !sys::path::is_absolute(Path)) {
    Full = Root;
    sys::path::append(Full, Path);
  }
  auto Buf = MemoryBuffer::getFile(Full, /*IsText=*/true);
  if (!Buf)
    return std::nullopt;
  SourceLines S;
  StringRef Rest = (*Buf)->getBuffer();
  while (!Rest.empty()) {
    auto [Line, Tail] = Rest.split('\n');
    S.Lines.push_back(Line.rtrim('\r').str());
    Rest = Tail;
  }
  return S;
}

namespace {
/// Walks a file's text as C tokens far enough to match parentheses and
/// braces: comments, string and character literals are stepped over.
class Scanner {
  const SourceLines &Src;
  unsigned Line, Col; // 1-based line, 0-based column

public:
  Scanner(const SourceLines &Src, unsigned Line, unsigned Col)
      : Src(Src), Line(Line), Col(Col) {}
  unsigned line() const { return Line; }

  /// The next character that is code, or 0 at the end of the file.
  char next() {
    while (Line <= Src.size()) {
      StringRef L = Src.line(Line);
      if (Col >= L.size()) {
        ++Line;
        Col = 0;
        continue;
      }
      char C = L[Col];
      if (C == '/' && Col + 1 < L.size() && L[Col + 1] == '/') {
        Col = L.size();
        continue;
      }
      if (C == '/' && Col + 1 < L.size() && L[Col + 1] == '*') {
        Col += 2;
        skipBlockComment();
        continue;
      }
      if (C == '"' || C == '\'') {
        ++Col;
        skipLiteral(C);
        continue;
      }
      ++Col;
      return C;
    }
    return 0;
  }

private:
  void skipBlockComment() {
    while (Line <= Src.size()) {
      StringRef L = Src.line(Line);
      size_t End = L.find("*/", Col);
      if (End != StringRef::npos) {
        Col = End + 2;
        return;
      }
      ++Line;
      Col = 0;
    }
  }
  void skipLiteral(char Quote) {
    StringRef L = Src.line(Line);
    while (Col < L.size()) {
      char C = L[Col++];
      if (C == '\\')
        ++Col;
      else if (C == Quote)
        return;
    }
  }
};

bool isIdentChar(char C) { return isAlnum(C) || C == '_'; }

/// Columns where Name occurs as a whole identifier followed by '('.
std::vector<unsigned> callLikeColumns(StringRef L, StringRef Name) {
  std::vector<unsigned> Out;
  for (size_t P = L.find(Name); P != StringRef::npos;
       P = L.find(Name, P + 1)) {
    if (P > 0 && isIdentChar(L[P - 1]))
      continue;
    size_t E = P + Name.size();
    if (E < L.size() && isIdentChar(L[E]))
      continue;
    StringRef After = L.drop_front(E).ltrim();
    if (After.empty() || After.front() == '(')
      Out.push_back(E);
  }
  return Out;
}

bool endsDeclarationContext(StringRef T) {
  return T.empty() || T.ends_with(";") || T.ends_with("}") ||
         T.ends_with("{") || T.ends_with(")") || T.ends_with("*/") ||
         T.starts_with("#") || T.starts_with("//") || T.starts_with("/*") ||
         T.starts_with("*");
}
} // namespace

std::optional<FunctionExtent>
refcheck::findFunction(const SourceLines &Src, StringRef Name,
                       unsigned Inside) {
  if (Name.empty() || Src.size() == 0)
    return std::nullopt;
  Inside = std::min(Inside, Src.size());
  for (unsigned L = Inside; L >= 1; --L) {
    for (unsigned Col : callLikeColumns(Src.line(L), Name)) {
      Scanner S(Src, L, Col);
      // The parameter list.
      char C = S.next();
      if (C != '(')
        continue;
      int Depth = 1;
      while (Depth > 0 && (C = S.next()))
        Depth += C == '(' ? 1 : C == ')' ? -1 : 0;
      if (Depth)
        continue;
      // Up to the body. Right after the parameters comes '{', or an
      // attribute or K&R declarations (starting with a letter); anything
      // else (`foo(x));`, `foo(x) {` inside `if (...)`) is a call.
      while ((C = S.next()) && isSpace(C))
        ;
      if (C != '{' && !isIdentChar(C))
        continue;
      while (C && C != '{' && C != ';' && C != '=' && C != ',')
        C = S.next();
      if (C != '{')
        continue;
      Depth = 1;
      while (Depth > 0 && (C = S.next()))
        Depth += C == '{' ? 1 : C == '}' ? -1 : 0;
      if (Depth || S.line() < Inside)
        continue;
      FunctionExtent E;
      E.NameLine = L;
      E.End = S.line();
      E.Start = L;
      while (E.Start > 1 &&
             !endsDeclarationContext(Src.line(E.Start - 1).trim()))
        --E.Start;
      E.LeadStart = E.Start;
      while (E.LeadStart > 1 && !Src.line(E.LeadStart - 1).trim().empty() &&
             !Src.line(E.LeadStart - 1).trim().ends_with(";") &&
             !Src.line(E.LeadStart - 1).trim().ends_with("}"))
        --E.LeadStart;
      return E;
    }
  }
  return std::nullopt;
}

bool refcheck::definesFunction(const SourceLines &Src, StringRef Name) {
  for (unsigned L = 1; L <= Src.size(); ++L)
    if (Src.line(L).contains(Name))
      if (auto E = findFunction(Src, Name, L); E && E->NameLine == L)
        return true;
  return false;
}
