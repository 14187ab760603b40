//===--- FactsTable.h - ctxguard --------------------------------*- C++ -*-===//
//
// Facts across translation units. Each TU contributes a graph: one node per
// function with a body (keyed by USR), holding what the body does by itself
// and the calls it makes by key. Merging the graphs of every TU and solving
// them (the same monotone fixpoint FactsEngine runs inside a TU) gives the
// facts of every function of the program, which a TU then reads for the
// callees it cannot see. Plain data, independent of any AST: the driver,
// `ctxguard merge-facts`, the plugin and ctxguard-clangd share it, and its
// JSON form is the facts file (docs/driver.md, "Facts file").
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_FACTSTABLE_H
#define CTXGUARD_CHECKS_MODEL_FACTSTABLE_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::ctx {

/// The version of the facts file's schema; a file of another version is
/// refused (never misread).
inline constexpr int FactsSchemaVersion = 2;

/// What a function does with one of its parameters.
struct ParamBits {
  bool ObservesContext = false; // a context parameter: observed, or passed to code that may
  bool Sends = false;           // a channel parameter: sends on it (a blocking send)
  bool Receives = false;        // receives from it (a blocking receive or a range-for)
  bool Closes = false;          // closes it
  bool HandsOffCancel = false;  // a cancel parameter: uses it in any way
  /// A channel parameter: keeps it beyond operating on it (captures or
  /// stores it, hands it to code that may) or uses it in a select case.
  bool PassesOn = false;
  bool Repeats = false; // operates on it in a loop
  bool operates() const { return Sends || Receives || Closes; }
  bool any() const {
    return ObservesContext || Sends || Receives || Closes || HandsOffCancel || PassesOn || Repeats;
  }
  void join(const ParamBits &O);
  /// Takes what a callee does with the parameter this one is passed to
  /// (its use of a cancel function stays its own); true when that added any.
  bool flowFrom(const ParamBits &Callee);
  auto operator<=>(const ParamBits &) const = default;
};

/// A call of a node, to another function by key.
struct FactCall {
  std::string Callee;
  unsigned Line = 0;     // of the call, in the caller's file
  bool InLambda = false; // in a lambda the caller defines: runs later, if at all
  bool Caught = false;   // in a try block that catches everything
  bool InLoop = false;   // in a loop of the caller
  /// When no TU defines the callee: whether its declaration says it may throw.
  bool DefaultMayThrow = false;
  std::vector<std::pair<unsigned, unsigned>> Args; // (callee parameter, own parameter)
  /// The caller's context parameters passed: observed when the callee is unknown.
  std::vector<unsigned> ContextArgs;
  auto operator<=>(const FactCall &) const = default;
};

/// A function with a body, as one TU sees it: its own body's facts (the
/// calls not applied) and its calls.
struct FactNode {
  std::string Key, Name, File;
  unsigned Line = 0;
  bool MayOwnRoot = false; // takes no context, does not make one
  bool CallsRoot = false;  // calls a root function itself
  unsigned RootLine = 0;
  std::string RootCallee; // the root function it calls
  bool MayThrow = false, Spawns = false;
  std::vector<ParamBits> Params;
  std::vector<FactCall> Calls;

  /// A conflicting definition of the same function (an ODR violation,
  /// other macros): keeps everything either does.
  void join(const FactNode &O);
  bool operator==(const FactNode &) const = default;
};

/// The solved facts of one function: what a TU reads for a callee it
/// cannot see.
struct SolvedFacts {
  std::string Key, Name, File;
  unsigned Line = 0;
  bool CreatesOwnRoot = false, MayThrow = false, Spawns = false;
  std::vector<ParamBits> Params;
  /// How it creates its root: through this callee (a key), or directly
  /// with RootCallee on RootLine when RootVia is empty.
  std::string RootVia;
  std::string RootCallee;
  unsigned RootLine = 0;
  bool operator==(const SolvedFacts &) const = default;
  /// "'refresh_prices' (prices.cpp:14)".
  std::string describe() const;
};

class FactsTable {
public:
  /// Adds \p N; a node already there with the same key is joined.
  void add(FactNode N);
  /// Adds every node of \p Other whose key no node of this table has.
  void addMissing(const FactsTable &Other);
  /// Computes the facts of every node (call after adding).
  void solve();

  const SolvedFacts *lookup(llvm::StringRef Key) const;
  const std::map<std::string, FactNode> &nodes() const { return Nodes; }
  bool empty() const { return Nodes.empty(); }

  /// The facts file: the nodes and their solved facts.
  llvm::json::Value toJSON() const;
  static llvm::Expected<FactsTable> fromJSON(const llvm::json::Value &V);
  static llvm::Expected<FactsTable> parse(llvm::StringRef Text);

private:
  std::map<std::string, FactNode> Nodes; // sorted: every result is deterministic
  std::map<std::string, SolvedFacts> Solved;
};

llvm::json::Value toJSON(const FactNode &N);
llvm::Expected<FactNode> nodeFromJSON(const llvm::json::Value &V);
llvm::json::Value toJSON(const SolvedFacts &F);
/// What a TU read for one key, as text that differs exactly when the facts
/// differ: empty when the table had no facts for it.
std::string consultedValue(const SolvedFacts *F);

/// A fact of a function another TU may define, left open while a TU is
/// analysed before the program's facts are solved (the driver's one parse of
/// each TU): a finding that depends on it is kept with the condition and
/// decided once every TU is done.
struct OpenFact {
  enum Kind : unsigned char {
    CreatesOwnRoot,
    MayThrow,
    Undefined, // no TU defines it
    // What it does with one of its parameters (ParamBits).
    ObservesContext,
    Sends,
    Receives,
    Closes,
    PassesOn,
    Repeats,
  };
  static constexpr Kind FirstParamKind = ObservesContext;
  static constexpr unsigned ParamKinds = Repeats - ObservesContext + 1;
  /// The flag of ParamBits a parameter kind reads.
  static bool ParamBits::*flag(Kind K);
  std::string Key;
  Kind What = CreatesOwnRoot;
  unsigned Param = 0;     // a parameter kind: the callee's parameter
  bool IfUnknown = false; // its value when no TU defines the function
  /// Its value under the solved table \p T.
  bool holds(const FactsTable &T) const;
  auto operator<=>(const OpenFact &) const = default;
};
llvm::json::Value toJSON(const OpenFact &F);
llvm::Expected<OpenFact> openFactFromJSON(const llvm::json::Value &V);

/// Open facts with the value a finding was decided under: it stands when
/// every one of them has that value.
using FactCondition = std::vector<std::pair<OpenFact, bool>>;
bool holds(const FactCondition &C, const FactsTable &T);

/// The functions through which the function \p Key creates its root
/// context, across TUs (it first), each found with \p Lookup; empty when it
/// does not, or when one of them \p IsAllowed (by its qualified name:
/// created on purpose).
std::vector<const SolvedFacts *>
rootChain(llvm::function_ref<const SolvedFacts *(llvm::StringRef)> Lookup, llvm::StringRef Key,
          llvm::function_ref<bool(llvm::StringRef)> IsAllowed);
/// \p Through ("'a' -> 'b'", the chain within the TU) followed by the
/// functions of \p Chain after its first (the callee that leaves the TU,
/// named already).
std::string rootChainThrough(std::string Through, llvm::ArrayRef<const SolvedFacts *> Chain);
/// The notes of such a chain: "'refresh_prices' (prices.cpp:14) creates its
/// own root context through the call on line 15", then how the last one
/// does.
std::vector<std::string> rootChainNotes(llvm::ArrayRef<const SolvedFacts *> Chain);

/// The table of the facts file at \p Path, read once per process and again
/// when the file changes; an error when it cannot be read or is not a
/// facts file of this version.
llvm::Expected<std::shared_ptr<const FactsTable>> loadFactsFile(llvm::StringRef Path);

/// The exchange between the checks of a TU and a host that analyses a whole
/// program (the driver's worker): the table it installs wins over any
/// FactsFile option; with recording on, the core adds the TU's graph and the
/// engines log every table entry they read (the TU's findings depend on
/// exactly those).
struct FactsExchange {
  std::shared_ptr<const FactsTable> Installed;
  bool Recording = false;
  std::vector<FactNode> Exported;
  /// Key -> consultedValue() of the facts read.
  std::map<std::string, std::string> Consulted;
  /// With recording on and no table installed, the facts of other TUs stay
  /// open: a check decides a finding that reads them once per outcome
  /// (FactsEngine::explore) and each outcome's diagnostics carry the index
  /// of its condition here (diagnosticTag()).
  std::vector<FactCondition> Conditions;
  std::optional<unsigned> CurrentOutcome;
  /// An open fact was read outside an exploration, or one had too many
  /// outcomes: the TU needs the solved facts to be decided.
  bool NeedsSolvedFacts = false;
  bool defersFacts() const { return Recording && !Installed; }
  static FactsExchange &get();
};

/// The suffix of a diagnostic's message that names the condition it was
/// emitted under ("\x1e" and its index), and the inverse: the message
/// without it and the index, if it has one.
std::string diagnosticTag(unsigned Condition);
std::optional<unsigned> takeDiagnosticTag(std::string &Message);

/// A root chain left to the driver (FactsEngine::explore): in the message,
/// RootChainMark stands for " through <the chain>"; the note whose message
/// is rootChainPlaceholder() becomes the chain's notes, or the finding is
/// dropped when an allowed function is on the chain.
inline constexpr char RootChainMark = '\x1d';
std::string rootChainPlaceholder(llvm::StringRef Key, llvm::StringRef LocalChain,
                                 const std::vector<std::string> &Allowed);
struct RootChainRequest {
  std::string Key, LocalChain;
  std::vector<std::string> Allowed;
};
std::optional<RootChainRequest> parseRootChainPlaceholder(llvm::StringRef Note);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_FACTSTABLE_H
