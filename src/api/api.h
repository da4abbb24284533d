// The JSON API under /api/v1 and the operational endpoints (/healthz, /readyz, /metrics).
// Handlers are thin: parse and validate the request, call the store or the catalog, render
// {"data": ..., "meta": ...}. Errors go through http/errors.h.
#pragma once

#include <functional>
#include <string>

#include "api/response_cache.h"
#include "base/time.h"
#include "engine/store/store.h"
#include "http/metrics.h"
#include "http/router.h"
#include "platform/catalog.h"

namespace meridian::api {

struct ApiContext {
  Store* store = nullptr;
  Catalog* catalog = nullptr;
  const Clock* clock = nullptr;
  http::Metrics* metrics = nullptr;
  std::string admin_token;  // reads of private fields need it too
  std::string version;      // build version for /healthz
  // False while the server is starting or draining: /readyz answers 503.
  std::function<bool()> ready;
  // Cache of public single-record responses; nullptr = no caching. The owner keeps it
  // current with a ChangeFeed; handlers evict after their own writes.
  ResponseCache* cache = nullptr;
};

void RegisterApi(http::Router& router, const ApiContext& ctx);

}  // namespace meridian::api
