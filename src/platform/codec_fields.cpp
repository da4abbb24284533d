#include "platform/codec_fields.h"

#include <algorithm>
#include <cstdio>

#include "base/slug.h"
#include "base/strings.h"
#include "platform/fx.h"
#include "platform/geo.h"
#include "platform/text_checks.h"
#include "platform/vocab.h"

namespace meridian {

std::string FormatClock(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minutes / 60) % 24, minutes % 60);
  return buf;
}

std::optional<int> ParseClock(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return std::nullopt;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!digit(t[0]) || !digit(t[1]) || !digit(t[3]) || !digit(t[4])) return std::nullopt;
  int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h == 24 && m == 0) return 1440;
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

namespace codec {

void PlainText(JsonReader& r, std::string_view key, std::string* out, const TextRule& rule) {
  std::string v;
  r.String(key, &v, rule);
  if (!r.ok()) return;
  if (auto err = CheckPlainText(v)) return r.Fail(key, *err);
  *out = std::string(Trim(v));
  if (rule.required && out->empty()) r.Fail(key, "must not be blank");
}

void Markdown(JsonReader& r, std::string_view key, std::string* out, const TextRule& rule) {
  std::string v;
  r.String(key, &v, rule);
  if (!r.ok()) return;
  if (auto err = CheckMarkdown(v)) return r.Fail(key, *err);
  *out = std::move(v);
}

void Url(JsonReader& r, std::string_view key, std::string* out, bool allow_mailto) {
  std::string v;
  r.String(key, &v, {.max_chars = 500});
  if (!r.ok() || v.empty()) return;
  if (auto err = CheckUrl(v, allow_mailto)) return r.Fail(key, *err);
  *out = std::move(v);
}

void Slug(JsonReader& r, std::string* out) {
  std::string v;
  r.String("slug", &v, {.max_chars = kMaxSlugLength});
  if (!r.ok() || v.empty()) return;
  Status s = ValidateSlug(v, r.FieldPath("slug"));
  if (!s.ok()) return r.FailStatus(s);
  *out = std::move(v);
}

void Tags(JsonReader& r, std::string_view key, std::vector<std::string>* out, size_t max_items) {
  std::vector<std::string> raw;
  r.StringList(key, &raw, {.max_chars = 40}, max_items);
  if (!r.ok()) return;
  std::vector<std::string> tags;
  for (size_t i = 0; i < raw.size(); ++i) {
    std::string k = std::string(key) + "[" + std::to_string(i) + "]";
    if (auto err = CheckPlainText(raw[i])) return r.Fail(k, *err);
    auto t = NormalizeTag(raw[i]);
    if (!t) return r.Fail(k, "must be 1 to 40 characters");
    if (std::find(tags.begin(), tags.end(), *t) == tags.end()) tags.push_back(*t);
  }
  *out = std::move(tags);
}

void Timestamp(JsonReader& r, std::string_view key, std::optional<UnixSeconds>* out) {
  std::string v;
  r.String(key, &v, {.max_chars = 40});
  if (!r.ok() || v.empty()) return;
  auto t = ParseTimestamp(v);
  if (!t.ok()) return r.Fail(key, t.status().message());
  *out = *t;
}

void Areas(JsonReader& r, std::string_view key, std::vector<std::string>* out) {
  std::vector<std::string> raw;
  r.StringList(key, &raw, {.max_chars = 60}, 50);
  if (!r.ok()) return;
  std::vector<std::string> areas;
  for (size_t i = 0; i < raw.size(); ++i) {
    auto codes = ResolveArea(raw[i]);
    if (!codes.ok())
      return r.Fail(std::string(key) + "[" + std::to_string(i) + "]", codes.status().message());
    for (auto& c : *codes) {
      if (std::find(areas.begin(), areas.end(), c) == areas.end()) areas.push_back(c);
    }
  }
  // Worldwide subsumes everything else.
  if (std::find(areas.begin(), areas.end(), std::string(kWorldwide)) != areas.end())
    areas = {std::string(kWorldwide)};
  *out = std::move(areas);
}

void Timezone(JsonReader& r, std::string_view key, std::string* out) {
  std::string v;
  r.String(key, &v, {.max_chars = 64});
  if (!r.ok() || v.empty()) return;
  if (!IsValidTimezone(v)) {
    return r.Fail(key,
                  "'" + v + "' is not an IANA time zone (like Europe/Lisbon or America/New_York)");
  }
  *out = std::move(v);
}

void Country(JsonReader& r, std::string_view key, std::string* out) {
  std::string v;
  r.String(key, &v, {.max_chars = 60});
  if (!r.ok() || v.empty()) return;
  auto c = ResolveCountry(v);
  if (!c.ok()) return r.Fail(key, c.status().message());
  *out = *c;
}

void ReadOnly(JsonReader& r, std::initializer_list<std::string_view> keys,
              const DecodeOptions& options) {
  for (std::string_view k : keys) {
    bool present = r.Has(k);
    r.Ignore({k});
    if (present && options.read_only == ReadOnlyFields::kReject) r.Fail(k, "is read-only");
  }
}

void SalaryObject(JsonReader& parent, std::string_view key, Salary* out,
                  const DecodeOptions& options) {
  const Json* v = parent.Raw(key);
  if (!parent.ok() || !v) return;
  JsonReader r(*v, parent.FieldPath(key));
  Salary s;
  r.Double("min", &s.min, {.min = 0});
  r.Double("max", &s.max, {.min = 0});
  std::string currency;
  r.String("currency", &currency, {.max_chars = 10});
  for (char& c : currency) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  s.currency = currency;
  Vocabulary(r, "period", &s.period, NormalizeSalaryPeriod, "HOUR|DAY|WEEK|MONTH|YEAR");
  ReadOnly(r, {"annual_usd_min", "annual_usd_max", "source"}, options);
  Status st = r.Finish();
  if (!st.ok()) return parent.FailStatus(st);
  st = NormalizeSalary(&s);
  if (!st.ok()) return parent.FailStatus(st.WithFieldPrefix(parent.FieldPath(key)));
  *out = std::move(s);
}

Json Number(std::optional<double> v) {
  if (!v) return nullptr;
  if (*v == static_cast<double>(static_cast<int64_t>(*v)) && *v < 1e15 && *v > -1e15) {
    return static_cast<int64_t>(*v);
  }
  return *v;
}

Json SalaryToJson(const Salary& s, View view) {
  if (!s.present()) return nullptr;
  Json j = {{"min", Number(s.min)},
            {"max", Number(s.max)},
            {"currency", s.currency},
            {"period", s.period}};
  if (view != View::kWritable) {
    j["annual_usd_min"] = Number(s.annual_usd_min);
    j["annual_usd_max"] = Number(s.annual_usd_max);
    j["source"] = s.source;
  }
  return j;
}

}  // namespace codec
}  // namespace meridian
