//===--- Profiles.cpp - ctxguard ------------------------------------------===//

#include "Profiles.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::ctx {

namespace {

// The waits of <thread>, <future>, <condition_variable>, <semaphore>,
// <latch> and <barrier> that cannot see a token.
constexpr llvm::StringLiteral StdWaits =
    "::std::future::get;::std::future::wait;::std::shared_future::get;"
    "::std::shared_future::wait;::std::__basic_future::wait;"
    "::std::condition_variable::wait;::std::condition_variable_any::wait;"
    "::std::this_thread::sleep_for;::std::this_thread::sleep_until;"
    "::std::counting_semaphore::acquire;::std::latch::wait;::std::latch::arrive_and_wait;"
    "::std::barrier::arrive_and_wait;::std::barrier::wait";

constexpr llvm::StringLiteral CtxChecks =
    "ctx-abandoned-sender;ctx-background-mid-flow;ctx-blocking-without-done;"
    "ctx-loop-without-done;ctx-lost-cancel;ctx-nil-context;ctx-not-first-param;"
    "ctx-stored-in-struct;ctx-value-key-type";
constexpr llvm::StringLiteral StdChecks =
    "ctx-background-mid-flow;ctx-blocking-without-done;ctx-loop-without-done;"
    "ctx-jthread-foreign-token";
constexpr llvm::StringLiteral GrpcChecks =
    "ctx-background-mid-flow;ctx-loop-without-done;ctx-rpc-context-reused;"
    "ctx-rpc-without-deadline";

Profile ctxProfile() {
  // The runtime's roles come from its annotations and the role table's
  // defaults (RoleModel), not from bindings here.
  Profile P;
  P.Name = "ctx";
  P.Shape = ProfileShape::Ctx;
  P.Annotations = true;
  P.Checks = CtxChecks.str();
  return P;
}

Profile stdProfile() {
  Profile P;
  P.Name = "std";
  P.Shape = ProfileShape::Std;
  P.Checks = StdChecks.str();
  P.Bindings = {
      {Role::Token, "::std::stop_token"},
      {Role::Observe, "::std::stop_token::stop_requested"},
      {Role::SourceType, "::std::stop_source"},
      {Role::CancelMethod, "::std::stop_source::request_stop"},
      {Role::Link, "::std::stop_callback"},
      {Role::TokenSpawn, "::std::jthread"},
      {Role::Blocking, StdWaits.str()},
      // Bounded, but where a token is available a stop request must not
      // wait for the timeout (the token overloads exist for that).
      {Role::TimedWait, "::std::condition_variable::wait_for;::std::condition_variable::wait_until;"
                        "::std::condition_variable_any::wait_for;"
                        "::std::condition_variable_any::wait_until"},
  };
  return P;
}

Profile grpcProfile() {
  Profile P;
  P.Name = "grpc";
  P.Shape = ProfileShape::Grpc;
  P.Checks = GrpcChecks.str();
  P.Bindings = {
      {Role::Token, "::grpc::ServerContext;::grpc::CallbackServerContext;::grpc::ServerContextBase"},
      {Role::Observe, "::grpc::ServerContextBase::IsCancelled"},
      {Role::RpcContext, "::grpc::ClientContext"},
      {Role::CancelMethod, "::grpc::ClientContext::TryCancel"},
      {Role::Derive,
       "::grpc::ClientContext::FromServerContext;::grpc::ClientContext::FromCallbackServerContext"},
      {Role::SetDeadline, "::grpc::ClientContext::set_deadline"},
      // Derives without the deadline: ctx-rpc-without-deadline's detach.
      {Role::Detach, "::grpc::PropagationOptions::disable_deadline_propagation"},
      {Role::RpcChannel, "::grpc::ChannelInterface"},
  };
  return P;
}

// Which role each `Profile.<name>.<Option>` binds, per shape.
struct UserOption {
  llvm::StringLiteral Option;
  std::optional<Role> Ctx, Std, Grpc;
};
const UserOption UserOptions[] = {
    {"TokenTypes", Role::Context, Role::Token, Role::Token},
    {"ObserveFunctions", Role::Observe, Role::Observe, Role::Observe},
    {"SourceTypes", Role::CancelFunc, Role::SourceType, Role::RpcContext},
    {"CancelFunctions", std::nullopt, Role::CancelMethod, Role::CancelMethod},
    {"DeriveFunctions", Role::Derive, Role::Derive, Role::Derive},
    {"RootFunctions", Role::Root, Role::Root, std::nullopt},
    {"SpawnFunctions", Role::Go, Role::TokenSpawn, std::nullopt},
    {"BlockingFunctions", Role::Blocking, Role::Blocking, Role::Blocking},
    {"DeadlineFunctions", std::nullopt, std::nullopt, Role::SetDeadline},
};

std::optional<Profile> userProfile(llvm::StringRef Name, const ClangTidyCheck::OptionsView &Options,
                                   llvm::function_ref<void(const std::string &)> Diagnose) {
  std::string Prefix = ("Profile." + Name + ".").str();
  std::optional<llvm::StringRef> Shape = Options.getLocalOrGlobal(Prefix + "Shape");
  if (!Shape) {
    Diagnose("profile '" + Name.str() + "' is listed in Profiles but not declared (set " + Prefix +
             "Shape to ctx, std or grpc)");
    return std::nullopt;
  }
  Profile P;
  P.Name = Name.str();
  if (*Shape == "ctx")
    P.Shape = ProfileShape::Ctx;
  else if (*Shape == "std")
    P.Shape = ProfileShape::Std;
  else if (*Shape == "grpc")
    P.Shape = ProfileShape::Grpc;
  else {
    Diagnose(Prefix + "Shape is '" + Shape->str() + "'; expected ctx, std or grpc");
    return std::nullopt;
  }
  for (const UserOption &O : UserOptions) {
    std::optional<Role> R =
        P.Shape == ProfileShape::Ctx ? O.Ctx : P.Shape == ProfileShape::Std ? O.Std : O.Grpc;
    std::optional<llvm::StringRef> Value = Options.getLocalOrGlobal(Prefix + O.Option.str());
    if (R && Value)
      P.Bindings.push_back({*R, Value->str()});
  }
  // By default, the checks its shape applies to.
  llvm::StringRef ShapeChecks = P.Shape == ProfileShape::Ctx   ? CtxChecks
                                : P.Shape == ProfileShape::Std ? StdChecks
                                                               : GrpcChecks;
  P.Checks = Options.getLocalOrGlobal(Prefix + "Checks").value_or(ShapeChecks).str();
  return P;
}

} // namespace

bool Profile::appliesTo(llvm::StringRef Check) const {
  if (Check.empty()) // a model of no particular check (the core's, a test's)
    return true;
  return llvm::any_of(utils::options::parseStringList(Checks),
                      [&](llvm::StringRef C) { return C.trim() == Check; });
}

llvm::SmallVector<Profile, 3>
profilesFor(llvm::StringRef Check, const ClangTidyCheck::OptionsView &Options,
            llvm::function_ref<void(const std::string &)> Diagnose) {
  llvm::StringRef List = Options.getLocalOrGlobal("Profiles").value_or(DefaultProfiles);
  llvm::SmallVector<Profile, 3> Out;
  for (llvm::StringRef Name : utils::options::parseStringList(List)) {
    Name = Name.trim();
    std::optional<Profile> P;
    if (Name.empty())
      continue;
    if (Name == "ctx")
      P = ctxProfile();
    else if (Name == "std")
      P = stdProfile();
    else if (Name == "grpc")
      P = grpcProfile();
    else
      P = userProfile(Name, Options, Diagnose);
    if (P && P->appliesTo(Check))
      Out.push_back(std::move(*P));
  }
  return Out;
}

} // namespace clang::tidy::ctx
