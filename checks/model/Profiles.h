//===--- Profiles.h - ctxguard ----------------------------------*- C++ -*-===//
//
// Library profiles (docs/profiles.md): a profile binds a library's
// declarations to the roles of the model, by fully qualified name, and says
// which checks it applies to. Three are built in (`ctx`, `std`, `grpc`); a
// team declares its own with `Profile.<name>.*` options, shaped like one of
// them. A check's role model takes the bindings of the profiles listed in
// `Profiles` that apply to the check: a profile the check does not apply
// to binds nothing for it, so the check never sees that library's roles.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_CHECKS_MODEL_PROFILES_H
#define CTXGUARD_CHECKS_MODEL_PROFILES_H

#include "Roles.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <utility>

namespace clang::tidy::ctx {

/// Whose rules a profile's bindings follow.
enum class ProfileShape : std::uint8_t { Ctx, Std, Grpc };

/// One role bound to a list of fully qualified names.
struct RoleBinding {
  Role R;
  std::string Names; // `;`-separated
};

struct Profile {
  std::string Name;
  ProfileShape Shape = ProfileShape::Std;
  /// Whether the runtime's `ctx::` annotations count (the `ctx` profile).
  bool Annotations = false;
  llvm::SmallVector<RoleBinding, 8> Bindings;
  /// The checks it applies to, `;`-separated.
  std::string Checks;
  bool appliesTo(llvm::StringRef Check) const;
};

/// The default of the `Profiles` option.
inline constexpr llvm::StringLiteral DefaultProfiles = "ctx;std;grpc";

/// The profiles \p Check applies, from the options `Profiles` (local or
/// global) and `Profile.<name>.*`; \p Diagnose reports a malformed one (an
/// unknown name or shape).
llvm::SmallVector<Profile, 3>
profilesFor(llvm::StringRef Check, const ClangTidyCheck::OptionsView &Options,
            llvm::function_ref<void(const std::string &)> Diagnose);

} // namespace clang::tidy::ctx

#endif // CTXGUARD_CHECKS_MODEL_PROFILES_H
