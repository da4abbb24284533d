// Page handlers, grouped by area. Each Register* adds its routes to the router; handlers keep
// `site` alive through the shared pointer. Handlers never throw and never answer 500 for bad
// query input: invalid filters are dropped and reported on the page (templates/_notes).
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/store/store.h"
#include "http/router.h"
#include "web/site.h"

namespace meridian::web {

void RegisterJobPages(http::Router& router, std::shared_ptr<const Site> site);
void RegisterCatalogPages(http::Router& router, std::shared_ptr<const Site> site);
void RegisterPlacePages(http::Router& router, std::shared_ptr<const Site> site);
void RegisterHomePage(http::Router& router, std::shared_ptr<const Site> site);
// Account pages (issue 3); registered only when WebContext.accounts is set.
void RegisterAccountPages(http::Router& router, std::shared_ptr<const Site> site);
void RegisterEmployerPages(http::Router& router, std::shared_ptr<const Site> site);
void RegisterModerationPages(http::Router& router, std::shared_ptr<const Site> site);
// /admin/models: the ML lifecycle dashboard, promote and rollback (issue 8).
void RegisterModelPages(http::Router& router, std::shared_ptr<const Site> site);
void RegisterTalentPages(http::Router& router, std::shared_ptr<const Site> site);
// /me/activity: what the visitor's "for you" list learns from (issue 6).
void RegisterActivityPages(http::Router& router, std::shared_ptr<const Site> site);

// Whose activity a page shows: the signed-in account, else the visitor cookie (empty
// owner when there is none yet).
EventOwner VisitorOwner(const Principal& who, const http::Request& req);

// Filter notes shown above a list ("Ignored seniority “wizard”: ...").
class Notes {
 public:
  void Add(std::string note) { notes_.push_back(std::move(note)); }
  bool empty() const { return notes_.empty(); }
  // [{text}] for templates/_notes.mustache.
  Site::List ToList() const;

 private:
  std::vector<std::string> notes_;
};

// A text filter from the query string: trimmed, valid UTF-8, at most `max_chars` code points.
// Anything else is dropped with a note.
std::string TextFilter(const http::Request& req, std::string_view name, size_t max_chars,
                       Notes* notes);
// A filter checked by `normalize` (returns nullopt when invalid). Bad values are dropped with
// a note naming `expected`.
template <typename Fn>
std::string VocabFilter(const http::Request& req, std::string_view name, Fn normalize,
                        std::string_view expected, Notes* notes) {
  std::string raw = TextFilter(req, name, 100, notes);
  if (raw.empty()) return "";
  std::optional<std::string> v = normalize(raw);
  if (!v) {
    notes->Add("Ignored " + std::string(name) + " \u201c" + raw + "\u201d: expected " +
               std::string(expected) + ".");
    return "";
  }
  return *v;
}

// "one of intern, junior, mid" for filter notes.
std::string OneOf(std::span<const std::string_view> vocab);

// The keyset cursor of the request ("" for the first page).
std::string CursorParam(const http::Request& req);
// True for a store error about the cursor: the page then restarts from the first page.
bool IsCursorError(const Status& s);
// The note shown when a stale or malformed cursor was dropped.
inline constexpr std::string_view kCursorNote =
    "That page link is no longer valid, so the list starts from the first page.";

// Runs `fetch(PageRequest)` for one page of `limit` rows at the request's cursor. A cursor
// the store rejects is dropped (with a note) and the first page is fetched instead.
// *has_cursor tells whether the page shown is not the first one.
template <typename Fn>
auto FetchPage(const http::Request& req, int limit, Notes* notes, bool* has_cursor, Fn fetch)
    -> decltype(fetch(std::declval<const PageRequest&>())) {
  PageRequest p{.limit = limit, .cursor = CursorParam(req)};
  auto page = fetch(static_cast<const PageRequest&>(p));
  if (!page.ok() && !p.cursor.empty() && IsCursorError(page.status())) {
    notes->Add(std::string(kCursorNote));
    p.cursor.clear();
    page = fetch(static_cast<const PageRequest&>(p));
  }
  *has_cursor = !p.cursor.empty();
  return page;
}

}  // namespace meridian::web
