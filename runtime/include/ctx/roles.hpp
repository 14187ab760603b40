// Role annotations read by the ctxguard checks (see docs/roles.md).
//
// CTX_ROLE("derive") expands to [[clang::annotate("ctx::derive")]] under
// Clang and to nothing elsewhere. A declaration may carry several roles.
#pragma once

#if defined(__clang__)
#define CTX_ROLE(r) [[clang::annotate("ctx::" r)]]
#else
#define CTX_ROLE(r)
#endif

// The runtime's own namespace is its implementation: every header includes
// this one, so this first declaration of `ctx` carries the role for all of
// them (the checks never report inside it).
namespace CTX_ROLE("runtime") ctx {}
