#include "http/router.h"

#include <array>

#include "base/strings.h"

namespace meridian::http {
namespace {

std::vector<std::string> Segments(std::string_view path) {
  std::vector<std::string> out;
  for (auto& s : Split(path, '/')) {
    if (!s.empty()) out.push_back(std::move(s));
  }
  return out;
}

bool IsParam(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

}  // namespace

void Router::Add(Method method, std::string pattern, Handler handler, RouteOptions options) {
  Route r{method, pattern, Segments(pattern), std::move(handler), options};
  routes_.push_back(std::move(r));
}

Router::Match Router::Find(Method method, std::string_view path) const {
  Match result;
  // Split without allocating: paths deeper than kMaxSegments match nothing.
  constexpr size_t kMaxSegments = 16;
  std::array<std::string_view, kMaxSegments> segs;
  size_t n = 0;
  size_t pos = 0;
  while (pos < path.size()) {
    size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    if (next > pos) {
      if (n == kMaxSegments) return result;
      segs[n++] = path.substr(pos, next - pos);
    }
    pos = next + 1;
  }
  std::string allow;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const Route& r = routes_[i];
    if (r.segments.size() != n) continue;
    bool ok = true;
    for (size_t k = 0; k < n && ok; ++k) ok = IsParam(r.segments[k]) || r.segments[k] == segs[k];
    if (!ok) continue;
    bool method_ok = r.method == method || (method == Method::kHead && r.method == Method::kGet);
    if (method_ok) {
      result.outcome = Outcome::kFound;
      result.route = static_cast<int>(i);
      for (size_t k = 0; k < n; ++k) {
        if (IsParam(r.segments[k])) {
          result.params[r.segments[k].substr(1, r.segments[k].size() - 2)] = std::string(segs[k]);
        }
      }
      return result;
    }
    if (!allow.empty()) allow += ", ";
    allow += MethodName(r.method);
    if (r.method == Method::kGet) allow += ", HEAD";
  }
  if (!allow.empty()) {
    result.outcome = Outcome::kMethodNotAllowed;
    result.allow = allow;
  }
  return result;
}

std::string Router::RouteName(int route) const {
  if (route < 0 || route >= static_cast<int>(routes_.size())) return "unmatched";
  const Route& r = routes_[static_cast<size_t>(route)];
  return std::string(MethodName(r.method)) + " " + r.pattern;
}

}  // namespace meridian::http
