// `meridian serve`: the API, the web pages and the operational endpoints on one port.
#include <spdlog/spdlog.h>

#include <cstdio>

#include "base/logging.h"
#include "cli/app.h"
#include "cli/common.h"
#include "engine/store/open_store.h"
#include "http/server.h"

#ifndef MERIDIAN_VERSION
#define MERIDIAN_VERSION "dev"
#endif

namespace meridian::cli {

int RunServe(const Settings& settings) {
  StatusOr<std::unique_ptr<App>> app = App::Start(settings);
  if (!app.ok()) return Fail(app.status());
  http::ServerOptions options{
      .host = settings.host,
      .port = settings.port,
      .threads = settings.threads,
      .max_header_bytes = settings.max_header_bytes,
      .max_body_bytes = settings.max_body_bytes,
      .read_timeout_seconds = settings.read_timeout_seconds,
      .idle_timeout_seconds = settings.idle_timeout_seconds,
      .shutdown_grace_seconds = settings.shutdown_grace_seconds,
      .blocking_threads = settings.blocking_threads,
      .access_log = settings.access_log
                        ? MakeLogger("access", {.level = "info", .format = settings.log_format})
                        : nullptr,
      .trust_proxy = settings.trust_proxy};
  if (!settings.admin_token.empty()) {
    spdlog::warn(
        "the interim admin token is enabled: anyone holding it is an admin. Prefer admin "
        "accounts and keys (meridian users create, meridian keys create)");
  }
  http::Server server((*app)->router(), (*app)->metrics(), options);
  Status s = server.RunUntilSignal([&](int port) {
    (*app)->SetReady(true);
    // Tests and scripts read this line to find the port.
    std::printf("meridian %s listening on http://%s:%d (db %s)\n", MERIDIAN_VERSION,
                settings.host.c_str(), port, RedactStoreUrl(settings.db).c_str());
    std::fflush(stdout);
  });
  (*app)->SetReady(false);
  if (!s.ok()) return Fail(s);
  spdlog::info("stopped");
  return 0;
}

}  // namespace meridian::cli
