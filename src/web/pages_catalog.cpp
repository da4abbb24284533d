// /companies, /companies/{slug}, /talent and /talent/{slug}.
#include "base/slug.h"
#include "base/strings.h"
#include "platform/codec.h"
#include "platform/geo.h"
#include "platform/vocab.h"
#include "web/format.h"
#include "web/pages.h"
#include "web/pages_match.h"
#include "web/views.h"

namespace meridian::web {
namespace {

constexpr int kCompaniesPerPage = 24;
constexpr int kTalentPerPage = 20;

std::optional<std::string> NormalizeCountryFilter(std::string_view v) {
  StatusOr<std::string> c = ResolveCountry(v);
  if (!c.ok()) return std::nullopt;
  return *c;
}

std::vector<std::pair<std::string, std::string>> Labeled(std::span<const std::string_view> vocab,
                                                         std::string (*label)(std::string_view)) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::string_view v : vocab) out.emplace_back(std::string(v), label(v));
  return out;
}

http::Response CompaniesPage(const Site& site, const http::Request& req) {
  Notes notes;
  CompanyFilter f;
  f.name_contains = TextFilter(req, "q", 100, &notes);
  f.remote_policy =
      VocabFilter(req, "remote_policy", NormalizeRemotePolicy, OneOf(RemotePolicies()), &notes);
  f.technology =
      VocabFilter(req, "technology", NormalizeTag, "a technology of 1 to 40 characters", &notes);
  bool has_cursor = false;
  StatusOr<Page<Company>> page =
      FetchPage(req, kCompaniesPerPage, &notes, &has_cursor,
                [&](auto& p) { return site.store().ListCompanies(f, p); });
  if (!page.ok()) return site.Error(req, page.status());
  std::vector<std::pair<std::string, std::string>> params = {
      {"q", f.name_contains}, {"remote_policy", f.remote_policy}, {"technology", f.technology}};
  bool filtered = !QueryString(params).empty();

  Site::Data d;
  Site::List companies;
  for (const Company& c : page->items) companies.push_back(CompanyCard(c));
  d.set("companies", companies);
  d.set("empty", page->items.empty());
  d.set("q", f.name_contains);
  d.set("technology", f.technology);
  d.set("policies", SelectOptions(Labeled(RemotePolicies(), RemotePolicyLabel), f.remote_policy));
  d.set("filtered", filtered);
  d.set("notes", notes.ToList());
  d.set("pager", Pager("/companies", params, page->next_cursor, has_cursor));
  std::string heading = f.technology.empty() ? "Remote-friendly companies"
                                             : "Remote-friendly companies using " + f.technology;
  d.set("heading", heading);
  return site.Page(req,
                   {.title = heading,
                    .description = "Companies that hire remotely: where they hire, how remote "
                                   "they are, their size and their stack.",
                    .path = "/companies",
                    .query = QueryString(params),
                    .nav = "companies",
                    .noindex = filtered || has_cursor},
                   "companies", d);
}

http::Response CompanyPage(const Site& site, const http::Request& req) {
  std::string slug = req.Param("slug");
  if (!ValidateSlug(slug).ok()) return site.NotFound(req);
  StatusOr<Company> c = site.store().GetCompany(slug);
  if (!c.ok()) return site.Error(req, c.status());
  UnixSeconds now = site.Now();
  JobFilter jf{.company_slug = c->slug, .statuses = {"live"}, .valid_at = now};
  StatusOr<Page<Job>> jobs = site.store().ListJobs(jf, {.limit = 20});
  if (!jobs.ok()) return site.Error(req, jobs.status());

  Site::Data d = CompanyCard(*c);
  std::string website = SafeUrl(c->website).value_or("");
  d.set("website", Opt(website));
  d.set("website_text", DisplayUrl(website));
  Site::List regions;
  for (const std::string& r : c->regions) {
    Site::Data rd;
    rd.set("name", AreaName(r));
    regions.push_back(rd);
  }
  d.set("regions", regions);
  d.set("tech", TagChips(c->technologies, "/companies", "technology"));
  d.set("description_html", Opt(MarkdownToHtml(c->description)));
  Site::List job_cards;
  for (const Job& j : jobs->items) job_cards.push_back(JobCard(j, now));
  d.set("jobs", job_cards);
  d.set("no_jobs", jobs->items.empty());
  if (const MatchService* match = site.ctx().match; match != nullptr) {
    SetMatchBox(d, "similar_companies", "Similar companies",
                match->SimilarCompanies(c->slug, {.limit = 4, .at = now}));
  }
  d.set("all_jobs_href",
        Opt(jobs->next_cursor.empty() ? std::string() : "/jobs?company=" + c->slug));
  std::string description = c->description.empty()
                                ? c->name +
                                      " hires remotely. Open positions, hiring regions and "
                                      "remote policy."
                                : PlainExcerpt(c->description, 160);
  return site.Page(req,
                   {.title = c->name + " \u2013 remote jobs and company facts",
                    .description = description,
                    .path = "/companies/" + c->slug,
                    .nav = "companies"},
                   "company", d);
}

http::Response TalentListPage(const Site& site, const http::Request& req) {
  Notes notes;
  TalentFilter f;
  f.skill = VocabFilter(req, "skill", NormalizeTag, "a skill of 1 to 40 characters", &notes);
  f.seniority = VocabFilter(req, "seniority", NormalizeSeniority, OneOf(Seniorities()), &notes);
  f.country =
      VocabFilter(req, "country", NormalizeCountryFilter, "an ISO country code such as PT", &notes);
  f.include_hidden = false;
  bool has_cursor = false;
  StatusOr<Page<Talent>> page = FetchPage(req, kTalentPerPage, &notes, &has_cursor,
                                          [&](auto& p) { return site.store().ListTalent(f, p); });
  if (!page.ok()) return site.Error(req, page.status());
  std::vector<std::pair<std::string, std::string>> params = {
      {"skill", f.skill}, {"seniority", f.seniority}, {"country", f.country}};
  bool filtered = !QueryString(params).empty();

  Site::Data d;
  Site::List people;
  for (const Talent& t : page->items) {
    if (t.visibility == "hidden") continue;  // belt and braces: the filter excludes them
    people.push_back(TalentCard(t));
  }
  d.set("people", people);
  d.set("empty", page->items.empty());
  d.set("skill", f.skill);
  d.set("country", Opt(f.country));
  d.set("country_name", f.country.empty() ? "" : AreaName(f.country));
  d.set("country_clear_href",
        "/talent" + QueryString({{"skill", f.skill}, {"seniority", f.seniority}}));
  d.set("seniorities", SelectOptions(Labeled(Seniorities(), SeniorityLabel), f.seniority));
  d.set("filtered", filtered);
  d.set("notes", notes.ToList());
  d.set("pager", Pager("/talent", params, page->next_cursor, has_cursor));
  std::string heading = "Hire remote developers";
  if (!f.skill.empty()) heading = "Hire remote " + f.skill + " developers";
  if (!f.country.empty()) heading += " in " + AreaName(f.country);
  d.set("heading", heading);
  return site.Page(req,
                   {.title = heading,
                    .description = "Public profiles of developers open to remote work: skills, "
                                   "seniority, time zone, working hours and availability.",
                    .path = "/talent",
                    .query = QueryString(params),
                    .nav = "talent",
                    .noindex = filtered || has_cursor},
                   "talent_list", d);
}

http::Response TalentPage(const Site& site, const http::Request& req) {
  std::string slug = req.Param("slug");
  if (!ValidateSlug(slug).ok()) return site.NotFound(req);
  StatusOr<Talent> t = site.store().GetTalent(slug);
  if (!t.ok()) return site.Error(req, t.status());
  // Hidden profiles exist only for their owner (and admins); the session is looked up only then.
  std::optional<Principal> who;
  if (t->visibility != "public") {
    who = site.Caller(req);
    if (!CanReadTalent(*who, *t)) return site.NotFound(req);
  }

  // Built field by field: the private email and contact never reach the template.
  Site::Data d = TalentCard(*t);
  d.set("city_href", Opt(t->city_slug.empty() ? std::string() : "/cities/" + t->city_slug));
  d.set("city_name", t->city_name);
  d.set("country_name", Opt(t->country.empty() ? std::string() : AreaName(t->country)));
  Site::List skills;
  for (const TalentSkill& s : t->skills) {
    Site::Data sd;
    sd.set("name", s.name);
    sd.set("href", "/talent?skill=" + PercentEncode(s.name));
    sd.set("level", s.level >= 1 && s.level <= 5 ? std::to_string(s.level) : "0");
    sd.set("has_level", s.level >= 1 && s.level <= 5);
    static constexpr const char* kLevelNames[] = {"not stated", "beginner", "working knowledge",
                                                  "proficient", "advanced", "expert"};
    sd.set("level_name", kLevelNames[s.level >= 1 && s.level <= 5 ? s.level : 0]);
    skills.push_back(sd);
  }
  d.set("skill_rows", skills);
  std::string zone_text;
  if (IsValidTimezone(t->timezone)) {
    zone_text =
        t->timezone + " (" + FormatUtcOffset(UtcOffsetMinutes(t->timezone, site.Now())) + " now)";
  }
  d.set("zone", Opt(zone_text));
  std::string hours;
  if (t->work_start_minute && t->work_end_minute) {
    hours = FormatClock(*t->work_start_minute) + "\u2013" + FormatClock(*t->work_end_minute) +
            " local time";
  }
  d.set("hours", Opt(hours));
  d.set("salary", Opt(FormatSalary(t->desired_salary)));
  d.set("salary_usd", Opt(FormatUsdAnnual(t->desired_salary)));
  d.set("summary_html", Opt(MarkdownToHtml(t->summary)));
  Site::List links;
  for (const std::string& l : t->links) {
    std::optional<std::string> safe = SafeUrl(l);
    if (!safe) continue;
    Site::Data ld;
    ld.set("href", *safe);
    ld.set("text", DisplayUrl(*safe));
    links.push_back(ld);
  }
  d.set("links", links);
  d.set("has_links", !links.empty());
  d.set("owner_hidden", who.has_value());
  if (const MatchService* match = site.ctx().match; match != nullptr) {
    // The owner reads "your time"; everyone else reads about the profile.
    bool owner = (who ? *who : site.Caller(req)).talent_slug == t->slug;
    SetMatchBox(
        d, "matching_jobs", owner ? "Jobs that match you" : "Jobs that match " + t->name,
        match->JobsForTalent(
            t->slug,
            {.limit = 6, .at = site.Now(), .viewer = owner ? Viewer::kTalent : Viewer::kEmployer}));
  }
  std::string description = t->headline.empty() ? t->name + ", remote developer" : t->headline;
  if (!t->summary.empty()) description += ". " + t->summary;
  return site.Page(req,
                   {.title = t->name + (t->headline.empty() ? "" : " \u2013 " + t->headline),
                    .description = PlainExcerpt(description, 160),
                    .path = "/talent/" + t->slug,
                    .nav = "talent",
                    .noindex = who.has_value(),
                    .who = who ? &*who : nullptr},
                   "talent", d);
}

}  // namespace

void RegisterCatalogPages(http::Router& router, std::shared_ptr<const Site> site) {
  router.Add(http::Method::kGet, "/companies",
             [site](http::Request& r) { return CompaniesPage(*site, r); });
  router.Add(http::Method::kGet, "/companies/{slug}",
             [site](http::Request& r) { return CompanyPage(*site, r); });
  router.Add(http::Method::kGet, "/talent",
             [site](http::Request& r) { return TalentListPage(*site, r); });
  router.Add(http::Method::kGet, "/talent/{slug}",
             [site](http::Request& r) { return TalentPage(*site, r); });
}

}  // namespace meridian::web
