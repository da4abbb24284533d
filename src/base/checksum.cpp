#include "base/checksum.h"

#include <cstring>

namespace meridian {

uint64_t Checksum64(uint64_t h, const void* data, size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  for (; i < n; ++i) h = (h ^ p[i]) * kMul;
  h ^= n;
  return h * kMul ^ (h >> 31);
}

}  // namespace meridian
