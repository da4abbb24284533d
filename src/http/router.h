// The route table: method + path pattern -> handler. Patterns are literal segments and
// {name} parameters ("/api/v1/jobs/{slug}"). Every route has a stable index used by metrics.
//
//   Router router;
//   router.Add(Method::kGet, "/api/v1/jobs/{slug}", [](Request& r) { ... });
//   Router::Match m = router.Find(Method::kGet, "/api/v1/jobs/rust-dev");
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/message.h"

namespace meridian::http {

using Handler = std::function<Response(Request&)>;

struct RouteOptions {
  // The handler does slow CPU work (password hashing): the server runs it on its blocking
  // pool, so that the I/O thread keeps serving other connections meanwhile.
  bool blocking = false;
};

class Router {
 public:
  struct Route {
    Method method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    RouteOptions options;
  };

  enum class Outcome { kFound, kNotFound, kMethodNotAllowed };
  struct Match {
    Outcome outcome = Outcome::kNotFound;
    int route = -1;  // index into routes()
    std::map<std::string, std::string> params;
    std::string allow;  // for 405: "GET, HEAD"
  };

  void Add(Method method, std::string pattern, Handler handler, RouteOptions options = {});
  // HEAD is answered by GET routes.
  Match Find(Method method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }
  // "GET /api/v1/jobs/{slug}" for metrics and logs.
  std::string RouteName(int route) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace meridian::http
