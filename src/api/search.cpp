// Full-text job search on /api/v1/jobs: q (words, "phrases", -exclusions, typos, prefixes),
// the list filters, salary_min (annual USD), sort, facets, and offset cursors.
#include <algorithm>

#include "api/api.h"
#include "api/respond.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "platform/catalog.h"
#include "platform/geo.h"
#include "platform/search_filters.h"

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
  if (auto s = req.Query("salary_min"); s && !s->empty()) {
    auto n = ParseInt(*s);
    if (!n || *n < 0 || *n > 10'000'000) {
      return InvalidArgumentError("salary_min: expected annual USD from 0 to 10000000",
                                  "salary_min");
    }
    q.salary_min_usd = static_cast<double>(*n);
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
  for (const SearchHit& hit : r.hits) {
    auto job = ctx.store->GetJob(hit.slug);
    if (!job.ok()) continue;  // deleted since the index was built
    Json j = EncodeRecord(*job, JobView(who, *job));
    if (!q.text.empty()) j["score"] = hit.score;
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
               {"next_cursor",
                next < r.total && next <= kMaxOffset ? Json(EncodeOffset(next)) : Json(nullptr)}};
  if (!q.facets.empty()) meta["facets"] = std::move(facets);
  return std::make_pair(std::move(data), std::move(meta));
}

}  // namespace meridian::api
