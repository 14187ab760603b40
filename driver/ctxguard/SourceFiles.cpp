//===--- SourceFiles.cpp - ctxguard ---------------------------------------===//

#include "SourceFiles.h"
#include "Fingerprint.h"

#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>

namespace ctxguard {
namespace {

/// UTF-16 code units in the UTF-8 text `Prefix` (a 4-byte sequence is a
/// surrogate pair; continuation bytes count nothing).
unsigned utf16Length(std::string_view Prefix) {
  unsigned Units = 0;
  for (char C : Prefix) {
    auto Byte = static_cast<unsigned char>(C);
    if ((Byte & 0xC0) == 0x80)
      continue;
    Units += Byte >= 0xF0 ? 2 : 1;
  }
  return Units;
}

} // namespace

std::unique_ptr<SourceFiles::File> SourceFiles::makeFile(std::string Text, bool Readable) {
  auto F = std::make_unique<File>();
  F->Readable = Readable;
  F->Text = std::move(Text);
  F->LineStarts.push_back(0);
  for (unsigned I = 0; I < F->Text.size(); ++I) {
    // "\r\n" and "\n" end a line; a lone '\r' too, as in Clang.
    char C = F->Text[I];
    if (C == '\r' && I + 1 < F->Text.size() && F->Text[I + 1] == '\n')
      continue;
    if (C == '\n' || C == '\r')
      F->LineStarts.push_back(I + 1);
  }
  return F;
}

SourceFiles::File &SourceFiles::get(const std::string &Path) {
  auto It = Files.find(Path);
  if (It != Files.end())
    return *It->second;
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  std::unique_ptr<File> F =
      Buffer ? makeFile((*Buffer)->getBuffer().str(), true) : makeFile(std::string(), false);
  return *Files.emplace(Path, std::move(F)).first->second;
}

void SourceFiles::setContents(const std::string &Path, std::string Contents) {
  Files[Path] = makeFile(std::move(Contents), true);
}

SourcePoint SourceFiles::point(const std::string &Path, unsigned Offset) {
  File &F = get(Path);
  Offset = std::min<unsigned>(Offset, F.Text.size());
  auto Next = std::upper_bound(F.LineStarts.begin(), F.LineStarts.end(), Offset);
  unsigned LineIndex = static_cast<unsigned>(Next - F.LineStarts.begin()) - 1;
  unsigned LineStart = F.LineStarts[LineIndex];
  std::string_view Before(F.Text.data() + LineStart, Offset - LineStart);
  return SourcePoint{Path, Offset, LineIndex + 1, Offset - LineStart + 1, utf16Length(Before) + 1};
}

std::string_view SourceFiles::lineText(const std::string &Path, unsigned Line) {
  File &F = get(Path);
  if (Line == 0 || Line > F.LineStarts.size())
    return {};
  unsigned Begin = F.LineStarts[Line - 1];
  unsigned End = Line < F.LineStarts.size() ? F.LineStarts[Line] : F.Text.size();
  std::string_view Text(F.Text.data() + Begin, End - Begin);
  while (!Text.empty() && (Text.back() == '\n' || Text.back() == '\r'))
    Text.remove_suffix(1);
  return Text;
}

std::string SourceFiles::lineHash(const std::string &Path, unsigned Line) {
  File &F = get(Path);
  if (!F.Readable)
    return {};
  if (F.LineHashes.empty())
    F.LineHashes = computeLineHashes(F.Text);
  if (Line == 0 || Line > F.LineHashes.size())
    return {};
  return F.LineHashes[Line - 1];
}

} // namespace ctxguard
