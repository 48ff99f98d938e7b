//===- HtmlWriter.cpp - One self-contained HTML page for a run ------------===//
//
// An index of the findings, then one section per impact class (every call,
// error paths, allocation failures) holding its findings, each with the
// source of its function and every path step marked on its line (numbered
// bubbles, the finding itself last), and the steps again as a list. No scripts, no
// external assets: the page is one file that opens anywhere.
//
//===----------------------------------------------------------------------===//
#include "refcheck/Report.h"
#include "refcheck/SourceText.h"

#include "llvm/ADT/StringMap.h"
#include <map>
#include <set>

using namespace refcheck;
using namespace llvm;

static std::string esc(StringRef S) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '&': Out += "&amp;"; break;
    case '<': Out += "&lt;"; break;
    case '>': Out += "&gt;"; break;
    case '"': Out += "&quot;"; break;
    case '\'': Out += "&#39;"; break;
    case '\t': Out += "    "; break;
    default: Out += C;
    }
  }
  return Out;
}

static const char *Style = R"css(
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#f6f7f9}
header{background:#23395d;color:#fff;padding:14px 24px}
header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;opacity:.85}
main{padding:16px 24px}
table.index{border-collapse:collapse;background:#fff;width:100%;margin-bottom:24px}
table.index th,table.index td{border:1px solid #d8dce3;padding:4px 8px;text-align:left;vertical-align:top}
table.index th{background:#eef1f5}
section.finding{background:#fff;border:1px solid #d8dce3;border-radius:6px;margin:0 0 24px;padding:12px 16px}
section.finding h2{font-size:16px;margin:0 0 4px}
.check{display:inline-block;background:#b3261e;color:#fff;border-radius:4px;padding:0 6px;font-size:12px;margin-right:6px}
.meta{color:#555;font-size:12px;margin-bottom:8px}
table.src{border-collapse:collapse;font:12.5px/1.4 ui-monospace,monospace;width:100%}
table.src td{padding:0 8px;white-space:pre;vertical-align:top}
table.src td.ln{color:#888;text-align:right;user-select:none;width:1%;border-right:1px solid #ddd}
tr.marked td.code{background:#fff6d5}
tr.final td.code{background:#fde2e0}
tr.gap td{color:#888;font-style:italic;background:#f2f2f2}
tr.note td{white-space:normal;padding:2px 8px 4px}
.bubble{display:inline-block;border-radius:10px;padding:1px 8px;margin:1px 0;background:#ffe9a8;border:1px solid #e0c463;font:12px system-ui,sans-serif}
.bubble.final{background:#f9c4bf;border-color:#d9655b}
.num{display:inline-block;min-width:16px;padding:0 3px;text-align:center;border-radius:8px;background:#23395d;color:#fff;font-size:11px;margin-right:4px}
ol.steps{font-size:13px}
.errors{background:#fff;border:1px solid #d9655b;padding:8px 16px;margin-bottom:24px}
h2.impact{font-size:18px;margin:20px 0 4px}
p.impact-note{margin:0 0 12px;color:#555}
tr.impact-group th{background:#dfe5ee}
.reason{color:#555;font-style:italic}
)css";

namespace {
/// The report's sections, most urgent first.
struct ImpactSection {
  ImpactClass Class;
  const char *Title;
  const char *Note;
};
const ImpactSection Sections[] = {
    {ImpactClass::EveryCall, "Every call",
     "No failure is assumed on these paths: they happen whenever the code "
     "runs. Fix these first."},
    {ImpactClass::ErrorPath, "Error paths",
     "These happen only when a call fails or an error branch is taken "
     "(bad arguments, a missing attribute, an exception raised by called "
     "code)."},
    {ImpactClass::AllocationFailure, "Allocation failures",
     "These happen only when memory runs out."},
};
} // namespace

namespace {
struct Mark {
  unsigned Number; // 1-based step number
  unsigned Column;
  std::string Message;
  bool Final;
};
} // namespace

/// Lines to show for a finding's function: all of it when short; otherwise
/// a window around each marked line, with the rest folded.
static std::vector<std::pair<unsigned, unsigned>>
shownRanges(unsigned Start, unsigned End, const std::set<unsigned> &Marked) {
  const unsigned Whole = 150, Context = 6;
  if (End - Start + 1 <= Whole || Marked.empty())
    return {{Start, End}};
  std::vector<std::pair<unsigned, unsigned>> Out;
  auto Add = [&](unsigned A, unsigned B) {
    A = std::max(A, Start);
    B = std::min(B, End);
    if (!Out.empty() && A <= Out.back().second + 1)
      Out.back().second = std::max(Out.back().second, B);
    else
      Out.push_back({A, B});
  };
  Add(Start, Start + 2); // the signature
  for (unsigned L : Marked)
    Add(L > Context ? L - Context : 1, L + Context);
  Add(End, End);
  return Out;
}

static void writeListing(raw_ostream &OS, size_t Index, const Finding &F,
                         const SourceLines &Src,
                         const std::map<unsigned, std::vector<Mark>> &Marks) {
  std::set<unsigned> Marked;
  for (auto &[L, _] : Marks)
    Marked.insert(L);
  unsigned First = *Marked.begin(), Last = *Marked.rbegin();
  unsigned Start, End;
  if (auto Fn = findFunction(Src, F.Function, F.Line ? F.Line : Last)) {
    Start = std::min(Fn->Start, First);
    End = std::max(Fn->End, Last);
  } else {
    Start = First > 3 ? First - 3 : 1;
    End = Last + 3;
  }
  End = std::min(End, Src.size());
  Start = std::min(Start, End);
  OS << "<table class=\"src\">\n";
  unsigned Prev = 0;
  for (auto [A, B] : shownRanges(Start, End, Marked)) {
    if (Prev && A > Prev + 1)
      OS << "<tr class=\"gap\"><td class=\"ln\"></td><td class=\"code\">"
            "&#8943; " << (A - Prev - 1) << " lines</td></tr>\n";
    for (unsigned L = A; L <= B; ++L) {
      auto It = Marks.find(L);
      bool Final = It != Marks.end() &&
                   llvm::any_of(It->second, [](const Mark &M) {
                     return M.Final;
                   });
      OS << "<tr id=\"f" << Index << "-L" << L << "\" class=\""
         << (It == Marks.end() ? "" : Final ? "marked final" : "marked")
         << "\"><td class=\"ln\">" << L << "</td><td class=\"code\">"
         << esc(Src.line(L)) << "</td></tr>\n";
      if (It == Marks.end())
        continue;
      OS << "<tr class=\"note\"><td class=\"ln\"></td><td>";
      for (const Mark &M : It->second)
        OS << "<div style=\"margin-left:"
           << (M.Column > 1 ? M.Column - 1 : 0) << "ch\"><span class=\"bubble" << (M.Final ? " final" : "")
           << "\" data-step=\"" << M.Number << "\"><span class=\"num\">"
           << M.Number << "</span>" << esc(M.Message) << "</span></div>";
      OS << "</td></tr>\n";
    }
    Prev = B;
  }
  OS << "</table>\n";
}

void refcheck::writeHtml(raw_ostream &OS, const Results &R,
                         const ReportContext &Ctx) {
  size_t N = R.Findings.size();
  OS << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>refcheck report</title><style>"
     << Style << "</style></head><body>\n<header><h1>refcheck report</h1><p>"
     << N << (N == 1 ? " finding" : " findings") << " in " << R.FilesAnalyzed
     << (R.FilesAnalyzed == 1 ? " file analyzed" : " files analyzed");
  if (!R.Errors.empty())
    OS << "; " << R.Errors.size()
       << (R.Errors.size() == 1 ? " file" : " files") << " not analyzed";
  if (!Ctx.ToolVersion.empty())
    OS << " &middot; refcheck " << esc(Ctx.ToolVersion);
  OS << "</p></header>\n<main>\n";

  if (!R.Errors.empty()) {
    OS << "<div class=\"errors\"><h2>Files not analyzed</h2><ul>\n";
    for (const FileError &E : R.Errors)
      OS << "<li class=\"file-error\"><b>" << esc(E.File) << "</b>: "
         << esc(E.Message) << "</li>\n";
    OS << "</ul></div>\n";
  }
  // Findings by impact section, in canonical order within each; numbers
  // follow the page.
  std::vector<std::vector<const Finding *>> Groups(std::size(Sections));
  for (const Finding &F : R.Findings)
    for (size_t S = 0; S < std::size(Sections); ++S)
      if (Sections[S].Class == F.Impact)
        Groups[S].push_back(&F);

  if (N == 0)
    OS << "<p class=\"none\">No findings.</p>\n";
  else {
    OS << "<table class=\"index\"><tr><th>#</th><th>Location</th>"
          "<th>Check</th><th>Function</th><th>Message</th></tr>\n";
    size_t I = 0;
    for (size_t S = 0; S < std::size(Sections); ++S) {
      if (Groups[S].empty())
        continue;
      OS << "<tr class=\"impact-group\"><th colspan=\"5\"><a href=\"#impact-"
         << toString(Sections[S].Class) << "\">" << Sections[S].Title
         << "</a> (" << Groups[S].size() << ")</th></tr>\n";
      for (const Finding *F : Groups[S]) {
        ++I;
        OS << "<tr><td><a href=\"#finding-" << I << "\">" << I
           << "</a></td><td>" << esc(F->File) << ':' << F->Line << ':'
           << F->Column << "</td><td>" << esc(F->Check) << "</td><td>"
           << esc(F->Function) << "</td><td>" << esc(F->Message);
        if (!F->ImpactReason.empty())
          OS << " <span class=\"reason\">(" << esc(F->ImpactReason)
             << ")</span>";
        OS << "</td></tr>\n";
      }
    }
    OS << "</table>\n";
  }

  StringMap<std::optional<SourceLines>> Sources;
  size_t I = 0;
  for (size_t G = 0; G < std::size(Sections); ++G) {
    if (Groups[G].empty())
      continue;
    const ImpactSection &Sec = Sections[G];
    OS << "<h2 class=\"impact\" id=\"impact-" << toString(Sec.Class)
       << "\">" << Sec.Title << " (" << Groups[G].size()
       << ")</h2>\n<p class=\"impact-note\">" << Sec.Note << "</p>\n";
    for (const Finding *FP : Groups[G]) {
    const Finding &F = *FP;
    ++I;
    OS << "<section class=\"finding\" id=\"finding-" << I
       << "\" data-id=\"" << esc(F.Id) << "\" data-check=\"" << esc(F.Check)
       << "\" data-impact=\"" << toString(F.Impact)
       << "\">\n<h2><span class=\"check\">" << esc(F.Check) << "</span>"
       << esc(F.Message) << "</h2>\n<div class=\"meta\">" << esc(F.File)
       << ':' << F.Line << ':' << F.Column << " &middot; in <code>"
       << esc(F.Function) << "</code> &middot; id <code>" << esc(F.Id)
       << "</code>";
    if (!F.ImpactReason.empty())
      OS << " &middot; " << toString(F.Impact) << ": "
         << esc(F.ImpactReason);
    OS << "</div>\n";

    // Steps in the finding's own file are marked on the listing.
    std::map<unsigned, std::vector<Mark>> Marks;
    for (size_t S = 0; S < F.Path.size(); ++S)
      if (F.Path[S].File == F.File && F.Path[S].Line)
        Marks[F.Path[S].Line].push_back(
            {unsigned(S + 1), F.Path[S].Column, F.Path[S].Message, false});
    if (F.Line)
      Marks[F.Line].push_back(
          {unsigned(F.Path.size() + 1), F.Column, F.Message, true});

    auto It = Sources.find(F.File);
    if (It == Sources.end())
      It = Sources.insert({F.File, readSourceLines(F.File, Ctx.SourceRoot)})
               .first;
    if (It->second && !Marks.empty() && It->second->size() > 0)
      writeListing(OS, I, F, *It->second, Marks);
    else
      OS << "<p class=\"nosource\">(source of " << esc(F.File)
         << " not available)</p>\n";

    if (std::vector<std::string> Conf = confirmationLines(F); !Conf.empty()) {
      OS << "<div class=\"confirmation\" data-status=\""
         << esc(F.Confirm->Status) << "\"><ul>\n";
      for (const std::string &L : Conf)
        OS << "<li>" << esc(L) << "</li>\n";
      OS << "</ul></div>\n";
    }
    OS << "<ol class=\"steps\">\n";
    for (const PathStep &S : F.Path)
      OS << "<li class=\"step\">" << esc(S.File) << ':' << S.Line << ':'
         << S.Column << ": " << esc(S.Message) << "</li>\n";
    OS << "<li class=\"step final\">" << esc(F.File) << ':' << F.Line << ':'
       << F.Column << ": <b>" << esc(F.Message) << "</b></li>\n</ol>\n";
    OS << "</section>\n";
    }
  }
  OS << "</main></body></html>\n";
}
