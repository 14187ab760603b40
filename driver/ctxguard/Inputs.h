//===--- Inputs.h - ctxguard ------------------------------------*- C++ -*-===//
//
// Which translation units to analyze, with which compile commands: the files
// of a compile_commands.json (-p DIR, or found upwards from the given files),
// or the given files with the flags after "--"; optionally one shard of them.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_INPUTS_H
#define CTXGUARD_DRIVER_INPUTS_H

#include "Findings.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ctxguard {

/// Shard K of N (1 <= K <= N): the TUs whose position in the sorted list is
/// K-1 modulo N, so shards are disjoint, cover everything and stay balanced.
struct Shard {
  unsigned Index = 1;
  unsigned Count = 1;
};

/// Parses "K/N"; nullopt when malformed or out of range.
std::optional<Shard> parseShard(std::string_view Text);

/// The files of shard `S` of `SortedFiles`.
std::vector<std::string> selectShard(const std::vector<std::string> &SortedFiles, Shard S);

struct InputRequest {
  std::string BuildPath;          // -p, may be empty
  std::vector<std::string> Files; // positional arguments, may be relative
  std::unique_ptr<clang::tooling::CompilationDatabase> FixedDatabase; // from "-- flags"
};

struct Inputs {
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  std::vector<std::string> Files; // absolute, sorted, unique
  std::vector<ToolError> Errors;  // nothing can be analyzed when Database is null
};

Inputs resolveInputs(InputRequest Request);

/// An absolute, dot-free form of `Path` (relative to the current directory).
std::string absolutePath(std::string_view Path);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_INPUTS_H
