//===--- CtxguardClangdMain.cpp - ctxguard-clangd -------------------------===//
//
// clangd with the ctx clang-tidy module linked in: Debian's clangdMain runs
// unchanged, the module registers itself with clang-tidy's registry, and
// clangd runs ctx-* checks like any stock check (docs/editors.md). Its LSP
// output passes through a filter that links each ctx-* finding to the
// check's installed page (DocLinks.h).
//
//===----------------------------------------------------------------------===//

#include "DocLinks.h"
#include "LspOutputFilter.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
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

/// Removes ctxguard-clangd's own --ctx-docs-url=URL (or --ctx-docs-url URL),
/// which clangd would reject, and returns its value.
std::string takeDocsUrl(std::vector<char *> &Args) {
  constexpr std::string_view Name = "ctx-docs-url";
  std::string Url;
  for (size_t I = 1; I < Args.size();) {
    std::string_view Arg(Args[I]);
    if (!isOption(Arg, Name)) {
      ++I;
      continue;
    }
    size_t Equals = Arg.find('=');
    size_t Taken = 1;
    if (Equals != std::string_view::npos)
      Url = Arg.substr(Equals + 1);
    else if (I + 1 < Args.size())
      Url = Args[I + Taken++];
    Args.erase(Args.begin() + static_cast<std::ptrdiff_t>(I),
               Args.begin() + static_cast<std::ptrdiff_t>(I + Taken));
  }
  return Url;
}

/// The ctx-* pages: a web base from --ctx-docs-url or CTXGUARD_DOCS_URL, else
/// the docs installed beside this binary (<prefix>/bin ->
/// <prefix>/share/doc/ctxguard/docs/checks; the build tree stages the same
/// layout).
ctxguard::clangd::DocLinks docLinks(std::vector<char *> &Args) {
  ctxguard::clangd::DocLinks Links;
  Links.WebBase = takeDocsUrl(Args);
  if (const char *Env = std::getenv("CTXGUARD_DOCS_URL"); Links.WebBase.empty() && Env)
    Links.WebBase = Env;
  std::error_code Error;
  std::filesystem::path Self = std::filesystem::read_symlink("/proc/self/exe", Error);
  if (!Error)
    Links.LocalDir = (Self.parent_path() / CTXGUARD_CHECK_DOCS_FROM_BINDIR).lexically_normal();
  return Links;
}

// Filters stdout until the process ends, also through exit() (clangd's
// --version and --help exit from inside clangdMain).
std::unique_ptr<ctxguard::clangd::StdoutFilter> Filter;

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

  ctxguard::clangd::DocLinks Links = docLinks(Args);
  Filter = std::make_unique<ctxguard::clangd::StdoutFilter>([Links](std::string_view Body) {
    return ctxguard::clangd::relinkCtxDiagnostics(Body, Links);
  });
  std::atexit([] { Filter->finish(); });

  Args.push_back(nullptr);
  int ExitCode = clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1, Args.data());
  Filter->finish();
  return ExitCode;
}
