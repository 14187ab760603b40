//===--- Facts.h - ctxguard -------------------------------------*- C++ -*-===//
//
// Per-function facts: what a function does that the checks reason about
// across calls. Computed once per translation unit and configuration, on
// demand, transitively through the callees whose bodies are visible
// (recursion and cycles included), and kept plain so that they can be
// serialized for whole-program analysis.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_FACTS_H
#define CTXGUARD_CHECKS_MODEL_FACTS_H

#include "FactsTable.h"
#include "Roles.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <array>
#include <map>
#include <memory>
#include <optional>

namespace clang::tidy::ctx {

/// What a function does with one of its parameters (FactsTable.h).
using ParamFacts = ParamBits;

/// Ids of open facts (FactsEngine::openFact), sorted.
using OpenSet = llvm::SmallVector<unsigned, 2>;

struct FunctionFacts {
  /// The function takes no context, yet creates a root context: it calls a
  /// root function, or a function that creates its own root, directly or in
  /// a lambda it defines.
  bool CreatesOwnRoot = false;
  /// Where: the root call, or the call of RootVia.
  const Expr *RootSite = nullptr;
  /// The callee through which it creates the root; null when directly.
  const FunctionDecl *RootVia = nullptr;
  /// An exception may leave it: an uncaught throw, or a call that may throw
  /// (a callee whose facts say so, or a callee without a visible body that
  /// is not declared non-throwing). Allocation failure does not count.
  bool MayThrow = false;
  /// It starts a goroutine, directly or through a callee.
  bool Spawns = false;
  llvm::SmallVector<ParamFacts, 4> Params;
  /// Set when the facts come from the facts table: a function defined in
  /// another translation unit (RootSite and RootVia are then null).
  const SolvedFacts *External = nullptr;
  /// While the facts of other TUs are open (FactsExchange::defersFacts()):
  /// a fact also holds when one of its open facts does. Read them through
  /// FactsEngine::holds() and its shorthands.
  struct OpenFacts {
    bool Opened = false; // a function another TU may define
    OpenSet CreatesOwnRoot, MayThrow;
    /// Per parameter, per parameter kind (OpenFact::FirstParamKind on).
    llvm::SmallVector<std::array<OpenSet, OpenFact::ParamKinds>, 4> Params;
    /// How each open fact of CreatesOwnRoot reaches the function: the call
    /// and its callee.
    llvm::SmallDenseMap<unsigned, std::pair<const Expr *, const FunctionDecl *>, 2> RootVia;
  } Open;
};

/// The roles the facts are computed from: a check that reads facts declares
/// them too (RoleModel::requireRead).
inline RoleSet factRoles() {
  return {Role::Context, Role::Root, Role::Go, Role::Chan, Role::ChanSend, Role::ChanRecv,
          Role::ChanClose, Role::ChanRange, Role::Observe, Role::CancelFunc, Role::Runtime};
}

/// Computes and caches the facts of the functions of one translation unit
/// under one role configuration.
class FactsEngine {
public:
  /// \p Table: the facts of functions defined in other translation units
  /// (null: none), read for callees without a body here.
  /// \p Defer: without a table, leave the facts of functions other TUs may
  /// define open (FactsExchange::defersFacts()).
  FactsEngine(const RoleModel &Model, ASTContext &Ctx, const FactsTable *Table = nullptr,
              bool Defer = false);
  ~FactsEngine();

  /// The facts of \p F (its definition when one is visible; a function
  /// without a visible body has the facts the table gives it, or else facts
  /// computed from its declaration only).
  const FunctionFacts &of(const FunctionDecl *F);
  /// The facts of \p Callee when they are known: its body is visible or the
  /// table has them; null otherwise.
  const FunctionFacts *known(const FunctionDecl *Callee);
  /// The table's facts for \p Key (following a chain of other TUs).
  const SolvedFacts *external(llvm::StringRef Key);
  bool hasTable() const { return Table != nullptr; }
  /// Whether facts of other TUs are left open: a decision that reads them
  /// must be made inside explore().
  bool defers() const { return Defer; }

  /// Whether a fact holds: \p Known, or one of \p Open in the outcome
  /// being explored. Outside an exploration, an open fact has its value for
  /// an unknown function and the TU is marked as needing the solved facts.
  bool holds(bool Known, const OpenSet &Open);
  bool createsOwnRoot(const FunctionFacts &F) {
    return holds(F.CreatesOwnRoot, F.Open.CreatesOwnRoot);
  }
  /// What \p F does with its parameter \p Param (a parameter kind); false
  /// for a parameter it does not have.
  bool paramFact(const FunctionFacts &F, unsigned Param, OpenFact::Kind What);
  /// The open fact through which \p F creates its own root in the outcome
  /// being explored (one that holds); none when it does not, or by itself.
  std::optional<unsigned> openRoot(const FunctionFacts &F);
  const OpenFact &openFact(unsigned Id) const { return OpenFacts[Id]; }

  /// Runs \p Decide: once, or while facts are open, once per outcome of the
  /// open facts it reads, each outcome's diagnostics tagged with its
  /// condition (FactsExchange::Conditions). A finding that depends on other
  /// TUs is decided by the driver once every TU is done, without a second
  /// parse.
  void explore(llvm::function_ref<void()> Decide);

  /// Whether the call or construction \p Call may throw: exceptions are
  /// enabled and the callee is not known to be non-throwing.
  bool mayThrow(const Expr *Call) { return mayThrow(Call, true); }

  /// The TU's part of the program's facts graph (FactsTable.h): a node for
  /// every function of user code with a body reachable from \p Roots. Only
  /// meaningful on an engine without a table (the nodes never depend on one).
  std::vector<FactNode> exportGraph(llvm::ArrayRef<const FunctionDecl *> Roots);

  struct Local;

private:
  Local &local(const FunctionDecl *F);
  void scan(const FunctionDecl *F, const Stmt *Part, llvm::ArrayRef<bool> IsCancel, Local &L);
  void solve(const FunctionDecl *Root);
  bool mayThrow(const Expr *Call, bool UseFacts);
  /// A callee without a body here that another TU may define.
  bool isExternal(const FunctionDecl *Callee) const;
  void readTable(const FunctionDecl *F, Local &L);
  FactNode nodeOf(const FunctionDecl *F, const Local &L);
  void openExternal(const FunctionDecl *F, Local &L);
  unsigned open(OpenFact Fact);
  bool outcome(unsigned Id);
  bool declaredMayThrow(const FunctionDecl *F) const;

  const RoleModel &Model;
  ASTContext &Ctx;
  const FactsTable *Table;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<Local>> Locals;
  bool Defer;
  std::vector<OpenFact> OpenFacts;
  std::map<OpenFact, unsigned> OpenIds;
  // The exploration under way: the outcome assumed for each open fact read
  // so far, and those first read in this run (assumed not to hold).
  bool Exploring = false;
  std::map<unsigned, bool> Assumed;
  std::vector<unsigned> FirstRead;
};

/// The key of \p F in the facts graph: its USR, made unique to the TU
/// \p MainFile for a function without external linkage; empty when it has
/// none.
std::string factKey(const FunctionDecl *F, llvm::StringRef MainFile);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_FACTS_H
