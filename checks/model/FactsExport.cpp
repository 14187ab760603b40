//===--- FactsExport.cpp - ctxguard ---------------------------------------===//
//
// The TU's part of the program's facts graph: FactsEngine's records of the
// functions of user code, keyed by USR.
//
//===----------------------------------------------------------------------===//

#include "FactsLocal.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/Path.h"
#include <algorithm>

namespace clang::tidy::ctx {

std::string factKey(const FunctionDecl *F, llvm::StringRef MainFile) {
  llvm::SmallString<128> USR;
  if (index::generateUSRForDecl(F, USR))
    return {};
  // Internal functions of different TUs are different functions.
  if (!F->isExternallyVisible())
    return (USR + "@" + MainFile).str();
  return std::string(USR);
}

namespace {

std::string mainFile(const SourceManager &SM) {
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  return Main ? Main->getName().str() : std::string();
}

// The absolute file and the line of \p Loc, as written (macros expanded).
std::pair<std::string, unsigned> placeOf(SourceLocation Loc, const SourceManager &SM) {
  Loc = SM.getExpansionLoc(Loc);
  OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Loc));
  if (!File)
    return {std::string(), 0};
  llvm::SmallString<256> Path(File->getName());
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return {std::string(Path), SM.getExpansionLineNumber(Loc)};
}

std::string nameOf(const FunctionDecl *F) {
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  F->getNameForDiagnostic(OS, F->getASTContext().getPrintingPolicy(), /*Qualified=*/true);
  return Name;
}

} // namespace

FactNode FactsEngine::nodeOf(const FunctionDecl *F, const Local &L) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Main = mainFile(SM);
  FactNode N;
  N.Key = factKey(F, Main);
  N.Name = nameOf(F);
  std::tie(N.File, N.Line) = placeOf(F->getLocation(), SM);
  N.MayOwnRoot = L.MayOwnRoot;
  const FunctionFacts &Own = L.Own;
  if (Own.RootSite) {
    N.CallsRoot = true;
    N.RootLine = placeOf(Own.RootSite->getBeginLoc(), SM).second;
    if (const auto *Root = dyn_cast_or_null<FunctionDecl>(RoleModel::calleeOf(Own.RootSite)))
      N.RootCallee = nameOf(Root);
  }
  N.MayThrow = Own.MayThrow;
  N.Spawns = Own.Spawns;
  N.Params.assign(Own.Params.begin(), Own.Params.end());
  for (const Local::Edge &E : L.Edges) {
    FactCall C;
    C.Line = placeOf(E.Call->getBeginLoc(), SM).second;
    C.InLambda = E.InLambda;
    C.Caught = E.Caught;
    C.InLoop = E.InLoop;
    C.DefaultMayThrow = E.DefaultMayThrow;
    C.Args.assign(E.Args.begin(), E.Args.end());
    C.ContextArgs.assign(E.ContextArgs.begin(), E.ContextArgs.end());
    bool Library = SM.isInSystemHeader(E.Callee->getLocation()) ||
                   Model.isRuntimeInternal(E.Callee) || E.Callee->isImplicit();
    C.Callee = Library ? std::string() : factKey(E.Callee, Main);
    if (!C.Callee.empty()) {
      N.Calls.push_back(std::move(C));
      continue;
    }
    if (E.External) {
      // Without a key no TU can define it: what its declaration says.
      if (!E.InLambda) {
        N.MayThrow |= E.DefaultMayThrow && !E.Caught;
        for (unsigned P : E.ContextArgs)
          N.Params[P].ObservesContext = true;
        for (auto [CalleeParam, OwnParam] : E.Args)
          N.Params[OwnParam].PassesOn = true;
      }
      continue;
    }
    // A function of the library or the runtime, an implicit member (or one
    // without a key) is no node: what it does is folded into the caller, as
    // the engine applies an edge.
    const FunctionFacts &Callee = Locals.find(E.Callee)->second->Facts;
    if (Callee.CreatesOwnRoot && N.MayOwnRoot && !N.CallsRoot) {
      N.CallsRoot = true;
      N.RootLine = C.Line;
      N.RootCallee = nameOf(E.Callee);
    }
    N.Spawns |= Callee.Spawns;
    if (E.InLambda)
      continue;
    N.MayThrow |= Callee.MayThrow && !E.Caught;
    for (auto [CalleeParam, OwnParam] : E.Args) {
      N.Params[OwnParam].flowFrom(Callee.Params[CalleeParam]);
      N.Params[OwnParam].Repeats |= E.InLoop && Callee.Params[CalleeParam].operates();
    }
  }
  return N;
}

std::vector<FactNode> FactsEngine::exportGraph(llvm::ArrayRef<const FunctionDecl *> Roots) {
  for (const FunctionDecl *F : Roots)
    if (!F->isDependentContext())
      of(F);
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<FactNode> Nodes;
  for (const auto &[F, L] : Locals) {
    if (!F->hasBody() || F->isDependentContext() || SM.isInSystemHeader(F->getLocation()) ||
        Model.isRuntimeInternal(F) || F->isImplicit())
      continue;
    FactNode N = nodeOf(F, *L);
    if (!N.Key.empty())
      Nodes.push_back(std::move(N));
  }
  std::sort(Nodes.begin(), Nodes.end(),
            [](const FactNode &A, const FactNode &B) { return A.Key < B.Key; });
  return Nodes;
}

} // namespace clang::tidy::ctx
