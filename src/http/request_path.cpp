#include "http/request_path.h"

#include "base/strings.h"
#include "base/utf8.h"
#include "http/errors.h"

namespace meridian::http {

std::optional<Response> ParseTarget(std::string_view target, Request* req) {
  size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  if (raw_path.empty() || raw_path[0] != '/') {
    return HttpError(400, "invalid_argument", "request target must be an absolute path");
  }
  auto path = PercentDecode(raw_path, false);
  if (!path || !IsValidUtf8(*path) || HasControlChars(*path, false)) {
    return HttpError(400, "invalid_argument", "request path is not valid percent-encoded UTF-8");
  }
  req->path = std::move(*path);
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view qs = target.substr(q + 1);
  size_t count = 0;
  for (const std::string& pair : Split(qs, '&')) {
    if (pair.empty()) continue;
    if (++count > 100)
      return HttpError(400, "invalid_argument", "too many query parameters (max 100)", "query");
    size_t eq = pair.find('=');
    auto key = PercentDecode(std::string_view(pair).substr(0, eq), true);
    auto value = eq == std::string::npos
                     ? std::optional<std::string>("")
                     : PercentDecode(std::string_view(pair).substr(eq + 1), true);
    if (!key || !value)
      return HttpError(400, "invalid_argument", "query: malformed percent-encoding", "query");
    if (!IsValidUtf8(*key) || !IsValidUtf8(*value) || HasControlChars(*value, false)) {
      std::string name = SanitizeUtf8(*key);
      return HttpError(400, "invalid_argument", name + ": query parameter is not valid UTF-8 text",
                       name);
    }
    req->query.emplace_back(std::move(*key), std::move(*value));
  }
  return std::nullopt;
}

bool ValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Routed FindRoute(const Router& router, Request& req) {
  Routed out;
  Router::Match m = router.Find(req.method, req.path);
  if (m.outcome == Router::Outcome::kNotFound) {
    // Pages get an HTML 404 from the web layer's catch-all if it registered one.
    if (!StartsWith(req.path, "/api/")) {
      Router::Match page = router.Find(Method::kGet, "/__not_found__");
      if (page.outcome == Router::Outcome::kFound) {
        out.route = &router.routes()[static_cast<size_t>(page.route)];
        return out;
      }
    }
    out.response = HttpError(
        404, "not_found",
        "no route for " + std::string(MethodName(req.method)) + " " + SanitizeUtf8(req.path));
    return out;
  }
  if (m.outcome == Router::Outcome::kMethodNotAllowed) {
    Response r = HttpError(405, "method_not_allowed",
                           std::string(MethodName(req.method)) + " is not allowed here");
    r.headers.emplace_back("Allow", m.allow);
    out.response = std::move(r);
    return out;
  }
  out.index = m.route;
  out.route = &router.routes()[static_cast<size_t>(m.route)];
  req.params = std::move(m.params);
  return out;
}

Response CallRoute(const Router::Route& route, Request& req) {
  try {
    return route.handler(req);
  } catch (const std::exception& e) {
    return ErrorResponse(InternalError(std::string("unhandled exception: ") + e.what()),
                         req.request_id);
  }
}

}  // namespace meridian::http
