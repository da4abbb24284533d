// One HTTP/1.1 request as bytes in, its response out, without a socket: Beast's parser with
// the server's limits, the server's request conversion, target parsing and routing. Every
// handler runs inline (blocking routes too). The fuzz target for the HTTP path and tests
// use it; the server (server.cpp) shares every step but the socket.
//
//   Response r = HandleWire(router, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", {});
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "http/message.h"
#include "http/router.h"

namespace meridian::http {

struct WireOptions {
  int64_t max_header_bytes = 16 * 1024;
  int64_t max_body_bytes = 1024 * 1024;
  bool trust_proxy = false;
  std::string remote = "127.0.0.1";
};

// The response the server would send for `bytes`: 431 or 413 past the limits, 400 for a
// malformed or incomplete request, else the route's answer (with X-Request-Id).
Response HandleWire(const Router& router, std::string_view bytes, const WireOptions& options);

}  // namespace meridian::http
