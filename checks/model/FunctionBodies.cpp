//===--- FunctionBodies.cpp - ctxguard ------------------------------------===//

#include "FunctionBodies.h"
#include "clang/AST/DeclCXX.h"
#include <algorithm>

namespace clang::tidy::ctx {

// The body, and a constructor's written member initializers: what runs in
// the function. Default arguments run in the caller and are left out.
static SourceRange bodyRange(const FunctionDecl &F) {
  SourceRange Range = F.getBody()->getSourceRange();
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&F))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten() && Init->getSourceLocation().isValid()) {
        Range.setBegin(Init->getSourceLocation());
        break;
      }
  return Range;
}

void FunctionBodies::add(const FunctionDecl *F, const SourceManager &SM) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(F); Method && Method->getParent()->isLambda()) {
    // The body only: the captures' initializers run in the enclosing function.
    addRange(F, F->getBody()->getSourceRange(), SM);
    return;
  }
  addRange(F, bodyRange(*F), SM);
}

// Where code is written: a macro argument at its spelling in the file (so a
// lambda passed to a macro does not swallow the macro's whole use), a macro
// body at the macro's use.
static std::pair<FileID, unsigned> fileOffset(SourceLocation Loc, const SourceManager &SM) {
  return SM.getDecomposedLoc(SM.getFileLoc(Loc));
}

void FunctionBodies::addRange(const FunctionDecl *F, SourceRange Range,
                              const SourceManager &SM) {
  if (Range.isInvalid())
    return;
  auto [BeginFile, Begin] = fileOffset(Range.getBegin(), SM);
  auto [EndFile, End] = fileOffset(Range.getEnd(), SM);
  if (BeginFile != EndFile)
    return;
  Entries.push_back({BeginFile, Begin, End, F});
  Sorted = false;
}

const FunctionDecl *FunctionBodies::enclosing(const Stmt &S, const SourceManager &SM) const {
  if (!Sorted) {
    // By file, then by start; at equal starts the outer (longer) one first.
    std::sort(Entries.begin(), Entries.end(), [](const Entry &A, const Entry &B) {
      if (A.File != B.File)
        return A.File < B.File;
      if (A.Begin != B.Begin)
        return A.Begin < B.Begin;
      return A.End > B.End;
    });
    Sorted = true;
  }
  auto [File, Offset] = fileOffset(S.getBeginLoc(), SM);
  // The last entry starting at or before the statement; ranges nest, so the
  // innermost one containing it is found walking back from there.
  auto It = std::upper_bound(Entries.begin(), Entries.end(), std::make_pair(File, Offset),
                             [](const std::pair<FileID, unsigned> &Key, const Entry &E) {
                               return Key.first < E.File ||
                                      (Key.first == E.File && Key.second < E.Begin);
                             });
  while (It != Entries.begin()) {
    --It;
    if (It->File != File)
      break;
    if (Offset <= It->End)
      return It->Function;
  }
  return nullptr;
}

void FunctionBodies::clear() {
  Entries.clear();
  Sorted = true;
}

} // namespace clang::tidy::ctx
