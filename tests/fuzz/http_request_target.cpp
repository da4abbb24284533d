#include "fuzz_app.h"
#include "fuzz_targets.h"
#include "http/wire.h"

namespace meridian::fuzz {

void HttpRequestTarget(std::string_view input) {
  cli::App& app = FuzzApp();
  // Small limits, so that the limit paths are reached by inputs libFuzzer can grow to.
  http::Response r =
      http::HandleWire(app.router(), input, {.max_header_bytes = 2048, .max_body_bytes = 8192});
  CheckResponse(r, input);
}

}  // namespace meridian::fuzz
