//===--- Baseline.cpp - ctxguard ------------------------------------------===//

#include "Baseline.h"
#include "Paths.h"
#include "SarifInput.h"

#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>

namespace ctxguard {
namespace {

/// The URI a result's primary location names, decoded, without a base: the
/// same file gives the same string whether written by us or another tool.
std::string uriOf(const Json &ArtifactLocation) {
  if (!ArtifactLocation.is_object()) // a result without a location
    return {};
  return percentDecode(ArtifactLocation.value("uri", ""));
}

} // namespace

llvm::Expected<Baseline> Baseline::fromSarifText(const std::string &Text) {
  llvm::Expected<Json> Log = parseSarifLog(Text);
  if (!Log)
    return Log.takeError();
  // parseSarifLog() checked the type of every member read here.
  Baseline B;
  for (const Json &Run : (*Log)["runs"]) {
    if (!Run.contains("results"))
      continue;
    for (const Json &Result : Run["results"]) {
      std::string Hash =
          Result.value("/partialFingerprints/primaryLocationLineHash"_json_pointer, "");
      std::string Uri = uriOf(
          Result.value("/locations/0/physicalLocation/artifactLocation"_json_pointer, Json()));
      if (!Hash.empty() && !Uri.empty())
        B.Keys.emplace(Result.value("ruleId", ""), Uri, Hash);
    }
  }
  return B;
}

llvm::Expected<Baseline> Baseline::load(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read baseline '%s': %s", Path.c_str(),
                                   Buffer.getError().message().c_str());
  auto B = fromSarifText((*Buffer)->getBuffer().str());
  if (!B)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "baseline '%s': %s",
                                   Path.c_str(), llvm::toString(B.takeError()).c_str());
  return B;
}

bool Baseline::contains(const Finding &F, const std::string &SourceRoot) const {
  if (F.LineHash.empty())
    return false;
  std::string Uri = uriOf(artifactLocation(F.Range.Begin.File, SourceRoot));
  return Keys.count({F.Check, Uri, F.LineHash}) != 0;
}

size_t Baseline::filter(AnalysisResult &Result, const std::string &SourceRoot) const {
  size_t Before = Result.Findings.size();
  std::erase_if(Result.Findings, [&](const Finding &F) { return contains(F, SourceRoot); });
  return Before - Result.Findings.size();
}

} // namespace ctxguard
