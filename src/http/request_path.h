// The steps between a parsed HTTP message and a handler's response, shared by the server
// (server.cpp) and the in-process entry (wire.h): target parsing, request ids, routing with
// its 404 and 405 answers (and the web layer's HTML 404), and turning a handler's exception
// into a 500.
#pragma once

#include <optional>
#include <string_view>

#include "http/message.h"
#include "http/router.h"

namespace meridian::http {

// Splits the target into a decoded path and query parameters; an error response on bad
// input (not an absolute path, broken percent-encoding, invalid UTF-8, over 100 parameters).
std::optional<Response> ParseTarget(std::string_view target, Request* req);

// A client's X-Request-Id is kept when it is 1-64 characters of [A-Za-z0-9_-].
bool ValidRequestId(std::string_view id);

struct Routed {
  const Router::Route* route = nullptr;  // set when a route matched; req.params are filled
  int index = -1;                        // the route's index (metrics), -1 when none
  std::optional<Response> response;      // the 404 or 405 answer when no route matched
};
// Finds the route for `req`. A path no route knows outside /api/ goes to the web layer's
// HTML 404 route when one is registered at GET /__not_found__.
Routed FindRoute(const Router& router, Request& req);

// Runs the route's handler; an exception becomes a 500 with the request id.
Response CallRoute(const Router::Route& route, Request& req);

}  // namespace meridian::http
