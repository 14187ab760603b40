//===--- FactsLocal.h - ctxguard --------------------------------*- C++ -*-===//
//
// FactsEngine's record of one function, shared by Facts.cpp (the analysis)
// and FactsExport.cpp (the TU's part of the program's facts graph).
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_FACTSLOCAL_H
#define CTXGUARD_CHECKS_MODEL_FACTSLOCAL_H

#include "Facts.h"

namespace clang::tidy::ctx {

/// What one body does by itself, and the calls through which it does more.
struct FactsEngine::Local {
  struct Edge {
    const FunctionDecl *Callee; // its definition, or for an external callee its canonical declaration
    const Expr *Call;
    bool InLambda;  // in a lambda the function defines: runs later, if at all
    bool Caught;    // in a try block that catches everything
    llvm::SmallVector<std::pair<unsigned, unsigned>, 2> Args; // (callee param, own param)
    bool External = false;        // the callee has no body here
    bool DefaultMayThrow = false; // external: what its declaration says
    llvm::SmallVector<unsigned, 2> ContextArgs; // external: own context params passed
    bool InLoop = false; // in a loop of the function (not of a lambda in it)
  };
  FunctionFacts Facts;
  FunctionFacts Own; // what the body does by itself (before the calls are applied)
  llvm::SmallVector<Edge, 4> Edges;
  bool MayOwnRoot = false; // may create its own root: takes no context, is not a constructor of one
  bool Final = false;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_FACTSLOCAL_H
