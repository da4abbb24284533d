// The home page: search, popular tags, latest jobs, featured cities, latest guides, counts.
#include <algorithm>
#include <map>

#include "base/strings.h"
#include "platform/recs/events.h"
#include "web/format.h"
#include "web/pages.h"
#include "web/views.h"

namespace meridian::web {
namespace {

constexpr int kTagSample = 100;  // recent live jobs whose tags make "popular tags"
constexpr size_t kLatestJobs = 10;
constexpr size_t kPopularTags = 14;

// The most frequent tags among `jobs`, ties by name.
std::vector<std::string> PopularTags(const std::vector<Job>& jobs) {
  std::map<std::string, int> counts;
  for (const Job& j : jobs) {
    for (const std::string& t : j.tags) ++counts[t];
  }
  std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> out;
  for (size_t i = 0; i < sorted.size() && i < kPopularTags; ++i) out.push_back(sorted[i].first);
  return out;
}

constexpr size_t kFeedItems = 6;

bool HasHeader(const http::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return true;
  }
  return false;
}

// The "for you" list (popular jobs until the visitor has done something).
void AddFeed(const Site& site, const Principal& who, const http::Request& req, UnixSeconds now,
             Site::Data* d) {
  const FeedService* feed = site.ctx().feed;
  d->set("has_feed", false);
  if (!feed) return;
  auto f = feed->ForYou({.owner = VisitorOwner(who, req),
                         .talent_slug = who.talent_slug,
                         .limit = kFeedItems,
                         .at = now});
  if (!f.ok() || f->items.empty()) return;  // the rest of the page does not depend on it
  Site::List items;
  int position = 0;
  for (const FeedItem& item : f->items) {
    Site::Data i;
    i.set("slug", item.slug);
    i.set("href", "/jobs/" + item.slug);
    i.set("title", item.title);
    i.set("company", item.company_name);
    i.set("reason", item.reason);
    i.set("position", std::to_string(++position));
    items.push_back(i);
  }
  d->set("has_feed", true);
  d->set("feed_items", items);
  d->set("feed_model", f->model_id);
  d->set("feed_limit", std::to_string(kFeedItems));
  d->set("feed_personalized", f->personalized);
  d->set("feed_profile", !who.talent_slug.empty());
}

http::Response HomePage(const Site& site, const http::Request& req) {
  UnixSeconds now = site.Now();
  Principal who = site.Caller(req);
  StatusOr<Page<Job>> jobs =
      site.store().ListJobs({.statuses = {"live"}, .valid_at = now}, {.limit = kTagSample});
  if (!jobs.ok()) return site.Error(req, jobs.status());
  StatusOr<Page<City>> cities = site.store().ListCities({}, {.limit = 6});
  if (!cities.ok()) return site.Error(req, cities.status());
  StatusOr<Page<Article>> articles = site.store().ListArticles({}, {.limit = 3});
  if (!articles.ok()) return site.Error(req, articles.status());
  StatusOr<TableCounts> counts = site.store().Counts();
  if (!counts.ok()) return site.Error(req, counts.status());

  Site::Data d;
  Site::List latest;
  for (size_t i = 0; i < jobs->items.size() && i < kLatestJobs; ++i) {
    latest.push_back(JobCard(jobs->items[i], now));
  }
  d.set("jobs", latest);
  d.set("no_jobs", latest.empty());
  std::vector<std::string> tags = PopularTags(jobs->items);
  d.set("popular_tags", TagChips(tags, "/jobs", "tag"));
  d.set("has_tags", !tags.empty());
  Site::List city_cards;
  for (const City& c : cities->items) city_cards.push_back(CityCard(c));
  d.set("cities", city_cards);
  Site::List article_cards;
  for (const Article& a : articles->items) article_cards.push_back(ArticleCard(a));
  d.set("articles", article_cards);
  auto count = [&](const char* table) {
    auto it = counts->rows.find(table);
    return WithThousands(it == counts->rows.end() ? 0 : it->second);
  };
  d.set("count_jobs", count("jobs"));
  d.set("count_companies", count("companies"));
  d.set("count_talent", count("talent"));
  d.set("count_cities", count("cities"));
  AddFeed(site, who, req, now, &d);
  http::Response page =
      site.Page(req,
                {.title = "Remote jobs, companies and city guides",
                 .description = "Find remote jobs with real salaries and clear eligibility, "
                                "companies that hire remotely, city guides for remote workers "
                                "and developers to hire.",
                 .path = "/",
                 .capture_events = true,
                 .who = &who},
                "home", d);
  // A known visitor's list is their own: no shared cache may keep it.
  EventOwner owner = VisitorOwner(who, req);
  bool known = owner.user_id > 0 || !owner.session_id.empty();
  if (site.ctx().feed && known && !HasHeader(page, "Cache-Control")) {
    page.headers.emplace_back("Cache-Control", "private, no-store");
  }
  return page;
}

}  // namespace

EventOwner VisitorOwner(const Principal& who, const http::Request& req) {
  if (who.user_id > 0) return {.user_id = who.user_id};
  std::string id = http::Cookie(req, kVisitorCookie);
  return {.session_id = IsVisitorId(id) ? id : std::string()};
}

void RegisterHomePage(http::Router& router, std::shared_ptr<const Site> site) {
  router.Add(http::Method::kGet, "/", [site](http::Request& r) { return HomePage(*site, r); });
}

}  // namespace meridian::web
