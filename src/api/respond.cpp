#include "api/respond.h"

#include "base/strings.h"
#include "http/errors.h"

namespace meridian::api {

http::Response Data(const Json& data, const Json& meta, int status) {
  // Concatenated rather than wrapped in another Json, which would copy the whole tree.
  std::string body = "{\"data\":";
  body += DumpJson(data);
  body += ",\"meta\":";
  body += DumpJson(meta);
  body += '}';
  return http::Response::Json(status, std::move(body));
}

http::Response Error(const Status& status, const http::Request& req) {
  return http::ErrorResponse(status, req.request_id);
}

StatusOr<Json> JsonBody(const http::Request& req, bool merge_patch) {
  std::string type = AsciiLower(req.Header("content-type"));
  std::string base = std::string(Trim(type.substr(0, type.find(';'))));
  bool ok = base == "application/json" || (merge_patch && base == "application/merge-patch+json");
  if (!ok) {
    return Status(StatusCode::kInvalidArgument,
                  "content-type: expected application/json" +
                      std::string(merge_patch ? " or application/merge-patch+json" : "") +
                      ", got '" + (base.empty() ? "none" : base) + "'",
                  "content-type");
  }
  if (Trim(req.body).empty())
    return InvalidArgumentError("body: is empty; expected a JSON object", "body");
  return ParseJson(req.body);
}

StatusOr<PageRequest> PageFrom(const http::Request& req) {
  PageRequest p;
  if (auto limit = req.Query("limit")) {
    auto n = ParseInt(*limit);
    if (!n || *n < 1 || *n > kMaxPageSize) {
      return InvalidArgumentError(
          "limit: must be an integer from 1 to " + std::to_string(kMaxPageSize), "limit");
    }
    p.limit = static_cast<int>(*n);
  }
  if (auto cursor = req.Query("cursor")) p.cursor = *cursor;
  return p;
}

StatusOr<int> LimitFrom(const http::Request& req, int fallback, int max) {
  auto limit = req.Query("limit");
  if (!limit) return fallback;
  auto n = ParseInt(*limit);
  if (!n || *n < 1 || *n > max) {
    return InvalidArgumentError("limit: from 1 to " + std::to_string(max), "limit");
  }
  return static_cast<int>(*n);
}

Status OnlyParams(const http::Request& req, std::span<const std::string_view> allowed) {
  for (const auto& [k, v] : req.query) {
    bool known = false;
    for (auto a : allowed) known = known || k == a;
    if (!known) {
      std::string name = k.substr(0, 60);
      return InvalidArgumentError(name + ": unknown query parameter", name);
    }
  }
  return OkStatus();
}

}  // namespace meridian::api
