// JSON codec of talent profiles.
#include "base/slug.h"
#include "platform/codec.h"
#include "platform/codec_fields.h"
#include "platform/geo.h"
#include "platform/text_checks.h"
#include "platform/vocab.h"

namespace meridian {

namespace {

// [{"name": "rust", "level": 4}] or ["rust", "go"] (levels unstated).
void Skills(JsonReader& parent, std::vector<TalentSkill>* out) {
  const Json* v = parent.Raw("skills");
  if (!parent.ok() || !v) return;
  if (!v->is_array())
    return parent.Fail("skills", "expected an array, got " + std::string(JsonTypeName(*v)));
  if (v->size() > 60) return parent.Fail("skills", "has more than 60 items");
  std::vector<TalentSkill> skills;
  for (size_t i = 0; i < v->size(); ++i) {
    const Json& e = (*v)[i];
    std::string key = "skills[" + std::to_string(i) + "]";
    TalentSkill s;
    std::vector<std::string> name;
    if (e.is_string()) {
      const std::string& raw = e.get_ref<const std::string&>();
      if (auto err = CheckText(raw, {.max_chars = 40})) return parent.Fail(key, *err);
      if (auto err = CheckPlainText(raw)) return parent.Fail(key, *err);
      auto tag = NormalizeTag(raw);
      if (!tag) return parent.Fail(key, "must be 1 to 40 characters");
      name = {*tag};
    } else {
      JsonReader r(e, parent.FieldPath(key));
      std::string raw;
      r.String("name", &raw, {.required = true, .max_chars = 40});
      std::optional<int64_t> level;
      r.Int("level", &level, {.min = 0, .max = 5});
      FAIL_READER_IF_ERROR(parent, r.Finish());
      if (auto err = CheckPlainText(raw)) return parent.Fail(key + ".name", *err);
      auto t = NormalizeTag(raw);
      if (!t) return parent.Fail(key + ".name", "must be 1 to 40 characters");
      name = {*t};
      s.level = static_cast<int>(level.value_or(0));
    }
    s.name = name.empty() ? "" : name[0];
    bool dup = false;
    for (const auto& x : skills) dup = dup || x.name == s.name;
    if (!dup) skills.push_back(s);
  }
  *out = std::move(skills);
}

void WorkingHours(JsonReader& parent, Talent* t) {
  const Json* v = parent.Raw("working_hours");
  if (!parent.ok() || !v) return;
  JsonReader r(*v, "working_hours");
  std::string start, end;
  r.String("start", &start, {.required = true, .max_chars = 5});
  r.String("end", &end, {.required = true, .max_chars = 5});
  auto s = ParseClock(start), e = ParseClock(end);
  if (r.ok() && !s) r.Fail("start", "expected a time like 09:00");
  if (r.ok() && !e) r.Fail("end", "expected a time like 17:00");
  if (r.ok() && *s == *e) r.Fail("end", "must differ from start");
  FAIL_READER_IF_ERROR(parent, r.Finish());
  t->work_start_minute = *s;
  t->work_end_minute = *e == 1440 ? 0 : *e;
}

}  // namespace

Json TalentToJson(const Talent& t, View view) {
  Json skills = Json::array();
  for (const auto& s : t.skills) skills.push_back({{"name", s.name}, {"level", s.level}});
  Json hours = nullptr;
  if (t.work_start_minute && t.work_end_minute) {
    hours = {{"start", FormatClock(*t.work_start_minute)},
             {"end", FormatClock(*t.work_end_minute)}};
  }
  Json j = {{"slug", t.slug},
            {"name", t.name},
            {"headline", t.headline},
            {"summary", t.summary},
            {"skills", skills},
            {"seniority", t.seniority},
            {"city", t.city_slug.empty() ? Json(nullptr) : Json(t.city_slug)},
            {"country", t.country},
            {"timezone", t.timezone},
            {"working_hours", hours},
            {"desired_salary", codec::SalaryToJson(t.desired_salary, View::kWritable)},
            {"availability", t.availability},
            {"visibility", t.visibility},
            {"links", t.links}};
  if (view == View::kWritable) {
    j["email"] = t.email;
    j["contact"] = t.contact;
    return j;
  }
  j["desired_salary"] = codec::SalaryToJson(t.desired_salary, View::kPublic);
  if (!t.desired_salary.present())
    j["desired_salary"] = nullptr;
  else
    j["desired_salary"].erase("source");
  j["city"] =
      t.city_slug.empty() ? Json(nullptr) : Json({{"slug", t.city_slug}, {"name", t.city_name}});
  j["country_name"] = t.country.empty() ? "" : AreaName(t.country);
  j["url"] = "/talent/" + t.slug;
  j["created_at"] = FormatRfc3339(t.created_at);
  j["updated_at"] = FormatRfc3339(t.updated_at);
  if (view == View::kPrivate || view == View::kModerator) {
    j["email"] = t.email;
    j["contact"] = t.contact;
  }
  return j;
}

StatusOr<Talent> TalentFromJson(const Json& j, const DecodeOptions& options) {
  JsonReader r(j);
  Talent t;
  codec::Slug(r, &t.slug);
  codec::PlainText(r, "name", &t.name, codec::kName);
  codec::PlainText(r, "headline", &t.headline, codec::kShort);
  codec::Markdown(r, "summary", &t.summary, {.max_chars = 20000, .multiline = true});
  Skills(r, &t.skills);
  codec::Vocabulary(r, "seniority", &t.seniority, NormalizeSeniority,
                    JoinVocabulary(Seniorities()));
  if (const Json* c = r.Raw("city"); r.ok() && c) {
    if (c->is_object() && c->contains("slug") && (*c)["slug"].is_string()) {
      t.city_slug = (*c)["slug"].get<std::string>();
    } else if (c->is_string()) {
      t.city_slug = c->get<std::string>();
    } else {
      r.Fail("city", "expected a city slug");
    }
    if (r.ok() && !t.city_slug.empty()) r.FailStatus(ValidateSlug(t.city_slug, "city"));
  }
  codec::Country(r, "country", &t.country);
  codec::Timezone(r, "timezone", &t.timezone);
  WorkingHours(r, &t);
  codec::SalaryObject(r, "desired_salary", &t.desired_salary, options);
  codec::Vocabulary(r, "availability", &t.availability, NormalizeAvailability,
                    JoinVocabulary(Availabilities()));
  codec::Vocabulary(r, "visibility", &t.visibility, NormalizeVisibility,
                    JoinVocabulary(Visibilities()));
  r.String("email", &t.email, {.max_chars = 254});
  if (r.ok() && !t.email.empty()) {
    if (auto err = CheckEmail(t.email)) r.Fail("email", *err);
  }
  codec::PlainText(r, "contact", &t.contact, codec::kShort);
  std::vector<std::string> links;
  r.StringList("links", &links, {.max_chars = 500}, 10);
  for (size_t i = 0; r.ok() && i < links.size(); ++i) {
    if (auto err = CheckUrl(links[i], false)) r.Fail("links[" + std::to_string(i) + "]", *err);
  }
  t.links = links;
  codec::ReadOnly(r, {"url", "country_name", "created_at", "updated_at"}, options);
  RETURN_IF_ERROR(r.Finish());
  if (t.desired_salary.present()) t.desired_salary.source = "talent";
  if (t.visibility.empty()) t.visibility = "public";
  return t;
}

}  // namespace meridian
