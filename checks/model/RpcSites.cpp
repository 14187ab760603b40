//===--- RpcSites.cpp - ctxguard ------------------------------------------===//

#include "RpcSites.h"
#include "Matchers.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

void RpcSites::registerMatchers(MatchFinder *Finder, MatchFinder::MatchCallback *Callback,
                                const RoleModel *Model) {
  Finder->addMatcher(
      cxxMemberCallExpr(unless(isExpansionInSystemHeader()),
                        hasArgument(0, hasType(hasCanonicalType(pointerType(pointee(
                                           qualType(isRoleType(Model, Role::RpcContext))))))))
          .bind("rpc"),
      Callback);
}

void RpcSites::record(const CallExpr &Call, AnalysisCore &Core) {
  const Expr *Context = Calls.contextArgument(Call);
  if (!Context || Core.instantiationHolding(Call))
    return;
  if (const FunctionDecl *F = Core.enclosing(Call))
    Sites[F].push_back({&Call, contextKey(Context)});
}

bool RpcSites::isContextArgument(const FunctionDecl *F, const Expr *E) const {
  auto It = Sites.find(F);
  return It != Sites.end() && llvm::any_of(It->second, [&](const RpcSite &Site) {
           return Site.Call->getArg(0)->IgnoreParenImpCasts() == E->IgnoreParenImpCasts();
         });
}

std::string contextName(const Expr *Key) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Key))
    return Ref->getDecl()->getNameAsString();
  if (const auto *Member = dyn_cast<MemberExpr>(Key))
    return Member->getMemberDecl()->getNameAsString();
  return "the context";
}

} // namespace clang::tidy::ctx
