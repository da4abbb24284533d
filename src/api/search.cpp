// Full-text search: jobs on /api/v1/jobs (q: words, "phrases", -exclusions, typos,
// prefixes; the list filters, tag_all, salary_min in annual USD, eligible_from, tz and
// min_overlap, sort, facets, offset cursors, highlighted snippets), and the site-wide
// /api/v1/search across jobs, companies, talent, articles and cities.
#include <algorithm>

#include "api/api.h"
#include "api/caller.h"
#include "api/respond.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "engine/search/snippet.h"
#include "platform/catalog.h"
#include "platform/geo.h"
#include "platform/search_filters.h"
#include "platform/vocab.h"

namespace meridian::api {
namespace {

constexpr size_t kMaxQueryChars = 200;
constexpr size_t kMaxOffset = 10000;

// Search cursors are "s1.<offset>" in base64url: opaque to clients, and never confused with
// a keyset cursor of the plain list.
std::string EncodeOffset(size_t offset) {
  return Base64UrlEncode("s1." + std::to_string(offset));
}

StatusOr<size_t> DecodeOffset(const std::string& cursor) {
  if (cursor.empty()) return size_t{0};
  auto raw = Base64UrlDecode(cursor);
  auto bad = InvalidArgumentError("cursor: not a cursor of this search", "cursor");
  if (!raw || !StartsWith(*raw, "s1.")) return bad;
  auto n = ParseInt(std::string_view(*raw).substr(3));
  if (!n || *n < 0 || static_cast<size_t>(*n) > kMaxOffset) return bad;
  return static_cast<size_t>(*n);
}

// {"title": "...<mark>..</mark>...", "snippet": "..."}: HTML, escaped, matches marked.
Json Highlight(Analyzer& analyzer, std::string_view title, std::string_view markdown,
               const std::vector<std::string>& terms) {
  return {{"title", SnippetHtml(MakeSnippet(analyzer, title, terms, {.max_bytes = 400}))},
          {"snippet", SnippetHtml(MakeSnippet(analyzer, MarkdownToPlainText(markdown), terms))}};
}

}  // namespace

StatusOr<std::pair<Json, Json>> SearchJobs(const ApiContext& ctx, const http::Request& req,
                                           const Principal& who, const JobFilter& f,
                                           const PageRequest& p) {
  SearchQuery q;
  q.text = req.Query("q").value_or("");
  if (Utf8Length(q.text) > kMaxQueryChars) {
    return InvalidArgumentError("q: at most " + std::to_string(kMaxQueryChars) + " characters",
                                "q");
  }
  q.company = f.company_slug;
  q.tags_any = f.tags_any;
  for (const std::string& t : req.QueryAll("tag_all")) {
    for (const std::string& part : Split(t, ',')) {
      if (Trim(part).empty()) continue;
      auto tag = NormalizeTag(part);
      if (!tag) return InvalidArgumentError("tag_all: must be 1 to 40 characters", "tag_all");
      q.tags_all.push_back(*tag);
    }
  }
  if (q.tags_all.size() > 20) return InvalidArgumentError("tag_all: at most 20 tags", "tag_all");
  q.seniority = f.seniority;
  q.employment_type = f.employment_type;
  q.statuses = f.statuses;
  q.posted_since = f.posted_since;
  q.valid_at = f.valid_at;
  if (auto sort = req.Query("sort"); sort && !sort->empty()) {
    if (*sort == "relevance") {
      q.sort = SearchSort::kRelevance;
    } else if (*sort == "newest") {
      q.sort = SearchSort::kNewest;
    } else if (*sort == "salary") {
      q.sort = SearchSort::kSalary;
    } else {
      return InvalidArgumentError("sort: expected relevance, newest or salary", "sort");
    }
  }
  if (auto facets = req.Query("facets"); facets && !facets->empty()) {
    for (const std::string& name : Split(*facets, ',')) {
      std::string n(Trim(name));
      if (!n.empty() && std::find(q.facets.begin(), q.facets.end(), n) == q.facets.end()) {
        q.facets.push_back(n);
      }
    }
  }
  for (const char* name : {"salary_min", "salary_max"}) {
    auto s = req.Query(name);
    if (!s || s->empty()) continue;
    auto n = ParseInt(*s);
    if (!n || *n < 0 || *n > 10'000'000) {
      return InvalidArgumentError(std::string(name) + ": expected annual USD from 0 to 10000000",
                                  name);
    }
    (std::string_view(name) == "salary_min" ? q.salary_min_usd : q.salary_max_usd) =
        static_cast<double>(*n);
  }
  if (q.salary_min_usd && q.salary_max_usd && *q.salary_min_usd > *q.salary_max_usd) {
    return InvalidArgumentError("salary_max: below salary_min", "salary_max");
  }
  // "Can I apply from X": jobs open to X, to a region containing X, or worldwide.
  if (auto from = req.Query("eligible_from"); from && !from->empty()) {
    auto country = ResolveCountry(*from);
    if (!country.ok()) {
      return InvalidArgumentError("eligible_from: " + country.status().message(), "eligible_from");
    }
    q.area_ok = EligibleFrom(*country);
  }
  // "At least N hours overlap with my 09:00-17:00 in zone Z" (DST-correct, today).
  auto tz = req.Query("tz");
  auto overlap = req.Query("min_overlap");
  if ((tz && !tz->empty()) || (overlap && !overlap->empty())) {
    if (!tz || tz->empty()) return InvalidArgumentError("tz: required with min_overlap", "tz");
    if (!IsValidTimezone(*tz)) {
      return InvalidArgumentError("tz: not an IANA time zone (e.g. Europe/Lisbon)", "tz");
    }
    int hours = 1;
    if (overlap && !overlap->empty()) {
      auto n = ParseInt(*overlap);
      if (!n || *n < 1 || *n > 8) {
        return InvalidArgumentError("min_overlap: hours from 1 to 8", "min_overlap");
      }
      hours = static_cast<int>(*n);
    }
    q.window_ok = OverlapsOfficeHours(*tz, hours, ctx.clock->Now());
  }
  ASSIGN_OR_RETURN(q.offset, DecodeOffset(p.cursor));
  q.limit = static_cast<size_t>(p.limit);
  ASSIGN_OR_RETURN(SearchResult r, ctx.search->Search(q));

  Json data = Json::array();
  Analyzer analyzer;
  // One store round trip for the page (several replicas read a remote PostgreSQL).
  std::vector<std::string> slugs;
  for (const SearchHit& hit : r.hits) slugs.push_back(hit.slug);
  ASSIGN_OR_RETURN(auto jobs, ctx.store->GetJobs(slugs));
  for (const SearchHit& hit : r.hits) {
    auto found = jobs.find(hit.slug);
    if (found == jobs.end()) continue;  // deleted since the index was built
    const Job& job = found->second;
    Json j = EncodeRecord(job, JobView(who, job));
    if (!r.terms.empty()) {
      j["score"] = hit.score;
      j["highlight"] = Highlight(analyzer, job.title, job.description, r.terms);
    }
    data.push_back(std::move(j));
  }
  Json facets = Json::object();
  for (const auto& [name, values] : r.facets) {
    Json list = Json::array();
    for (const FacetCount& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
    facets[name] = std::move(list);
  }
  size_t next = q.offset + r.hits.size();
  Json meta = {{"limit", p.limit},
               {"count", data.size()},
               {"total", r.total},
               {"typos", r.used_typos},
               {"next_cursor",
                next < r.total && next <= kMaxOffset ? Json(EncodeOffset(next)) : Json(nullptr)}};
  if (!q.facets.empty()) meta["facets"] = std::move(facets);
  return std::make_pair(std::move(data), std::move(meta));
}

}  // namespace meridian::api

namespace meridian::api {
namespace {

constexpr int kMaxPerType = 20;

struct SiteHit {
  std::string title, url, markdown;
};

// The record behind a site-index key, as what a result shows; NotFound when it is gone.
StatusOr<SiteHit> LoadSiteHit(Store& store, std::string_view kind, const std::string& slug) {
  if (kind == "company") {
    ASSIGN_OR_RETURN(Company c, store.GetCompany(slug));
    return SiteHit{c.name, "/companies/" + c.slug, c.description};
  }
  if (kind == "talent") {
    ASSIGN_OR_RETURN(Talent t, store.GetTalent(slug));
    if (t.visibility != "public") return NotFoundError("hidden");
    return SiteHit{t.name, "/talent/" + t.slug, t.headline + "\n\n" + t.summary};
  }
  if (kind == "article") {
    ASSIGN_OR_RETURN(Article a, store.GetArticle(slug));
    return SiteHit{a.title, "/articles/" + a.slug, a.summary + "\n\n" + a.body};
  }
  ASSIGN_OR_RETURN(City c, store.GetCity(slug));
  return SiteHit{c.name, "/cities/" + c.slug, c.province};
}

}  // namespace

// GET /api/v1/search?q=…[&type=jobs,companies,talent,articles,cities][&limit=5]
// The best matches of each type, with totals, highlighted titles and snippets.
http::Response SiteSearch(const ApiContext& ctx, http::Request& req) {
  auto run = [&]() -> StatusOr<Json> {
    RETURN_IF_ERROR(OnlyParams(req, {"q", "type", "limit"}));
    if (!ctx.search || !ctx.site_search) {
      return UnavailableError("full-text search is off on this server");
    }
    std::string text = req.Query("q").value_or("");
    if (Trim(text).empty()) return InvalidArgumentError("q: required", "q");
    if (Utf8Length(text) > kMaxQueryChars) {
      return InvalidArgumentError("q: at most " + std::to_string(kMaxQueryChars) + " characters",
                                  "q");
    }
    ASSIGN_OR_RETURN(int limit, LimitFrom(req, 5, kMaxPerType));
    // Plural names as in the API paths, and the kind each one is in the site index.
    static const std::pair<std::string_view, std::string_view> kTypes[] = {{"jobs", "job"},
                                                                           {"companies", "company"},
                                                                           {"talent", "talent"},
                                                                           {"articles", "article"},
                                                                           {"cities", "city"}};
    std::vector<std::pair<std::string_view, std::string_view>> types;
    std::string wanted = req.Query("type").value_or("");
    if (Trim(wanted).empty()) {
      types.assign(std::begin(kTypes), std::end(kTypes));
    } else {
      for (const std::string& name : Split(wanted, ',')) {
        auto it = std::find_if(std::begin(kTypes), std::end(kTypes),
                               [&](const auto& t) { return t.first == Trim(name); });
        if (it == std::end(kTypes)) {
          return InvalidArgumentError(
              "type: expected a list of jobs, companies, talent, articles, cities", "type");
        }
        if (std::find(types.begin(), types.end(), *it) == types.end()) types.push_back(*it);
      }
    }
    Json data = Json::object(), totals = Json::object();
    bool typos = false;
    Analyzer analyzer;
    // Typos are decided across all kinds, as for one index: only when no kind matches the
    // exact words are they searched again with near-misses ("rust" must not bring
    // articles about "trust" beside exact Rust jobs).
    auto search_kind = [&](std::string_view kind, TypoMode mode) -> StatusOr<SearchResult> {
      SearchQuery q{.text = text, .typos = mode, .limit = static_cast<size_t>(limit)};
      if (kind == "job") {
        q.statuses = {"live"};
        q.valid_at = ctx.clock->Now();
        return ctx.search->Search(q);
      }
      q.statuses = {std::string(kind)};
      return ctx.site_search->Search(q);
    };
    std::vector<SearchResult> results;
    size_t exact_total = 0;
    for (const auto& type : types) {
      ASSIGN_OR_RETURN(SearchResult r, search_kind(type.second, TypoMode::kOff));
      exact_total += r.total;
      results.push_back(std::move(r));
    }
    if (exact_total == 0) {
      for (size_t i = 0; i < types.size(); ++i) {
        ASSIGN_OR_RETURN(results[i], search_kind(types[i].second, TypoMode::kOn));
        results[i].used_typos = results[i].total > 0;
      }
    }
    for (size_t t = 0; t < types.size(); ++t) {
      const auto& [plural, kind] = types[t];
      const SearchResult* r = &results[t];
      Json items = Json::array();
      typos = typos || r->used_typos;
      for (const SearchHit& hit : r->hits) {
        Json item;
        if (kind == "job") {
          auto job = ctx.store->GetJob(hit.slug);
          if (!job.ok()) continue;
          item = {{"slug", job->slug},
                  {"title", job->title},
                  {"company", job->company_name},
                  {"url", "/jobs/" + job->slug}};
          item["highlight"] = Highlight(analyzer, job->title, job->description, r->terms);
        } else {
          std::string slug = hit.slug.substr(kind.size() + 1);
          auto shown = LoadSiteHit(*ctx.store, kind, slug);
          if (!shown.ok()) continue;  // changed since it was indexed
          item = {{"slug", slug}, {"title", shown->title}, {"url", shown->url}};
          item["highlight"] = Highlight(analyzer, shown->title, shown->markdown, r->terms);
        }
        item["score"] = hit.score;
        items.push_back(std::move(item));
      }
      data[std::string(plural)] = std::move(items);
      totals[std::string(plural)] = r->total;
    }
    return Json{{"data", std::move(data)},
                {"meta", {{"q", text}, {"limit", limit}, {"total", totals}, {"typos", typos}}}};
  };
  StatusOr<Json> out = run();
  if (!out.ok()) return Error(out.status(), req);
  return Data((*out)["data"], (*out)["meta"]);
}

void RegisterSearchRoutes(http::Router& router, const ApiContext& ctx) {
  router.Add(http::Method::kGet, "/api/v1/search",
             [ctx](http::Request& req) { return SiteSearch(ctx, req); });
}

}  // namespace meridian::api
