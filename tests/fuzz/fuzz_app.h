// The whole app (cli/app.h) over a small generated demo database in the scratch folder,
// started once per process and stopped at exit: what the HTTP fuzz targets call.
#pragma once

#include <string>

#include "cli/app.h"

namespace meridian::fuzz {

inline constexpr const char* kFuzzAdminToken = "fuzz-admin-token-0123456789abcdef0123456789";

struct FuzzSlugs {
  std::string job, company, talent, city, article;
};

cli::App& FuzzApp();
// One existing record of each type in the demo database.
const FuzzSlugs& Slugs();
// Aborts when `r` shows a defect: a 5xx other than 503, a status outside 100-599, or a
// JSON answer that does not parse.
void CheckResponse(const http::Response& r, std::string_view request);

}  // namespace meridian::fuzz
