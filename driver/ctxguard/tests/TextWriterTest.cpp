//===--- TextWriterTest.cpp - ctxguard ------------------------------------===//

#include "TextWriter.h"
#include "SourceFiles.h"
#include "TestFindings.h"

#include <gtest/gtest.h>

namespace ctxguard {
namespace {

TEST(TextWriterTest, PrintsLikeACompiler) {
  SourceFiles Sources;
  std::string Fetch(11, '\n');
  Fetch += "  auto [c, cancel] = ctx::with_timeout(parent, 1s);\n\n    return;\n";
  Sources.setContents("/repo/src/fetch.cpp", Fetch);
  Sources.setContents("/repo/src/with space.hpp", "\n\n  ctx::Context ctx_;\n");
  std::string Text = renderText(testing::sampleResult(), Sources, "/repo");
  EXPECT_EQ(Text,
            "src/fetch.cpp:12:22: warning: 'cancel' is not used on all paths (possible context "
            "leak) [ctx-lost-cancel]\n"
            "   12 |   auto [c, cancel] = ctx::with_timeout(parent, 1s);\n"
            "      |                      ^~~\n"
            "src/fetch.cpp:14:5: note: this return may be reached without using 'cancel' "
            "defined on line 12\n"
            "   14 |     return;\n"
            "      |     ^~~~~~\n"
            "src/with space.hpp:3:16: warning: 'Worker::ctx_' stores a ctx::Context; pass the "
            "context as the first parameter of each call instead [ctx-stored-in-struct]\n"
            "    3 |   ctx::Context ctx_;\n"
            "      |                ^~~~\n");
}

TEST(TextWriterTest, PathsOutsideTheDisplayRootStayAbsolute) {
  SourceFiles Sources;
  std::string Text = renderText(testing::sampleResult(), Sources, "/elsewhere");
  EXPECT_NE(Text.find("/repo/src/fetch.cpp:12:22: warning:"), std::string::npos);
}

TEST(TextWriterTest, ErrorsAndSummary) {
  AnalysisResult R = testing::sampleResult();
  EXPECT_EQ(renderErrors(R, "/repo"), "ctxguard: error: cannot load a compile database\n"
                                      "src/broken.cpp:4:9: error: expected ';' after expression\n");
  EXPECT_EQ(renderSummary(R),
            "2 findings in 2 files (2 translation units analyzed), 2 tool errors\n");
}

TEST(SourceFilesTest, OffsetsBecomeLinesAndColumns) {
  SourceFiles Sources;
  Sources.setContents("/f.cpp", "ab\r\nc\xC3\xA9"
                                "d\n");
  SourcePoint P = Sources.point("/f.cpp", 7); // the 'd' after "cé"
  EXPECT_EQ(P.Line, 2u);
  EXPECT_EQ(P.Column, 4u);      // bytes
  EXPECT_EQ(P.Utf16Column, 3u); // UTF-16 units
  EXPECT_EQ(Sources.lineText("/f.cpp", 1), "ab");
  EXPECT_FALSE(Sources.lineHash("/f.cpp", 1).empty());
}

} // namespace
} // namespace ctxguard
