//===--- Closing.h - ctxguard -----------------------------------*- C++ -*-===//
//
// Whether a channel is certainly closed: on every path of a goroutine that
// closes it (a producer, or Go's closer that waits for the producers), or on
// every path of its own function before a point. A range-for over a channel
// ends only then.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_CLOSING_H
#define CTXGUARD_CHECKS_MODEL_CLOSING_H

#include "ChannelFlow.h"
#include "Core.h"

namespace clang::tidy::ctx {

/// The roles the closing analysis reads.
RoleSet closingRoles();

/// Whether \p Channel, a local channel of \p Starter, is closed on every path
/// to the end of a goroutine \p Starter starts (a close, a scope guard that
/// closes it, or a call to a function that closes it), or on every path of
/// \p Starter from its entry to \p At.
bool certainlyClosed(const VarDecl *Channel, const Stmt *At, const FunctionDecl *Starter,
                     AnalysisCore &Core, const RoleModel &Model);

/// Whether \p E is a channel a function of this translation unit makes and
/// returns certainly closed (Go's pipeline stages: `gen(ctx, nums)` returns a
/// channel its goroutine closes on every path): the call itself, or a local
/// initialised from it.
bool returnedClosed(const Expr *E, AnalysisCore &Core, const RoleModel &Model);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_CLOSING_H
