//===--- FunctionBodies.h - ctxguard ----------------------------*- C++ -*-===//
//
// The functions of a translation unit by source range, so that a check finds
// the function or lambda enclosing a statement without clang's parent map:
// building that map walks the whole TU, standard library included, and costs
// a sizeable share of the parse on a large file.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_FUNCTIONBODIES_H
#define CTXGUARD_CHECKS_MODEL_FUNCTIONBODIES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include <vector>

namespace clang::tidy::ctx {

class FunctionBodies {
public:
  /// Records a written function or lambda call operator (not a template
  /// instantiation: it shares its pattern's source range).
  void add(const FunctionDecl *F, const SourceManager &SM);

  /// The innermost recorded function or lambda call operator whose body
  /// contains \p S. A lambda's captures belong to the enclosing function, a
  /// constructor's member initializers to the constructor, and default
  /// arguments to no function. Instantiated code maps to its pattern.
  const FunctionDecl *enclosing(const Stmt &S, const SourceManager &SM) const;

  /// Forgets the translation unit (call from onEndOfTranslationUnit).
  void clear();

private:
  struct Entry {
    FileID File;
    unsigned Begin;
    unsigned End;
    const FunctionDecl *Function;
  };
  void addRange(const FunctionDecl *F, SourceRange Range, const SourceManager &SM);

  mutable std::vector<Entry> Entries;
  mutable bool Sorted = true;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_FUNCTIONBODIES_H
