// Quoted phrases without positions (docs/search.md): each document keeps a small Bloom
// filter of its adjacent word pairs (analyzed terms, with the position gap that stop words
// leave), about 12 bits a pair. A phrase matches a document when every adjacent pair of
// the phrase may be in the document's filter. There are no false negatives; a false
// positive (a phrase accepted whose words are all present but not adjacent) needs every
// one of its pairs to collide, about 0.5 % for a two-word phrase and far less for longer
// ones. Positions for every field would cost the index several times this memory.
//
//   std::vector<uint64_t> pairs = {PairHash("machin", "learn", 1)};
//   AppendPairFilter(pairs, &bytes);                 // at build time, one per document
//   PairFilterMayContain(&bytes[0], n, PairHash("machin", "learn", 1));   // true
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace meridian {

// A stable 64-bit hash of an adjacent pair of terms `gap` positions apart (1 = next word).
uint64_t PairHash(std::string_view first, std::string_view second, uint32_t gap);

// Appends the filter of `pairs` (duplicates allowed) to `bytes`: 12 bits a distinct pair,
// at least 8 bytes; nothing for no pairs.
void AppendPairFilter(std::vector<uint64_t> pairs, std::vector<uint8_t>* bytes);

// False when the pair is certainly not in the filter `bits[0, size)`.
bool PairFilterMayContain(const uint8_t* bits, size_t size, uint64_t pair);

}  // namespace meridian
