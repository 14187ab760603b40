//===--- Roles.h - ctxguard -------------------------------------*- C++ -*-===//
//
// The shared role model: which declarations play which role of a Go-style
// runtime (context, cancel, channel, select, goroutine spawn, ...). Every check
// asks this model and none re-derives it. A declaration plays a role when it
// carries [[clang::annotate("ctx::<role>")]] or when its fully qualified name
// is listed in the CheckOption that configures the role (docs/roles.md).
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
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>

namespace clang::tidy::ctx {

/// The roles of docs/roles.md, types first, then functions.
enum class Role : std::uint8_t {
  // Types.
  Context,
  Done,
  CancelFunc,
  StopFunc,
  Chan,
  ScopeGuard,
  WaitGroup,
  ErrGroup,
  SelectCase,
  Go, // ctx::go (a class template), WaitGroup::go, ErrGroup::go/try_go
  // Functions.
  Root,
  Derive,
  CancelSource,
  Detach,
  WithValue,
  Observe,
  ChanSend,
  ChanRecv,
  ChanClose,
  ChanRange,
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
};
inline constexpr unsigned NumRoles = static_cast<unsigned>(Role::AfterFunc) + 1;

class RoleSet {
public:
  bool has(Role R) const { return Bits & bit(R); }
  void add(Role R) { Bits |= bit(R); }
  void add(RoleSet Other) { Bits |= Other.Bits; }
  void remove(Role R) { Bits &= ~bit(R); }
  bool empty() const { return Bits == 0; }

private:
  static std::uint64_t bit(Role R) { return std::uint64_t{1} << static_cast<unsigned>(R); }
  std::uint64_t Bits = 0;
};

/// The CheckOptions that configure roles by fully qualified name.
/// Each check reads only the ones it uses, so --dump-config stays short.
enum class RoleOption : std::uint8_t {
  ContextTypes,
  DoneTypes,
  CancelTypes,
  ChannelTypes,
  ScopeGuards,
  RootFunctions,
  DeriveFunctions,
  CancelSources,
  SelectFunctions,
  BlockingFunctions,
  SpawnFunctions,
  JoinFunctions,
};

class RoleModel {
public:
  /// A model that knows the runtime's annotations and the default names.
  RoleModel();

  /// Reads \p Configurable options (local to the check, then global), each a
  /// semicolon-separated list of fully qualified names replacing the default.
  void readOptions(const ClangTidyCheck::OptionsView &Options,
                   llvm::ArrayRef<RoleOption> Configurable);
  void storeOptions(ClangTidyCheck::OptionsView &Options, ClangTidyOptions::OptionMap &Opts) const;

  /// The roles \p D plays: its own annotations, those of the template pattern
  /// it was instantiated from, and the options naming it.
  RoleSet rolesOf(const Decl *D) const;
  bool plays(const Decl *D, Role R) const { return D && rolesOf(D).has(R); }

  /// The record \p T names, through references, cv-qualifiers, typedefs and
  /// template specializations (not through pointers).
  static const CXXRecordDecl *recordOf(QualType T);
  /// Whether \p T (through references, cv, aliases) is a type playing \p R.
  bool isType(QualType T, Role R) const;
  bool isContext(QualType T) const { return isType(T, Role::Context); }
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

  /// The runtime's own implementation (namespace ctx::detail and the
  /// runtime's sources): checks never report inside it.
  static bool isRuntimeInternal(const Decl *D);

private:
  RoleSet computeRoles(const Decl *D) const;
  void setNames(RoleOption O, llvm::StringRef List);

  // Each option as written (or its default).
  std::string OptionValues[static_cast<unsigned>(RoleOption::JoinFunctions) + 1];
  llvm::SmallVector<RoleOption, 4> Used;
  // Fully qualified name (no leading "::") -> roles it plays by option.
  llvm::StringMap<RoleSet> NamedRoles;
  mutable llvm::DenseMap<const Decl *, RoleSet> Cache;
};

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_ROLES_H
