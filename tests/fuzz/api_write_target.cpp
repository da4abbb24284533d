#include <array>

#include "fuzz_app.h"
#include "fuzz_targets.h"
#include "http/wire.h"

namespace meridian::fuzz {

namespace {

struct WriteRoute {
  const char* method;
  const char* path;  // {job}, {company}, ... stand for an existing record's slug
};

constexpr std::array<WriteRoute, 18> kRoutes = {{
    {"POST", "/api/v1/jobs"},
    {"PATCH", "/api/v1/jobs/{job}"},
    {"POST", "/api/v1/companies"},
    {"PATCH", "/api/v1/companies/{company}"},
    {"POST", "/api/v1/talent"},
    {"PATCH", "/api/v1/talent/{talent}"},
    {"POST", "/api/v1/cities"},
    {"PATCH", "/api/v1/cities/{city}"},
    {"POST", "/api/v1/articles"},
    {"PATCH", "/api/v1/articles/{article}"},
    {"POST", "/api/v1/events"},
    {"PUT", "/api/v1/me/tracking"},
    {"POST", "/api/v1/auth/signup"},
    {"POST", "/api/v1/auth/signin"},
    {"POST", "/api/v1/auth/keys"},
    {"POST", "/api/v1/moderation/jobs/{job}/reject"},
    {"POST", "/api/v1/jobs/{job}/filled"},
    {"POST", "/api/v1/jobs/{job}/confirm"},
}};

std::string Expand(std::string path) {
  const FuzzSlugs& s = Slugs();
  const std::pair<const char*, const std::string*> names[] = {{"{job}", &s.job},
                                                              {"{company}", &s.company},
                                                              {"{talent}", &s.talent},
                                                              {"{city}", &s.city},
                                                              {"{article}", &s.article}};
  for (const auto& [name, slug] : names) {
    if (size_t at = path.find(name); at != std::string::npos) {
      path.replace(at, std::string_view(name).size(), *slug);
    }
  }
  return path;
}

}  // namespace

void ApiWriteTarget(std::string_view input) {
  if (input.empty()) return;
  const WriteRoute& route = kRoutes[static_cast<unsigned char>(input[0]) % kRoutes.size()];
  std::string_view body = input.substr(1);
  cli::App& app = FuzzApp();
  std::string wire = std::string(route.method) + " " + Expand(route.path) +
                     " HTTP/1.1\r\nHost: fuzz\r\nContent-Type: application/json\r\n"
                     "Authorization: Bearer " +
                     kFuzzAdminToken + "\r\nContent-Length: " + std::to_string(body.size()) +
                     "\r\n\r\n";
  wire += body;
  http::Response r = http::HandleWire(app.router(), wire, {.max_body_bytes = 256 * 1024});
  CheckResponse(r, wire);
  // An accepted write answers with the record as JSON data.
  if (r.status == 200 || r.status == 201) {
    if (!r.content_type.starts_with("application/json")) Fail("a write answered without JSON");
  }
}

}  // namespace meridian::fuzz
