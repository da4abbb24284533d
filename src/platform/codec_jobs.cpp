// JSON codec of companies and jobs.
#include <cmath>

#include "base/slug.h"
#include "base/strings.h"
#include "platform/codec.h"
#include "platform/codec_fields.h"
#include "platform/geo.h"
#include "platform/vocab.h"

namespace meridian {

using codec::Number;

Json CompanyToJson(const Company& c, View view) {
  Json j = {{"slug", c.slug},         {"name", c.name},
            {"website", c.website},   {"description", c.description},
            {"regions", c.regions},   {"remote_policy", c.remote_policy},
            {"size", c.size},         {"technologies", c.technologies},
            {"has_logo", c.has_logo}, {"verified", c.verified}};
  if (view == View::kWritable) return j;
  Json names = Json::array();
  for (const auto& r : c.regions) names.push_back(AreaName(r));
  j["region_names"] = names;
  j["url"] = "/companies/" + c.slug;
  j["created_at"] = FormatRfc3339(c.created_at);
  j["updated_at"] = FormatRfc3339(c.updated_at);
  return j;
}

StatusOr<Company> CompanyFromJson(const Json& j, const DecodeOptions& options) {
  JsonReader r(j);
  Company c;
  codec::Slug(r, &c.slug);
  codec::PlainText(r, "name", &c.name, codec::kName);
  codec::Url(r, "website", &c.website, false);
  codec::Markdown(r, "description", &c.description, {.max_chars = 20000, .multiline = true});
  codec::Areas(r, "regions", &c.regions);
  codec::Vocabulary(r, "remote_policy", &c.remote_policy, NormalizeRemotePolicy,
                    JoinVocabulary(RemotePolicies()));
  codec::Vocabulary(r, "size", &c.size, NormalizeCompanySize, JoinVocabulary(CompanySizes()));
  codec::Tags(r, "technologies", &c.technologies, 50);
  r.Bool("has_logo", &c.has_logo);
  r.Bool("verified", &c.verified);
  codec::ReadOnly(r, {"region_names", "url", "created_at", "updated_at"}, options);
  RETURN_IF_ERROR(r.Finish());
  if (c.regions.empty()) c.regions = {std::string(kWorldwide)};
  return c;
}

namespace {

Json TimezoneToJson(const std::optional<TimezoneWindow>& tz) {
  if (!tz) return nullptr;
  if (!tz->zone.empty()) {
    return {{"zone", tz->zone},
            {"start", FormatClock(tz->start_minute)},
            {"end", FormatClock(tz->end_minute)}};
  }
  auto hours = [](std::optional<int> m) { return m ? Json(*m / 60.0) : Json(nullptr); };
  return {{"utc_min", hours(tz->utc_min_minutes)}, {"utc_max", hours(tz->utc_max_minutes)}};
}

// {"zone","start","end"} | {"utc_min","utc_max"} | "Europe/Berlin" (09:00-17:00 local).
void TimezoneWindowField(JsonReader& parent, std::optional<TimezoneWindow>* out) {
  const Json* v = parent.Raw("timezone");
  if (!parent.ok() || !v) return;
  TimezoneWindow tz;
  if (v->is_string()) {
    Json obj = {{"zone", *v}};
    JsonReader r(obj, "timezone");
    codec::Timezone(r, "zone", &tz.zone);
    if (!r.ok()) return parent.FailStatus(r.Finish());
    tz.start_minute = 9 * 60;
    tz.end_minute = 17 * 60;
    *out = tz;
    return;
  }
  JsonReader r(*v, "timezone");
  bool zone_form = r.Has("zone") || r.Has("start") || r.Has("end");
  bool offset_form = r.Has("utc_min") || r.Has("utc_max");
  if (zone_form && offset_form) {
    return parent.Fail("timezone", "give either zone/start/end or utc_min/utc_max, not both");
  }
  if (offset_form) {
    std::optional<double> lo, hi;
    r.Double("utc_min", &lo, {.required = true, .min = -12, .max = 14});
    r.Double("utc_max", &hi, {.required = true, .min = -12, .max = 14});
    if (r.ok() && *lo > *hi) r.Fail("utc_min", "must not exceed utc_max");
    FAIL_READER_IF_ERROR(parent, r.Finish());
    tz.utc_min_minutes = static_cast<int>(*lo * 60);
    tz.utc_max_minutes = static_cast<int>(*hi * 60);
  } else {
    std::string start = "09:00", end = "17:00";
    codec::Timezone(r, "zone", &tz.zone);
    r.String("start", &start, {.max_chars = 5});
    r.String("end", &end, {.max_chars = 5});
    if (r.ok() && tz.zone.empty()) r.Fail("zone", "is required");
    auto s = ParseClock(start), e = ParseClock(end);
    if (r.ok() && !s) r.Fail("start", "expected a time like 09:00");
    if (r.ok() && !e) r.Fail("end", "expected a time like 17:00");
    if (r.ok() && *s == *e) r.Fail("end", "must differ from start");
    FAIL_READER_IF_ERROR(parent, r.Finish());
    tz.start_minute = *s;
    tz.end_minute = *e == 1440 ? 0 : *e;
  }
  *out = tz;
}

void EligibilityField(JsonReader& parent, Job* job) {
  const Json* v = parent.Raw("eligibility");
  if (!parent.ok() || !v) return;
  if (v->is_string() || v->is_array()) {
    Json obj = {{"areas", v->is_string() ? Json::array({*v}) : *v}};
    JsonReader r(obj, "eligibility");
    codec::Areas(r, "areas", &job->eligible_areas);
    return parent.FailStatus(r.Finish());
  }
  JsonReader r(*v, "eligibility");
  codec::Areas(r, "areas", &job->eligible_areas);
  codec::PlainText(r, "evidence", &job->eligibility_evidence, {.max_chars = 500});
  r.Ignore({"area_names"});
  parent.FailStatus(r.Finish());
}

}  // namespace

Json JobToJson(const Job& job, View view) {
  Json j = {
      {"slug", job.slug},
      {"company", job.company_slug},
      {"title", job.title},
      {"description", job.description},
      {"apply_url", job.apply_url},
      {"tags", job.tags},
      {"seniority", job.seniority},
      {"employment_type", job.employment_type},
      {"eligibility", {{"areas", job.eligible_areas}, {"evidence", job.eligibility_evidence}}},
      {"timezone", TimezoneToJson(job.timezone)},
      {"salary", codec::SalaryToJson(job.salary, view)},
      {"posted_at", FormatRfc3339(job.posted_at)},
      {"valid_through",
       job.valid_through ? Json(FormatRfc3339(*job.valid_through)) : Json(nullptr)},
      {"status", job.status}};
  if (view == View::kWritable) return j;
  j["company"] = {{"slug", job.company_slug}, {"name", job.company_name}};
  Json names = Json::array();
  for (const auto& a : job.eligible_areas) names.push_back(AreaName(a));
  j["eligibility"]["area_names"] = names;
  j["url"] = "/jobs/" + job.slug;
  j["created_at"] = FormatRfc3339(job.created_at);
  j["updated_at"] = FormatRfc3339(job.updated_at);
  j["confirmed_at"] = job.confirmed_at ? Json(FormatRfc3339(*job.confirmed_at)) : Json(nullptr);
  // The model's estimate, apart from the employer's figures in "salary".
  j["salary_estimate"] = nullptr;
  if (job.salary_estimate) {
    j["salary_estimate"] = {{"currency", "USD"},
                            {"period", "YEAR"},
                            {"p10", std::round(job.salary_estimate->low)},
                            {"median", std::round(job.salary_estimate->median)},
                            {"p90", std::round(job.salary_estimate->high)}};
  }
  // Employers see "under review", never why: the reasons would teach scammers what to avoid.
  if (view == View::kModerator) {
    j["scam"] = {{"score", Number(job.scam_score)}, {"reasons", job.scam_reasons}};
  }
  return j;
}

StatusOr<Job> JobFromJson(const Json& j, const DecodeOptions& options) {
  JsonReader r(j);
  Job job;
  codec::Slug(r, &job.slug);
  // "company": "acme" or, as exported, {"slug": "acme", "name": ...}.
  if (const Json* c = r.Raw("company"); r.ok() && c && c->is_object()) {
    Json obj = *c;
    JsonReader cr(obj, "company");
    codec::Slug(cr, &job.company_slug);
    cr.Ignore({"name"});
    r.FailStatus(cr.Finish());
    if (r.ok() && job.company_slug.empty()) r.Fail("company", "needs a slug");
  } else if (r.ok() && c) {
    std::string slug;
    if (!c->is_string()) {
      r.Fail("company", "expected a company slug, got " + std::string(JsonTypeName(*c)));
    } else {
      slug = c->get<std::string>();
      Status s = ValidateSlug(slug, "company");
      if (!s.ok()) r.FailStatus(s);
    }
    job.company_slug = slug;
  } else if (r.ok()) {
    r.Fail("company", "is required");
  }
  codec::PlainText(r, "title", &job.title, codec::kTitle);
  codec::Markdown(r, "description", &job.description, codec::kMarkdown);
  codec::Url(r, "apply_url", &job.apply_url, true);
  codec::Tags(r, "tags", &job.tags, 30);
  codec::Vocabulary(r, "seniority", &job.seniority, NormalizeSeniority,
                    JoinVocabulary(Seniorities()));
  codec::Vocabulary(r, "employment_type", &job.employment_type, NormalizeEmploymentType,
                    JoinVocabulary(EmploymentTypes()));
  EligibilityField(r, &job);
  TimezoneWindowField(r, &job.timezone);
  codec::SalaryObject(r, "salary", &job.salary, options);
  std::optional<UnixSeconds> posted, valid;
  codec::Timestamp(r, "posted_at", &posted);
  codec::Timestamp(r, "valid_through", &valid);
  codec::Vocabulary(r, "status", &job.status, NormalizeJobStatus, JoinVocabulary(JobStatuses()));
  codec::ReadOnly(r, {"url", "created_at", "updated_at", "scam", "confirmed_at", "salary_estimate"},
                  options);
  RETURN_IF_ERROR(r.Finish());
  job.posted_at = posted.value_or(options.now);
  job.valid_through = valid;
  if (valid && *valid < job.posted_at) {
    return InvalidArgumentError("valid_through: must not be before posted_at", "valid_through");
  }
  if (job.salary.present()) job.salary.source = "employer";
  if (job.employment_type.empty()) job.employment_type = "FULL_TIME";
  if (job.status.empty()) job.status = "live";
  if (job.eligible_areas.empty()) job.eligible_areas = {std::string(kWorldwide)};
  return job;
}

}  // namespace meridian
