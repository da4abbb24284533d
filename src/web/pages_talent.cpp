// Talent pages: /account/profile (create or edit the profile, its visibility included),
// /account/profile/resume.json (JSON Resume export) and /account/profile/resume (JSON Resume
// import, pasted into a textarea). Writes go through AuthorizedCatalog.
#include "base/slug.h"
#include "base/strings.h"
#include "platform/import/foreign.h"
#include "platform/vocab.h"
#include "web/format.h"
#include "web/forms.h"
#include "web/pages.h"

namespace meridian::web {
namespace {

using InputPair = std::pair<std::string_view, std::string_view>;

constexpr std::string_view kProfileInputs[] = {
    "name",       "headline",   "summary",         "skills",        "seniority",
    "city",       "country",    "timezone",        "work_start",    "work_end",
    "salary_min", "salary_max", "salary_currency", "salary_period", "availability",
    "visibility", "email",      "contact",         "links"};
constexpr InputPair kProfileFields[] = {
    {"name", "name"},
    {"headline", "headline"},
    {"summary", "summary"},
    {"skills", "skills"},
    {"seniority", "seniority"},
    {"city", "city"},
    {"country", "country"},
    {"timezone", "timezone"},
    {"working_hours.start", "work_start"},
    {"working_hours.end", "work_end"},
    {"working_hours", "work_start"},
    {"desired_salary.min", "salary_min"},
    {"desired_salary.max", "salary_max"},
    {"desired_salary.currency", "salary_currency"},
    {"desired_salary.period", "salary_period"},
    {"desired_salary", "salary_min"},
    {"availability", "availability"},
    {"visibility", "visibility"},
    {"email", "email"},
    {"contact", "contact"},
    {"links", "links"},
    {"slug", "name"},
};
// A résumé import reports every error beside its textarea.
constexpr InputPair kResumeFields[] = {{"", "resume"}};

constexpr size_t kMaxResumeBytes = 256 * 1024;

std::string NumberText(std::optional<double> v) {
  if (!v) return "";
  if (*v == static_cast<double>(static_cast<int64_t>(*v))) {
    return std::to_string(static_cast<int64_t>(*v));
  }
  return FormatFixed(*v, 2);
}

Json TextOrNull(const Values& v, std::string_view name) {
  auto it = v.find(name);
  if (it == v.end() || it->second.empty()) return nullptr;
  return it->second;
}

Values ProfileValues(const Talent& t) {
  std::vector<std::string> skills;
  for (const TalentSkill& s : t.skills) {
    skills.push_back(s.level > 0 ? s.name + ":" + std::to_string(s.level) : s.name);
  }
  Values v = {{"name", t.name},
              {"headline", t.headline},
              {"summary", t.summary},
              {"skills", Join(skills, ", ")},
              {"seniority", t.seniority},
              {"city", t.city_slug},
              {"country", t.country},
              {"timezone", t.timezone},
              {"salary_min", NumberText(t.desired_salary.min)},
              {"salary_max", NumberText(t.desired_salary.max)},
              {"salary_currency", t.desired_salary.currency},
              {"salary_period", t.desired_salary.period.empty() ? "YEAR" : t.desired_salary.period},
              {"availability", t.availability},
              {"visibility", t.visibility.empty() ? "public" : t.visibility},
              {"email", t.email},
              {"contact", t.contact},
              {"links", Join(t.links, "\n")}};
  if (t.work_start_minute && t.work_end_minute) {
    v["work_start"] = FormatClock(*t.work_start_minute);
    v["work_end"] = FormatClock(*t.work_end_minute);
  }
  return v;
}

// "rust:5, go, sql:3" -> [{"name":"rust","level":5},"go",{"name":"sql","level":3}].
Json SkillsJson(std::string_view text, FieldErrors* errors) {
  Json out = Json::array();
  for (const Json& item : CommaList(text)) {
    std::string s = item.get<std::string>();
    size_t colon = s.rfind(':');
    if (colon == std::string::npos) {
      out.push_back(s);
      continue;
    }
    std::optional<int64_t> level = ParseInt(Trim(std::string_view(s).substr(colon + 1)));
    if (!level || *level < 0 || *level > 5) {
      errors->Add("skills", "a level after ':' is a number from 0 to 5, like rust:4");
      return nullptr;
    }
    out.push_back(
        {{"name", std::string(Trim(std::string_view(s).substr(0, colon)))}, {"level", *level}});
  }
  return out.empty() ? Json(nullptr) : out;
}

Json ProfileBody(const Values& v, const Form& form, FieldErrors* errors) {
  Json body = {{"name", TextOrNull(v, "name")},
               {"headline", TextOrNull(v, "headline")},
               {"summary", TextOrNull(v, "summary")},
               {"skills", SkillsJson(v.at("skills"), errors)},
               {"seniority", TextOrNull(v, "seniority")},
               {"city", TextOrNull(v, "city")},
               {"country", TextOrNull(v, "country")},
               {"timezone", TextOrNull(v, "timezone")},
               {"availability", TextOrNull(v, "availability")},
               {"visibility", TextOrNull(v, "visibility")},
               {"email", TextOrNull(v, "email")},
               {"contact", TextOrNull(v, "contact")},
               {"links", v.at("links").empty() ? Json(nullptr) : LineList(v.at("links"))}};
  if (v.at("work_start").empty() && v.at("work_end").empty()) {
    body["working_hours"] = nullptr;
  } else {
    body["working_hours"] = {{"start", v.at("work_start")}, {"end", v.at("work_end")}};
  }
  Json min = NumberInput(form, "salary_min", errors);
  Json max = NumberInput(form, "salary_max", errors);
  if (v.at("salary_min").empty() && v.at("salary_max").empty() && v.at("salary_currency").empty()) {
    body["desired_salary"] = nullptr;
  } else {
    body["desired_salary"] = {{"min", min},
                              {"max", max},
                              {"currency", TextOrNull(v, "salary_currency")},
                              {"period", TextOrNull(v, "salary_period")}};
  }
  return body;
}

struct ProfileForm {
  Values values;
  FieldErrors errors;
  std::string resume;  // the import textarea
  FieldErrors resume_errors;
  int status = 200;
};

http::Response ProfileView(const Site& site, const http::Request& req, const Principal& who,
                           const ProfileForm& f) {
  Site::Data d;
  d.set("csrf", who.csrf_token);
  d.set("editing", !who.talent_slug.empty());
  d.set("public_href", Opt(who.talent_slug.empty() ? "" : "/talent/" + who.talent_slug));
  std::string saved = req.Query("saved").value_or("");
  bool ok = f.errors.empty() && f.resume_errors.empty();
  d.set("saved", ok && saved == "1");
  d.set("imported", ok && saved == "resume");
  FillValues(f.values, &d);
  auto get = [&](std::string_view k) {
    auto it = f.values.find(k);
    return it == f.values.end() ? std::string() : it->second;
  };
  d.set("hidden", get("visibility") == "hidden");
  d.set("seniorities", Choices(Seniorities(), SeniorityLabel, get("seniority"), true));
  d.set("availabilities", Choices(Availabilities(), AvailabilityLabel, get("availability"), true));
  std::string period = get("salary_period");
  d.set("periods", Choices(SalaryPeriods(), PeriodLabel, period.empty() ? "YEAR" : period, false));
  f.errors.Fill(&d);
  Site::Data resume;
  resume.set("v_resume", f.resume);
  f.resume_errors.Fill(&resume);
  d.set("resume", resume);
  return NoStore(
      site.Page(req,
                {.title = who.talent_slug.empty() ? "Create your profile" : "Edit your profile",
                 .path = "/account/profile",
                 .noindex = true,
                 .status = f.status,
                 .who = &who},
                "account_profile", d));
}

// The stored profile's values ({} before it exists).
StatusOr<Values> StoredValues(const Site& site, const Principal& who) {
  if (who.talent_slug.empty()) return Values{{"visibility", "public"}, {"salary_period", "YEAR"}};
  ASSIGN_OR_RETURN(Talent t, site.store().GetTalent(who.talent_slug));
  return ProfileValues(t);
}

std::optional<http::Response> OpenTalent(const Site& site, const http::Request& req,
                                         const AccountRequestOptions& options, AccountRequest* ar) {
  if (auto refused = OpenAccountRequest(site, req, options, ar)) return refused;
  if (ar->who.role != Role::kTalent) return WrongRole(site, req, ar->who, "talent");
  return std::nullopt;
}

http::Response ProfilePage(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenTalent(site, req, {}, &ar)) return *refused;
  StatusOr<Values> values = StoredValues(site, ar.who);
  if (!values.ok()) return site.Error(req, values.status());
  ProfileForm f;
  f.values = std::move(*values);
  return ProfileView(site, req, ar.who, f);
}

// Creates the caller's profile or merges `body` into it.
StatusOr<Talent> SaveProfile(const Site& site, const Principal& who, const Json& body) {
  AuthorizedCatalog& writes = *site.ctx().writes;
  if (who.talent_slug.empty()) return writes.Create<Talent>(who, WithoutNulls(body));
  return writes.Patch<Talent>(who, who.talent_slug, body);
}

http::Response ProfilePost(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenTalent(site, req, {.post = true}, &ar)) return *refused;
  ProfileForm f;
  f.values = ValuesOf(ar.form, kProfileInputs);
  f.values["summary"] = ar.form.Raw("summary");
  Json body = ProfileBody(f.values, ar.form, &f.errors);
  if (f.errors.empty()) {
    StatusOr<Talent> saved = SaveProfile(site, ar.who, body);
    if (saved.ok()) {
      if (site.ctx().after_write) site.ctx().after_write(Entity::kTalent, saved->slug);
      return SeeOther("/account/profile?saved=1");
    }
    if (auto r = WriteRefused(site, req, ar.who, saved.status(), kProfileFields, &f.errors)) {
      return *r;
    }
  }
  f.status = 422;
  return ProfileView(site, req, ar.who, f);
}

http::Response ResumeExport(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenTalent(site, req, {}, &ar)) return *refused;
  if (ar.who.talent_slug.empty()) {
    return Message(site, req,
                   {.status = 404,
                    .title = "No profile yet",
                    .text = "Create your profile first; then you can export it as JSON Resume.",
                    .link_href = "/account/profile",
                    .link_text = "Create your profile"},
                   &ar.who);
  }
  StatusOr<Talent> t = site.store().GetTalent(ar.who.talent_slug);
  if (!t.ok()) return site.Error(req, t.status());
  http::Response r = http::Response::Json(200, TalentToJsonResume(*t).dump(2) + "\n");
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + t->slug + ".resume.json\"");
  return NoStore(std::move(r));
}

// The slug of the city named in a résumé, when Meridian has it.
std::string CitySlugFor(const Site& site, const std::string& city, const std::string& country) {
  for (const std::string& slug : {Slugify(city), Slugify(city + " " + country)}) {
    if (slug.empty() || !ValidateSlug(slug).ok()) continue;
    StatusOr<City> c = site.store().GetCity(slug);
    if (c.ok() && (country.empty() || AsciiLower(c->country) == AsciiLower(country))) return slug;
  }
  return "";
}

http::Response ResumeImport(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenTalent(site, req, {.post = true}, &ar)) return *refused;
  ProfileForm f;
  f.resume = ar.form.Raw("resume");
  StatusOr<Values> stored = StoredValues(site, ar.who);
  if (!stored.ok()) return site.Error(req, stored.status());
  f.values = std::move(*stored);
  f.status = 422;
  if (Trim(f.resume).empty()) {
    f.resume_errors.Add("resume", "paste a JSON Resume document");
    return ProfileView(site, req, ar.who, f);
  }
  if (f.resume.size() > kMaxResumeBytes) {
    f.resume_errors.Add("resume", "the document is larger than 256 KB");
    return ProfileView(site, req, ar.who, f);
  }
  StatusOr<Json> doc = ParseJson(f.resume);
  if (!doc.ok()) {
    f.resume_errors.Add("resume", "this is not valid JSON: " + doc.status().message());
    return ProfileView(site, req, ar.who, f);
  }
  StatusOr<Json> body =
      JsonResumeToTalent(*doc, [&](const std::string& city, const std::string& country) {
        return CitySlugFor(site, city, country);
      });
  Status status = body.status();
  if (body.ok()) {
    body->erase("slug");  // the slug follows the name on creation and never changes after
    StatusOr<Talent> saved = SaveProfile(site, ar.who, *body);
    if (saved.ok()) {
      if (site.ctx().after_write) site.ctx().after_write(Entity::kTalent, saved->slug);
      return SeeOther("/account/profile?saved=resume");
    }
    status = saved.status();
  }
  if (status.code() == StatusCode::kInvalidArgument ||
      status.code() == StatusCode::kAlreadyExists || status.code() == StatusCode::kNotFound) {
    f.resume_errors.Add("resume", "the résumé could not be imported: " + status.message());
    return ProfileView(site, req, ar.who, f);
  }
  if (auto r = WriteRefused(site, req, ar.who, status, kResumeFields, &f.resume_errors)) {
    return *r;
  }
  return ProfileView(site, req, ar.who, f);
}

}  // namespace

void RegisterTalentPages(http::Router& router, std::shared_ptr<const Site> site) {
  using http::Method;
  router.Add(Method::kGet, "/account/profile",
             [site](http::Request& r) { return ProfilePage(*site, r); });
  router.Add(Method::kPost, "/account/profile",
             [site](http::Request& r) { return ProfilePost(*site, r); });
  router.Add(Method::kGet, "/account/profile/resume.json",
             [site](http::Request& r) { return ResumeExport(*site, r); });
  router.Add(Method::kPost, "/account/profile/resume",
             [site](http::Request& r) { return ResumeImport(*site, r); });
}

}  // namespace meridian::web
