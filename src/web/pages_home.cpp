// The home page: search, popular tags, latest jobs, featured cities, latest guides, counts.
#include <algorithm>
#include <map>

#include "base/strings.h"
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

http::Response HomePage(const Site& site, const http::Request& req) {
  UnixSeconds now = site.Now();
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
  return site.Page(req,
                   {.title = "Remote jobs, companies and city guides",
                    .description = "Find remote jobs with real salaries and clear eligibility, "
                                   "companies that hire remotely, city guides for remote workers "
                                   "and developers to hire.",
                    .path = "/"},
                   "home", d);
}

}  // namespace

void RegisterHomePage(http::Router& router, std::shared_ptr<const Site> site) {
  router.Add(http::Method::kGet, "/", [site](http::Request& r) { return HomePage(*site, r); });
}

}  // namespace meridian::web
