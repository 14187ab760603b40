//===--- CtxguardClangdMain.cpp - ctxguard-clangd -------------------------===//
//
// clangd with the ctx clang-tidy module linked in: Debian's clangdMain runs
// unchanged, the module registers itself with clang-tidy's registry, and
// clangd runs ctx-* checks like any stock check (docs/editors.md).
//
//===----------------------------------------------------------------------===//

#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

namespace clang::clangd {
// clangd's entry point (clang-tools-extra/clangd/tool/ClangdMain.h, which
// Debian does not install).
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

namespace clang::tidy {
// Defined next to the ctx module's registration (checks/CtxTidyModule.cpp).
extern volatile int CtxModuleAnchorSource;
} // namespace clang::tidy

namespace {

// Referencing the anchor keeps the module's registration in the link even if
// its objects come from an archive.
[[maybe_unused]] const int CtxModuleAnchorDestination = clang::tidy::CtxModuleAnchorSource;

bool isOption(std::string_view Arg, std::string_view Name) {
  while (Arg.starts_with('-'))
    Arg.remove_prefix(1);
  return Arg == Name || (Arg.starts_with(Name) && Arg.substr(Name.size()).starts_with('='));
}

bool hasOption(const std::vector<char *> &Args, std::string_view Name) {
  for (const char *Arg : Args)
    if (isOption(Arg, Name))
      return true;
  return false;
}

} // namespace

int main(int argc, char **argv) {
  std::vector<char *> Args(argv, argv + argc);

  // clangd prints its own version and exits; say first what this build adds.
  if (hasOption(Args, "version")) {
    std::printf("ctxguard-clangd %s (clangd with the ctxguard ctx-* clang-tidy checks)\n",
                CTXGUARD_VERSION);
    std::fflush(stdout);
  }

  // clangd derives the built-in headers' directory from its own location,
  // which is right only for a binary installed inside LLVM's prefix.
  static char ResourceDirArg[] = "--resource-dir=" CTXGUARD_CLANG_RESOURCE_DIR;
  if (!hasOption(Args, "resource-dir"))
    Args.insert(Args.begin() + 1, ResourceDirArg);

  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1, Args.data());
}
