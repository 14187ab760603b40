//===--- BackgroundMidFlowCheck.cpp - ctxguard ----------------------------===//

#include "BackgroundMidFlowCheck.h"
#include "model/Instantiation.h"
#include "model/Matchers.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/LambdaCapture.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

namespace {

std::string quotedName(const NamedDecl *D) { return "'" + D->getQualifiedNameAsString() + "'"; }

std::string describeFunction(const FunctionDecl *F) {
  return ContextScopes::isLambdaBody(F) ? "the lambda" : quotedName(F);
}

/// "'a'", "'a' and 'b'", "'a', 'b' and 'c'".
std::string listNames(llvm::ArrayRef<AvailableContext> Contexts) {
  std::string Out;
  for (size_t I = 0; I < Contexts.size(); ++I) {
    if (I > 0)
      Out += I + 1 == Contexts.size() ? " and " : ", ";
    const ValueDecl *Var = Contexts[I].Var;
    Out += Var->getName().empty() ? "an unnamed context parameter"
                                  : "'" + Var->getNameAsString() + "'";
  }
  return Out;
}

/// What the caller should pass: the one context, or \p Several.
std::string contextToPass(llvm::ArrayRef<AvailableContext> Contexts, std::string Several) {
  if (Contexts.size() != 1)
    return Several;
  if (Contexts.front().Var->getName().empty())
    return "the unnamed context parameter";
  return listNames(Contexts);
}

/// The function a lambda's call operator is written in, or null.
const FunctionDecl *enclosingOfLambda(const FunctionDecl *F) {
  if (!ContextScopes::isLambdaBody(F))
    return nullptr;
  return dyn_cast_or_null<FunctionDecl>(cast<CXXMethodDecl>(F)->getParent()->getDeclContext());
}

/// Whether the value of \p E is assigned to \p Var (`c = ctx::background()`),
/// where replacing \p E with \p Var would only assign \p Var to itself.
bool isAssignedTo(const Expr &E, const ValueDecl *Var, const ParentIndex &Parents) {
  for (const Stmt *P = Parents.parent(&E); P; P = Parents.parent(P)) {
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
      if (Op->getOperator() != OO_Equal)
        return false;
      const auto *Target = dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts());
      return Target && Target->getDecl() == Var;
    }
    if (!isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ExprWithCleanups,
             CXXConstructExpr, ParenExpr>(P))
      return false;
  }
  return false;
}

const CXXRecordDecl *closureOf(const FunctionDecl *F) {
  return ContextScopes::isLambdaBody(F) ? cast<CXXMethodDecl>(F)->getParent() : nullptr;
}

/// Whether \p A is declared by \p F: its parameter, or its lambda's capture.
bool declares(const FunctionDecl *F, const AvailableContext &A) {
  if (A.How != AvailableContext::Origin::Capture)
    return A.Var->getDeclContext() == F;
  const CXXRecordDecl *Closure = closureOf(F);
  return Closure && llvm::any_of(Closure->captures(), [&](const LambdaCapture &C) {
           return C.capturesVariable() && C.getCapturedVar() == A.Var;
         });
}

/// Whether the name of \p A can be written inside \p F: it is declared by F,
/// or by an enclosing function and every lambda in between captures by
/// default.
bool isNameableIn(const AvailableContext &A, const FunctionDecl *F) {
  if (A.How == AvailableContext::Origin::Local || A.Var->getName().empty())
    return false;
  for (const FunctionDecl *Fn = F; Fn; Fn = enclosingOfLambda(Fn)) {
    if (declares(Fn, A))
      return true;
    const CXXRecordDecl *Closure = closureOf(Fn);
    if (!Closure || Closure->getLambdaCaptureDefault() == LCD_None)
      return false;
  }
  return false;
}

} // namespace

BackgroundMidFlowCheck::BackgroundMidFlowCheck(StringRef Name, ClangTidyContext *Context)
    : CtxCheck(Name, Context, [] {
        RoleSet Reads = factRoles();
        for (Role R : {Role::Root, Role::Token, Role::SourceType, Role::Link, Role::CancelMethod,
                       Role::Derive, Role::RpcContext})
          Reads.add(R);
        return Reads;
      }()),
      AllowedFunctionsOption(Options.get("AllowedFunctions", "")) {
  for (StringRef Function : utils::options::parseStringList(AllowedFunctionsOption)) {
    Function = Function.trim();
    Function.consume_front("::");
    if (!Function.empty())
      AllowedFunctions.insert(Function);
  }
}

void BackgroundMidFlowCheck::storeCheckOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AllowedFunctions", AllowedFunctionsOption);
}

void BackgroundMidFlowCheck::registerCheckMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      callExpr(unless(isExpansionInSystemHeader()), calleePlaysRole(&Model, Role::Root))
          .bind("root"),
      this);
  // Calls that may reach a helper creating its own root; they are only
  // recorded here and examined at the end of the TU, if it creates a root.
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader()),
                              callee(functionDecl(unless(isExpansionInSystemHeader()),
                                                  unless(hasAnyParameter(hasType(qualType(
                                                      isRoleType(&Model, Role::Context))))))
                                         .bind("callee")))
                         .bind("call"),
                     this);
  Finder->addMatcher(
      cxxConstructExpr(unless(isExpansionInSystemHeader()),
                       hasDeclaration(cxxConstructorDecl(unless(isExpansionInSystemHeader()))
                                          .bind("callee")))
          .bind("call"),
      this);
  // Calls given a token: what they are given is judged at the end of the TU.
  auto TokenArgument = hasAnyArgument(hasType(qualType(isRoleType(&Model, Role::Token))));
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader()), TokenArgument).bind("tokens"),
                     this);
  Finder->addMatcher(
      cxxConstructExpr(unless(isExpansionInSystemHeader()), TokenArgument).bind("tokens"), this);
  // RPC contexts made with their constructor: declared, new, make_unique.
  auto RpcContextType = qualType(isRoleType(&Model, Role::RpcContext));
  // No hasParent here: it would build the parent map of the whole TU.
  Finder->addMatcher(cxxConstructExpr(unless(isExpansionInSystemHeader()), argumentCountIs(0),
                                      hasType(RpcContextType))
                         .bind("rpcmade"),
                     this);
  Finder->addMatcher(
      cxxNewExpr(unless(isExpansionInSystemHeader()), hasType(pointsTo(RpcContextType)))
          .bind("rpcmade"),
      this);
  Finder->addMatcher(
      callExpr(unless(isExpansionInSystemHeader()), argumentCountIs(0),
               hasType(qualType(hasUnqualifiedDesugaredType(
                   recordType(hasDeclaration(classTemplateSpecializationDecl(
                       hasAnyTemplateArgument(refersToType(RpcContextType)))))))))
          .bind("rpcmade"),
      this);
}

void BackgroundMidFlowCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Call = Result.Nodes.getNodeAs<Expr>("tokens")) {
    TokenCalls.push_back(Call);
    return;
  }
  if (const auto *Made = Result.Nodes.getNodeAs<Expr>("rpcmade")) {
    MadeRpcContexts.push_back(Made);
    return;
  }
  if (const auto *Root = Result.Nodes.getNodeAs<CallExpr>("root")) {
    Roots.push_back(Root);
    return;
  }
  const auto *Callee = Result.Nodes.getNodeAs<FunctionDecl>("callee");
  // A callee without a body here may be defined in another TU (facts table).
  if (!ContextScopes::isLambdaBody(Callee))
    Candidates.push_back({Result.Nodes.getNodeAs<Expr>("call"), Callee});
}

void BackgroundMidFlowCheck::onEndOfTranslationUnit() {
  if (core().context()) {
    for (const Expr *Call : TokenCalls)
      checkTokenArguments(*Call);
    // A `new` is reported as a whole, not as the construction inside it.
    llvm::SmallPtrSet<const Expr *, 8> InNew;
    for (const Expr *Made : MadeRpcContexts)
      if (const auto *New = dyn_cast<CXXNewExpr>(Made))
        InNew.insert(New->getConstructExpr());
    for (const Expr *Made : MadeRpcContexts)
      if (!InNew.contains(Made))
        checkMadeRpcContext(*Made);
  }
  TokenCalls.clear();
  MadeRpcContexts.clear();
  // A TU that never creates a root has no helper that does, unless other
  // TUs' facts say that one of its callees does.
  if (ASTContext *AST = core().context();
      AST && (!Roots.empty() || facts().hasTable() || facts().defers())) {
    for (const CallExpr *Root : Roots)
      checkRootCall(*Root, *AST);
    for (const CandidateCall &Candidate : Candidates)
      decide([&] { checkCandidate(Candidate); });
  }
  Roots.clear();
  Candidates.clear();
}

bool BackgroundMidFlowCheck::isAllowed(const FunctionDecl *F) const {
  return !AllowedFunctions.empty() && F->getIdentifier() &&
         AllowedFunctions.contains(F->getQualifiedNameAsString());
}

const FunctionDecl *BackgroundMidFlowCheck::checkedFunction(const Stmt &S) {
  const FunctionDecl *F = core().enclosing(S);
  if (!F || F->isMain() || !isUserCode(F))
    return nullptr;
  // A default argument (of a lambda's parameter, say) runs in the caller,
  // and an instantiation is checked in its pattern.
  if (!core().parents(F).contains(&S))
    return nullptr;
  // A function returning a context constructs one: a root is its business.
  if (Model.isContext(F->getReturnType()))
    return nullptr;
  for (const FunctionDecl *Fn = F; Fn; Fn = enclosingOfLambda(Fn))
    if (isAllowed(Fn))
      return nullptr;
  return F;
}

llvm::SmallVector<AvailableContext, 2>
BackgroundMidFlowCheck::contextsToName(const FunctionDecl *F, bool &Nameable) {
  llvm::ArrayRef<AvailableContext> All = scopes().contextsOf(F);
  llvm::SmallVector<AvailableContext, 2> Usable;
  llvm::copy_if(All, std::back_inserter(Usable),
                [&](const AvailableContext &A) { return isNameableIn(A, F); });
  Nameable = !Usable.empty();
  if (Usable.empty())
    Usable.assign(All.begin(), All.end());
  return Usable;
}

void BackgroundMidFlowCheck::checkRootCall(const CallExpr &Root, ASTContext &Ctx) {
  const FunctionDecl *F = checkedFunction(Root);
  if (!F)
    return;
  bool Nameable = false;
  llvm::SmallVector<AvailableContext, 2> Contexts = contextsToName(F, Nameable);
  if (Contexts.empty())
    return;
  const auto *RootFunction = cast<NamedDecl>(RoleModel::calleeOf(&Root));
  const AvailableContext &First = Contexts.front();
  {
    auto Diag = diag(Root.getBeginLoc(),
                     "%0 creates a new root context in %1, which already has %2; pass %3 instead")
                << quotedName(RootFunction) << describeFunction(F) << listNames(Contexts)
                << contextToPass(Contexts, "one of them") << Root.getSourceRange();
    CharSourceRange Range = Lexer::makeFileCharRange(
        CharSourceRange::getTokenRange(Root.getSourceRange()), Ctx.getSourceManager(),
        Ctx.getLangOpts());
    if (Nameable && Contexts.size() == 1 && Range.isValid() && !Root.getBeginLoc().isMacroID() &&
        !isAssignedTo(Root, First.Var, core().parents(F)))
      Diag << FixItHint::CreateReplacement(Range, First.Var->getName());
  }
  if (Model.isToken(First.Var->getType()))
    return; // a token has no detaching call to suggest
  if (First.Var->getName().empty()) {
    diag(First.Var->getLocation(), "this context parameter is available; name it and pass it",
         DiagnosticIDs::Note);
    return;
  }
  diag(First.Var->getLocation(),
       "'%0' is available here; to detach from its cancellation on purpose, keep its values "
       "with 'ctx::without_cancel(%0)'",
       DiagnosticIDs::Note)
      << First.Var->getName();
}

void BackgroundMidFlowCheck::checkCandidate(const CandidateCall &Candidate) {
  FactsEngine &Facts = facts();
  if (isAllowed(Candidate.Callee) || !Facts.createsOwnRoot(Facts.of(Candidate.Callee)))
    return;
  const FunctionDecl *F = checkedFunction(*Candidate.Call);
  if (!F)
    return;
  bool Nameable = false;
  llvm::SmallVector<AvailableContext, 2> Contexts = contextsToName(F, Nameable);
  if (Contexts.empty())
    return;
  // Follow the chain of helpers down to the root call; an allowed helper on
  // the way creates the root on purpose.
  std::string Through;
  const FunctionDecl *Creator = Candidate.Callee;
  const FunctionFacts *Creation = &Facts.of(Creator);
  const Expr *Leaving = Candidate.Call; // the last call of the chain in this TU
  // While other TUs' facts are open: the open fact through which it does.
  std::optional<unsigned> Open = Facts.openRoot(*Creation);
  for (unsigned Steps = 0; Steps < 64; ++Steps) {
    auto [Site, Via] = std::pair(Creation->RootSite, Creation->RootVia);
    if (Open)
      std::tie(Site, Via) = Creation->Open.RootVia.lookup(*Open);
    if (!Via)
      break;
    Creator = Via;
    if (isAllowed(Creator))
      return;
    Through += (Through.empty() ? "" : " -> ") + quotedName(Creator);
    Leaving = Site;
    Creation = &Facts.of(Creator);
  }
  SourceLocation Loc = Candidate.Call->getExprLoc();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Candidate.Call))
    Loc = Construct->getLocation();
  SourceLocation LeavingLoc = Leaving == Candidate.Call ? Loc : Leaving->getBeginLoc();
  if (Open) {
    // The driver completes the chain once every TU is done.
    // (In the format strings: Clang escapes the arguments' control characters.)
    diag(Loc, "%0 creates its own root context" + std::string(1, RootChainMark) + "; pass %1 to it")
        << quotedName(Candidate.Callee) << contextToPass(Contexts, "one of " + listNames(Contexts));
    std::vector<std::string> Allowed;
    for (const auto &Name : AllowedFunctions)
      Allowed.push_back(Name.getKey().str());
    llvm::sort(Allowed);
    std::string Placeholder;
    for (char C : rootChainPlaceholder(Facts.openFact(*Open).Key, Through, Allowed))
      Placeholder += C == '%' ? std::string("%%") : std::string(1, C);
    diag(LeavingLoc, Placeholder, DiagnosticIDs::Note);
    return;
  }
  // Then through the functions of other TUs (facts table).
  std::vector<const SolvedFacts *> Elsewhere;
  if (Creation->External) {
    Elsewhere = rootChain([&](llvm::StringRef Key) { return Facts.external(Key); },
                          Creation->External->Key,
                          [&](llvm::StringRef Name) { return AllowedFunctions.contains(Name); });
    if (Elsewhere.empty())
      return;
    Through = rootChainThrough(std::move(Through), Elsewhere);
  }
  diag(Loc, "%0 creates its own root context%1; pass %2 to it")
      << quotedName(Candidate.Callee) << (Through.empty() ? std::string() : " through " + Through)
      << contextToPass(Contexts, "one of " + listNames(Contexts));
  if (!Elsewhere.empty()) {
    // The call leaving this TU carries the notes: the other files are not
    // part of it.
    for (const std::string &Note : rootChainNotes(Elsewhere))
      diag(LeavingLoc, "%0", DiagnosticIDs::Note) << Note;
    return;
  }
  diag(Creation->RootSite->getBeginLoc(), "%0 creates the root context here with %1",
       DiagnosticIDs::Note)
      << quotedName(Creator)
      << quotedName(cast<NamedDecl>(RoleModel::calleeOf(Creation->RootSite)));
}

} // namespace clang::tidy::ctx
