// libFuzzer's entry for one target, chosen at build time (MERIDIAN_FUZZ_TARGET, see
// tests/CMakeLists.txt): `make fuzz` builds and runs meridian_fuzz_<name> for each.
#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);  // the app's logs would drown libFuzzer's
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  MERIDIAN_FUZZ_TARGET(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
