//===--- FingerprintTest.cpp - ctxguard -----------------------------------===//
//
// The expected hashes are those of github/codeql-action's own unit test of
// fingerprints.ts (src/fingerprints.test.ts), so this port computes exactly
// what upload-sarif computes.
//
//===----------------------------------------------------------------------===//

#include "Fingerprint.h"

#include <gtest/gtest.h>

namespace ctxguard {
namespace {

using Hashes = std::vector<std::string>;

std::string repeat(const std::string &Text, int Times) {
  std::string Result;
  for (int I = 0; I < Times; ++I)
    Result += Text;
  return Result;
}

TEST(FingerprintTest, EmptyFileHasOneLine) {
  EXPECT_EQ(computeLineHashes(""), Hashes{"c129715d7a2bc9a3:1"});
}

TEST(FingerprintTest, SpacesAndTabsAreIgnored) {
  EXPECT_EQ(computeLineHashes(" a\nb\n  \t\tc\n d"),
            (Hashes{"271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1",
                    "a23a3dc5e078b07b:1"}));
}

TEST(FingerprintTest, WithoutFinalNewline) {
  EXPECT_EQ(computeLineHashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End"),
            (Hashes{"8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1",
                    "c6805c5e1288b612:1", "b86d3392aea1be30:1", "e6ceba753e1a442:1"}));
}

const Hashes HelloWorldWithFinalNewline = {
    "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
    "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"};

TEST(FingerprintTest, LineEndingsAreNormalized) {
  EXPECT_EQ(computeLineHashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n"),
            HelloWorldWithFinalNewline);
  EXPECT_EQ(computeLineHashes(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r"),
            HelloWorldWithFinalNewline);
  EXPECT_EQ(computeLineHashes(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n"),
            HelloWorldWithFinalNewline);
  EXPECT_EQ(computeLineHashes(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n"),
            HelloWorldWithFinalNewline);
}

TEST(FingerprintTest, IdenticalLinesAreNumberedByOccurrence) {
  EXPECT_EQ(computeLineHashes(repeat("Lorem ipsum dolor sit amet.\n", 10)),
            (Hashes{"a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3",
                    "a7f2ff13bc495cf2:4", "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6",
                    "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1",
                    "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"}));
}

TEST(FingerprintTest, EditsFarAboveDoNotChangeALinesHash) {
  std::string Body = repeat("int filler;\n", 20) + "  auto [c, cancel] = f();\n";
  Hashes Before = computeLineHashes(Body + "}\n");
  Hashes After = computeLineHashes("// new header comment\n" + Body + "}\n");
  EXPECT_EQ(Before[20], After[21]);
}

TEST(FingerprintTest, NonAsciiCountsUtf16Units) {
  // Two lines whatever the encoding of their contents; invalid bytes too.
  EXPECT_EQ(computeLineHashes("caf\xC3\xA9\n\xF0\x9F\x98\x80\xFF").size(), 2u);
}

} // namespace
} // namespace ctxguard
