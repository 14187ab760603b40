//===--- Roles.h - ctxguard -------------------------------------*- C++ -*-===//
//
// The shared role model: which declarations play which role of a Go-style
// runtime (context, cancel, channel, select, goroutine spawn, ...). Every check
// asks this model and none re-derives it. A declaration plays a role when it
// carries [[clang::annotate("ctx::<role>")]] or when its fully qualified name
// is listed in the CheckOption that configures the role (docs/roles.md).
//
// Each check declares the roles it reads (RoleReads); the options it accepts
// and stores follow from that declaration, one option per role.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_ROLES_H
#define CTXGUARD_CHECKS_MODEL_ROLES_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <bitset>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

namespace clang::tidy::ctx {

/// The roles of docs/roles.md, types first, then functions.
enum class Role : std::uint8_t {
  // Types and namespaces.
  Context,
  Done,
  CancelFunc,
  StopFunc,
  Chan,
  RecvOnlyChan,
  SendOnlyChan,
  ScopeGuard,
  WaitGroup,
  ErrGroup,
  SelectCase,
  Go, // ctx::go (a class template), WaitGroup::go, ErrGroup::go/try_go
  Token,
  Ticker,
  TimerSource,
  Runtime, // the runtime's own implementation (a namespace)
  SourceType, // a cancel-source object: std::stop_source (profiles.md)
  Link,       // constructed on a token, runs a callback at its stop: std::stop_callback
  TokenSpawn, // a thread that passes its own token to its callable: std::jthread
  RpcContext, // a client call's context, a cancel source: grpc::ClientContext
  RpcChannel, // what generated stubs are made from: grpc::ChannelInterface
  // Functions.
  Root,
  PlaceholderRoot,
  Derive,
  CancelSource,
  Detach,
  WithValue,
  Observe,
  ChanSend,
  ChanRecv,
  ChanClose,
  ChanRange,
  ChanNil,
  Select,
  CaseRecv,
  CaseSend,
  CaseDone,
  CaseDefault,
  Timer,
  Sleep,
  Blocking,
  Join,
  AfterFunc,
  CancelMethod, // a cancel source's cancel: stop_source::request_stop, TryCancel
  SetDeadline,  // gives an RPC context its deadline: ClientContext::set_deadline
  TimedWait,    // a wait bounded by a duration: a blocking wait where a token is available
};
inline constexpr unsigned NumRoles = static_cast<unsigned>(Role::TimedWait) + 1;

class RoleSet {
public:
  RoleSet() = default;
  RoleSet(std::initializer_list<Role> Roles) {
    for (Role R : Roles)
      add(R);
  }
  bool has(Role R) const { return Bits.test(static_cast<unsigned>(R)); }
  void add(Role R) { Bits.set(static_cast<unsigned>(R)); }
  void add(RoleSet Other) { Bits |= Other.Bits; }
  void remove(Role R) { Bits.reset(static_cast<unsigned>(R)); }
  bool empty() const { return Bits.none(); }
  bool contains(RoleSet Other) const { return (Other.Bits & ~Bits).none(); }
  friend bool operator==(const RoleSet &A, const RoleSet &B) { return A.Bits == B.Bits; }

private:
  std::bitset<64> Bits;
};

/// The role's name as annotations write it: "cancel_source".
llvm::StringRef roleName(Role R);
/// The CheckOption that names the declarations playing \p R: "CancelSources".
llvm::StringRef roleOptionName(Role R);

class RoleModel {
public:
  /// A model that knows the runtime's annotations and the default names.
  RoleModel();

  /// Reads the options of the roles in \p Reads (local to the check, then
  /// global), each a semicolon-separated list of fully qualified names
  /// replacing the role's default list, then adds the bindings of the
  /// profiles (option `Profiles`, Profiles.h) that apply to \p Check. Without
  /// the `ctx` profile, neither the runtime's annotations nor the defaults
  /// count. \p Diagnose reports a malformed profile.
  void readOptions(const ClangTidyCheck::OptionsView &Options, RoleSet Reads,
                   llvm::StringRef Check = "",
                   llvm::function_ref<void(const std::string &)> Diagnose = nullptr);
  /// Stores the options of the roles read by readOptions.
  void storeOptions(ClangTidyCheck::OptionsView &Options, ClangTidyOptions::OptionMap &Opts) const;

  /// The roles \p D plays: its own annotations, those of the template pattern
  /// it was instantiated from, and the options naming it.
  RoleSet rolesOf(const Decl *D) const;
  bool plays(const Decl *D, Role R) const { return D && (requireRead(R), rolesOf(D).has(R)); }

  /// The record \p T names, through references, cv-qualifiers, typedefs and
  /// template specializations (not through pointers).
  static const CXXRecordDecl *recordOf(QualType T);
  /// Whether \p T (through references, cv, aliases) is a type playing \p R.
  bool isType(QualType T, Role R) const;
  bool isContext(QualType T) const { return isType(T, Role::Context); }
  /// Whether \p T is a library profile's token, or a pointer to one (gRPC
  /// hands its server context to handlers by pointer).
  bool isToken(QualType T) const;
  /// A context or a token: what makes code "have a context".
  bool isContextOrToken(QualType T) const { return isContext(T) || isToken(T); }
  /// Whether \p T is a channel type or a view of one (RecvChan, SendChan).
  bool isChannel(QualType T) const { return isType(T, Role::Chan); }
  /// Whether \p T holds a type playing \p R at any depth: pointers,
  /// references, arrays and template arguments.
  bool holdsType(QualType T, Role R) const { return heldRecord(T, R) != nullptr; }
  /// The record playing \p R that \p T holds (as holdsType), or null.
  const CXXRecordDecl *heldRecord(QualType T, Role R) const;

  /// The declaration an expression calls: the callee of a call, the class a
  /// construct expression builds (ctx::go, ctx::Defer), or, for a dependent
  /// call in a template, the declaration every candidate agrees on.
  static const Decl *calleeOf(const Expr *E);
  bool calls(const Expr *E, Role R) const;

  /// The runtime's own implementation (a namespace playing Role::Runtime,
  /// which the bundled runtime annotates): checks never report inside it.
  bool isRuntimeInternal(const Decl *D) const;

  /// Identifies the configuration: models with equal keys give every
  /// declaration the same roles, so their per-TU facts can be shared.
  const std::string &configurationKey() const { return Key; }

  /// A copy that may ask about every role (the core's facts read the roles
  /// their users declare).
  RoleModel unrestricted() const {
    RoleModel Copy = *this;
    Copy.Read = RoleSet();
    return Copy;
  }

  /// Asserts that the check declared (readOptions) the roles it asks about.
  /// A model that read no options (the core's own) may ask about any role.
  /// Only enforced when the environment sets CTXGUARD_STRICT_ROLES, as the
  /// fixture tests do: an undeclared role is a fatal error naming it.
  void requireRead(RoleSet Roles) const;
  void requireRead(Role R) const { requireRead(RoleSet{R}); }

private:
  RoleSet computeRoles(const Decl *D) const;
  void setNames(Role R, llvm::StringRef List);
  void addNames(Role R, llvm::StringRef List);
  void updateKey();

  // Each role's option as written (or its default).
  std::string OptionValues[NumRoles];
  // The Profiles option as read, and what the profiles bound.
  std::string ProfilesValue;
  std::string ProfileBindings;
  bool Annotations = true;
  RoleSet Read;
  std::string Key;
  // Fully qualified name (no leading "::") -> roles it plays by option.
  llvm::StringMap<RoleSet> NamedRoles;
  mutable llvm::DenseMap<const Decl *, RoleSet> Cache;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_ROLES_H
