//===--- Fingerprint.cpp - ctxguard ---------------------------------------===//

#include "Fingerprint.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <map>

namespace ctxguard {
namespace {

constexpr std::uint32_t Tab = '\t';
constexpr std::uint32_t Space = ' ';
constexpr std::uint32_t LineFeed = '\n';
constexpr std::uint32_t CarriageReturn = '\r';
constexpr std::uint32_t EndOfFile = 65535;
constexpr unsigned BlockSize = 100;
// The JavaScript original uses 64-bit Long arithmetic that wraps: unsigned
// 64-bit arithmetic gives the same bits.
constexpr std::uint64_t Mod = 37;

std::uint64_t firstMod() {
  std::uint64_t Result = 1;
  for (unsigned I = 0; I < BlockSize; ++I)
    Result *= Mod;
  return Result;
}

/// Decodes UTF-8 into UTF-16 code units, as Node's "utf8" stream decoding
/// feeds charCodeAt(): each invalid byte becomes U+FFFD.
std::vector<std::uint16_t> toUtf16(std::string_view Text) {
  std::vector<std::uint16_t> Units;
  Units.reserve(Text.size());
  size_t I = 0;
  while (I < Text.size()) {
    auto Byte = static_cast<unsigned char>(Text[I]);
    unsigned Length = Byte < 0x80           ? 1
                      : (Byte >> 5) == 0x6  ? 2
                      : (Byte >> 4) == 0xE  ? 3
                      : (Byte >> 3) == 0x1E ? 4
                                            : 0;
    std::uint32_t CodePoint = Length == 1   ? Byte
                              : Length == 2 ? Byte & 0x1F
                              : Length == 3 ? Byte & 0x0F
                                            : Byte & 0x07;
    bool Valid = Length != 0 && I + Length <= Text.size();
    for (unsigned K = 1; Valid && K < Length; ++K) {
      auto Next = static_cast<unsigned char>(Text[I + K]);
      Valid = (Next & 0xC0) == 0x80;
      CodePoint = (CodePoint << 6) | (Next & 0x3F);
    }
    if (!Valid) {
      Units.push_back(0xFFFD);
      ++I;
      continue;
    }
    if (CodePoint >= 0x10000) {
      CodePoint -= 0x10000;
      Units.push_back(static_cast<std::uint16_t>(0xD800 + (CodePoint >> 10)));
      Units.push_back(static_cast<std::uint16_t>(0xDC00 + (CodePoint & 0x3FF)));
    } else {
      Units.push_back(static_cast<std::uint16_t>(CodePoint));
    }
    I += Length;
  }
  return Units;
}

/// The rolling hash of fingerprints.ts, state and steps kept as in the
/// original so that a reader can compare them line by line.
class RollingLineHasher {
public:
  std::vector<std::string> run(const std::vector<std::uint16_t> &Units) {
    for (std::uint16_t Unit : Units)
      processCharacter(Unit);
    processCharacter(EndOfFile);
    // Flush the lines whose window reaches past the end of the file.
    for (unsigned I = 0; I < BlockSize; ++I) {
      if (LineNumbers[Index] != -1)
        outputHash();
      updateHash(0);
    }
    return std::move(Hashes);
  }

private:
  void outputHash() {
    char Hex[17];
    std::snprintf(Hex, sizeof Hex, "%llx", static_cast<unsigned long long>(HashRaw));
    unsigned Occurrence = ++HashCounts[Hex];
    auto Line = static_cast<size_t>(LineNumbers[Index]);
    if (Hashes.size() < Line)
      Hashes.resize(Line);
    Hashes[Line - 1] = std::string(Hex) + ":" + std::to_string(Occurrence);
    LineNumbers[Index] = -1;
  }

  void updateHash(std::uint32_t Current) {
    std::uint32_t Begin = Window[Index];
    Window[Index] = Current;
    HashRaw = Mod * HashRaw + Current - FirstMod * Begin;
    Index = (Index + 1) % BlockSize;
  }

  void processCharacter(std::uint32_t Current) {
    // Skip tabs, spaces, and line feeds that come directly after a CR.
    if (Current == Space || Current == Tab || (PrevCR && Current == LineFeed)) {
      PrevCR = false;
      return;
    }
    PrevCR = Current == CarriageReturn;
    if (PrevCR)
      Current = LineFeed;
    if (LineNumbers[Index] != -1)
      outputHash();
    if (LineStart) {
      LineStart = false;
      LineNumbers[Index] = ++LineNumber;
    }
    if (Current == LineFeed)
      LineStart = true;
    updateHash(Current);
  }

  std::array<std::uint32_t, BlockSize> Window{};
  std::array<long, BlockSize> LineNumbers = [] {
    std::array<long, BlockSize> A;
    A.fill(-1);
    return A;
  }();
  std::uint64_t HashRaw = 0;
  const std::uint64_t FirstMod = firstMod();
  unsigned Index = 0;
  long LineNumber = 0;
  bool LineStart = true;
  bool PrevCR = false;
  std::map<std::string, unsigned> HashCounts;
  std::vector<std::string> Hashes;
};

} // namespace

std::vector<std::string> computeLineHashes(std::string_view Utf8Contents) {
  return RollingLineHasher().run(toUtf16(Utf8Contents));
}

} // namespace ctxguard
