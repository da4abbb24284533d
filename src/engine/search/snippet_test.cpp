#include "engine/search/snippet.h"

#include <gtest/gtest.h>

namespace meridian {
namespace {

TEST(SnippetTest, MarksAnalyzedMatchesAndEscapes) {
  Analyzer analyzer;
  Snippet s =
      MakeSnippet(analyzer, "Senior <b>Python</b> Developers & friends", {"develop", "python"});
  EXPECT_FALSE(s.cut_before);
  EXPECT_FALSE(s.cut_after);
  ASSERT_EQ(s.marks.size(), 2u);
  EXPECT_EQ(SnippetHtml(s),
            "Senior &lt;b&gt;<mark>Python</mark>&lt;/b&gt; <mark>Developers</mark> &amp; friends");
}

TEST(SnippetTest, WindowHoldsTheMostDistinctTermsAndCutsAtSpaces) {
  Analyzer analyzer;
  std::string text;
  for (int i = 0; i < 30; ++i) text += "filler words here. ";
  text += "We use Rust daily; Rust and Kubernetes in production. ";
  for (int i = 0; i < 30; ++i) text += "more filler text. ";
  Snippet s = MakeSnippet(analyzer, text, {"kubernet", "rust"}, {.max_bytes = 80});
  EXPECT_TRUE(s.cut_before);
  EXPECT_TRUE(s.cut_after);
  EXPECT_LE(s.text.size(), 80u);
  EXPECT_NE(s.text.find("Kubernetes"), std::string::npos);
  EXPECT_NE(s.text.find("Rust"), std::string::npos);
  EXPECT_EQ(s.marks.size(), 3u);
  EXPECT_NE(s.text.front(), ' ');
  EXPECT_NE(s.text.back(), ' ');
  std::string html = SnippetHtml(s);
  EXPECT_EQ(html.rfind("\u2026", 0), 0u);
  EXPECT_NE(html.find("<mark>Kubernetes</mark>"), std::string::npos);
}

TEST(SnippetTest, NoMatchGivesTheStartAndNeverSplitsACharacter) {
  Analyzer analyzer;
  std::string text;
  for (int i = 0; i < 50; ++i) text += "Zürich ";
  for (size_t max : {10u, 11u, 12u, 13u, 40u}) {
    Snippet s = MakeSnippet(analyzer, text, {"nothing"}, {.max_bytes = max});
    EXPECT_FALSE(s.cut_before);
    EXPECT_TRUE(s.marks.empty());
    EXPECT_EQ(s.text.rfind("Z", 0), 0u);
    EXPECT_NE(static_cast<unsigned char>(s.text.back()) & 0xC0, 0x80u) << max;  // not mid-character
  }
  Snippet long_word = MakeSnippet(analyzer, std::string(500, 'a'), {}, {.max_bytes = 50});
  EXPECT_EQ(long_word.text.size(), 50u);
  EXPECT_TRUE(long_word.cut_after);
  EXPECT_TRUE(MakeSnippet(analyzer, "", {"x"}).text.empty());
}

}  // namespace
}  // namespace meridian
