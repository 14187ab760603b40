//===--- RpcCheck.cpp - ctxguard ------------------------------------------===//

#include "RpcCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

void RpcCheck::registerCheckMatchers(MatchFinder *Finder) {
  Sites.registerMatchers(Finder, this, &Model);
}

void RpcCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("rpc"))
    Sites.record(*Call, core());
}

void RpcCheck::onEndOfTranslationUnit() {
  if (core().context())
    for (const auto &[F, Rpcs] : Sites.byFunction())
      if (isUserCode(F))
        checkFunction(F, Rpcs);
  Sites.clear();
  clearTranslationUnit();
}

} // namespace clang::tidy::ctx
