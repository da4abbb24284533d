// /jobs as a search page, when the server has a search index: free text with highlighted
// snippets, tag checkboxes and seniority/type counts from exact facets, eligibility by
// country, timezone overlap, salary floor and sort, all in the URL. /jobs.rss and
// /jobs.atom give every such URL as a feed.
#include "web/pages_search.h"

#include <algorithm>
#include <ctime>

#include "base/slug.h"
#include "base/strings.h"
#include "engine/search/snippet.h"
#include "platform/geo.h"
#include "platform/search_filters.h"
#include "platform/vocab.h"
#include "web/format.h"
#include "web/views.h"

namespace meridian::web {
namespace {

constexpr int kJobsPerPage = 20;
constexpr size_t kFeedItems = 50;
constexpr size_t kMaxTags = 10;

using Params = std::vector<std::pair<std::string, std::string>>;

// The form, as read from the URL. Invalid values are dropped with a note.
struct JobSearchForm {
  std::string q;
  std::vector<std::string> tags;  // any of them
  std::string seniority, employment_type, company, company_name;
  std::string country;  // ISO code
  std::string tz;
  int min_overlap = 0;  // hours; 0 = any overlap (1 hour) when tz is set
  std::optional<int64_t> salary_min;
  std::string sort;  // "" = relevance with text, newest without

  Params ToParams() const {
    Params p = {{"q", q}};
    for (const std::string& t : tags) p.emplace_back("tag", t);
    p.insert(p.end(), {{"seniority", seniority},
                       {"employment_type", employment_type},
                       {"company", company},
                       {"country", country},
                       {"tz", tz},
                       {"min_overlap", min_overlap > 0 ? std::to_string(min_overlap) : ""},
                       {"salary_min", salary_min ? std::to_string(*salary_min) : ""},
                       {"sort", sort}});
    return p;
  }
};

StatusOr<JobSearchForm> ReadForm(const Site& site, const http::Request& req, Notes* notes) {
  JobSearchForm f;
  f.q = TextFilter(req, "q", 100, notes);
  for (const std::string& raw : req.QueryAll("tag")) {
    for (const std::string& part : Split(raw, ',')) {
      if (Trim(part).empty()) continue;
      auto tag = NormalizeTag(part);
      if (!tag) {
        notes->Add("Ignored tag \u201c" + std::string(Trim(part)).substr(0, 40) +
                   "\u201d: expected 1 to 40 characters.");
      } else if (f.tags.size() < kMaxTags &&
                 std::find(f.tags.begin(), f.tags.end(), *tag) == f.tags.end()) {
        f.tags.push_back(*tag);
      }
    }
  }
  f.seniority = VocabFilter(req, "seniority", NormalizeSeniority, OneOf(Seniorities()), notes);
  f.employment_type =
      VocabFilter(req, "employment_type", NormalizeEmploymentType, OneOf(EmploymentTypes()), notes);
  f.company = VocabFilter(
      req, "company",
      [](std::string_view s) -> std::optional<std::string> {
        if (!ValidateSlug(s).ok()) return std::nullopt;
        return std::string(s);
      },
      "a company slug", notes);
  if (!f.company.empty()) {
    StatusOr<Company> c = site.store().GetCompany(f.company);
    if (c.ok()) {
      f.company_name = c->name;
    } else if (c.status().code() == StatusCode::kNotFound) {
      notes->Add("Ignored company \u201c" + f.company + "\u201d: no such company.");
      f.company.clear();
    } else {
      return c.status();
    }
  }
  if (std::string c = TextFilter(req, "country", 60, notes); !c.empty()) {
    auto code = ResolveCountry(c);
    if (code.ok()) {
      f.country = *code;
    } else {
      notes->Add("Ignored country \u201c" + c + "\u201d: " + code.status().message());
    }
  }
  if (std::string tz = TextFilter(req, "tz", 64, notes); !tz.empty()) {
    if (IsValidTimezone(tz)) {
      f.tz = tz;
    } else {
      notes->Add("Ignored time zone \u201c" + tz + "\u201d: expected an IANA zone such as " +
                 "Europe/Lisbon.");
    }
  }
  if (std::string h = TextFilter(req, "min_overlap", 2, notes); !h.empty()) {
    auto n = ParseInt(h);
    if (n && *n >= 1 && *n <= 8) {
      f.min_overlap = static_cast<int>(*n);
    } else {
      notes->Add("Ignored overlap \u201c" + h + "\u201d: expected 1 to 8 hours.");
    }
  }
  if (std::string s = TextFilter(req, "salary_min", 12, notes); !s.empty()) {
    auto n = ParseInt(s);
    if (n && *n >= 0 && *n <= 10'000'000) {
      f.salary_min = *n;
    } else {
      notes->Add("Ignored minimum salary \u201c" + s + "\u201d: expected annual USD.");
    }
  }
  if (std::string s = TextFilter(req, "sort", 20, notes); !s.empty()) {
    if (s == "relevance" || s == "newest" || s == "salary") {
      f.sort = s;
    } else {
      notes->Add("Ignored sort \u201c" + s + "\u201d: expected relevance, newest or salary.");
    }
  }
  return f;
}

SearchQuery ToQuery(const JobSearchForm& f, UnixSeconds now) {
  SearchQuery q{.text = f.q,
                .tags_any = f.tags,
                .company = f.company,
                .seniority = f.seniority,
                .employment_type = f.employment_type,
                .statuses = {"live"},
                .valid_at = now};
  if (f.salary_min) q.salary_min_usd = static_cast<double>(*f.salary_min);
  if (!f.country.empty()) q.area_ok = EligibleFrom(f.country);
  if (!f.tz.empty()) q.window_ok = OverlapsOfficeHours(f.tz, std::max(1, f.min_overlap), now);
  if (f.sort == "newest" || (f.sort.empty() && Trim(f.q).empty())) {
    q.sort = SearchSort::kNewest;
  } else if (f.sort == "salary") {
    q.sort = SearchSort::kSalary;
  }
  return q;
}

// Runs the search and loads the jobs of the page (skipping any deleted since indexing).
struct Found {
  SearchResult result;
  std::vector<Job> jobs;
};
StatusOr<Found> Run(const Site& site, const SearchQuery& q) {
  Found f;
  ASSIGN_OR_RETURN(f.result, site.ctx().search->Search(q));
  std::vector<std::string> slugs;
  for (const SearchHit& hit : f.result.hits) slugs.push_back(hit.slug);
  ASSIGN_OR_RETURN(auto jobs, site.store().GetJobs(slugs));  // one round trip
  for (const SearchHit& hit : f.result.hits) {
    if (auto j = jobs.find(hit.slug); j != jobs.end()) f.jobs.push_back(std::move(j->second));
  }
  return f;
}

std::string FeedTitle(const JobSearchForm& f) {
  std::string t = "Remote jobs";
  if (!f.tags.empty()) t = "Remote " + Join(f.tags, ", ") + " jobs";
  if (!f.company_name.empty()) t += " at " + f.company_name;
  if (!f.q.empty()) t += " matching \u201c" + f.q + "\u201d";
  if (!f.country.empty()) t += " open to " + AreaName(f.country);
  return t;
}

// The English names of every country, for the "I can work from" picker; computed once
// (ICU looks each one up), not on every page.
const std::vector<std::string>& CountryNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const std::string& code : CountryCodes()) out.push_back(AreaName(code));
    return out;
  }();
  return names;
}

size_t OffsetCursor(const http::Request& req, Notes* notes) {
  std::string c = CursorParam(req);
  if (c.empty()) return 0;
  auto n = c[0] == 'o' ? ParseInt(std::string_view(c).substr(1)) : std::nullopt;
  if (!n || *n < 0 || *n > 10000) {
    notes->Add(std::string(kCursorNote));
    return 0;
  }
  return static_cast<size_t>(*n);
}

// Options with the facet count in the label ("Senior (12)"), the selected one kept.
Site::List CountedOptions(std::span<const std::string_view> vocab,
                          std::string (*label)(std::string_view),
                          const std::vector<FacetCount>& counts, const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> values;
  for (std::string_view v : vocab) {
    auto it = std::find_if(counts.begin(), counts.end(),
                           [&](const FacetCount& c) { return c.value == v; });
    std::string text = label(v);
    if (it != counts.end()) text += " (" + std::to_string(it->count) + ")";
    values.emplace_back(std::string(v), text);
  }
  return SelectOptions(values, selected);
}

}  // namespace

http::Response SearchJobsPage(const Site& site, const http::Request& req) {
  Notes notes;
  StatusOr<JobSearchForm> form = ReadForm(site, req, &notes);
  if (!form.ok()) return site.Error(req, form.status());
  const JobSearchForm& f = *form;
  UnixSeconds now = site.Now();
  SearchQuery q = ToQuery(f, now);
  q.facets = {"tags", "seniority", "employment_type"};
  q.offset = OffsetCursor(req, &notes);
  q.limit = kJobsPerPage;
  StatusOr<Found> found = Run(site, q);
  if (!found.ok()) return site.Error(req, found.status());
  SearchResult& r = found->result;

  Analyzer analyzer;
  Site::List cards;
  for (const Job& j : found->jobs) {
    Site::Data card = JobCard(j, now);
    if (!r.terms.empty()) {
      card.set("title_html",
               SnippetHtml(MakeSnippet(analyzer, j.title, r.terms, {.max_bytes = 400})));
      card.set("snippet_html",
               SnippetHtml(MakeSnippet(analyzer, MarkdownToPlainText(j.description), r.terms)));
    }
    cards.push_back(card);
  }
  // Tag checkboxes: the checked tags first, then the most frequent others.
  Site::List tag_boxes;
  std::vector<FacetCount> tag_counts = r.facets["tags"];
  auto count_of = [&](const std::string& tag) -> size_t {
    for (const FacetCount& c : tag_counts) {
      if (c.value == tag) return c.count;
    }
    return 0;
  };
  size_t box = 0;
  auto add_box = [&](const std::string& tag, size_t count, bool checked) {
    Site::Data d;
    d.set("value", tag);
    d.set("count", std::to_string(count));
    d.set("checked", checked);
    d.set("id", "tag-" + std::to_string(box++));
    tag_boxes.push_back(d);
  };
  for (const std::string& t : f.tags) add_box(t, count_of(t), true);
  for (size_t i = 0; i < tag_counts.size() && tag_boxes.size() < 16; ++i) {
    if (std::find(f.tags.begin(), f.tags.end(), tag_counts[i].value) == f.tags.end()) {
      add_box(tag_counts[i].value, tag_counts[i].count, false);
    }
  }
  Params params = f.ToParams();
  std::string query = QueryString(params);
  size_t next = q.offset + r.hits.size();
  std::string next_cursor = next < r.total && next <= 10000 ? "o" + std::to_string(next) : "";

  Site::Data d;
  d.set("q", f.q);
  d.set("total", std::to_string(r.total) + (r.total == 1 ? " job" : " jobs"));
  d.set("typos", r.used_typos);
  d.set("jobs", cards);
  d.set("empty", cards.empty());
  d.set("tag_boxes", tag_boxes);
  d.set("has_tag_boxes", !tag_boxes.empty());
  d.set("seniorities",
        CountedOptions(Seniorities(), SeniorityLabel, r.facets["seniority"], f.seniority));
  d.set("employment_types", CountedOptions(EmploymentTypes(), EmploymentTypeLabel,
                                           r.facets["employment_type"], f.employment_type));
  Site::List countries;
  for (const std::string& name : CountryNames()) {
    Site::Data c;
    c.set("value", name);
    countries.push_back(c);
  }
  d.set("countries", countries);
  d.set("country", f.country.empty() ? "" : AreaName(f.country));
  Site::List zones;
  for (const std::string& z : TimezoneIds()) {
    Site::Data c;
    c.set("value", z);
    zones.push_back(c);
  }
  d.set("zones", zones);
  d.set("tz", f.tz);
  Site::List overlaps;
  for (int h = 1; h <= 8; ++h) {
    Site::Data o;
    o.set("value", std::to_string(h));
    o.set("label", std::to_string(h) + (h == 1 ? " hour" : " hours"));
    o.set("selected", h == std::max(1, f.min_overlap));
    overlaps.push_back(o);
  }
  d.set("overlaps", overlaps);
  d.set("salary_min", f.salary_min ? std::to_string(*f.salary_min) : "");
  Site::List sorts;
  for (const auto& [value, label] : std::vector<std::pair<std::string, std::string>>{
           {"", "Best match"}, {"newest", "Newest"}, {"salary", "Highest salary"}}) {
    Site::Data o;
    o.set("value", value);
    o.set("label", label);
    o.set("selected", f.sort == value || (value.empty() && f.sort == "relevance"));
    sorts.push_back(o);
  }
  d.set("sorts", sorts);
  d.set("company", Opt(f.company));
  d.set("company_name", f.company_name);
  Params without_company = params;
  for (auto& [k, v] : without_company) {
    if (k == "company") v.clear();
  }
  d.set("company_clear_href", "/jobs" + QueryString(without_company));
  d.set("filtered", !query.empty());
  d.set("rss_href", "/jobs.rss" + query);
  d.set("atom_href", "/jobs.atom" + query);
  d.set("notes", notes.ToList());
  d.set("pager", Pager("/jobs", params, next_cursor, q.offset > 0));
  std::string heading = FeedTitle(f);
  d.set("heading", heading);
  PageInfo info = JobsPageInfo(heading, query, !query.empty() || q.offset > 0);
  info.feeds = {{"application/rss+xml", heading + " (RSS)", "/jobs.rss" + query},
                {"application/atom+xml", heading + " (Atom)", "/jobs.atom" + query}};
  info.live_search = true;
  return site.Page(req, info, "jobs_search", d);
}

PageInfo JobsPageInfo(const std::string& heading, const std::string& query, bool noindex) {
  return {.title = heading,
          .description = heading +
                         ": live remote positions with salaries, eligible countries "
                         "and working-hour windows.",
          .path = "/jobs",
          .query = query,
          .nav = "jobs",
          .noindex = noindex};
}

http::Response JobsFeed(const Site& site, const http::Request& req, FeedFormat format) {
  Notes notes;  // a feed has nowhere to show notes: bad values are simply dropped
  StatusOr<JobSearchForm> form = ReadForm(site, req, &notes);
  if (!form.ok()) return site.Error(req, form.status());
  UnixSeconds now = site.Now();
  SearchQuery q = ToQuery(*form, now);
  if (form->sort.empty()) q.sort = SearchSort::kNewest;  // feeds read newest first
  q.limit = kFeedItems;
  StatusOr<Found> found = Run(site, q);
  if (!found.ok()) return site.Error(req, found.status());
  std::string query = QueryString(form->ToParams());
  FeedInfo info{.title = FeedTitle(*form) + " \u00b7 Meridian",
                .page_url = site.BaseUrl(req) + "/jobs" + query,
                .self_url = site.BaseUrl(req) +
                            (format == FeedFormat::kRss ? "/jobs.rss" : "/jobs.atom") + query,
                .updated = now};
  std::vector<FeedItem> items;
  for (const Job& j : found->jobs) {
    items.push_back({.title = j.title + " at " + j.company_name,
                     .url = site.BaseUrl(req) + "/jobs/" + j.slug,
                     .summary = PlainExcerpt(j.description, 400),
                     .author = j.company_name,
                     .categories = j.tags,
                     .published = j.posted_at,
                     .updated = j.updated_at > 0 ? j.updated_at : j.posted_at});
  }
  bool rss = format == FeedFormat::kRss;
  http::Response resp{
      200,
      rss ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8",
      rss ? RssFeed(info, items) : AtomFeed(info, items),
      {}};
  resp.headers.emplace_back("Cache-Control", "public, max-age=300");
  return resp;
}

}  // namespace meridian::web
