//===--- Roles.cpp - ctxguard ---------------------------------------------===//

#include "Roles.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::ctx {

namespace {

struct RoleOptionInfo {
  llvm::StringRef Name;
  Role Plays;
  llvm::StringRef Default;
};

// The defaults name the bundled runtime, whose declarations are also
// annotated, plus the standard library's and other libraries' equivalents.
constexpr RoleOptionInfo OptionTable[] = {
    {"ContextTypes", Role::Context, "::ctx::Context"},
    {"DoneTypes", Role::Done, "::ctx::Done"},
    {"CancelTypes", Role::CancelFunc, "::ctx::CancelFunc;::ctx::CancelCauseFunc"},
    {"ChannelTypes", Role::Chan, "::ctx::Chan"},
    {"ScopeGuards", Role::ScopeGuard,
     "::ctx::Defer;::absl::Cleanup;::gsl::final_action;::gsl::finally;"
     "::std::experimental::scope_exit"},
    {"RootFunctions", Role::Root, "::ctx::background;::ctx::todo"},
    {"DeriveFunctions", Role::Derive,
     "::ctx::with_cancel;::ctx::with_cancel_cause;::ctx::with_deadline;"
     "::ctx::with_deadline_cause;::ctx::with_timeout;::ctx::with_timeout_cause;"
     "::ctx::with_value;::ctx::without_cancel;::ctx::ErrGroup::with_context"},
    {"CancelSources", Role::CancelSource,
     "::ctx::with_cancel;::ctx::with_cancel_cause;::ctx::with_deadline;"
     "::ctx::with_deadline_cause;::ctx::with_timeout;::ctx::with_timeout_cause"},
    {"SelectFunctions", Role::Select, "::ctx::select"},
    {"BlockingFunctions", Role::Blocking,
     "::std::future::get;::std::future::wait;::std::shared_future::get;"
     "::std::shared_future::wait;::std::__basic_future::wait;"
     "::std::condition_variable::wait;::std::condition_variable_any::wait;"
     "::std::this_thread::sleep_for;::std::this_thread::sleep_until;"
     "::std::counting_semaphore::acquire;::std::latch::wait;"
     "::std::barrier::arrive_and_wait"},
    {"SpawnFunctions", Role::Go,
     "::ctx::go;::ctx::WaitGroup::go;::ctx::ErrGroup::go;::ctx::ErrGroup::try_go"},
    {"JoinFunctions", Role::Join, "::ctx::WaitGroup::wait;::ctx::ErrGroup::wait"},
};

const RoleOptionInfo &info(RoleOption O) { return OptionTable[static_cast<unsigned>(O)]; }

constexpr llvm::StringRef RoleNames[] = {
    "context",     "done",       "cancel_func", "stop_func",     "chan",
    "scope_guard", "wait_group", "err_group",   "select_case",   "go",
    "root",        "derive",     "cancel_source", "detach",      "with_value",
    "observe",     "chan_send",  "chan_recv",   "chan_close",    "chan_range",
    "select",      "case_recv",  "case_send",   "case_done",     "case_default",
    "timer",       "sleep",      "blocking",    "join",          "after_func",
};
static_assert(std::size(RoleNames) == NumRoles, "one name per role");

std::optional<Role> roleFromName(llvm::StringRef Name) {
  for (unsigned I = 0; I < NumRoles; ++I)
    if (RoleNames[I] == Name)
      return static_cast<Role>(I);
  return std::nullopt;
}

// The declaration a specialization or instantiated member was written as.
const Decl *patternOf(const Decl *D) {
  if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
    if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
      return Pattern;
    return FD;
  }
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D))
    return Spec->getSpecializedTemplate()->getTemplatedDecl();
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
    if (const CXXRecordDecl *Pattern = RD->getTemplateInstantiationPattern())
      return Pattern;
  if (const auto *TD = dyn_cast<TemplateDecl>(D))
    if (const NamedDecl *Templated = TD->getTemplatedDecl())
      return Templated;
  return D;
}

void addAnnotations(const Decl *D, RoleSet &Roles) {
  for (const auto *A : D->specific_attrs<AnnotateAttr>()) {
    llvm::StringRef Text = A->getAnnotation();
    if (Text.consume_front("ctx::"))
      if (std::optional<Role> R = roleFromName(Text))
        Roles.add(*R);
  }
}

} // namespace

RoleModel::RoleModel() {
  for (unsigned I = 0; I < std::size(OptionTable); ++I)
    setNames(static_cast<RoleOption>(I), OptionTable[I].Default);
}

void RoleModel::setNames(RoleOption O, llvm::StringRef List) {
  OptionValues[static_cast<unsigned>(O)] = List.str();
  // Each role has one option: a configured list replaces what it named before.
  Role Plays = info(O).Plays;
  for (auto &Entry : NamedRoles)
    Entry.second.remove(Plays);
  for (llvm::StringRef Name : utils::options::parseStringList(List)) {
    Name = Name.trim();
    Name.consume_front("::");
    if (!Name.empty())
      NamedRoles[Name].add(Plays);
  }
  Cache.clear();
}

void RoleModel::readOptions(const ClangTidyCheck::OptionsView &Options,
                            llvm::ArrayRef<RoleOption> Configurable) {
  for (RoleOption O : Configurable) {
    Used.push_back(O);
    if (std::optional<llvm::StringRef> Value = Options.getLocalOrGlobal(info(O).Name))
      setNames(O, *Value);
  }
}

void RoleModel::storeOptions(ClangTidyCheck::OptionsView &Options,
                             ClangTidyOptions::OptionMap &Opts) const {
  for (RoleOption O : Used)
    Options.store(Opts, info(O).Name, OptionValues[static_cast<unsigned>(O)]);
}

RoleSet RoleModel::rolesOf(const Decl *D) const {
  D = patternOf(D)->getCanonicalDecl();
  auto [It, Inserted] = Cache.try_emplace(D);
  if (Inserted)
    It->second = computeRoles(D);
  return It->second;
}

RoleSet RoleModel::computeRoles(const Decl *D) const {
  RoleSet Roles;
  for (const Decl *Redecl : D->redecls())
    addAnnotations(Redecl, Roles);
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
    if (const ClassTemplateDecl *CTD = RD->getDescribedClassTemplate())
      addAnnotations(CTD, Roles);
  const auto *ND = dyn_cast<NamedDecl>(D);
  // Cheap filter first: most declarations have a name no option lists.
  if (!ND || !ND->getIdentifier() || NamedRoles.empty())
    return Roles;
  std::string Qualified = ND->getQualifiedNameAsString();
  auto Found = NamedRoles.find(Qualified);
  if (Found != NamedRoles.end())
    Roles.add(Found->second);
  return Roles;
}

const CXXRecordDecl *RoleModel::recordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType().getCanonicalType();
  if (const auto *RD = T->getAsCXXRecordDecl())
    return RD;
  // A dependent specialization such as ctx::Chan<T> inside a template.
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl())
      return dyn_cast_or_null<CXXRecordDecl>(TD->getTemplatedDecl());
  // A class template whose arguments are still to be deduced: `ctx::go(f)`
  // with a dependent f in a template pattern.
  if (const auto *Deduced = T->getAs<DeducedTemplateSpecializationType>())
    if (const TemplateDecl *TD = Deduced->getTemplateName().getAsTemplateDecl())
      return dyn_cast_or_null<CXXRecordDecl>(TD->getTemplatedDecl());
  return nullptr;
}

bool RoleModel::isType(QualType T, Role R) const {
  const CXXRecordDecl *RD = recordOf(T);
  return RD && plays(RD, R);
}

const CXXRecordDecl *RoleModel::heldRecord(QualType T, Role R) const {
  if (T.isNull())
    return nullptr;
  T = T.getCanonicalType();
  if (isType(T, R))
    return recordOf(T);
  if (T->isReferenceType() || T->isPointerType() || T->isMemberPointerType())
    return heldRecord(T->getPointeeType(), R);
  if (const auto *AT = dyn_cast<ArrayType>(T.getTypePtr()))
    return heldRecord(AT->getElementType(), R);
  auto HeldByArgument = [&](const TemplateArgument &Arg) -> const CXXRecordDecl * {
    if (Arg.getKind() == TemplateArgument::Type)
      return heldRecord(Arg.getAsType(), R);
    if (Arg.getKind() == TemplateArgument::Pack)
      for (const TemplateArgument &P : Arg.pack_elements())
        if (P.getKind() == TemplateArgument::Type)
          if (const CXXRecordDecl *Held = heldRecord(P.getAsType(), R))
            return Held;
    return nullptr;
  };
  if (const auto *Spec =
          dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl()))
    for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
      if (const CXXRecordDecl *Held = HeldByArgument(Arg))
        return Held;
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    for (const TemplateArgument &Arg : TST->template_arguments())
      if (Arg.getKind() == TemplateArgument::Type)
        if (const CXXRecordDecl *Held = heldRecord(Arg.getAsType(), R))
          return Held;
  return nullptr;
}

const Decl *RoleModel::calleeOf(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
    E = Cast->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
    E = Bind->getSubExpr();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getConstructor()->getParent();
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (const Decl *Callee = Call->getCalleeDecl())
      return Callee;
    // A dependent call: use the candidates when they all name one entity.
    const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
    if (const auto *Overloads = dyn_cast<OverloadExpr>(Callee)) {
      const Decl *Common = nullptr;
      for (const NamedDecl *Candidate : Overloads->decls()) {
        const Decl *Pattern = patternOf(Candidate->getUnderlyingDecl());
        const auto *Named = dyn_cast<NamedDecl>(Pattern);
        if (!Named)
          return nullptr;
        if (Common && cast<NamedDecl>(Common)->getQualifiedNameAsString() !=
                          Named->getQualifiedNameAsString())
          return nullptr;
        Common = Pattern;
      }
      return Common;
    }
  }
  if (const auto *Unresolved = dyn_cast<CXXUnresolvedConstructExpr>(E))
    return recordOf(Unresolved->getTypeAsWritten());
  return nullptr;
}

bool RoleModel::calls(const Expr *E, Role R) const {
  if (plays(calleeOf(E), R))
    return true;
  // A method named by the class it is called on: in libstdc++,
  // std::future<T>::wait is inherited from std::__basic_future.
  if (const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(E ? E->IgnoreParenImpCasts() : nullptr)) {
    const CXXRecordDecl *Object = Member->getRecordDecl();
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const Decl *ObjectPattern = Object ? patternOf(Object) : nullptr;
    if (ObjectPattern && Method && Method->getIdentifier() && !NamedRoles.empty()) {
      std::string Name = cast<NamedDecl>(ObjectPattern)->getQualifiedNameAsString() +
                         "::" + Method->getName().str();
      auto Found = NamedRoles.find(Name);
      return Found != NamedRoles.end() && Found->second.has(R);
    }
  }
  return false;
}

bool RoleModel::isRuntimeInternal(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    const auto *NS = dyn_cast<NamespaceDecl>(DC);
    if (NS && NS->getName() == "ctx" && NS->getParent()->isTranslationUnit())
      return true;
  }
  return false;
}

} // namespace clang::tidy::ctx
