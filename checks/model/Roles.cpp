//===--- Roles.cpp - ctxguard ---------------------------------------------===//

#include "Roles.h"
#include "Profiles.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/Support/ErrorHandling.h"
#include <cstdlib>

namespace clang::tidy::ctx {

namespace {

struct RoleInfo {
  Role R;
  llvm::StringRef Name;   // as annotations write it
  llvm::StringRef Option; // the CheckOption naming its declarations
  llvm::StringRef Default;
};

// One row per role, in the order of the enum. The defaults name the bundled
// runtime, whose declarations are also annotated, plus the standard library's
// and other libraries' equivalents.
constexpr RoleInfo Table[] = {
    {Role::Context, "context", "ContextTypes", "::ctx::Context"},
    {Role::Done, "done", "DoneTypes", "::ctx::Done"},
    {Role::CancelFunc, "cancel_func", "CancelTypes", "::ctx::CancelFunc;::ctx::CancelCauseFunc"},
    {Role::StopFunc, "stop_func", "StopFuncTypes", "::ctx::StopFunc"},
    {Role::Chan, "chan", "ChannelTypes", "::ctx::Chan;::ctx::RecvChan;::ctx::SendChan"},
    {Role::RecvOnlyChan, "recv_only_chan", "RecvOnlyChannelTypes", "::ctx::RecvChan"},
    {Role::SendOnlyChan, "send_only_chan", "SendOnlyChannelTypes", "::ctx::SendChan"},
    {Role::ScopeGuard, "scope_guard", "ScopeGuards",
     "::ctx::Defer;::absl::Cleanup;::gsl::final_action;::gsl::finally;"
     "::std::experimental::scope_exit"},
    {Role::WaitGroup, "wait_group", "WaitGroupTypes", "::ctx::WaitGroup"},
    {Role::ErrGroup, "err_group", "ErrGroupTypes", "::ctx::ErrGroup"},
    {Role::SelectCase, "select_case", "SelectCaseTypes", ""},
    {Role::Go, "go", "SpawnFunctions",
     "::ctx::go;::ctx::WaitGroup::go;::ctx::ErrGroup::go;::ctx::ErrGroup::try_go"},
    {Role::Token, "token", "TokenTypes", ""},
    {Role::Ticker, "ticker", "TickerTypes", "::ctx::Ticker"},
    {Role::TimerSource, "timer_source", "TimerTypes", "::ctx::Timer"},
    {Role::Runtime, "runtime", "RuntimeNamespaces", ""},
    // The library profiles' roles: bound by the profiles (Profiles.cpp).
    {Role::SourceType, "source", "SourceTypes", ""},
    {Role::Link, "link", "LinkTypes", ""},
    {Role::TokenSpawn, "token_spawn", "TokenSpawnTypes", ""},
    {Role::RpcContext, "rpc_context", "RpcContextTypes", ""},
    {Role::RpcChannel, "rpc_channel", "RpcChannelTypes", ""},
    {Role::Root, "root", "RootFunctions", "::ctx::background;::ctx::todo"},
    {Role::PlaceholderRoot, "placeholder_root", "PlaceholderRootFunctions", "::ctx::todo"},
    {Role::Derive, "derive", "DeriveFunctions",
     "::ctx::with_cancel;::ctx::with_cancel_cause;::ctx::with_deadline;"
     "::ctx::with_deadline_cause;::ctx::with_timeout;::ctx::with_timeout_cause;"
     "::ctx::with_value;::ctx::without_cancel;::ctx::ErrGroup::with_context"},
    {Role::CancelSource, "cancel_source", "CancelSources",
     "::ctx::with_cancel;::ctx::with_cancel_cause;::ctx::with_deadline;"
     "::ctx::with_deadline_cause;::ctx::with_timeout;::ctx::with_timeout_cause"},
    {Role::Detach, "detach", "DetachFunctions", "::ctx::without_cancel"},
    {Role::WithValue, "with_value", "WithValueFunctions", "::ctx::with_value"},
    {Role::Observe, "observe", "ObserveFunctions",
     "::ctx::Context::done;::ctx::Context::err;::ctx::Context::deadline;::ctx::cause;"
     "::ctx::Done::closed;::ctx::Done::wait;::ctx::Done::wait_for"},
    {Role::ChanSend, "chan_send", "ChannelSendFunctions", "::ctx::Chan::send;::ctx::SendChan::send"},
    {Role::ChanRecv, "chan_recv", "ChannelRecvFunctions", "::ctx::Chan::recv;::ctx::RecvChan::recv"},
    {Role::ChanClose, "chan_close", "ChannelCloseFunctions",
     "::ctx::Chan::close;::ctx::SendChan::close"},
    {Role::ChanRange, "chan_range", "ChannelRangeFunctions",
     "::ctx::Chan::begin;::ctx::RecvChan::begin"},
    {Role::ChanNil, "chan_nil", "NilChannelFunctions", "::ctx::Chan::nil"},
    {Role::Select, "select", "SelectFunctions", "::ctx::select"},
    {Role::CaseRecv, "case_recv", "SelectRecvCases", "::ctx::recv"},
    {Role::CaseSend, "case_send", "SelectSendCases", "::ctx::send"},
    // A receive case on a done signal is also told apart by its argument's
    // type (RoleModel users check for Role::Done), so no name is needed.
    {Role::CaseDone, "case_done", "SelectDoneCases", ""},
    {Role::CaseDefault, "case_default", "SelectDefaultCases", "::ctx::default_case"},
    {Role::Timer, "timer", "TimerFunctions", "::ctx::after;::ctx::Ticker::c;::ctx::Timer::c"},
    {Role::Sleep, "sleep", "SleepFunctions", ""},
    {Role::Blocking, "blocking", "BlockingFunctions",
     "::std::future::get;::std::future::wait;::std::shared_future::get;"
     "::std::shared_future::wait;::std::__basic_future::wait;"
     "::std::condition_variable::wait;::std::condition_variable_any::wait;"
     "::std::this_thread::sleep_for;::std::this_thread::sleep_until;"
     "::std::counting_semaphore::acquire;::std::latch::wait;"
     "::std::barrier::arrive_and_wait"},
    {Role::Join, "join", "JoinFunctions", "::ctx::WaitGroup::wait;::ctx::ErrGroup::wait"},
    {Role::AfterFunc, "after_func", "AfterFuncFunctions", "::ctx::after_func"},
    {Role::CancelMethod, "cancel_method", "CancelFunctions", ""},
    {Role::SetDeadline, "set_deadline", "DeadlineFunctions", ""},
    {Role::TimedWait, "timed_wait", "TimedWaitFunctions", ""},
};
static_assert(std::size(Table) == NumRoles, "one row per role");

constexpr bool inEnumOrder() {
  for (unsigned I = 0; I < NumRoles; ++I)
    if (static_cast<unsigned>(Table[I].R) != I)
      return false;
  return true;
}
static_assert(inEnumOrder(), "rows in the order of the enum");

const RoleInfo &info(Role R) { return Table[static_cast<unsigned>(R)]; }

std::optional<Role> roleFromName(llvm::StringRef Name) {
  for (const RoleInfo &Row : Table)
    if (Row.Name == Name)
      return Row.R;
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

bool strictRoles() {
  static const bool Strict = std::getenv("CTXGUARD_STRICT_ROLES") != nullptr;
  return Strict;
}

} // namespace

llvm::StringRef roleName(Role R) { return info(R).Name; }
llvm::StringRef roleOptionName(Role R) { return info(R).Option; }

RoleModel::RoleModel() {
  for (const RoleInfo &Row : Table)
    setNames(Row.R, Row.Default);
  updateKey();
}

void RoleModel::setNames(Role R, llvm::StringRef List) {
  OptionValues[static_cast<unsigned>(R)] = List.str();
  // Each role has one option: a configured list replaces what it named before.
  for (auto &Entry : NamedRoles)
    Entry.second.remove(R);
  addNames(R, List);
}

void RoleModel::addNames(Role R, llvm::StringRef List) {
  for (llvm::StringRef Name : utils::options::parseStringList(List)) {
    Name = Name.trim();
    Name.consume_front("::");
    if (!Name.empty())
      NamedRoles[Name].add(R);
  }
  Cache.clear();
}

void RoleModel::updateKey() {
  Key = Annotations ? "annotations\n" : "\n";
  for (const std::string &Value : OptionValues)
    (Key += Value) += '\n';
  Key += ProfileBindings;
}

void RoleModel::readOptions(const ClangTidyCheck::OptionsView &Options, RoleSet Reads,
                            llvm::StringRef Check,
                            llvm::function_ref<void(const std::string &)> Diagnose) {
  Read.add(Reads);
  llvm::SmallVector<Profile, 3> Profiles =
      profilesFor(Check, Options, [&](const std::string &Message) {
        if (Diagnose)
          Diagnose(Message);
      });
  ProfilesValue = Options.getLocalOrGlobal("Profiles").value_or(DefaultProfiles).str();
  Annotations = llvm::any_of(Profiles, [](const Profile &P) { return P.Annotations; });
  if (!Annotations)
    for (const RoleInfo &Row : Table)
      setNames(Row.R, "");
  // A role's option, when set, replaces its defaults and the profiles' bindings.
  RoleSet Configured;
  for (const RoleInfo &Row : Table)
    if (Reads.has(Row.R))
      if (std::optional<llvm::StringRef> Value = Options.getLocalOrGlobal(Row.Option)) {
        setNames(Row.R, *Value);
        Configured.add(Row.R);
      }
  ProfileBindings.clear();
  for (const Profile &P : Profiles)
    for (const RoleBinding &B : P.Bindings) {
      if (Configured.has(B.R))
        continue;
      addNames(B.R, B.Names);
      ((ProfileBindings += roleName(B.R)) += '=') += B.Names + "\n";
    }
  updateKey();
}

void RoleModel::storeOptions(ClangTidyCheck::OptionsView &Options,
                             ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "Profiles", ProfilesValue.empty() ? llvm::StringRef(DefaultProfiles)
                                                         : llvm::StringRef(ProfilesValue));
  for (const RoleInfo &Row : Table)
    if (Read.has(Row.R))
      Options.store(Opts, Row.Option, OptionValues[static_cast<unsigned>(Row.R)]);
}

bool RoleModel::isToken(QualType T) const {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return isType(T, Role::Token);
}

void RoleModel::requireRead(RoleSet Roles) const {
  if (!strictRoles() || Read.empty() || Read.contains(Roles))
    return;
  for (const RoleInfo &Row : Table)
    if (Roles.has(Row.R) && !Read.has(Row.R))
      llvm::report_fatal_error(llvm::Twine("ctxguard: a check asks about role '") + Row.Name +
                               "' but does not declare it (its option " + Row.Option +
                               " would be ignored)");
}

RoleSet RoleModel::rolesOf(const Decl *D) const {
  if (!D)
    return {};
  D = patternOf(D)->getCanonicalDecl();
  auto [It, Inserted] = Cache.try_emplace(D);
  if (Inserted)
    It->second = computeRoles(D);
  return It->second;
}

RoleSet RoleModel::computeRoles(const Decl *D) const {
  RoleSet Roles;
  if (Annotations) {
    for (const Decl *Redecl : D->redecls())
      addAnnotations(Redecl, Roles);
    if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
      if (const ClassTemplateDecl *CTD = RD->getDescribedClassTemplate())
        addAnnotations(CTD, Roles);
  }
  const auto *ND = dyn_cast<NamedDecl>(D);
  // Cheap filter first: most declarations have a name no option lists.
  if (!ND || !ND->getIdentifier() || NamedRoles.empty())
    return Roles;
  auto Found = NamedRoles.find(ND->getQualifiedNameAsString());
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
  // Iterative: template arguments nest as deep as the user writes them.
  llvm::SmallVector<QualType, 8> Work{T};
  while (!Work.empty()) {
    QualType Cur = Work.pop_back_val();
    if (Cur.isNull())
      continue;
    Cur = Cur.getCanonicalType();
    if (isType(Cur, R))
      return recordOf(Cur);
    if (Cur->isReferenceType() || Cur->isPointerType() || Cur->isMemberPointerType()) {
      Work.push_back(Cur->getPointeeType());
      continue;
    }
    if (const auto *AT = dyn_cast<ArrayType>(Cur.getTypePtr())) {
      Work.push_back(AT->getElementType());
      continue;
    }
    auto AddArgument = [&](const TemplateArgument &Arg) {
      if (Arg.getKind() == TemplateArgument::Type)
        Work.push_back(Arg.getAsType());
      else if (Arg.getKind() == TemplateArgument::Pack)
        for (const TemplateArgument &P : Arg.pack_elements())
          if (P.getKind() == TemplateArgument::Type)
            Work.push_back(P.getAsType());
    };
    if (const auto *Spec =
            dyn_cast_or_null<ClassTemplateSpecializationDecl>(Cur->getAsCXXRecordDecl()))
      for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
        AddArgument(Arg);
    if (const auto *TST = Cur->getAs<TemplateSpecializationType>())
      for (const TemplateArgument &Arg : TST->template_arguments())
        AddArgument(Arg);
  }
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
  const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  if (!Member || NamedRoles.empty())
    return false;
  const CXXRecordDecl *Object = Member->getRecordDecl();
  const CXXMethodDecl *Method = Member->getMethodDecl();
  if (!Object || !Method || !Method->getIdentifier())
    return false;
  std::string Name = cast<NamedDecl>(patternOf(Object))->getQualifiedNameAsString() +
                     "::" + Method->getName().str();
  auto Found = NamedRoles.find(Name);
  return Found != NamedRoles.end() && Found->second.has(R);
}

bool RoleModel::isRuntimeInternal(const Decl *D) const {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC); NS && rolesOf(NS).has(Role::Runtime))
      return true;
  return false;
}

} // namespace clang::tidy::ctx
