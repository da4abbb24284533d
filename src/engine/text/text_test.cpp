// Text analysis and the term dictionary.
#include <gtest/gtest.h>

#include <random>

#include "engine/text/analyzer.h"
#include "engine/text/term_dictionary.h"

namespace meridian {
namespace {

std::vector<std::string> Terms(Analyzer& a, std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : a.Analyze(text)) out.push_back(t.term);
  return out;
}

using V = std::vector<std::string>;

TEST(AnalyzerTest, FoldsCaseAndAccentsAndStems) {
  Analyzer a;
  EXPECT_EQ(Terms(a, "Senior Developers in Zürich"), (V{"senior", "develop", "zurich"}));
  EXPECT_EQ(Terms(a, "ENGINEERING engineer Engineers"), (V{"engin", "engin", "engin"}));
  EXPECT_EQ(Terms(a, "São Paulo, KÖLN; Ærøskøbing"),
            (V{"sao", "paulo", "koln", "ærøskøbing"}));  // non-ASCII words are not stemmed
  EXPECT_EQ(a.Normalize("ＡＢＣ"), "abc");               // full-width letters (NFKC)
  EXPECT_EQ(a.Normalize("Straße"), "strasse");           // case folding
}

TEST(AnalyzerTest, KeepsTechNamesWhole) {
  Analyzer a;
  EXPECT_EQ(Terms(a, "C++ and C# (F#), .NET, Node.js/Vue.js, ASP.NET, socket.io"),
            (V{"c++", "c#", "f#", ".net", "node.js", "vue.js", "asp.net", "socket.io"}));
  EXPECT_EQ(Terms(a, "k8s go1.21 x86-64"), (V{"k8s", "go1", "21", "x86", "64"}));
  // A sentence that ends with a dot is not a dotted name.
  EXPECT_EQ(Terms(a, "We use Rust.Then Go."), (V{"use", "rust", "then", "go"}));
  EXPECT_EQ(Terms(a, "a+b c+d"), (V{"b", "c", "d"}));
}

TEST(AnalyzerTest, PositionsCountStopWords) {
  Analyzer a;
  auto tokens = a.Analyze("the head of the engineering team");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].term, "head");
  EXPECT_EQ(tokens[0].position, 1u);
  EXPECT_EQ(tokens[1].term, "engin");
  EXPECT_EQ(tokens[1].position, 4u);
  EXPECT_EQ(tokens[2].position, 5u);
  Analyzer raw({.stem = false, .drop_stop_words = false});
  EXPECT_EQ(Terms(raw, "The Developers"), (V{"the", "developers"}));
}

TEST(AnalyzerTest, HostileInputIsHarmless) {
  Analyzer a;
  EXPECT_TRUE(a.Analyze("").empty());
  EXPECT_TRUE(a.Analyze("!!! --- +++ ### ...").empty());
  EXPECT_EQ(Terms(a, "rust\xff\xfego"), (V{"rust", "go"}));  // invalid UTF-8 separates
  EXPECT_EQ(Terms(a, std::string("java\0script", 11)), (V{"java", "script"}));
  std::string huge(100000, 'x');
  auto tokens = a.Analyze(huge);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].term.size(), 64u);
  EXPECT_EQ(Terms(a, "c+"), (V{"c"}));
  EXPECT_EQ(Terms(a, "."), V{});
}

// Optimal string alignment distance, the textbook full-table way.
int Distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

TEST(TermDictionaryTest, FindAndPrefixes) {
  TermDictionary d({"python", "develop", "devops", "developer", "python", "go"});
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(d.term(0), "develop");
  EXPECT_EQ(*d.Find("python"), 4u);
  EXPECT_FALSE(d.Find("pyth").has_value());
  EXPECT_EQ(d.PrefixRange("dev"), std::make_pair(0u, 3u));
  EXPECT_EQ(d.PrefixRange("develop"), std::make_pair(0u, 2u));
  EXPECT_EQ(d.PrefixRange("x"), std::make_pair(5u, 5u));
  EXPECT_EQ(d.PrefixRange(""), std::make_pair(0u, 5u));
  TermDictionary empty;
  EXPECT_TRUE(empty.Fuzzy("x", 2).empty());
  EXPECT_EQ(empty.PrefixRange("a"), std::make_pair(0u, 0u));
}

TEST(TermDictionaryTest, TyposWithinTheBudget) {
  TermDictionary d({"python", "pythons", "kubernetes", "typescript", "rust", "go"});
  auto m = d.Fuzzy("pyhton", TermDictionary::MaxEditsFor(6));  // 1 edit allowed at 6
  ASSERT_EQ(m.size(), 1u) << "a transposition is one typo";
  EXPECT_EQ(d.term(m[0].id), "python");
  EXPECT_EQ(m[0].distance, 1);
  EXPECT_TRUE(d.Fuzzy("phtyon", 1).empty());  // letters two places apart swapped: two typos
  m = d.Fuzzy("kubernets", TermDictionary::MaxEditsFor(9));
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(d.term(m[0].id), "kubernetes");
  EXPECT_EQ(TermDictionary::MaxEditsFor(3), 0);
  EXPECT_EQ(TermDictionary::MaxEditsFor(4), 1);
  EXPECT_EQ(TermDictionary::MaxEditsFor(7), 2);
  m = d.Fuzzy("rust", 0);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].distance, 0);
}

// The trie walk finds exactly what a brute-force scan finds.
TEST(TermDictionaryTest, FuzzyMatchesBruteForce) {
  std::mt19937 rng(7);
  const std::string letters = "abcdek";  // few letters: many near neighbours
  std::vector<std::string> terms;
  for (int i = 0; i < 3000; ++i) {
    std::string t;
    size_t n = 1 + rng() % 9;
    for (size_t k = 0; k < n; ++k) t += letters[rng() % letters.size()];
    terms.push_back(t);
  }
  TermDictionary d(terms);
  for (int q = 0; q < 300; ++q) {
    std::string word;
    size_t n = rng() % 10;
    for (size_t k = 0; k < n; ++k) word += letters[rng() % letters.size()];
    int k = static_cast<int>(rng() % 3);
    auto got = d.Fuzzy(word, k, 100000);
    std::vector<std::pair<uint32_t, int>> want;
    for (uint32_t id = 0; id < d.size(); ++id) {
      int dist = Distance(word, d.term(id));
      if (dist <= k) want.emplace_back(id, dist);
    }
    ASSERT_EQ(got.size(), want.size()) << word << " k=" << k;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].id, want[i].first);
      EXPECT_EQ(got[i].distance, want[i].second);
    }
  }
  EXPECT_EQ(d.Fuzzy("abc", 2, 3).size(), 3u);  // the limit holds
}

}  // namespace
}  // namespace meridian
