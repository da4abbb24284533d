// Server-rendered web pages (kainjow mustache, HTML-escaped by default) and the static
// stylesheet, registered on the shared router. Pages read the store directly through its
// public interface; every page has a JSON twin under /api/v1.
#pragma once

#include <functional>
#include <string>

#include "base/status.h"
#include "base/time.h"
#include "engine/search/search_service.h"
#include "engine/store/store.h"
#include "http/rate_limit.h"
#include "http/router.h"
#include "platform/accounts/accounts.h"
#include "platform/accounts/authorized_catalog.h"
#include "platform/lifecycle/model_watcher.h"
#include "platform/matching/match_service.h"
#include "platform/recs/feed_service.h"
#include "platform/trust/trust_service.h"

namespace meridian::web {

struct WebContext {
  Store* store = nullptr;
  const Clock* clock = nullptr;
  std::string base_url;  // "" = derive absolute URLs from the Host header
  // Accounts and the caller's writes (issue 3). nullptr = no account pages.
  Accounts* accounts = nullptr;
  AuthorizedCatalog* writes = nullptr;
  http::RateLimiter* limiter = nullptr;  // nullptr = no rate limits
  http::AbuseLimits limits;
  // Full-text search for /jobs?q= (nullptr = q filters titles in the store).
  SearchService* search = nullptr;
  // Related items and matches on article, job, company, city and talent pages (nullptr =
  // no such boxes).
  const MatchService* match = nullptr;
  // The "for you" list on the home page and /me/activity (nullptr = neither).
  FeedService* feed = nullptr;
  // Moderation status on /admin/moderation (nullptr = the queue without it).
  const TrustService* trust = nullptr;
  // The versions this process serves, on /admin/models (nullptr = the registry without them).
  const ModelWatcher* models = nullptr;
  // Called after a page writes a record (read-your-writes for the API's response cache).
  std::function<void(Entity, const std::string& slug)> after_write;
};

// Registers every page route plus the catch-all 404 page. Fails when a template does not
// compile.
Status RegisterPages(http::Router& router, const WebContext& ctx);

}  // namespace meridian::web
