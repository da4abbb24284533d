// The TF-IDF features of an analyzed text (internal to the embedding model): its terms,
// adjacent pairs of terms ("bigrams") and character n-grams of each term ("subwords",
// as in fastText), each kind a group of its own. The group is written in a feature's
// first byte, so one vocabulary holds all three without collisions:
//
//   "python"         a term (analyzer terms never start with a control character)
//   "\x01senior dev" a bigram (analyzer terms never hold a space)
//   "\x02<pyt"       a subword: n code points of "<term>"
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace meridian {

enum class FeatureGroup : uint8_t { kTerm = 0, kBigram = 1, kSubword = 2 };
constexpr size_t kFeatureGroups = 3;

struct FeatureOptions {
  bool bigrams = false;
  bool subwords = false;
  size_t min_n = 3;  // subword lengths, in code points
  size_t max_n = 5;
};

FeatureGroup GroupOf(std::string_view feature);

// Appends every feature occurrence of `terms` to `out` (repeats count): each nonempty
// term, the bigram of each two adjacent nonempty terms, and each term's subwords.
void AppendFeatures(const std::vector<std::string>& terms, const FeatureOptions& options,
                    std::vector<std::string>* out);

// The pieces AppendFeatures is made of (training builds features from term ids with them).
std::string BigramFeature(std::string_view first, std::string_view second);
void AppendSubwords(std::string_view term, const FeatureOptions& options,
                    std::vector<std::string>* out);

}  // namespace meridian
