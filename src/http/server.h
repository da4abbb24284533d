// The HTTP/1.1 server (Boost.Beast, C++20 coroutines): one io_context and one SO_REUSEPORT
// acceptor per thread, keep-alive, header/body size limits, read and idle timeouts, and a
// graceful shutdown that lets in-flight requests finish. Handlers run inline on the I/O
// thread and must be quick; they only see http::Request/Response (message.h).
//
//   Server server(router, metrics, {.port = 0});
//   RETURN_IF_ERROR(server.Start());      // server.port() is the bound port
//   ...
//   server.Shutdown();                    // or RunUntilSignal() for SIGINT/SIGTERM
//   server.Wait();
#pragma once

#include <spdlog/logger.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/status.h"
#include "http/metrics.h"
#include "http/router.h"

namespace meridian::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port
  int threads = 0;  // 0 = one per core
  int64_t max_header_bytes = 16 * 1024;
  int64_t max_body_bytes = 1024 * 1024;
  int read_timeout_seconds = 30;
  int idle_timeout_seconds = 60;
  int shutdown_grace_seconds = 10;
  int blocking_threads = 2;                    // run the handlers of routes marked `blocking`
  std::shared_ptr<spdlog::logger> access_log;  // nullptr = no access log
  // Behind a reverse proxy: take the client address from X-Forwarded-For and the scheme from
  // X-Forwarded-Proto. Off by default, since any client can send those headers.
  bool trust_proxy = false;
};

class Server {
 public:
  // `metrics` must outlive the server; Start() sets its route table.
  Server(const Router& router, Metrics& metrics, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the I/O threads. kUnavailable when the address is in use.
  Status Start();
  // The bound port (after Start).
  int port() const;
  // Stops accepting, closes idle connections and lets busy ones finish their request.
  // Thread-safe and idempotent.
  void Shutdown();
  // Blocks until every I/O thread has exited (forcing them after the grace period).
  void Wait();
  // Start(), then block until SIGINT or SIGTERM, then shut down gracefully and Wait().
  Status RunUntilSignal(const std::function<void(int port)>& on_listening);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace meridian::http
