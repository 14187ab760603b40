//===--- CtxTidyModule.cpp - ctxguard -------------------------------------===//
//
// The clang-tidy module "ctx": registers every ctx-* check, alphabetically.
//
//===----------------------------------------------------------------------===//

#include "AbandonedSenderCheck.h"
#include "BackgroundMidFlowCheck.h"
#include "BlockingWithoutDoneCheck.h"
#include "JthreadForeignTokenCheck.h"
#include "LoopWithoutDoneCheck.h"
#include "LostCancelCheck.h"
#include "NilContextCheck.h"
#include "NotFirstParamCheck.h"
#include "RpcContextReusedCheck.h"
#include "RpcWithoutDeadlineCheck.h"
#include "StoredInStructCheck.h"
#include "ValueKeyTypeCheck.h"
#include "clang-tidy/ClangTidyModule.h"

namespace clang::tidy::ctx {

class CtxModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    CheckFactories.registerCheck<AbandonedSenderCheck>("ctx-abandoned-sender");
    CheckFactories.registerCheck<BackgroundMidFlowCheck>("ctx-background-mid-flow");
    CheckFactories.registerCheck<BlockingWithoutDoneCheck>("ctx-blocking-without-done");
    CheckFactories.registerCheck<JthreadForeignTokenCheck>("ctx-jthread-foreign-token");
    CheckFactories.registerCheck<LoopWithoutDoneCheck>("ctx-loop-without-done");
    CheckFactories.registerCheck<LostCancelCheck>("ctx-lost-cancel");
    CheckFactories.registerCheck<NilContextCheck>("ctx-nil-context");
    CheckFactories.registerCheck<NotFirstParamCheck>("ctx-not-first-param");
    CheckFactories.registerCheck<RpcContextReusedCheck>("ctx-rpc-context-reused");
    CheckFactories.registerCheck<RpcWithoutDeadlineCheck>("ctx-rpc-without-deadline");
    CheckFactories.registerCheck<StoredInStructCheck>("ctx-stored-in-struct");
    CheckFactories.registerCheck<ValueKeyTypeCheck>("ctx-value-key-type");
  }
};

} // namespace clang::tidy::ctx

namespace clang::tidy {

// Registers the module with clang-tidy's registry: loaded as a plugin by
// clang-tidy-22 --load, linked into ctxguard and ctxguard-clangd.
static ClangTidyModuleRegistry::Add<ctx::CtxModule> X("ctx-module",
                                                      "Checks for Go-style context misuse.");

// Referenced by the hosts that link the module statically, so that the linker
// keeps this object and its registration.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int CtxModuleAnchorSource = 0;

} // namespace clang::tidy
