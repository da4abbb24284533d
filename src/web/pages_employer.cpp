// Employer pages: /account/company (create or edit the company page), /account/jobs (the
// company's jobs in every status), /account/jobs/new and /account/jobs/{slug}/edit. Every
// write goes through AuthorizedCatalog, which applies the policy and the job status rules.
#include "base/slug.h"
#include "base/strings.h"
#include "platform/vocab.h"
#include "web/format.h"
#include "web/forms.h"
#include "web/pages.h"
#include "web/views.h"

namespace meridian::web {
namespace {

using InputPair = std::pair<std::string_view, std::string_view>;

// ---- company ----

constexpr std::string_view kCompanyInputs[] = {"name",          "website", "description", "regions",
                                               "remote_policy", "size",    "technologies"};
constexpr InputPair kCompanyFields[] = {{"name", "name"},
                                        {"website", "website"},
                                        {"description", "description"},
                                        {"regions", "regions"},
                                        {"remote_policy", "remote_policy"},
                                        {"size", "size"},
                                        {"technologies", "technologies"},
                                        {"slug", "name"}};

Json TextOrNull(const Values& v, std::string_view name) {
  auto it = v.find(name);
  if (it == v.end() || it->second.empty()) return nullptr;
  return it->second;
}

Json ListOrNull(const Values& v, std::string_view name) {
  auto it = v.find(name);
  if (it == v.end() || it->second.empty()) return nullptr;
  return CommaList(it->second);
}

Values CompanyValues(const Company& c) {
  return {{"name", c.name},
          {"website", c.website},
          {"description", c.description},
          {"regions", Join(c.regions, ", ")},
          {"remote_policy", c.remote_policy},
          {"size", c.size},
          {"technologies", Join(c.technologies, ", ")}};
}

Json CompanyBody(const Values& v) {
  return {{"name", TextOrNull(v, "name")},
          {"website", TextOrNull(v, "website")},
          {"description", TextOrNull(v, "description")},
          {"regions", ListOrNull(v, "regions")},
          {"remote_policy", TextOrNull(v, "remote_policy")},
          {"size", TextOrNull(v, "size")},
          {"technologies", ListOrNull(v, "technologies")}};
}

http::Response CompanyForm(const Site& site, const http::Request& req, const Principal& who,
                           const Values& values, const FieldErrors& errors, int status) {
  Site::Data d;
  d.set("csrf", who.csrf_token);
  d.set("editing", !who.company_slug.empty());
  d.set("public_href", Opt(who.company_slug.empty() ? "" : "/companies/" + who.company_slug));
  d.set("saved", req.Query("saved").has_value() && errors.empty());
  FillValues(values, &d);
  auto get = [&](std::string_view k) {
    auto it = values.find(k);
    return it == values.end() ? std::string() : it->second;
  };
  d.set("remote_policies",
        Choices(RemotePolicies(), RemotePolicyLabel, get("remote_policy"), true));
  d.set("sizes", Choices(CompanySizes(), CompanySizeLabel, get("size"), true));
  errors.Fill(&d);
  return NoStore(site.Page(
      req,
      {.title = who.company_slug.empty() ? "Create your company page" : "Edit your company page",
       .path = "/account/company",
       .noindex = true,
       .status = status,
       .who = &who},
      "account_company", d));
}

http::Response CompanyPage(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenAccountRequest(site, req, {}, &ar)) return *refused;
  if (ar.who.role != Role::kEmployer) return WrongRole(site, req, ar.who, "employer");
  Values values;
  if (!ar.who.company_slug.empty()) {
    StatusOr<Company> c = site.store().GetCompany(ar.who.company_slug);
    if (!c.ok()) return site.Error(req, c.status());
    values = CompanyValues(*c);
  }
  return CompanyForm(site, req, ar.who, values, FieldErrors(), 200);
}

http::Response CompanyPost(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenAccountRequest(site, req, {.post = true}, &ar)) return *refused;
  if (ar.who.role != Role::kEmployer) return WrongRole(site, req, ar.who, "employer");
  Values values = ValuesOf(ar.form, kCompanyInputs);
  values["description"] = ar.form.Raw("description");
  Json body = CompanyBody(values);
  const WebContext& ctx = site.ctx();
  StatusOr<Company> saved = ar.who.company_slug.empty()
                                ? ctx.writes->Create<Company>(ar.who, WithoutNulls(body))
                                : ctx.writes->Patch<Company>(ar.who, ar.who.company_slug, body);
  if (!saved.ok()) {
    FieldErrors errors;
    if (auto r = WriteRefused(site, req, ar.who, saved.status(), kCompanyFields, &errors)) {
      return *r;
    }
    return CompanyForm(site, req, ar.who, values, errors, 422);
  }
  if (ctx.after_write) ctx.after_write(Entity::kCompany, saved->slug);
  return SeeOther("/account/company?saved=1");
}

// ---- jobs ----

constexpr std::string_view kJobInputs[] = {
    "title",           "description", "apply_url",       "tags",          "seniority",
    "employment_type", "eligibility", "timezone",        "tz_start",      "tz_end",
    "salary_min",      "salary_max",  "salary_currency", "salary_period", "status"};
constexpr InputPair kJobFields[] = {
    {"title", "title"},
    {"description", "description"},
    {"apply_url", "apply_url"},
    {"tags", "tags"},
    {"seniority", "seniority"},
    {"employment_type", "employment_type"},
    {"eligibility", "eligibility"},
    {"timezone.start", "tz_start"},
    {"timezone.end", "tz_end"},
    {"timezone", "timezone"},
    {"salary.min", "salary_min"},
    {"salary.max", "salary_max"},
    {"salary.currency", "salary_currency"},
    {"salary.period", "salary_period"},
    {"salary", "salary_min"},
    {"status", "status"},
    {"slug", "title"},
};

// The statuses an employer may choose, with what they mean.
constexpr std::string_view kEmployerStatuses[] = {"live", "draft", "filled", "expired"};

std::string StatusLabel(std::string_view s) {
  if (s == "live") return "Publish (live once the company is verified, else pending review)";
  if (s == "draft") return "Draft (not published)";
  if (s == "filled") return "Filled (closed)";
  if (s == "expired") return "Expired (closed)";
  if (s == "pending") return "Pending review";
  if (s == "flagged") return "Flagged by moderation";
  return std::string(s);
}

std::string NumberText(std::optional<double> v) {
  if (!v) return "";
  if (*v == static_cast<double>(static_cast<int64_t>(*v))) {
    return std::to_string(static_cast<int64_t>(*v));
  }
  return FormatFixed(*v, 2);
}

Values JobValues(const Job& j) {
  Values v = {{"title", j.title},
              {"description", j.description},
              {"apply_url", j.apply_url},
              {"tags", Join(j.tags, ", ")},
              {"seniority", j.seniority},
              {"employment_type", j.employment_type},
              {"eligibility", Join(j.eligible_areas, ", ")},
              {"salary_min", NumberText(j.salary.min)},
              {"salary_max", NumberText(j.salary.max)},
              {"salary_currency", j.salary.currency},
              {"salary_period", j.salary.period.empty() ? "YEAR" : j.salary.period},
              {"status", j.status}};
  if (j.timezone && !j.timezone->zone.empty()) {
    v["timezone"] = j.timezone->zone;
    v["tz_start"] = FormatClock(j.timezone->start_minute);
    v["tz_end"] = FormatClock(j.timezone->end_minute);
  }
  return v;
}

// The job document of the form. `existing` (edits) keeps a UTC-offset window the form cannot
// show. Number inputs that do not parse are reported in *errors.
Json JobBody(const Values& v, const Job* existing, FieldErrors* errors, const Form& form) {
  Json body = {{"title", TextOrNull(v, "title")},
               {"description", TextOrNull(v, "description")},
               {"apply_url", TextOrNull(v, "apply_url")},
               {"tags", ListOrNull(v, "tags")},
               {"seniority", TextOrNull(v, "seniority")},
               {"employment_type", TextOrNull(v, "employment_type")},
               {"eligibility", ListOrNull(v, "eligibility")},
               {"status", TextOrNull(v, "status")}};
  std::string zone = v.at("timezone");
  if (!zone.empty()) {
    std::string start = v.at("tz_start"), end = v.at("tz_end");
    body["timezone"] = {{"zone", zone},
                        {"start", start.empty() ? "09:00" : start},
                        {"end", end.empty() ? "17:00" : end}};
  } else if (!(existing && existing->timezone && existing->timezone->zone.empty())) {
    body["timezone"] = nullptr;
  }
  Json min = NumberInput(form, "salary_min", errors);
  Json max = NumberInput(form, "salary_max", errors);
  if (v.at("salary_min").empty() && v.at("salary_max").empty() && v.at("salary_currency").empty()) {
    body["salary"] = nullptr;
  } else {
    body["salary"] = {{"min", min},
                      {"max", max},
                      {"currency", TextOrNull(v, "salary_currency")},
                      {"period", TextOrNull(v, "salary_period")}};
  }
  return body;
}

http::Response JobForm(const Site& site, const http::Request& req, const Principal& who,
                       const std::string& slug, const Values& values, const FieldErrors& errors,
                       int status) {
  Site::Data d;
  d.set("csrf", who.csrf_token);
  d.set("editing", !slug.empty());
  d.set("action",
        slug.empty() ? std::string("/account/jobs/new") : "/account/jobs/" + slug + "/edit");
  FillValues(values, &d);
  auto get = [&](std::string_view k) {
    auto it = values.find(k);
    return it == values.end() ? std::string() : it->second;
  };
  d.set("seniorities", Choices(Seniorities(), SeniorityLabel, get("seniority"), true));
  d.set("employment_types",
        Choices(EmploymentTypes(), EmploymentTypeLabel, get("employment_type"), false));
  d.set("periods", Choices(SalaryPeriods(), PeriodLabel, get("salary_period"), false));
  std::vector<std::string_view> statuses(std::begin(kEmployerStatuses),
                                         std::end(kEmployerStatuses));
  std::string current = get("status");
  if (current == "pending" || current == "flagged") statuses.insert(statuses.begin(), current);
  d.set("statuses", Choices(statuses, StatusLabel, current.empty() ? "live" : current, false));
  errors.Fill(&d);
  std::string title = slug.empty() ? "Post a job" : "Edit job";
  return NoStore(site.Page(req,
                           {.title = title,
                            .path = slug.empty() ? "/account/jobs/new" : "/account/jobs",
                            .noindex = true,
                            .status = status,
                            .who = &who},
                           "account_job", d));
}

// The employer guard shared by the job pages: signed in, an employer, with a company.
std::optional<http::Response> OpenEmployer(const Site& site, const http::Request& req,
                                           const AccountRequestOptions& options,
                                           AccountRequest* ar) {
  if (auto refused = OpenAccountRequest(site, req, options, ar)) return refused;
  if (ar->who.role != Role::kEmployer) return WrongRole(site, req, ar->who, "employer");
  if (ar->who.company_slug.empty()) {
    return Message(site, req,
                   {.status = 409,
                    .title = "Create your company page first",
                    .text = "Jobs belong to a company. Create your company page, then post jobs.",
                    .link_href = "/account/company",
                    .link_text = "Create your company page"},
                   &ar->who);
  }
  return std::nullopt;
}

// The caller's job `slug`; nullopt (and *refused) when it does not exist or is not theirs.
std::optional<Job> OwnJob(const Site& site, const http::Request& req, const Principal& who,
                          std::optional<http::Response>* refused) {
  std::string slug = req.Param("slug");
  if (!ValidateSlug(slug).ok()) {
    *refused = site.NotFound(req);
    return std::nullopt;
  }
  StatusOr<Job> job = site.store().GetJob(slug);
  if (!job.ok() || job->company_slug != who.company_slug) {
    *refused = job.ok() || job.status().code() == StatusCode::kNotFound
                   ? site.NotFound(req)
                   : site.Error(req, job.status());
    return std::nullopt;
  }
  return *job;
}

http::Response NewJobPage(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenEmployer(site, req, {}, &ar)) return *refused;
  Values values = {{"employment_type", "FULL_TIME"},
                   {"salary_period", "YEAR"},
                   {"status", "live"},
                   {"eligibility", "WW"}};
  return JobForm(site, req, ar.who, "", values, FieldErrors(), 200);
}

http::Response SaveJob(const Site& site, const http::Request& req, bool create) {
  AccountRequest ar;
  if (auto refused = OpenEmployer(site, req, {.post = true}, &ar)) return *refused;
  std::optional<Job> existing;
  if (!create) {
    std::optional<http::Response> refused;
    existing = OwnJob(site, req, ar.who, &refused);
    if (!existing) return *refused;
  }
  Values values = ValuesOf(ar.form, kJobInputs);
  values["description"] = ar.form.Raw("description");
  FieldErrors errors;
  Json body = JobBody(values, existing ? &*existing : nullptr, &errors, ar.form);
  std::string slug = existing ? existing->slug : "";
  if (!errors.empty()) return JobForm(site, req, ar.who, slug, values, errors, 422);
  const WebContext& ctx = site.ctx();
  if (create) body["company"] = ar.who.company_slug;
  StatusOr<Job> saved = create ? ctx.writes->Create<Job>(ar.who, WithoutNulls(body))
                               : ctx.writes->Patch<Job>(ar.who, slug, body);
  if (!saved.ok()) {
    if (auto r = WriteRefused(site, req, ar.who, saved.status(), kJobFields, &errors)) return *r;
    return JobForm(site, req, ar.who, slug, values, errors, 422);
  }
  if (ctx.after_write) ctx.after_write(Entity::kJob, saved->slug);
  return SeeOther("/account/jobs?saved=" + saved->slug);
}

http::Response EditJobPage(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenEmployer(site, req, {}, &ar)) return *refused;
  std::optional<http::Response> refused;
  std::optional<Job> job = OwnJob(site, req, ar.who, &refused);
  if (!job) return *refused;
  return JobForm(site, req, ar.who, job->slug, JobValues(*job), FieldErrors(), 200);
}

std::string StatusNote(const Job& j) {
  if (j.status == "live") return "Live: visible on Meridian.";
  if (j.status == "pending") {
    return "Pending review: it will be published once Meridian verifies your company.";
  }
  if (j.status == "draft") return "Draft: not published.";
  if (j.status == "flagged") {
    return "Under review: our moderators check it before it is published.";
  }
  if (j.status == "rejected") return "Not published: it did not pass moderation.";
  return "Closed (" + j.status + ").";
}

http::Response JobsPage(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenEmployer(site, req, {}, &ar)) return *refused;
  Notes notes;
  bool has_cursor = false;
  JobFilter f;
  f.company_slug = ar.who.company_slug;
  StatusOr<Page<Job>> page =
      FetchPage(req, 50, &notes, &has_cursor, [&](auto& p) { return site.store().ListJobs(f, p); });
  if (!page.ok()) return site.Error(req, page.status());
  std::string saved_slug = req.Query("saved").value_or("");
  Site::List rows;
  Site::Data d;
  d.set("saved", false);
  bool found = false;
  for (const Job& j : page->items) {
    Site::Data row;
    row.set("title", j.title);
    row.set("slug", j.slug);
    row.set("status", j.status);
    row.set("status_note", StatusNote(j));
    row.set("live", j.status == "live");
    row.set("edit_href", "/account/jobs/" + j.slug + "/edit");
    row.set("public_href", "/jobs/" + j.slug);
    row.set("posted", HumanDate(j.posted_at));
    row.set("confirm_href", "/account/jobs/" + j.slug + "/confirm");
    row.set("filled_href", "/account/jobs/" + j.slug + "/filled");
    row.set("can_confirm", j.status == "live" || j.status == "expired");
    row.set("can_fill", j.status == "live");
    row.set("confirmed", Opt(j.confirmed_at ? HumanDate(*j.confirmed_at) : ""));
    row.set("salary", Opt(FormatSalary(j.salary)));
    rows.push_back(row);
    if (j.slug == saved_slug) {
      d.set("saved", row);
      found = true;
    }
  }
  if (!found && !saved_slug.empty() && ValidateSlug(saved_slug).ok()) {
    StatusOr<Job> j = site.store().GetJob(saved_slug);
    if (j.ok() && j->company_slug == ar.who.company_slug) {
      Site::Data row;
      row.set("title", j->title);
      row.set("status", j->status);
      row.set("status_note", StatusNote(*j));
      d.set("saved", row);
    }
  }
  d.set("csrf", ar.who.csrf_token);
  d.set("jobs", rows);
  d.set("empty", page->items.empty());
  d.set("notes", notes.ToList());
  d.set("pager", Pager("/account/jobs", {}, page->next_cursor, has_cursor));
  return NoStore(site.Page(
      req, {.title = "Your jobs", .path = "/account/jobs", .noindex = true, .who = &ar.who},
      "account_jobs", d));
}

// "Still open" and "Mark filled" on the jobs list.
http::Response Freshness(const Site& site, const http::Request& req, bool filled) {
  AccountRequest ar;
  if (auto refused = OpenEmployer(site, req, {.post = true}, &ar)) return *refused;
  std::optional<http::Response> refused;
  std::optional<Job> job = OwnJob(site, req, ar.who, &refused);
  if (!job) return *refused;
  AuthorizedCatalog& writes = *site.ctx().writes;
  StatusOr<Job> saved = filled ? writes.Patch<Job>(ar.who, job->slug, Json{{"status", "filled"}})
                               : writes.ConfirmOpen(ar.who, job->slug, site.Now());
  if (!saved.ok()) return site.Error(req, saved.status());
  if (site.ctx().after_write) site.ctx().after_write(Entity::kJob, saved->slug);
  return SeeOther("/account/jobs?saved=" + saved->slug);
}

}  // namespace

void RegisterEmployerPages(http::Router& router, std::shared_ptr<const Site> site) {
  using http::Method;
  router.Add(Method::kGet, "/account/company",
             [site](http::Request& r) { return CompanyPage(*site, r); });
  router.Add(Method::kPost, "/account/company",
             [site](http::Request& r) { return CompanyPost(*site, r); });
  router.Add(Method::kGet, "/account/jobs",
             [site](http::Request& r) { return JobsPage(*site, r); });
  router.Add(Method::kGet, "/account/jobs/new",
             [site](http::Request& r) { return NewJobPage(*site, r); });
  router.Add(Method::kPost, "/account/jobs/new",
             [site](http::Request& r) { return SaveJob(*site, r, true); });
  router.Add(Method::kGet, "/account/jobs/{slug}/edit",
             [site](http::Request& r) { return EditJobPage(*site, r); });
  router.Add(Method::kPost, "/account/jobs/{slug}/edit",
             [site](http::Request& r) { return SaveJob(*site, r, false); });
  router.Add(Method::kPost, "/account/jobs/{slug}/confirm",
             [site](http::Request& r) { return Freshness(*site, r, false); });
  router.Add(Method::kPost, "/account/jobs/{slug}/filled",
             [site](http::Request& r) { return Freshness(*site, r, true); });
}

}  // namespace meridian::web
