//===--- FactsTable.cpp - ctxguard ----------------------------------------===//

#include "FactsTable.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <mutex>

namespace clang::tidy::ctx {

namespace json = llvm::json;

void ParamBits::join(const ParamBits &O) {
  ObservesContext |= O.ObservesContext;
  Sends |= O.Sends;
  Receives |= O.Receives;
  Closes |= O.Closes;
  HandsOffCancel |= O.HandsOffCancel;
  PassesOn |= O.PassesOn;
  Repeats |= O.Repeats;
}

bool ParamBits::flowFrom(const ParamBits &Callee) {
  ParamBits Before = *this;
  join(Callee);
  HandsOffCancel = Before.HandsOffCancel; // the callee's use of a cancel stays its own
  return !(Before == *this);
}

static void joinParams(std::vector<ParamBits> &Into, const std::vector<ParamBits> &From) {
  if (Into.size() < From.size())
    Into.resize(From.size());
  for (size_t I = 0; I < From.size(); ++I)
    Into[I].join(From[I]);
}

void FactNode::join(const FactNode &O) {
  // The first place in (file, line) order names it, whatever the TU order.
  if (std::tie(O.File, O.Line, O.Name) < std::tie(File, Line, Name)) {
    File = O.File;
    Line = O.Line;
    Name = O.Name;
  }
  if (O.CallsRoot && (!CallsRoot || O.RootLine < RootLine)) {
    RootLine = O.RootLine;
    RootCallee = O.RootCallee;
  }
  CallsRoot |= O.CallsRoot;
  MayOwnRoot |= O.MayOwnRoot;
  MayThrow |= O.MayThrow;
  Spawns |= O.Spawns;
  joinParams(Params, O.Params);
  for (const FactCall &C : O.Calls)
    if (std::find(Calls.begin(), Calls.end(), C) == Calls.end())
      Calls.push_back(C);
  std::sort(Calls.begin(), Calls.end());
}

std::string SolvedFacts::describe() const {
  return "'" + Name + "' (" + llvm::sys::path::filename(File).str() + ":" + std::to_string(Line) +
         ")";
}

void FactsTable::add(FactNode N) {
  std::sort(N.Calls.begin(), N.Calls.end());
  auto [It, Inserted] = Nodes.try_emplace(N.Key, N);
  if (!Inserted && !(It->second == N))
    It->second.join(N);
}

void FactsTable::addMissing(const FactsTable &Other) {
  for (const auto &[Key, Node] : Other.Nodes)
    Nodes.try_emplace(Key, Node);
}

namespace {

SolvedFacts ownFacts(const FactNode &N, const std::map<std::string, FactNode> &Nodes) {
  SolvedFacts S;
  S.Key = N.Key;
  S.Name = N.Name;
  S.File = N.File;
  S.Line = N.Line;
  S.CreatesOwnRoot = N.CallsRoot && N.MayOwnRoot;
  S.RootCallee = N.RootCallee;
  S.RootLine = N.RootLine;
  S.MayThrow = N.MayThrow;
  S.Spawns = N.Spawns;
  S.Params = N.Params;
  // A callee no TU defines: what its declaration says.
  for (const FactCall &C : N.Calls) {
    if (Nodes.count(C.Callee) || C.InLambda)
      continue;
    S.MayThrow |= C.DefaultMayThrow && !C.Caught;
    for (unsigned P : C.ContextArgs)
      if (P < S.Params.size())
        S.Params[P].ObservesContext = true;
    for (auto [CalleeParam, Own] : C.Args)
      if (Own < S.Params.size())
        S.Params[Own].PassesOn = true;
  }
  return S;
}

} // namespace

void FactsTable::solve() {
  Solved.clear();
  for (const auto &[Key, Node] : Nodes)
    Solved.emplace(Key, ownFacts(Node, Nodes));
  // Monotone, as FactsEngine::solve: every fact only turns true.
  for (bool Changed = true; Changed;) {
    Changed = false;
    auto Set = [&](bool &Fact, bool Value) {
      if (Value && !Fact)
        Fact = Changed = true;
    };
    for (const auto &[Key, Node] : Nodes) {
      SolvedFacts &S = Solved[Key];
      for (const FactCall &C : Node.Calls) {
        auto It = Solved.find(C.Callee);
        if (It == Solved.end())
          continue;
        const SolvedFacts &Callee = It->second;
        if (Callee.CreatesOwnRoot && Node.MayOwnRoot && !S.CreatesOwnRoot) {
          S.CreatesOwnRoot = Changed = true;
          S.RootVia = C.Callee;
          S.RootLine = C.Line;
          S.RootCallee.clear();
        }
        Set(S.Spawns, Callee.Spawns);
        if (C.InLambda)
          continue;
        Set(S.MayThrow, Callee.MayThrow && !C.Caught);
        for (auto [CalleeParam, Own] : C.Args) {
          if (CalleeParam >= Callee.Params.size() || Own >= S.Params.size())
            continue;
          Changed |= S.Params[Own].flowFrom(Callee.Params[CalleeParam]);
          Set(S.Params[Own].Repeats, C.InLoop && Callee.Params[CalleeParam].operates());
        }
      }
    }
  }
}

const SolvedFacts *FactsTable::lookup(llvm::StringRef Key) const {
  auto It = Solved.find(Key.str());
  return It == Solved.end() ? nullptr : &It->second;
}

// Open facts ---------------------------------------------------------------

bool ParamBits::*OpenFact::flag(Kind K) {
  switch (K) {
  case ObservesContext:
    return &ParamBits::ObservesContext;
  case Sends:
    return &ParamBits::Sends;
  case Receives:
    return &ParamBits::Receives;
  case Closes:
    return &ParamBits::Closes;
  case PassesOn:
    return &ParamBits::PassesOn;
  case Repeats:
    return &ParamBits::Repeats;
  default:
    return nullptr;
  }
}

bool OpenFact::holds(const FactsTable &T) const {
  const SolvedFacts *S = T.lookup(Key);
  if (!S)
    return IfUnknown;
  switch (What) {
  case CreatesOwnRoot:
    return S->CreatesOwnRoot;
  case MayThrow:
    return S->MayThrow;
  case Undefined:
    return false;
  default:
    // A stale table may disagree with the declaration on the count.
    return Param < S->Params.size() ? S->Params[Param].*flag(What) : IfUnknown;
  }
}

bool holds(const FactCondition &C, const FactsTable &T) {
  return llvm::all_of(C, [&](const auto &Fact) { return Fact.first.holds(T) == Fact.second; });
}

std::vector<const SolvedFacts *>
rootChain(llvm::function_ref<const SolvedFacts *(llvm::StringRef)> Lookup, llvm::StringRef Key,
          llvm::function_ref<bool(llvm::StringRef)> IsAllowed) {
  std::vector<const SolvedFacts *> Chain;
  for (const SolvedFacts *S = Lookup(Key); S && S->CreatesOwnRoot && Chain.size() < 64;
       S = S->RootVia.empty() ? nullptr : Lookup(S->RootVia)) {
    if (IsAllowed(S->Name))
      return {};
    Chain.push_back(S);
  }
  return Chain;
}

std::string rootChainThrough(std::string Through, llvm::ArrayRef<const SolvedFacts *> Chain) {
  for (const SolvedFacts *S : Chain.drop_front())
    Through += (Through.empty() ? "" : " -> ") + ("'" + S->Name + "'");
  return Through;
}

std::vector<std::string> rootChainNotes(llvm::ArrayRef<const SolvedFacts *> Chain) {
  std::vector<std::string> Notes;
  for (const SolvedFacts *S : Chain) {
    std::string Line = std::to_string(S->RootLine);
    if (S->RootVia.empty() || S == Chain.back()) {
      std::string With = S->RootCallee.empty() ? std::string() : " with '" + S->RootCallee + "'";
      Notes.push_back(S->describe() + " creates its own root context" + With + " (line " + Line +
                      ")");
      break;
    }
    Notes.push_back(S->describe() + " creates its own root context through the call on line " +
                    Line);
  }
  return Notes;
}

std::string diagnosticTag(unsigned Condition) { return "\x1e" + std::to_string(Condition); }

std::optional<unsigned> takeDiagnosticTag(std::string &Message) {
  size_t At = Message.rfind('\x1e');
  unsigned Index = 0;
  if (At == std::string::npos || llvm::StringRef(Message).substr(At + 1).getAsInteger(10, Index))
    return std::nullopt;
  Message.erase(At);
  return Index;
}

std::string rootChainPlaceholder(llvm::StringRef Key, llvm::StringRef LocalChain,
                                 const std::vector<std::string> &Allowed) {
  std::string Text = std::string(1, RootChainMark) + Key.str() + "\x1f" + LocalChain.str();
  for (const std::string &Name : Allowed)
    Text += "\x1f" + Name;
  return Text;
}

std::optional<RootChainRequest> parseRootChainPlaceholder(llvm::StringRef Note) {
  if (!Note.consume_front(llvm::StringRef(&RootChainMark, 1)))
    return std::nullopt;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Note.split(Parts, '\x1f');
  if (Parts.size() < 2)
    return std::nullopt;
  RootChainRequest R{Parts[0].str(), Parts[1].str(), {}};
  for (llvm::StringRef Name : llvm::ArrayRef(Parts).drop_front(2))
    R.Allowed.push_back(Name.str());
  return R;
}

// JSON ---------------------------------------------------------------------

namespace {

constexpr std::pair<const char *, bool ParamBits::*> ParamFlags[] = {
    {"observesContext", &ParamBits::ObservesContext}, {"sends", &ParamBits::Sends},
    {"receives", &ParamBits::Receives},               {"closes", &ParamBits::Closes},
    {"handsOffCancel", &ParamBits::HandsOffCancel},   {"passesOn", &ParamBits::PassesOn},
    {"repeats", &ParamBits::Repeats}};

json::Array paramsToJSON(const std::vector<ParamBits> &Params) {
  json::Array Out;
  for (const ParamBits &P : Params) {
    json::Array Flags;
    for (auto [Name, Member] : ParamFlags)
      if (P.*Member)
        Flags.push_back(Name);
    Out.push_back(std::move(Flags));
  }
  return Out;
}

llvm::Error malformed(const llvm::Twine &What) {
  return llvm::createStringError("not a ctxguard facts file: " + What);
}

bool paramsFromJSON(const json::Value *V, std::vector<ParamBits> &Out) {
  const json::Array *A = V ? V->getAsArray() : nullptr;
  if (!A)
    return false;
  for (const json::Value &Param : *A) {
    const json::Array *Flags = Param.getAsArray();
    if (!Flags)
      return false;
    ParamBits &P = Out.emplace_back();
    for (const json::Value &Flag : *Flags) {
      std::optional<llvm::StringRef> Name = Flag.getAsString();
      auto *Known = std::find_if(std::begin(ParamFlags), std::end(ParamFlags),
                                 [&](const auto &F) { return Name && *Name == F.first; });
      if (Known == std::end(ParamFlags))
        return false;
      P.*(Known->second) = true;
    }
  }
  return true;
}

bool unsignedFrom(const json::Value &V, unsigned &Out) {
  std::optional<int64_t> N = V.getAsInteger();
  if (!N || *N < 0 || *N > 0xFFFFFF)
    return false;
  Out = static_cast<unsigned>(*N);
  return true;
}

json::Value callToJSON(const FactCall &C) {
  json::Array Args, ContextArgs;
  for (auto [CalleeParam, Own] : C.Args)
    Args.push_back(json::Array{CalleeParam, Own});
  for (unsigned P : C.ContextArgs)
    ContextArgs.push_back(P);
  return json::Object{{"callee", C.Callee},         {"line", C.Line},
                      {"inLambda", C.InLambda},     {"caught", C.Caught},
                      {"inLoop", C.InLoop},
                      {"defaultMayThrow", C.DefaultMayThrow}, {"args", std::move(Args)},
                      {"contextArgs", std::move(ContextArgs)}};
}

bool callFromJSON(const json::Value &V, FactCall &C) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return false;
  std::optional<llvm::StringRef> Callee = O->getString("callee");
  const json::Array *Args = O->getArray("args");
  const json::Array *ContextArgs = O->getArray("contextArgs");
  if (!Callee || !Args || !ContextArgs || !O->get("line") || !unsignedFrom(*O->get("line"), C.Line))
    return false;
  C.Callee = Callee->str();
  C.InLambda = O->getBoolean("inLambda").value_or(false);
  C.Caught = O->getBoolean("caught").value_or(false);
  C.InLoop = O->getBoolean("inLoop").value_or(false);
  C.DefaultMayThrow = O->getBoolean("defaultMayThrow").value_or(false);
  for (const json::Value &Pair : *Args) {
    const json::Array *P = Pair.getAsArray();
    unsigned A = 0, B = 0;
    if (!P || P->size() != 2 || !unsignedFrom((*P)[0], A) || !unsignedFrom((*P)[1], B))
      return false;
    C.Args.push_back({A, B});
  }
  for (const json::Value &P : *ContextArgs) {
    unsigned N = 0;
    if (!unsignedFrom(P, N))
      return false;
    C.ContextArgs.push_back(N);
  }
  return true;
}

} // namespace

json::Value toJSON(const FactNode &N) {
  json::Array Calls;
  for (const FactCall &C : N.Calls)
    Calls.push_back(callToJSON(C));
  json::Object O{{"key", N.Key},           {"name", N.Name},
                 {"file", N.File},         {"line", N.Line},
                 {"mayOwnRoot", N.MayOwnRoot}, {"callsRoot", N.CallsRoot},
                 {"mayThrow", N.MayThrow}, {"spawns", N.Spawns},
                 {"params", paramsToJSON(N.Params)}, {"calls", std::move(Calls)}};
  if (N.CallsRoot) {
    O["rootLine"] = N.RootLine;
    O["rootCallee"] = N.RootCallee;
  }
  return O;
}

llvm::Expected<FactNode> nodeFromJSON(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return malformed("a function is not an object");
  FactNode N;
  std::optional<llvm::StringRef> Key = O->getString("key"), Name = O->getString("name"),
                                 File = O->getString("file");
  if (!Key || Key->empty() || !Name || !File || !O->get("line") ||
      !unsignedFrom(*O->get("line"), N.Line))
    return malformed("a function lacks its key, name, file or line");
  N.Key = Key->str();
  N.Name = Name->str();
  N.File = File->str();
  N.MayOwnRoot = O->getBoolean("mayOwnRoot").value_or(false);
  N.CallsRoot = O->getBoolean("callsRoot").value_or(false);
  N.MayThrow = O->getBoolean("mayThrow").value_or(false);
  N.Spawns = O->getBoolean("spawns").value_or(false);
  if (N.CallsRoot) {
    const json::Value *Line = O->get("rootLine");
    if (!Line || !unsignedFrom(*Line, N.RootLine))
      return malformed("'" + N.Key + "' calls a root without 'rootLine'");
    N.RootCallee = O->getString("rootCallee").value_or("").str();
  }
  if (!paramsFromJSON(O->get("params"), N.Params))
    return malformed("'" + N.Key + "' has malformed 'params'");
  const json::Array *Calls = O->getArray("calls");
  if (!Calls)
    return malformed("'" + N.Key + "' has no 'calls'");
  for (const json::Value &C : *Calls)
    if (!callFromJSON(C, N.Calls.emplace_back()))
      return malformed("'" + N.Key + "' has a malformed call");
  return N;
}

json::Value toJSON(const OpenFact &F) {
  return json::Array{F.Key, static_cast<int>(F.What), F.Param, F.IfUnknown};
}

llvm::Expected<OpenFact> openFactFromJSON(const json::Value &V) {
  const json::Array *A = V.getAsArray();
  OpenFact F;
  unsigned What = 0;
  if (!A || A->size() != 4 || !(*A)[0].getAsString() || !unsignedFrom((*A)[1], What) ||
      What > OpenFact::Repeats || !unsignedFrom((*A)[2], F.Param) || !(*A)[3].getAsBoolean())
    return malformed("an open fact is not [key, kind, parameter, if-unknown]");
  F.Key = (*A)[0].getAsString()->str();
  F.What = static_cast<OpenFact::Kind>(What);
  F.IfUnknown = *(*A)[3].getAsBoolean();
  return F;
}

json::Value toJSON(const SolvedFacts &F) {
  json::Object O{{"createsOwnRoot", F.CreatesOwnRoot},
                 {"mayThrow", F.MayThrow},
                 {"spawns", F.Spawns},
                 {"params", paramsToJSON(F.Params)}};
  if (F.CreatesOwnRoot) {
    O["rootLine"] = F.RootLine;
    if (F.RootVia.empty())
      O["rootCallee"] = F.RootCallee;
    else
      O["rootVia"] = F.RootVia;
  }
  return O;
}

std::string consultedValue(const SolvedFacts *F) {
  if (!F)
    return {};
  json::Value V = toJSON(*F);
  json::Object &O = *V.getAsObject();
  O["key"] = F->Key;
  O["name"] = F->Name;
  O["file"] = F->File;
  O["line"] = F->Line;
  std::string Text;
  llvm::raw_string_ostream(Text) << V;
  return Text;
}

json::Value FactsTable::toJSON() const {
  json::Array Functions;
  for (const auto &[Key, Node] : Nodes) {
    json::Value V = ctx::toJSON(Node);
    if (const SolvedFacts *S = lookup(Key))
      V.getAsObject()->try_emplace("facts", ctx::toJSON(*S));
    Functions.push_back(std::move(V));
  }
  return json::Object{{"schema", "ctxguard-facts"},
                      {"version", FactsSchemaVersion},
                      {"functions", std::move(Functions)}};
}

llvm::Expected<FactsTable> FactsTable::fromJSON(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O || O->getString("schema") != llvm::StringRef("ctxguard-facts"))
    return malformed("no \"schema\": \"ctxguard-facts\"");
  std::optional<int64_t> Version = O->getInteger("version");
  if (Version != FactsSchemaVersion)
    return llvm::createStringError("facts file of schema version " +
                                   (Version ? std::to_string(*Version) : "?") +
                                   ", this ctxguard reads version " +
                                   std::to_string(FactsSchemaVersion));
  const json::Array *Functions = O->getArray("functions");
  if (!Functions)
    return malformed("no \"functions\" array");
  FactsTable Table;
  for (const json::Value &F : *Functions) {
    llvm::Expected<FactNode> N = nodeFromJSON(F);
    if (!N)
      return N.takeError();
    Table.add(std::move(*N));
  }
  Table.solve();
  return Table;
}

llvm::Expected<FactsTable> FactsTable::parse(llvm::StringRef Text) {
  llvm::Expected<json::Value> V = json::parse(Text);
  if (!V)
    return malformed(llvm::toString(V.takeError()));
  return fromJSON(*V);
}

llvm::Expected<std::shared_ptr<const FactsTable>> loadFactsFile(llvm::StringRef Path) {
  struct Loaded {
    llvm::sys::TimePoint<> Modified;
    uint64_t Size = 0;
    std::shared_ptr<const FactsTable> Table;
  };
  static std::mutex Lock;
  static std::map<std::string, Loaded> Cache;
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(Path, Status))
    return llvm::createStringError("cannot read FactsFile '" + Path + "': " + EC.message());
  std::lock_guard<std::mutex> Guard(Lock);
  Loaded &Entry = Cache[Path.str()];
  if (Entry.Table && Entry.Modified == Status.getLastModificationTime() &&
      Entry.Size == Status.getSize())
    return Entry.Table;
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError("cannot read FactsFile '" + Path +
                                   "': " + Buffer.getError().message());
  llvm::Expected<FactsTable> Table = FactsTable::parse((*Buffer)->getBuffer());
  if (!Table)
    return llvm::createStringError("FactsFile '" + Path + "': " + llvm::toString(Table.takeError()));
  Entry = {Status.getLastModificationTime(), Status.getSize(),
           std::make_shared<const FactsTable>(std::move(*Table))};
  return Entry.Table;
}

FactsExchange &FactsExchange::get() {
  static FactsExchange Exchange;
  return Exchange;
}

} // namespace clang::tidy::ctx
