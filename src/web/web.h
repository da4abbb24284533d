// Server-rendered web pages (kainjow mustache, HTML-escaped by default) and the static
// stylesheet, registered on the shared router. Pages read the store directly through its
// public interface; every page has a JSON twin under /api/v1.
#pragma once

#include <string>

#include "base/status.h"
#include "base/time.h"
#include "engine/store/store.h"
#include "http/router.h"

namespace meridian::web {

struct WebContext {
  Store* store = nullptr;
  const Clock* clock = nullptr;
  std::string base_url;  // "" = derive absolute URLs from the Host header
};

// Registers every page route plus the catch-all 404 page. Fails when a template does not
// compile.
Status RegisterPages(http::Router& router, const WebContext& ctx);

}  // namespace meridian::web
