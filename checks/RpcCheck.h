//===--- RpcCheck.h - ctxguard ----------------------------------*- C++ -*-===//
//
// What the grpc profile's own checks share: they collect the RPCs of the
// translation unit (model/RpcSites.h) and judge them per function at its end.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_RPCCHECK_H
#define CTXGUARD_CHECKS_RPCCHECK_H

#include "CtxCheck.h"
#include "model/RpcSites.h"

namespace clang::tidy::ctx {

class RpcCheck : public CtxCheck {
public:
  void check(const ast_matchers::MatchFinder::MatchResult &Result) final;
  void onEndOfTranslationUnit() final;

protected:
  RpcCheck(StringRef Name, ClangTidyContext *Context)
      : CtxCheck(Name, Context, rpcRoles()), Sites(Model) {}

  /// Judges the RPCs of the user's function \p F, in source order.
  virtual void checkFunction(const FunctionDecl *F, llvm::ArrayRef<RpcSite> Rpcs) = 0;
  /// Forgets what the check cached for the translation unit.
  virtual void clearTranslationUnit() {}
  const RpcSites &sites() const { return Sites; }

private:
  void registerCheckMatchers(ast_matchers::MatchFinder *Finder) final;
  RpcSites Sites;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_RPCCHECK_H
