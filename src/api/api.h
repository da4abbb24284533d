// The JSON API under /api/v1 and the operational endpoints (/healthz, /readyz, /metrics).
// Handlers are thin: parse and validate the request, call the store or the catalog, render
// {"data": ..., "meta": ...}. Errors go through http/errors.h.
#pragma once

#include <functional>
#include <string>

#include "api/response_cache.h"
#include "base/memory.h"
#include "base/time.h"
#include "engine/search/search_service.h"
#include "engine/store/store.h"
#include "http/metrics.h"
#include "http/rate_limit.h"
#include "http/router.h"
#include "platform/accounts/accounts.h"
#include "platform/accounts/authorized_catalog.h"
#include "platform/catalog.h"
#include "platform/lifecycle/model_watcher.h"
#include "platform/matching/match_service.h"
#include "platform/recs/feed_service.h"
#include "platform/trust/trust_service.h"

namespace meridian::api {

struct ApiContext {
  Store* store = nullptr;
  Catalog* catalog = nullptr;
  const Clock* clock = nullptr;
  http::Metrics* metrics = nullptr;
  // Who is calling (sessions, API keys, the interim admin token) and what they may write.
  Accounts* accounts = nullptr;
  AuthorizedCatalog* writes = nullptr;
  http::RateLimiter* limiter = nullptr;  // nullptr = no rate limits
  http::AbuseLimits limits;
  std::string version;  // build version for /healthz
  // False while the server is starting or draining: /readyz answers 503.
  std::function<bool()> ready;
  // Cache of public single-record responses; nullptr = no caching. The owner keeps it
  // current with a ChangeFeed; handlers evict after their own writes.
  ResponseCache* cache = nullptr;
  // Full-text job search (q, sort, facets, salary_min on /api/v1/jobs); nullptr = only the
  // store's list filters.
  SearchService* search = nullptr;
  // The site-wide index of companies, public talent, articles and cities (/api/v1/search).
  SearchService* site_search = nullptr;
  // Related items and matching (/api/v1/.../related, /similar, /jobs, /talent); nullptr =
  // those routes answer 503.
  const MatchService* match = nullptr;
  // Events and the "for you" feed (/api/v1/events, /api/v1/me/feed); nullptr = events are
  // stored but the feed answers 503.
  FeedService* feed = nullptr;
  // Scam screening, moderation and freshness (/api/v1/moderation/..., confirm, filled);
  // nullptr = the moderation status route answers 503 (the queue itself reads the store).
  TrustService* trust = nullptr;
  // The registry's champions this process serves (/metrics, /api/v1/models); nullptr = not
  // reported.
  const ModelWatcher* models = nullptr;
  // Releases free heap memory on a schedule (/metrics reports it); nullptr = not running.
  const MemoryReleaser* memory = nullptr;
};

void RegisterApi(http::Router& router, const ApiContext& ctx);

}  // namespace meridian::api
