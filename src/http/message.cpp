#include "http/message.h"

#include "base/strings.h"
#include "base/utf8.h"

namespace meridian::http {

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

std::optional<std::string> Request::Query(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::vector<std::string> Request::QueryAll(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : query) {
    if (k == name) out.push_back(v);
  }
  return out;
}

std::string Request::Header(std::string_view lowercase_name) const {
  auto it = headers.find(std::string(lowercase_name));
  return it == headers.end() ? std::string() : it->second;
}

std::string Request::Param(std::string_view name) const {
  auto it = params.find(std::string(name));
  return it == params.end() ? std::string() : it->second;
}

std::string BearerToken(const Request& req) {
  std::string auth = req.Header("authorization");
  // The scheme is case-insensitive (RFC 9110 §11.1).
  if (auth.size() < 7 || AsciiLower(std::string_view(auth).substr(0, 7)) != "bearer ") return "";
  return std::string(Trim(std::string_view(auth).substr(7)));
}

std::string Cookie(const Request& req, std::string_view name) {
  std::string header = req.Header("cookie");
  for (const std::string& part : Split(header, ';')) {
    std::string_view p = Trim(part);
    size_t eq = p.find('=');
    if (eq == std::string_view::npos) continue;
    if (Trim(p.substr(0, eq)) != name) continue;
    std::string_view v = Trim(p.substr(eq + 1));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    return std::string(v);
  }
  return "";
}

std::optional<std::vector<std::pair<std::string, std::string>>> ParseForm(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& pair : Split(body, '&')) {
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    auto key = PercentDecode(std::string_view(pair).substr(0, eq), true);
    auto value = eq == std::string::npos
                     ? std::optional<std::string>("")
                     : PercentDecode(std::string_view(pair).substr(eq + 1), true);
    if (!key || !value || !IsValidUtf8(*key) || !IsValidUtf8(*value) ||
        HasControlChars(*key, false) || HasControlChars(*value, true)) {
      return std::nullopt;
    }
    out.emplace_back(std::move(*key), std::move(*value));
  }
  return out;
}

std::string SetCookieValue(std::string_view name, std::string_view value,
                           const CookieOptions& options) {
  std::string out;
  out.append(name);
  out += '=';
  out.append(value);
  out += "; Path=/";
  if (options.max_age_seconds >= 0) out += "; Max-Age=" + std::to_string(options.max_age_seconds);
  if (options.http_only) out += "; HttpOnly";
  out += "; SameSite=Lax";
  if (options.secure) out += "; Secure";
  return out;
}

Response Response::Json(int status, std::string body) {
  return Response{status, "application/json", std::move(body), {}};
}

Response Response::Html(int status, std::string body) {
  return Response{status, "text/html; charset=utf-8", std::move(body), {}};
}

Response Response::Text(int status, std::string body) {
  return Response{status, "text/plain; charset=utf-8", std::move(body), {}};
}

Response Response::Redirect(std::string location) {
  Response r{303, "text/plain; charset=utf-8", "See " + location + "\n", {}};
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

}  // namespace meridian::http
