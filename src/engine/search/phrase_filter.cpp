#include "engine/search/phrase_filter.h"

#include <algorithm>

namespace meridian {
namespace {

constexpr int kHashes = 5;
constexpr size_t kBitsPerPair = 12;

uint64_t Mix(uint64_t x) {  // splitmix64's finalizer
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

uint64_t Fnv(uint64_t h, std::string_view s) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
  return h;
}

}  // namespace

uint64_t PairHash(std::string_view first, std::string_view second, uint32_t gap) {
  uint64_t h = Fnv(0xCBF29CE484222325ull, first);
  h = (h ^ 0xFF) * 0x100000001B3ull;  // a separator no term contains
  h = Fnv(h, second);
  return Mix(h ^ (static_cast<uint64_t>(gap) << 56));
}

void AppendPairFilter(std::vector<uint64_t> pairs, std::vector<uint8_t>* bytes) {
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  if (pairs.empty()) return;
  size_t size = std::max<size_t>(8, (pairs.size() * kBitsPerPair + 7) / 8);
  size_t start = bytes->size();
  bytes->resize(start + size, 0);
  uint8_t* bits = bytes->data() + start;
  const uint64_t m = size * 8;
  for (uint64_t p : pairs) {
    uint64_t step = (p >> 32) | 1;
    for (int i = 0; i < kHashes; ++i) {
      uint64_t bit = (p + static_cast<uint64_t>(i) * step) % m;
      bits[bit / 8] = static_cast<uint8_t>(bits[bit / 8] | (1u << (bit % 8)));
    }
  }
}

bool PairFilterMayContain(const uint8_t* bits, size_t size, uint64_t pair) {
  if (size == 0) return false;
  const uint64_t m = size * 8;
  uint64_t step = (pair >> 32) | 1;
  for (int i = 0; i < kHashes; ++i) {
    uint64_t bit = (pair + static_cast<uint64_t>(i) * step) % m;
    if (!(bits[bit / 8] & (1u << (bit % 8)))) return false;
  }
  return true;
}

}  // namespace meridian
