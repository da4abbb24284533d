// /jobs and /jobs/{slug}.
#include <cmath>
#include <optional>

#include "base/slug.h"
#include "base/strings.h"
#include "platform/fx.h"
#include "platform/vocab.h"
#include "web/format.h"
#include "web/jsonld.h"
#include "web/pages.h"
#include "web/pages_match.h"
#include "web/pages_search.h"
#include "web/views.h"

namespace meridian::web {
namespace {

constexpr int kJobsPerPage = 20;

std::optional<std::string> NormalizeSlug(std::string_view s) {
  if (!ValidateSlug(s).ok()) return std::nullopt;
  return std::string(s);
}

std::vector<std::pair<std::string, std::string>> VocabOptions(
    std::span<const std::string_view> vocab, std::string (*label)(std::string_view)) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::string_view v : vocab) out.emplace_back(std::string(v), label(v));
  return out;
}

http::Response JobsPage(const Site& site, const http::Request& req) {
  // With a search index, /jobs is the search page (pages_search.cpp).
  if (site.ctx().search) return SearchJobsPage(site, req);
  Notes notes;
  JobFilter f;
  f.statuses = {"live"};
  f.valid_at = site.Now();
  f.title_contains = TextFilter(req, "q", 100, &notes);
  std::string tag = VocabFilter(req, "tag", NormalizeTag, "a tag of 1 to 40 characters", &notes);
  if (!tag.empty()) f.tags_any = {tag};
  f.seniority = VocabFilter(req, "seniority", NormalizeSeniority, OneOf(Seniorities()), &notes);
  f.employment_type = VocabFilter(req, "employment_type", NormalizeEmploymentType,
                                  OneOf(EmploymentTypes()), &notes);
  f.company_slug = VocabFilter(req, "company", NormalizeSlug, "a company slug", &notes);
  std::string company_name;
  if (!f.company_slug.empty()) {
    StatusOr<Company> c = site.store().GetCompany(f.company_slug);
    if (c.ok()) {
      company_name = c->name;
    } else if (c.status().code() == StatusCode::kNotFound) {
      notes.Add("Ignored company \u201c" + f.company_slug + "\u201d: no such company.");
      f.company_slug.clear();
    } else {
      return site.Error(req, c.status());
    }
  }

  std::vector<std::pair<std::string, std::string>> params = {
      {"q", f.title_contains},     {"tag", tag},
      {"seniority", f.seniority},  {"employment_type", f.employment_type},
      {"company", f.company_slug},
  };
  bool filtered = !QueryString(params).empty();
  bool has_cursor = false;
  std::vector<Job> items;
  std::string next_cursor;
  Site::Data d;
  StatusOr<Page<Job>> page = FetchPage(req, kJobsPerPage, &notes, &has_cursor,
                                       [&](auto& p) { return site.store().ListJobs(f, p); });
  if (!page.ok()) return site.Error(req, page.status());
  items = std::move(page->items);
  next_cursor = page->next_cursor;

  Site::List jobs;
  for (const Job& j : items) jobs.push_back(JobCard(j, site.Now()));
  d.set("jobs", jobs);
  d.set("empty", items.empty());
  d.set("search_label", "Title contains");
  d.set("q", f.title_contains);
  d.set("tag", tag);
  d.set("company", Opt(f.company_slug));
  d.set("company_name", company_name);
  d.set("company_clear_href", "/jobs" + QueryString({{"q", f.title_contains},
                                                     {"tag", tag},
                                                     {"seniority", f.seniority},
                                                     {"employment_type", f.employment_type}}));
  d.set("seniorities", SelectOptions(VocabOptions(Seniorities(), SeniorityLabel), f.seniority));
  d.set("employment_types",
        SelectOptions(VocabOptions(EmploymentTypes(), EmploymentTypeLabel), f.employment_type));
  d.set("filtered", filtered);
  d.set("notes", notes.ToList());
  d.set("pager", Pager("/jobs", params, next_cursor, has_cursor));

  std::string heading = "Remote jobs";
  if (!tag.empty()) heading = "Remote " + tag + " jobs";
  if (!company_name.empty()) heading += " at " + company_name;
  if (!f.title_contains.empty()) heading += " matching \u201c" + f.title_contains + "\u201d";
  d.set("heading", heading);
  return site.Page(req, JobsPageInfo(heading, QueryString(params), filtered || has_cursor), "jobs",
                   d);
}

std::string ClosedReason(const Job& job, UnixSeconds now) {
  if (job.status == "filled") return "This position has been filled.";
  if (job.status == "expired") return "This posting has expired.";
  if (job.valid_through && *job.valid_through < now) {
    return "This posting expired on " + HumanDate(*job.valid_through) + ".";
  }
  return "";
}

http::Response JobPage(const Site& site, const http::Request& req) {
  std::string slug = req.Param("slug");
  if (!ValidateSlug(slug).ok()) return site.NotFound(req);
  StatusOr<Job> job = site.store().GetJob(slug);
  if (!job.ok()) return site.Error(req, job.status());
  // Unpublished jobs (draft, pending review, flagged) do not exist for visitors.
  if (job->status != "live" && job->status != "expired" && job->status != "filled") {
    return site.NotFound(req);
  }
  UnixSeconds now = site.Now();
  std::string closed = ClosedReason(*job, now);

  std::string website;
  StatusOr<Company> company = site.store().GetCompany(job->company_slug);
  if (company.ok()) {
    website = SafeUrl(company->website).value_or("");
  } else if (company.status().code() != StatusCode::kNotFound) {
    return site.Error(req, company.status());
  }

  std::string description_html = MarkdownToHtml(job->description);
  std::string url = site.BaseUrl(req) + "/jobs/" + job->slug;
  Site::Data d = JobCard(*job, now);
  d.set("tags", TagChips(job->tags, "/jobs", "tag"));
  d.set("slug", job->slug);
  d.set("description_html", Opt(description_html));
  d.set("closed", Opt(closed));
  d.set("apply_href",
        Opt(closed.empty() ? SafeUrl(job->apply_url, true).value_or("") : std::string()));
  d.set("website", Opt(website));
  d.set("website_text", DisplayUrl(website));
  d.set("evidence", Opt(job->eligibility_evidence));
  d.set("posted_date", HumanDate(job->posted_at));
  d.set("valid_through", Opt(job->valid_through ? HumanDate(*job->valid_through) : ""));
  d.set("valid_through_iso", job->valid_through ? FormatDate(*job->valid_through) : "");
  d.set("salary_employer", job->salary.present() && job->salary.source != "estimated");
  d.set("fx_date", std::string(FxTableDate()));
  d.set("estimate_median", job->salary_estimate
                               ? "$" + WithThousands(static_cast<int64_t>(
                                           std::round(job->salary_estimate->median / 1000) * 1000))
                               : std::string());
  d.set("confirmed_date", Opt(job->confirmed_at ? HumanDate(*job->confirmed_at) : ""));
  d.set("confirmed_iso", job->confirmed_at ? FormatDate(*job->confirmed_at) : "");
  d.set("company_policy", Opt(company.ok() ? RemotePolicyLabel(company->remote_policy) : ""));
  d.set("company_size", Opt(company.ok() ? CompanySizeLabel(company->size) : ""));
  d.set("company_excerpt", Opt(company.ok() ? PlainExcerpt(company->description, 200) : ""));

  // A few other live openings at the same company.
  JobFilter more_filter{.company_slug = job->company_slug, .statuses = {"live"}, .valid_at = now};
  StatusOr<Page<Job>> more = site.store().ListJobs(more_filter, {.limit = 5});
  Site::List more_jobs;
  if (more.ok()) {
    for (const Job& j : more->items) {
      if (j.slug != job->slug && more_jobs.size() < 4) more_jobs.push_back(JobCard(j, now));
    }
  }
  d.set("more_jobs", more_jobs);
  if (const MatchService* match = site.ctx().match; match != nullptr && closed.empty()) {
    MatchQuery q{.limit = 4, .at = now};
    SetMatchBox(d, "similar_jobs", "Similar jobs", match->SimilarJobs(job->slug, q));
    SetMatchBox(d, "hire_talent", "Hire developers who match", match->TalentForJob(job->slug, q));
    q.limit = 3;
    SetMatchBox(d, "job_articles", "Related reading", match->ArticlesForJob(job->slug, q));
  }

  PageInfo info{.title = job->title + " at " + job->company_name,
                .description = PlainExcerpt(
                    job->company_name + " is hiring: " + job->title + ". " + job->description, 160),
                .path = "/jobs/" + job->slug,
                .nav = "jobs",
                .capture_events = true};
  // Google asks for expired postings to drop their JobPosting markup.
  if (closed.empty()) {
    info.json_ld = ScriptSafeJson(JobPostingJsonLd({.job = &*job,
                                                    .description_html = description_html,
                                                    .company_website = website,
                                                    .url = url}));
  }
  return site.Page(req, info, "job", d);
}

}  // namespace

void RegisterJobPages(http::Router& router, std::shared_ptr<const Site> site) {
  router.Add(http::Method::kGet, "/jobs", [site](http::Request& r) { return JobsPage(*site, r); });
  if (site->ctx().search) {
    router.Add(http::Method::kGet, "/jobs.rss",
               [site](http::Request& r) { return JobsFeed(*site, r, FeedFormat::kRss); });
    router.Add(http::Method::kGet, "/jobs.atom",
               [site](http::Request& r) { return JobsFeed(*site, r, FeedFormat::kAtom); });
  }
  router.Add(http::Method::kGet, "/jobs/{slug}",
             [site](http::Request& r) { return JobPage(*site, r); });
}

}  // namespace meridian::web
