// JSON codec of cities and articles.
#include "platform/codec.h"
#include "platform/codec_fields.h"
#include "platform/geo.h"
#include "platform/nomad_score.h"

namespace meridian {

using codec::Number;

Json CityToJson(const City& c, View view) {
  Json j = {{"slug", c.slug},
            {"name", c.name},
            {"country", c.country},
            {"province", c.province},
            {"lat", c.lat},
            {"lng", c.lng},
            {"population", c.population},
            {"timezone", c.timezone},
            {"cost_of_living_usd", Number(c.cost_of_living_usd)},
            {"internet_mbps", Number(c.internet_mbps)},
            {"safety_index", Number(c.safety_index)}};
  if (view == View::kWritable) return j;
  j["country_name"] = AreaName(c.country);
  j["nomad_score"] = Number(c.nomad_score);
  NomadScore score = ComputeNomadScore(c);
  Json parts = Json::array();
  for (const auto& p : score.components) {
    parts.push_back({{"name", p.name},
                     {"weight", p.weight},
                     {"score", std::round(p.score * 10) / 10},
                     {"detail", p.detail}});
  }
  j["nomad_components"] = parts;
  j["url"] = "/cities/" + c.slug;
  j["created_at"] = FormatRfc3339(c.created_at);
  j["updated_at"] = FormatRfc3339(c.updated_at);
  return j;
}

StatusOr<City> CityFromJson(const Json& j, const DecodeOptions& options) {
  JsonReader r(j);
  City c;
  codec::Slug(r, &c.slug);
  codec::PlainText(r, "name", &c.name, codec::kName);
  codec::Country(r, "country", &c.country);
  if (r.ok() && c.country.empty()) r.Fail("country", "is required");
  codec::PlainText(r, "province", &c.province, {.max_chars = 120});
  std::optional<double> lat, lng, col, net, safety;
  std::optional<int64_t> population;
  r.Double("lat", &lat, {.required = true, .min = -90, .max = 90});
  r.Double("lng", &lng, {.required = true, .min = -180, .max = 180});
  r.Int("population", &population, {.min = 0, .max = 100'000'000});
  codec::Timezone(r, "timezone", &c.timezone);
  if (r.ok() && c.timezone.empty()) r.Fail("timezone", "is required");
  r.Double("cost_of_living_usd", &col, {.min = 1, .max = 100000});
  r.Double("internet_mbps", &net, {.min = 0, .max = 100000});
  r.Double("safety_index", &safety, {.min = 0, .max = 100});
  codec::ReadOnly(
      r, {"country_name", "nomad_score", "nomad_components", "url", "created_at", "updated_at"},
      options);
  RETURN_IF_ERROR(r.Finish());
  c.lat = *lat;
  c.lng = *lng;
  c.population = population.value_or(0);
  c.cost_of_living_usd = col;
  c.internet_mbps = net;
  c.safety_index = safety;
  c.nomad_score = ComputeNomadScore(c).score;
  return c;
}

Json ArticleToJson(const Article& a, View view) {
  Json j = {{"slug", a.slug},
            {"title", a.title},
            {"summary", a.summary},
            {"body", a.body},
            {"tags", a.tags},
            {"author", a.author},
            {"published_at", FormatRfc3339(a.published_at)}};
  if (view == View::kWritable) return j;
  j["url"] = "/articles/" + a.slug;
  j["created_at"] = FormatRfc3339(a.created_at);
  j["updated_at"] = FormatRfc3339(a.updated_at);
  return j;
}

StatusOr<Article> ArticleFromJson(const Json& j, const DecodeOptions& options) {
  JsonReader r(j);
  Article a;
  codec::Slug(r, &a.slug);
  codec::PlainText(r, "title", &a.title, codec::kTitle);
  codec::PlainText(r, "summary", &a.summary, {.max_chars = 500});
  codec::Markdown(r, "body", &a.body, {.max_chars = 200000, .multiline = true});
  codec::Tags(r, "tags", &a.tags, 20);
  codec::PlainText(r, "author", &a.author, {.max_chars = 100});
  std::optional<UnixSeconds> published;
  codec::Timestamp(r, "published_at", &published);
  codec::ReadOnly(r, {"url", "created_at", "updated_at"}, options);
  RETURN_IF_ERROR(r.Finish());
  a.published_at = published.value_or(options.now);
  return a;
}

}  // namespace meridian
