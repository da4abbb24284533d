// libFuzzer entry point for the search query target (built with -DMERIDIAN_FUZZ=ON and
// clang; `make fuzz-search` runs it for a while).
#include <cstddef>
#include <cstdint>

#include "search_query_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  meridian::fuzz::SearchQueryTarget(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
