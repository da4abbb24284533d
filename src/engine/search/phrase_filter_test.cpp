#include "engine/search/phrase_filter.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace meridian {
namespace {

// No false negatives, and few false positives: random pairs not in a filter are accepted
// about as rarely as 12 bits a pair and 5 hashes promise (~0.5 %).
TEST(PhraseFilterTest, MembersAlwaysPassAndOthersRarely) {
  std::mt19937 rng(3);
  auto word = [&] { return "w" + std::to_string(rng() % 5000); };
  size_t false_positives = 0, tries = 0;
  for (int doc = 0; doc < 200; ++doc) {
    std::vector<uint64_t> members;
    size_t pairs = 1 + rng() % 200;
    for (size_t i = 0; i < pairs; ++i) members.push_back(PairHash(word(), word(), 1 + rng() % 3));
    std::vector<uint8_t> bytes;
    AppendPairFilter(members, &bytes);
    for (uint64_t m : members) ASSERT_TRUE(PairFilterMayContain(bytes.data(), bytes.size(), m));
    for (int i = 0; i < 500; ++i, ++tries) {
      uint64_t other = PairHash("x" + word(), word(), 1);
      false_positives += PairFilterMayContain(bytes.data(), bytes.size(), other) ? 1 : 0;
    }
  }
  EXPECT_LT(static_cast<double>(false_positives) / static_cast<double>(tries), 0.02);
  // Order and gap are part of the pair; nothing passes an empty filter.
  EXPECT_NE(PairHash("machin", "learn", 1), PairHash("learn", "machin", 1));
  EXPECT_NE(PairHash("machin", "learn", 1), PairHash("machin", "learn", 2));
  EXPECT_NE(PairHash("ab", "c", 1), PairHash("a", "bc", 1));
  EXPECT_FALSE(PairFilterMayContain(nullptr, 0, PairHash("a", "b", 1)));
  std::vector<uint8_t> none;
  AppendPairFilter({}, &none);
  EXPECT_TRUE(none.empty());
}

}  // namespace
}  // namespace meridian
