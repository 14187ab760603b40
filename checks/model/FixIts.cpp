//===--- FixIts.cpp - ctxguard --------------------------------------------===//

#include "FixIts.h"
#include "Walk.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::ctx {

const NamespaceDecl *namespaceOf(const Decl *D) {
  return D ? dyn_cast<NamespaceDecl>(D->getDeclContext()->getRedeclContext()) : nullptr;
}

const NamedDecl *declarationPlaying(const NamespaceDecl *NS, Role R, const RoleModel &Model) {
  if (!NS)
    return nullptr;
  for (const NamespaceDecl *Block : NS->redecls())
    for (const Decl *D : Block->decls()) {
      const Decl *Pattern = D;
      if (const auto *Template = dyn_cast<TemplateDecl>(D))
        Pattern = Template->getTemplatedDecl();
      if (Pattern && Model.plays(Pattern, R))
        return cast<NamedDecl>(D);
    }
  return nullptr;
}

std::string namespaceSpelling(const NamespaceDecl *NS, const Expr *Written, const FunctionDecl *F,
                              const ASTContext &Ctx) {
  const auto *Call = Written ? dyn_cast<CallExpr>(lookThrough(Written)) : nullptr;
  if (const auto *Ref =
          Call ? dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts()) : nullptr) {
    NestedNameSpecifierLoc Qualifier = Ref->getQualifierLoc();
    NestedNameSpecifier Spelled = Qualifier.getNestedNameSpecifier();
    if (Spelled.getKind() == NestedNameSpecifier::Kind::Namespace &&
        !Qualifier.getBeginLoc().isMacroID() &&
        Spelled.getAsNamespaceAndPrefix().Namespace->getNamespace()->getCanonicalDecl() ==
            NS->getCanonicalDecl())
      return Lexer::getSourceText(CharSourceRange::getTokenRange(Qualifier.getSourceRange()),
                                  Ctx.getSourceManager(), Ctx.getLangOpts())
          .str();
  }
  std::string Name = NS->getQualifiedNameAsString() + "::";
  for (const DeclContext *DC = F->getDeclContext(); DC && !DC->isTranslationUnit();
       DC = DC->getParent())
    if (!DC->lookup(NS->getDeclName()).empty())
      return "::" + Name;
  return Name;
}

std::optional<FixItHint> insertAfterStatement(const Stmt *S, llvm::StringRef Text,
                                              const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  SourceLocation Begin = S->getBeginLoc();
  SourceLocation AfterSemi =
      isa<DeclStmt>(S) ? Lexer::getLocForEndOfToken(S->getEndLoc(), 0, SM, LO)
                       : Lexer::findLocationAfterToken(S->getEndLoc(), tok::semi, SM, LO, false);
  if (Begin.isMacroID() || AfterSemi.isInvalid() || AfterSemi.isMacroID())
    return std::nullopt;
  auto [File, Offset] = SM.getDecomposedLoc(AfterSemi);
  llvm::StringRef Buffer = SM.getBufferData(File);
  llvm::StringRef Rest =
      Buffer.substr(Offset).take_until([](char C) { return C == '\n' || C == '\r'; });
  llvm::StringRef Code = Rest.ltrim(" \t");
  if (!Code.empty() && !Code.starts_with("//"))
    return FixItHint::CreateInsertion(AfterSemi, (" " + Text).str());
  llvm::StringRef BeforeBegin = Buffer.take_front(SM.getFileOffset(Begin));
  llvm::StringRef Indent = BeforeBegin.substr(BeforeBegin.rfind('\n') + 1).take_while([](char C) {
    return C == ' ' || C == '\t';
  });
  // The file's own line ending: a CRLF file stays CRLF.
  llvm::StringRef NewLine =
      Buffer.substr(Offset + Rest.size()).starts_with("\r\n") ? "\r\n" : "\n";
  return FixItHint::CreateInsertion(AfterSemi.getLocWithOffset(static_cast<int>(Rest.size())),
                                    (NewLine + Indent + Text).str());
}

std::string freshName(const FunctionDecl *F, llvm::StringRef Base) {
  llvm::StringSet<> Names;
  for (const ParmVarDecl *P : F->parameters())
    if (P->getIdentifier())
      Names.insert(P->getName());
  walk(F->getBody(), Lambdas::Enter, [&](const Stmt *S, const WalkPosition &) {
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls()) {
        if (const auto *ND = dyn_cast<NamedDecl>(D); ND && ND->getIdentifier())
          Names.insert(ND->getName());
        if (const auto *DD = dyn_cast<DecompositionDecl>(D))
          for (const BindingDecl *B : DD->bindings())
            Names.insert(B->getName());
      }
    return WalkAction::Continue;
  });
  std::string Name = Base.str();
  for (unsigned I = 2; Names.contains(Name); ++I)
    Name = (Base + llvm::Twine(I)).str();
  return Name;
}

std::optional<std::string> doneCaseText(const CallExpr &Select, const ValueDecl *Context,
                                        const FunctionDecl *F, const RoleModel &Model,
                                        const ASTContext &Ctx) {
  const NamespaceDecl *NS = namespaceOf(RoleModel::calleeOf(&Select));
  const NamedDecl *Case = declarationPlaying(NS, Role::CaseDone, Model);
  const CXXRecordDecl *Type = RoleModel::recordOf(Context->getType());
  if (!Case || !Type || !Type->hasDefinition() || Context->getName().empty())
    return std::nullopt;
  // The context's method that returns its done signal.
  for (const CXXMethodDecl *Method : Type->methods())
    if (Method->getNumParams() == 0 && Method->getIdentifier() &&
        Model.plays(Method, Role::Observe) && Model.isType(Method->getReturnType(), Role::Done))
      return namespaceSpelling(NS, &Select, F, Ctx) + Case->getName().str() + "(" +
             Context->getName().str() + "." + Method->getName().str() + "())";
  return std::nullopt;
}

} // namespace clang::tidy::ctx
