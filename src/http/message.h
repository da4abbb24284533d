// The HTTP request and response as handlers see them: plain values, no Beast types, so the
// api and web layers stay independent of the server implementation.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace meridian::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view MethodName(Method m);

struct Request {
  Method method = Method::kGet;
  std::string target;  // raw request target, e.g. "/api/v1/jobs?limit=5"
  std::string path;    // percent-decoded path, e.g. "/api/v1/jobs"
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> headers;              // lowercase names
  std::string body;
  std::map<std::string, std::string> params;  // path parameters from the route, e.g. {slug}
  std::string remote;                         // peer address
  std::string request_id;
  bool secure = false;  // TLS, or a trusted proxy said X-Forwarded-Proto: https

  // First value of a query parameter.
  std::optional<std::string> Query(std::string_view name) const;
  // All values of a repeated query parameter (tag=a&tag=b).
  std::vector<std::string> QueryAll(std::string_view name) const;
  std::string Header(std::string_view lowercase_name) const;
  std::string Param(std::string_view name) const;
};

// The token of "Authorization: Bearer <token>" ("" when absent or another scheme).
std::string BearerToken(const Request& req);
// The value of cookie `name` from the Cookie header ("" when absent).
std::string Cookie(const Request& req, std::string_view name);

// An application/x-www-form-urlencoded body as (name, value) pairs in order. nullopt when
// the encoding is malformed or a value is not valid UTF-8 text.
std::optional<std::vector<std::pair<std::string, std::string>>> ParseForm(std::string_view body);

struct CookieOptions {
  int64_t max_age_seconds = -1;  // -1 = session cookie, 0 = delete
  bool secure = false;           // TLS or a trusted proxy said https
  bool http_only = true;
};
// A Set-Cookie header value: "<name>=<value>; Path=/; HttpOnly; SameSite=Lax[; Secure]".
std::string SetCookieValue(std::string_view name, std::string_view value,
                           const CookieOptions& options);

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, written instead of `body` (an immutable cached body, sent without a copy).
  std::shared_ptr<const std::string> shared_body;

  const std::string& Body() const { return shared_body ? *shared_body : body; }

  static Response Json(int status, std::string body);
  static Response Html(int status, std::string body);
  static Response Text(int status, std::string body);
  static Response Redirect(std::string location);
};

}  // namespace meridian::http
