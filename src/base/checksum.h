// A fast 64-bit checksum for detecting corrupt or truncated files (not for security):
// 8-byte words multiplied and folded, chained through `seed` so a file's pieces can be
// summed as they are written or read.
#pragma once

#include <cstddef>
#include <cstdint>

namespace meridian {

uint64_t Checksum64(uint64_t seed, const void* data, size_t n);

}  // namespace meridian
