// /cities, /cities/{slug}, /articles and /articles/{slug}.
#include <algorithm>
#include <cmath>

#include "base/slug.h"
#include "base/strings.h"
#include "platform/codec.h"
#include "platform/geo.h"
#include "platform/nomad_score.h"
#include "platform/vocab.h"
#include "web/format.h"
#include "web/pages.h"
#include "web/pages_match.h"
#include "web/views.h"

namespace meridian::web {
namespace {

constexpr int kCitiesPerPage = 24;
constexpr int kArticlesPerPage = 12;
constexpr std::string_view kCityGuidePrefix = "city-guide-";

struct Hub {
  const char* name;
  const char* zone;
};
constexpr Hub kHubs[] = {{"New York", "America/New_York"},
                         {"London", "Europe/London"},
                         {"Berlin", "Europe/Berlin"},
                         {"Singapore", "Asia/Singapore"},
                         {"San Francisco", "America/Los_Angeles"}};

std::optional<std::string> NormalizeCountryFilter(std::string_view v) {
  StatusOr<std::string> c = ResolveCountry(v);
  if (!c.ok()) return std::nullopt;
  return *c;
}

// All countries by English name, for the filter's <select>. Built once.
const std::vector<std::pair<std::string, std::string>>& CountryOptions() {
  static const std::vector<std::pair<std::string, std::string>> options = [] {
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& code : CountryCodes()) out.emplace_back(code, AreaName(code));
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    return out;
  }();
  return options;
}

std::string HoursText(int minutes) {
  if (minutes % 60 == 0) return std::to_string(minutes / 60) + " h";
  return FormatFixed(minutes / 60.0, 1) + " h";
}

http::Response CitiesPage(const Site& site, const http::Request& req) {
  Notes notes;
  CityFilter f;
  f.country =
      VocabFilter(req, "country", NormalizeCountryFilter, "an ISO country code such as PT", &notes);
  f.name_contains = TextFilter(req, "q", 100, &notes);
  bool has_cursor = false;
  StatusOr<Page<City>> page = FetchPage(req, kCitiesPerPage, &notes, &has_cursor,
                                        [&](auto& p) { return site.store().ListCities(f, p); });
  if (!page.ok()) return site.Error(req, page.status());
  std::vector<std::pair<std::string, std::string>> params = {{"q", f.name_contains},
                                                             {"country", f.country}};
  bool filtered = !QueryString(params).empty();

  Site::Data d;
  Site::List cities;
  for (const City& c : page->items) cities.push_back(CityCard(c));
  d.set("cities", cities);
  d.set("empty", page->items.empty());
  d.set("q", f.name_contains);
  d.set("countries", SelectOptions(CountryOptions(), f.country));
  d.set("filtered", filtered);
  d.set("notes", notes.ToList());
  d.set("pager", Pager("/cities", params, page->next_cursor, has_cursor));
  std::string heading = f.country.empty() ? "Cities for remote workers"
                                          : "Cities for remote workers in " + AreaName(f.country);
  d.set("heading", heading);
  return site.Page(req,
                   {.title = heading,
                    .description = "City guides for remote workers: time-zone overlap with the "
                                   "big hubs, nomad score with its method, population and "
                                   "developers living there.",
                    .path = "/cities",
                    .query = QueryString(params),
                    .nav = "cities",
                    .noindex = !f.name_contains.empty() || has_cursor},
                   "cities", d);
}

Site::Data NomadData(const City& city) {
  NomadScore score = ComputeNomadScore(city);
  std::optional<double> shown = NomadScoreOf(city);
  Site::Data d;
  d.set("score", shown ? FormatFixed(std::round(*shown), 0) : std::string("\u2014"));
  d.set("has_score", shown.has_value());
  d.set("score_class", WidthClass(shown.value_or(0)));
  Site::List rows;
  std::vector<std::string> unknown;
  double known_weight = 0;
  for (const char* name : {"cost", "internet", "safety", "overlap"}) {
    auto it = std::find_if(score.components.begin(), score.components.end(),
                           [&](const NomadComponent& c) { return c.name == name; });
    if (it == score.components.end()) {
      unknown.push_back(AsciiLower(NomadComponentLabel(name)));
      continue;
    }
    known_weight += it->weight;
    Site::Data r;
    r.set("label", NomadComponentLabel(it->name));
    r.set("weight", FormatFixed(it->weight * 100, 0) + "%");
    r.set("score", FormatFixed(std::round(it->score), 0));
    r.set("bar", WidthClass(it->score));
    r.set("detail", it->detail);
    rows.push_back(r);
  }
  d.set("rows", rows);
  size_t known = score.components.size();
  d.set("known_count",
        std::to_string(known) + (known == 1 ? " known component" : " known components"));
  d.set("unknown", Opt(Join(unknown, ", ")));
  d.set("known_weight", FormatFixed(known_weight * 100, 0) + "%");
  return d;
}

http::Response CityPage(const Site& site, const http::Request& req) {
  std::string slug = req.Param("slug");
  if (!ValidateSlug(slug).ok()) return site.NotFound(req);
  StatusOr<City> city = site.store().GetCity(slug);
  if (!city.ok()) return site.Error(req, city.status());
  UnixSeconds now = site.Now();

  Site::Data d = CityCard(*city);
  d.set("province", Opt(city->province));
  d.set("population_full", WithThousands(city->population));
  d.set("coordinates", FormatCoordinates(city->lat, city->lng));
  d.set("country_href", "/cities?country=" + city->country);
  if (const MatchService* match = site.ctx().match; match != nullptr) {
    SetMatchBox(d, "similar_cities", "Similar cities",
                match->SimilarCities(city->slug, {.limit = 4, .at = now}));
    SetMatchBox(d, "city_articles", "Related reading",
                match->ArticlesForCity(city->slug, {.limit = 3, .at = now}));
  }
  bool zone_ok = IsValidTimezone(city->timezone);
  d.set("zone_ok", zone_ok);
  if (zone_ok) {
    int offset = UtcOffsetMinutes(city->timezone, now);
    d.set("utc_offset", FormatUtcOffset(offset));
    int64_t local = ((now + offset * 60LL) % 86400 + 86400) % 86400;
    d.set("local_time", FormatClock(static_cast<int>(local / 60)));
    Site::List hubs;
    for (const Hub& h : kHubs) {
      int overlap = OverlapMinutes(city->timezone, 540, 1020, h.zone, 540, 1020, now);
      Site::Data hd;
      hd.set("name", h.name);
      hd.set("hours", HoursText(overlap));
      hd.set("bar", WidthClass(overlap / 480.0 * 100));
      hd.set("offset", FormatUtcOffset(UtcOffsetMinutes(h.zone, now)));
      hubs.push_back(hd);
    }
    d.set("hubs", hubs);
  } else {
    d.set("utc_offset", "");
    d.set("local_time", "");
    d.set("hubs", Site::List{});
  }
  d.set("nomad", NomadData(*city));

  // Talent has no city filter in the store: show people in the same country.
  StatusOr<Page<Talent>> people = site.store().ListTalent({.country = city->country}, {.limit = 6});
  if (!people.ok()) return site.Error(req, people.status());
  Site::List talent;
  for (const Talent& t : people->items) talent.push_back(TalentCard(t));
  d.set("people", talent);
  d.set("talent_href", "/talent?country=" + city->country);

  StatusOr<Article> guide = site.store().GetArticle(std::string(kCityGuidePrefix) + city->slug);
  if (!guide.ok() && guide.status().code() != StatusCode::kNotFound) {
    return site.Error(req, guide.status());
  }
  d.set("guide_href", Opt(guide.ok() ? "/articles/" + guide->slug : std::string()));
  d.set("guide_title", guide.ok() ? guide->title : std::string());

  std::string country = AreaName(city->country);
  return site.Page(req,
                   {.title = city->name + ", " + country + " for remote workers",
                    .description = "Remote work from " + city->name + ", " + country +
                                   ": time-zone overlap with New York, London and Berlin, nomad "
                                   "score, local time and developers in " +
                                   country + ".",
                    .path = "/cities/" + city->slug,
                    .nav = "cities"},
                   "city", d);
}

http::Response ArticlesPage(const Site& site, const http::Request& req) {
  Notes notes;
  ArticleFilter f;
  f.tag = VocabFilter(req, "tag", NormalizeTag, "a tag of 1 to 40 characters", &notes);
  bool has_cursor = false;
  StatusOr<Page<Article>> page =
      FetchPage(req, kArticlesPerPage, &notes, &has_cursor,
                [&](auto& p) { return site.store().ListArticles(f, p); });
  if (!page.ok()) return site.Error(req, page.status());
  std::vector<std::pair<std::string, std::string>> params = {{"tag", f.tag}};

  Site::Data d;
  Site::List articles;
  for (const Article& a : page->items) articles.push_back(ArticleCard(a));
  d.set("articles", articles);
  d.set("empty", page->items.empty());
  d.set("tag", Opt(f.tag));
  d.set("notes", notes.ToList());
  d.set("pager", Pager("/articles", params, page->next_cursor, has_cursor));
  std::string heading = f.tag.empty() ? "Remote-work guides" : "Remote-work guides: " + f.tag;
  d.set("heading", heading);
  return site.Page(req,
                   {.title = heading,
                    .description = "Guides to working remotely: cities, time zones, salaries, "
                                   "hiring across borders and staying productive.",
                    .path = "/articles",
                    .query = QueryString(params),
                    .nav = "articles",
                    .noindex = has_cursor},
                   "articles", d);
}

http::Response ArticlePage(const Site& site, const http::Request& req) {
  std::string slug = req.Param("slug");
  if (!ValidateSlug(slug).ok()) return site.NotFound(req);
  StatusOr<Article> a = site.store().GetArticle(slug);
  if (!a.ok()) return site.Error(req, a.status());

  Site::Data d = ArticleCard(*a);
  d.set("slug", a->slug);
  d.set("tags", TagChips(a->tags, "/articles", "tag"));
  d.set("body_html", Opt(MarkdownToHtml(a->body)));
  d.set("summary", Opt(a->summary));
  std::string city_href, city_name;
  if (StartsWith(a->slug, kCityGuidePrefix)) {
    StatusOr<City> c = site.store().GetCity(a->slug.substr(kCityGuidePrefix.size()));
    if (c.ok()) {
      city_href = "/cities/" + c->slug;
      city_name = c->name;
    }
  }
  d.set("city_href", Opt(city_href));
  d.set("city_name", city_name);
  StatusOr<Page<Article>> latest = site.store().ListArticles({}, {.limit = 4});
  Site::List more;
  if (latest.ok()) {
    for (const Article& o : latest->items) {
      if (o.slug != a->slug && more.size() < 3) more.push_back(ArticleCard(o));
    }
  }
  d.set("more", more);
  if (const MatchService* match = site.ctx().match; match != nullptr) {
    SetMatchBox(d, "related_articles", "Related articles",
                match->RelatedArticles(a->slug, {.limit = 4, .at = site.Now()}));
  }
  return site.Page(req,
                   {.title = a->title,
                    .description = a->summary.empty() ? PlainExcerpt(a->body, 160)
                                                      : PlainExcerpt(a->summary, 160),
                    .path = "/articles/" + a->slug,
                    .nav = "articles",
                    .capture_events = true},
                   "article", d);
}

}  // namespace

void RegisterPlacePages(http::Router& router, std::shared_ptr<const Site> site) {
  router.Add(http::Method::kGet, "/cities",
             [site](http::Request& r) { return CitiesPage(*site, r); });
  router.Add(http::Method::kGet, "/cities/{slug}",
             [site](http::Request& r) { return CityPage(*site, r); });
  router.Add(http::Method::kGet, "/articles",
             [site](http::Request& r) { return ArticlesPage(*site, r); });
  router.Add(http::Method::kGet, "/articles/{slug}",
             [site](http::Request& r) { return ArticlePage(*site, r); });
}

}  // namespace meridian::web
