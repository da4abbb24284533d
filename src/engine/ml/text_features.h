// Hashed TF-IDF text features for the scam and spam classifier (issue 7).
//
// A text is read as at most `max_bytes` bytes of UTF-8 (invalid bytes are separators, never
// errors) and cut into lowercased word tokens: runs of letters, digits and other word
// characters of any script; each emoji is a token of its own. From them come three kinds of
// terms:
//   word 1-grams ("free"), word 2-grams ("free money"), and character n-grams of each word
//   padded with one space either side (" fr", "free ", ...), `char_min`..`char_max` code
//   points long, the way scikit-learn's analyzer="char_wb" builds them.
// Each term is hashed with 64-bit FNV-1a over a one-byte kind tag ('w', 'b', 'c') followed
// by the term's bytes (the bigram's two words joined by 0x1F); the bucket is the hash folded
// (h ^ h >> 32) and masked to `hash_bits` bits. FNV-1a works byte by byte, so buckets are
// the same on every platform and compiler.
//
// Fit() keeps the buckets whose document frequency is at least `min_df`, at most
// `max_features` of them (the highest chi-square against the labels, or the highest document
// frequency), renumbered 0..n-1 so that XGBoost's histograms stay small. A text's value for a
// column is (1 + ln tf) * idf, idf = ln((1 + N) / (1 + df)) + 1 (scikit-learn's smooth idf),
// and the vector is L2-normalised. Each column keeps a readable name: the term that hashed
// there most often in the training texts (char n-grams are shown as `chars:" fr"`).
//
//   ASSIGN_OR_RETURN(TextFeatures f, TextFeatures::Fit(texts, labels, {}));
//   SparseVector v = f.Transform("Send a deposit by Telegram");
//
// Thread-safety: a fitted TextFeatures is immutable; Transform may run concurrently.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/statusor.h"

namespace meridian {

enum class FeatureSelection {
  kChiSquare,          // the most label-dependent columns (needs labels at Fit)
  kDocumentFrequency,  // the most frequent columns
};

struct TextFeatureOptions {
  uint32_t hash_bits = 20;  // 2^20 buckets before selection
  uint32_t char_min = 3;    // character n-gram lengths, in code points; 0 = none
  uint32_t char_max = 5;
  bool word_bigrams = true;
  uint32_t max_token_chars = 24;    // longer tokens (base64, hashes) give no char n-grams
  uint64_t max_bytes = 100 * 1024;  // the rest of a longer text is not read
  uint32_t min_df = 2;
  uint32_t max_features = 20000;
  FeatureSelection selection = FeatureSelection::kChiSquare;
  // Names are counted on at most this many training texts (the first ones); 0: all.
  uint32_t name_texts = 0;
};

// A sparse row: columns ascending, one value each.
struct SparseVector {
  std::vector<uint32_t> columns;
  std::vector<float> values;
};

// The lowercased word tokens of `text` (its first `max_bytes` bytes), in order; emoji are
// tokens of their own. Used by the naive Bayes baseline.
std::vector<std::string> WordTokens(std::string_view text, uint64_t max_bytes);

// The stable 64-bit FNV-1a hash of `bytes` continued from `h` (start: kFnvOffset).
inline constexpr uint64_t kFnvOffset = 14695981039346656037ull;
uint64_t Fnv1a(uint64_t h, std::string_view bytes);

class TextFeatures {
 public:
  // `labels` is empty (then selection falls back to document frequency) or one per text.
  // Fails when `texts` is empty or no bucket reaches min_df.
  static StatusOr<TextFeatures> Fit(std::span<const std::string_view> texts,
                                    std::span<const bool> labels,
                                    const TextFeatureOptions& options);

  SparseVector Transform(std::string_view text) const;

  // Keeps only the output columns listed (ascending, < columns()), renumbered 0..n-1, e.g.
  // those a trained model uses. Values are unchanged: the L2 norm still covers every column
  // Fit selected, so a kept column's value is what it was before.
  Status Restrict(std::span<const uint32_t> keep);

  // Caps each output column's value (one cap per output column, e.g. the largest value in
  // the training rows): gradient-boosted trees send a value past the last histogram cut the
  // way of absent terms, so a word in a very short text (a large normalised value) must not
  // exceed what training saw. Empty: no caps.
  Status SetCaps(std::span<const float> caps);

  size_t columns() const { return kept_.size(); }
  // The readable name of output column `c` (< columns()).
  const std::string& name(size_t c) const { return names_[kept_[c]]; }
  // The bucket of a term as Fit hashes it, for tests: kind 'w' word, 'c' char n-gram.
  uint32_t BucketOf(char kind, std::string_view term) const;

  // Binary contents for the classifier's artifact; Deserialize refuses anything malformed.
  std::string Serialize() const;
  static StatusOr<TextFeatures> Deserialize(std::string_view bytes);

 private:
  void Index();

  TextFeatureOptions options_;
  std::vector<uint32_t> buckets_;  // column -> bucket
  std::vector<float> idf_;         // column -> idf
  std::vector<std::string> names_;
  std::vector<uint32_t> kept_;      // output column -> column, ascending
  std::vector<float> cap_;          // column -> largest value, or empty
  std::vector<int32_t> column_of_;  // bucket -> column or -1 (derived)
  std::vector<int32_t> output_of_;  // column -> output column or -1 (derived)
};

}  // namespace meridian
