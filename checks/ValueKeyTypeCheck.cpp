//===--- ValueKeyTypeCheck.cpp - ctxguard ---------------------------------===//

#include "ValueKeyTypeCheck.h"
#include "model/Walk.h"
#include "model/ContextScope.h"
#include "model/Instantiation.h"
#include "model/Matchers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

namespace {

enum class KeyKind { Fine, BuiltIn, Standard, EmptyUnnamed };

// The key's type as the user wrote it: through implicit conversions and the
// copy into the by-value parameter, with arrays decayed as a by-value
// template parameter deduces them.
QualType writtenKeyType(const Expr *Key, const ASTContext &Ctx) {
  QualType T = lookThrough(Key)->getType();
  if (T.isNull() || T->isDependentType())
    return {};
  if (T->isArrayType() || T->isFunctionType())
    T = Ctx.getDecayedType(T);
  return T.getUnqualifiedType();
}

// Whether \p D is declared in namespace std or one nested in it.
bool isInStd(const Decl *D) {
  const NamespaceDecl *Outermost = nullptr;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
      Outermost = NS;
  return Outermost && Outermost->getName() == "std";
}

// The key's type for the message: an alias by its qualified name with what
// it stands for ("'Name' (aka 'std::basic_string<char>')"), else the
// canonical type, so that "user"s reads 'std::basic_string<char>'.
std::string describeType(QualType T, const ASTContext &Ctx) {
  PrintingPolicy Policy = Ctx.getPrintingPolicy();
  std::string Canonical = T.getCanonicalType().getAsString(Policy);
  if (const auto *Alias = T->getAs<TypedefType>())
    return "'" + Alias->getDecl()->getQualifiedNameAsString() + "' (aka '" + Canonical + "')";
  return "'" + Canonical + "'";
}

KeyKind classify(QualType T) {
  QualType Canonical = T.getCanonicalType();
  if (Canonical->isBuiltinType())
    return Canonical->isPlaceholderType() ? KeyKind::Fine : KeyKind::BuiltIn;
  // A C string; the address of a dedicated object is a fine key.
  if (Canonical->isPointerType() && Canonical->getPointeeType()->isAnyCharacterType())
    return KeyKind::BuiltIn;
  if (const auto *Tag = Canonical->getAsTagDecl()) {
    if (isInStd(Tag))
      return KeyKind::Standard;
    const auto *Record = dyn_cast<CXXRecordDecl>(Tag);
    if (Record && !Record->getIdentifier() && !Record->getTypedefNameForAnonDecl() &&
        !Record->isLambda() && Record->hasDefinition() && Record->isEmpty())
      return KeyKind::EmptyUnnamed;
  }
  return KeyKind::Fine;
}

} // namespace

ValueKeyTypeCheck::ValueKeyTypeCheck(StringRef Name, ClangTidyContext *Context)
    : CtxCheck(Name, Context, {Role::WithValue, Role::Runtime}) {}

void ValueKeyTypeCheck::registerCheckMatchers(MatchFinder *Finder) {
  // Instantiations are matched too: a key of dependent type is judged there.
  Finder->addMatcher(
      callExpr(argumentCountAtLeast(2), calleePlaysRole(&Model, Role::WithValue)).bind("call"),
      this);
}

void ValueKeyTypeCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.isInSystemHeader(Call->getBeginLoc()))
    return;
  const Expr *Key = Call->getArg(1);
  QualType KeyType = writtenKeyType(Key, Ctx);
  if (KeyType.isNull())
    return;
  KeyKind Kind = classify(KeyType);
  if (Kind == KeyKind::Fine)
    return;
  const FunctionDecl *Function = core().enclosing(*Call);
  if (Function && Model.isRuntimeInternal(Function))
    return;
  // One finding per written key: the pattern's when its type is written
  // there (met first), else the first instantiation's, which is named.
  if (!firstReportAt(Key->getBeginLoc()))
    return;
  const FunctionDecl *Instantiation = core().instantiationHolding(*Call);
  SourceLocation Loc = SM.getFileLoc(Key->getBeginLoc());
  if (Kind == KeyKind::EmptyUnnamed)
    diag(Loc, "should not use an empty unnamed struct as key for value; define your own type to "
              "avoid collisions");
  else
    diag(Loc, "should not use %select{built-in|standard library}0 type %1 as key for value; "
              "define your own type to avoid collisions")
        << (Kind == KeyKind::Standard) << describeType(KeyType, Ctx);
  if (Instantiation)
    noteInstantiation(Instantiation);
}

} // namespace clang::tidy::ctx
