// The rendering side of the web layer: templates compiled into the binary, the page layout,
// and the error pages. One Site is created by RegisterPages and shared by every handler.
//
//   Site::Data body;
//   body.set("title", job.title);                       // escaped by {{title}}
//   return site.Page(req, {.title = job.title, .path = "/jobs/" + slug}, "job", body);
//
// Thread-safety: a Site is immutable after Create; every method may run on any thread. Each
// render parses a fresh template object because kainjow's render() mutates its template.
#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "base/statusor.h"
#include "http/message.h"
#include "web/web.h"

namespace meridian::web {

// What the layout needs to know about a page besides its body.
struct PageInfo {
  std::string title;        // page title; " · Meridian" is appended
  std::string description;  // meta description (plain text)
  std::string path;         // canonical path, e.g. "/jobs/rust-dev"
  std::string query;        // canonical query string ("?tag=rust"), "" for none
  std::string nav;          // active navigation item: jobs|cities|articles|talent|companies
  bool noindex = false;     // error pages and filtered lists
  std::string json_ld;      // ScriptSafeJson output for <script type="application/ld+json">
  // Feeds of this page, for <link rel="alternate">.
  struct Feed {
    std::string type, title, href;
  };
  std::vector<Feed> feeds;
  bool live_search = false;  // loads /static/search.js (search as you type)
  // Loads /static/events.js: first-party capture of views, saves, applies and hides, and the
  // "for you" list's refresh (the home page, job pages, /me/activity).
  bool capture_events = false;
  // Loads uPlot (/static/uplot.js, uplot.css) and /static/models.js, which draws the charts
  // described by the page's <script type="application/json" id="model-charts"> block.
  bool model_charts = false;
  int status = 200;
  // The caller when the handler already knows it (account pages). nullptr = the layout
  // authenticates the session cookie itself, and only when one was sent.
  const Principal* who = nullptr;
};

class Site {
 public:
  using Data = kainjow::mustache::data;
  using List = kainjow::mustache::list;

  // Loads every template ("templates/<name>.mustache") from the embedded assets and checks
  // that each compiles. kInternal naming the template when one is missing or broken.
  static StatusOr<std::unique_ptr<Site>> Create(const WebContext& ctx);

  Store& store() const { return *ctx_.store; }
  const WebContext& ctx() const { return ctx_; }
  UnixSeconds Now() const { return ctx_.clock->Now(); }
  // "https://meridian.example" from WebContext.base_url, else scheme + Host header.
  std::string BaseUrl(const http::Request& req) const;

  // The caller of `req` from its session cookie: anonymous without one (no store access), or
  // when the session is unknown, expired or cannot be read. Pages without accounts: anonymous.
  Principal Caller(const http::Request& req) const;

  // Renders template `name` with `data`, wraps it in the layout and answers with
  // info.status. A template failure answers the generic error page. The header shows the
  // account links of the caller: a page shown to a signed-in caller carries its CSRF token
  // and is sent with "Cache-Control: private, no-store"; a stale session cookie is cleared.
  http::Response Page(const http::Request& req, const PageInfo& info, std::string_view name,
                      Data data) const;
  // The 404 page.
  http::Response NotFound(const http::Request& req) const;
  // The page for a failed read: kNotFound -> 404 page; kUnavailable and friends -> 503;
  // anything else 500. The message never carries internals (they go to the log).
  http::Response Error(const http::Request& req, const Status& status) const;

  // Renders one template to HTML (no layout). Public for tests and partial reuse.
  StatusOr<std::string> Render(std::string_view name, const Data& data) const;

 private:
  explicit Site(const WebContext& ctx) : ctx_(ctx) {}
  http::Response Plain500() const;

  WebContext ctx_;
  std::map<std::string, std::string, std::less<>> templates_;  // name -> text
};

// A string value, or false when `s` is empty, so that {{#s}}...{{/s}} hides the block
// (kainjow treats "" as true).
Site::Data Opt(const std::string& s);

}  // namespace meridian::web
