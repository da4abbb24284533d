// Text analysis for search (docs/search.md): normalization, tokenization, stop words and
// English stemming, the same for documents and queries.
//
//   Analyzer analyzer;
//   for (const Token& t : analyzer.Analyze("Senior C++ Developers in Zürich"))
//     ...  // {"senior",0} {"c++",1} {"develop",2} {"zurich",4}  ("in" is a stop word)
//
// Normalization folds case and strips accents (ICU), so "Zürich", "ZURICH" and "zurich" are
// one term. Tokens are runs of letters and digits, plus the tech names people search for
// whole: "c++", "c#", "f#", ".net", "node.js"-style names. Positions count every token,
// stop words included, so phrases keep their shape.
//
// Not thread-safe (the Snowball stemmer keeps state): use one Analyzer per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace meridian {

struct Token {
  std::string term;       // normalized, and stemmed when the analyzer stems
  uint32_t position = 0;  // index of the token in the text
  uint32_t begin = 0;     // its bytes in the text: [begin, end)
  uint32_t end = 0;
};

struct AnalyzerOptions {
  bool stem = true;             // English Snowball stemming of alphabetic words
  bool drop_stop_words = true;  // "the", "and", "of"... (positions still advance)
  size_t max_token_bytes = 64;  // longer runs are cut (no meaningful word is longer)
};

class Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // The tokens of `text`. Invalid UTF-8 is treated as separators, never an error.
  std::vector<Token> Analyze(std::string_view text);

  // Case-folded, accent-free form of a word ("Zürich" -> "zurich").
  std::string Normalize(std::string_view word) const;
  // The Snowball stem of a normalized word; words with digits or symbols are kept as
  // they are ("c++", "k8s"), and so are words shorter than 3 letters.
  std::string Stem(std::string_view normalized_word);
  static bool IsStopWord(std::string_view normalized_word);

 private:
  struct Stemmer;
  AnalyzerOptions options_;
  std::unique_ptr<Stemmer> stemmer_;
  // Stems already computed (a corpus repeats a small vocabulary); cleared when it grows
  // past kStemCacheEntries.
  static constexpr size_t kStemCacheEntries = 1 << 16;
  std::unordered_map<std::string, std::string> stem_cache_;
};

}  // namespace meridian
