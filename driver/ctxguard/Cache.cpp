//===--- Cache.cpp - ctxguard ---------------------------------------------===//

#include "Cache.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <unistd.h>

namespace ctxguard {
namespace {

using Json = nlohmann::json;

constexpr const char *EntryFormat = "ctxguard-cache";
constexpr int EntryVersion = 1;

std::string hashHex(llvm::ArrayRef<std::uint8_t> Bytes) {
  llvm::XXH128_hash_t H = llvm::xxh3_128bits(Bytes);
  return llvm::utohexstr(H.high64, /*LowerCase=*/true, 16) +
         llvm::utohexstr(H.low64, /*LowerCase=*/true, 16);
}

std::string hashHex(llvm::StringRef Text) { return hashHex(llvm::arrayRefFromStringRef(Text)); }

} // namespace

AnalysisCache::AnalysisCache(std::string Dir) : Directory(std::move(Dir)) {}

std::string AnalysisCache::defaultDirectory() {
  if (std::optional<std::string> Dir = llvm::sys::Process::GetEnv("CTXGUARD_CACHE_DIR"))
    return *Dir;
  llvm::SmallString<256> Path;
  if (std::optional<std::string> Xdg = llvm::sys::Process::GetEnv("XDG_CACHE_HOME");
      Xdg && llvm::sys::path::is_absolute(*Xdg))
    Path = *Xdg;
  else if (std::optional<std::string> Home = llvm::sys::Process::GetEnv("HOME"))
    llvm::sys::path::append(Path, *Home, ".cache");
  else
    Path = "/tmp";
  llvm::sys::path::append(Path, "ctxguard");
  return std::string(Path);
}

std::string AnalysisCache::keyOf(const CacheKeyInputs &Inputs) {
  std::string Text;
  for (const std::string *Part :
       {&Inputs.Tool, &Inputs.File, &Inputs.Commands, &Inputs.Configuration})
    Text += std::to_string(Part->size()) + ":" + *Part + ";";
  return hashHex(Text);
}

std::string AnalysisCache::entryPath(const std::string &Key) const {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, "v1", Key.substr(0, 2), Key + ".entry");
  return std::string(Path);
}

const std::string &AnalysisCache::contentHash(const std::string &Path) {
  auto [It, Inserted] = Hashes.try_emplace(Path);
  if (Inserted)
    if (auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                                  /*RequiresNullTerminator=*/false))
      It->second = hashHex((*Buffer)->getBuffer());
  return It->second;
}

void AnalysisCache::warn(std::string Message) {
  if (std::find(Warnings.begin(), Warnings.end(), Message) == Warnings.end())
    Warnings.push_back(std::move(Message));
}

std::vector<std::string> AnalysisCache::takeWarnings() { return std::move(Warnings); }

std::optional<UnitReport> AnalysisCache::lookup(const std::string &Key, const std::string &File) {
  std::string Path = entryPath(Key);
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt; // not cached yet
  Json Entry = Json::from_cbor((*Buffer)->getBuffer().bytes_begin(),
                               (*Buffer)->getBuffer().bytes_end(), true, false);
  if (Entry.is_discarded() || !Entry.is_object() || Entry.value("format", "") != EntryFormat) {
    warn("ignoring the corrupt cache entry " + Path);
    return std::nullopt;
  }
  if (Entry.value("version", 0) != EntryVersion || Entry.value("key", "") != Key ||
      Entry.value("file", "") != File) {
    warn("ignoring the cache entry " + Path + ", written for another file or ctxguard version");
    return std::nullopt;
  }
  try {
    for (const Json &Input : Entry.at("inputs"))
      if (contentHash(Input.at(0).get<std::string>()) != Input.at(1).get<std::string>())
        return std::nullopt; // a file it read changed
    llvm::Expected<UnitReport> Report =
        decodeUnitReport(Entry.at("report").get_binary());
    if (!Report) {
      warn("ignoring the corrupt cache entry " + Path + ": " + llvm::toString(Report.takeError()));
      return std::nullopt;
    }
    if (Report->File != File)
      return std::nullopt;
    return std::move(*Report);
  } catch (const std::exception &E) {
    warn("ignoring the corrupt cache entry " + Path + ": " + E.what());
    return std::nullopt;
  }
}

bool AnalysisCache::store(const std::string &Key, const UnitReport &Report) {
  Json Inputs = Json::array();
  auto Read = Report.Payload.find(PayloadInputs);
  if (Read == Report.Payload.end() || !Read->is_array())
    return false;
  for (const Json &Input : *Read) {
    const std::string &Hash = contentHash(Input.get<std::string>());
    if (Hash.empty()) {
      // Cannot tell later whether it changed.
      warn("not caching " + Report.File + ": cannot read " + Input.get<std::string>());
      return false;
    }
    Inputs.push_back(Json::array({Input, Hash}));
  }
  Json Entry = {{"format", EntryFormat}, {"version", EntryVersion}, {"key", Key},
                {"file", Report.File},   {"inputs", std::move(Inputs)},
                {"report", Json::binary(encodeUnitReport(Report))}};
  return writeAtomically(entryPath(Key), Json::to_cbor(Entry));
}

bool AnalysisCache::writeAtomically(const std::string &Path,
                                    const std::vector<std::uint8_t> &Bytes) {
  llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir)) {
    warn("cannot write to the cache directory " + Dir.str() + ": " + EC.message());
    return false;
  }
  // Unique per process and call: concurrent runs never share a temporary.
  static unsigned Counter = 0;
  std::string Temporary = Path + "." + std::to_string(::getpid()) + "." +
                          std::to_string(Counter++) + ".tmp";
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Temporary, EC, llvm::sys::fs::OF_None);
    if (!EC) {
      OS.write(reinterpret_cast<const char *>(Bytes.data()), Bytes.size());
      OS.close();
      EC = OS.error();
    }
    if (!EC)
      EC = llvm::sys::fs::rename(Temporary, Path);
    if (EC) {
      llvm::sys::fs::remove(Temporary);
      warn("cannot write the cache entry " + Path + ": " + EC.message());
      return false;
    }
  }
  return true;
}

} // namespace ctxguard
