//===--- Inputs.cpp - ctxguard --------------------------------------------===//

#include "Inputs.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <set>

namespace ctxguard {

std::optional<Shard> parseShard(std::string_view Text) {
  auto [K, N] = llvm::StringRef(Text.data(), Text.size()).split('/');
  Shard S;
  if (K.getAsInteger(10, S.Index) || N.getAsInteger(10, S.Count))
    return std::nullopt;
  if (S.Count == 0 || S.Index == 0 || S.Index > S.Count)
    return std::nullopt;
  return S;
}

std::vector<std::string> selectShard(const std::vector<std::string> &SortedFiles, Shard S) {
  std::vector<std::string> Selected;
  for (size_t I = S.Index - 1; I < SortedFiles.size(); I += S.Count)
    Selected.push_back(SortedFiles[I]);
  return Selected;
}

std::string absolutePath(std::string_view Path) {
  llvm::SmallString<256> Result(Path);
  llvm::sys::fs::make_absolute(Result);
  llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

namespace {

void sortUnique(std::vector<std::string> &Files) {
  std::sort(Files.begin(), Files.end());
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
}

/// -p names the build directory itself (or its compile_commands.json): unlike
/// a search from the sources, nothing above it is tried, so a mistyped path
/// cannot silently pick up another project's database.
std::unique_ptr<clang::tooling::CompilationDatabase>
loadFromBuildPath(const std::string &BuildPath, std::vector<ToolError> &Errors) {
  std::string Directory = BuildPath;
  if (llvm::sys::path::filename(BuildPath) == "compile_commands.json")
    Directory = llvm::sys::path::parent_path(BuildPath).str();
  if (Directory.empty())
    Directory = ".";
  std::string Error;
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  if (llvm::sys::fs::is_directory(Directory))
    Database = clang::tooling::CompilationDatabase::loadFromDirectory(Directory, Error);
  else
    Error = "no such directory";
  if (!Database)
    Errors.push_back({"cannot load a compile database (compile_commands.json) from '" + BuildPath +
                          "': " + Error,
                      std::nullopt});
  return Database;
}

/// Why the nearest compile_commands.json above `File` does not load, if
/// there is one: the search would otherwise only say that none was found.
std::optional<std::string> brokenDatabaseAbove(const std::string &File) {
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(File); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, "compile_commands.json");
    if (!llvm::sys::fs::exists(Path))
      continue;
    std::string Error;
    if (clang::tooling::JSONCompilationDatabase::loadFromFile(
            Path, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect))
      return std::nullopt;
    return "cannot load the compile database '" + std::string(Path) + "': " + Error;
  }
  return std::nullopt;
}

std::unique_ptr<clang::tooling::CompilationDatabase> findAbove(const std::string &File,
                                                               std::vector<ToolError> &Errors) {
  std::string Error;
  auto Database = clang::tooling::CompilationDatabase::autoDetectFromSource(File, Error);
  if (Database)
    return Database;
  if (std::optional<std::string> Broken = brokenDatabaseAbove(File))
    Errors.push_back({*Broken, std::nullopt});
  else
    Errors.push_back({"no compile database (compile_commands.json) found above " + File +
                          "; pass -p BUILD_DIR, or compiler flags after '--'",
                      std::nullopt});
  return Database;
}

/// The database's files, but those whose command has a relative directory:
/// Clang's tooling cannot find their commands again (the format wants
/// absolute directories), so each is an error instead of a puzzling one.
std::vector<std::string>
filesWithAbsoluteDirectories(const clang::tooling::CompilationDatabase &Database,
                             std::vector<ToolError> &Errors) {
  std::set<std::string> Relative;
  for (const clang::tooling::CompileCommand &Command : Database.getAllCompileCommands())
    if (!llvm::sys::path::is_absolute(Command.Directory)) {
      std::string File = absolutePath(Command.Filename);
      if (Relative.insert(File).second)
        Errors.push_back({"the compile database gives " + File + " the relative directory '" +
                              Command.Directory + "'; compile_commands.json needs absolute ones",
                          SourcePoint{File, 0, 0, 0, 0}});
    }
  std::vector<std::string> Files;
  for (const std::string &File : Database.getAllFiles())
    if (!Relative.count(absolutePath(File)))
      Files.push_back(File);
  return Files;
}

} // namespace

Inputs resolveInputs(InputRequest Request) {
  Inputs Result;
  for (const std::string &File : Request.Files)
    Result.Files.push_back(absolutePath(File));
  sortUnique(Result.Files);

  if (Request.FixedDatabase && Result.Files.empty()) {
    Result.Errors.push_back({"no source files given before '--'", std::nullopt});
  } else if (Request.FixedDatabase) {
    Result.Database = std::move(Request.FixedDatabase);
  } else if (!Request.BuildPath.empty()) {
    Result.Database = loadFromBuildPath(Request.BuildPath, Result.Errors);
  } else if (!Result.Files.empty()) {
    Result.Database = findAbove(Result.Files.front(), Result.Errors);
  } else {
    Result.Errors.push_back(
        {"nothing to analyze: give -p BUILD_DIR, source files, or both", std::nullopt});
  }

  if (Result.Database && Request.Files.empty()) {
    Result.Files = filesWithAbsoluteDirectories(*Result.Database, Result.Errors);
    sortUnique(Result.Files);
    if (Result.Files.empty())
      Result.Errors.push_back({"the compile database lists no files", std::nullopt});
  }
  return Result;
}

} // namespace ctxguard
