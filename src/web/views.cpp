#include "web/views.h"

#include <algorithm>
#include <cmath>

#include "base/strings.h"
#include "base/utf8.h"
#include "platform/geo.h"
#include "platform/nomad_score.h"
#include "web/format.h"

namespace meridian::web {
namespace {

// First letter of a name for the monogram avatar ("Acme" -> "A").
std::string Initial(const std::string& name) {
  std::string_view t = Trim(name);
  if (t.empty()) return "?";
  std::string first(Utf8Prefix(t, 1));
  if (first.size() == 1 && first[0] >= 'a' && first[0] <= 'z') first[0] -= 32;
  return first;
}

// One of six monogram colours, stable per name.
std::string Tint(const std::string& name) {
  return "tint-" + std::to_string(Fnv1a64(name) % 6);
}

}  // namespace

Site::List TagChips(const std::vector<std::string>& tags, const std::string& base,
                    const std::string& param) {
  Site::List out;
  for (const std::string& t : tags) {
    Site::Data d;
    d.set("name", t);
    d.set("href", base + QueryString({{param, t}}));
    out.push_back(d);
  }
  return out;
}

Site::List AreaNames(const std::vector<std::string>& areas) {
  Site::List out;
  for (const std::string& a : areas) {
    Site::Data d;
    d.set("name", AreaName(a));
    d.set("worldwide", a == kWorldwide);
    out.push_back(d);
  }
  return out;
}

Site::List SelectOptions(const std::vector<std::pair<std::string, std::string>>& values,
                         const std::string& selected) {
  Site::List out;
  Site::Data any;
  any.set("value", "");
  any.set("label", "Any");
  any.set("selected", selected.empty());
  out.push_back(any);
  for (const auto& [value, label] : values) {
    Site::Data d;
    d.set("value", value);
    d.set("label", label);
    d.set("selected", value == selected);
    out.push_back(d);
  }
  return out;
}

Site::Data JobCard(const Job& job, UnixSeconds now) {
  Site::Data d;
  d.set("title", job.title);
  d.set("title_html", false);    // search results: the title with matches marked (escaped)
  d.set("snippet_html", false);  // and the description's best passage
  d.set("href", "/jobs/" + job.slug);
  d.set("company_name", job.company_name.empty() ? job.company_slug : job.company_name);
  d.set("company_href", "/companies/" + job.company_slug);
  d.set("initial", Initial(job.company_name));
  d.set("tint", Tint(job.company_slug));
  std::vector<std::string> tags(job.tags.begin(),
                                job.tags.begin() + std::min<size_t>(job.tags.size(), 5));
  d.set("tags", TagChips(tags, "/jobs", "tag"));
  d.set("salary", Opt(FormatSalary(job.salary)));
  d.set("salary_usd", Opt(FormatUsdAnnual(job.salary)));
  d.set("salary_estimated", job.salary.present() && job.salary.source == "estimated");
  // The model's estimate only where the employer gave no figure: never mixed with theirs.
  d.set("estimate",
        Opt(job.salary.present() ? std::string() : FormatEstimate(job.salary_estimate)));
  d.set("areas", AreaNames(job.eligible_areas));
  d.set("window", Opt(job.timezone ? FormatWindow(*job.timezone) : std::string()));
  d.set("seniority", Opt(SeniorityLabel(job.seniority)));
  d.set("employment", Opt(EmploymentTypeLabel(job.employment_type)));
  d.set("posted_iso", FormatDate(job.posted_at));
  d.set("posted_age", Age(job.posted_at, now));
  d.set("is_new", now - job.posted_at < 3 * 86400 && now >= job.posted_at);
  return d;
}

Site::Data CompanyCard(const Company& c) {
  Site::Data d;
  d.set("name", c.name);
  d.set("href", "/companies/" + c.slug);
  d.set("initial", Initial(c.name));
  d.set("tint", Tint(c.slug));
  d.set("policy", Opt(RemotePolicyLabel(c.remote_policy)));
  d.set("size", Opt(CompanySizeLabel(c.size)));
  d.set("verified", c.verified);
  Site::List regions;
  for (size_t i = 0; i < c.regions.size() && i < 4; ++i) {
    Site::Data r;
    r.set("name", AreaName(c.regions[i]));
    regions.push_back(r);
  }
  d.set("regions", regions);
  d.set("more_regions",
        Opt(c.regions.size() > 4 ? "+" + std::to_string(c.regions.size() - 4) : std::string()));
  std::vector<std::string> tech(
      c.technologies.begin(), c.technologies.begin() + std::min<size_t>(c.technologies.size(), 6));
  d.set("tech", TagChips(tech, "/companies", "technology"));
  d.set("excerpt", Opt(PlainExcerpt(c.description, 140)));
  return d;
}

std::optional<double> NomadScoreOf(const City& c) {
  if (c.nomad_score) return c.nomad_score;
  return ComputeNomadScore(c).score;
}

std::string NomadScoreText(const City& c) {
  std::optional<double> s = NomadScoreOf(c);
  return s ? FormatFixed(std::round(*s), 0) : "\u2014";
}

std::string WidthClass(double percent) {
  double p = std::clamp(percent, 0.0, 100.0);
  int step = static_cast<int>(std::lround(p / 5.0)) * 5;
  return "w-" + std::to_string(step);
}

Site::Data CityCard(const City& c) {
  Site::Data d;
  d.set("name", c.name);
  d.set("href", "/cities/" + c.slug);
  d.set("country", AreaName(c.country));
  d.set("country_code", c.country);
  d.set("population", CompactCount(c.population));
  std::optional<double> score = NomadScoreOf(c);
  d.set("has_score", score.has_value());
  d.set("score", NomadScoreText(c));
  d.set("score_class", WidthClass(score.value_or(0)));
  d.set("zone", c.timezone);
  return d;
}

Site::Data TalentCard(const Talent& t) {
  Site::Data d;
  d.set("name", t.name);
  d.set("href", "/talent/" + t.slug);
  d.set("initial", Initial(t.name));
  d.set("tint", Tint(t.slug));
  d.set("headline", Opt(t.headline));
  d.set("seniority", Opt(SeniorityLabel(t.seniority)));
  std::string place = t.city_name;
  if (!t.country.empty()) place += (place.empty() ? "" : ", ") + AreaName(t.country);
  d.set("place", Opt(place));
  d.set("availability", Opt(AvailabilityLabel(t.availability)));
  d.set("available_now", t.availability == "now");
  std::vector<std::string> skills;
  for (size_t i = 0; i < t.skills.size() && i < 6; ++i) skills.push_back(t.skills[i].name);
  d.set("skills", TagChips(skills, "/talent", "skill"));
  return d;
}

Site::Data ArticleCard(const Article& a) {
  Site::Data d;
  d.set("title", a.title);
  d.set("href", "/articles/" + a.slug);
  d.set("summary", Opt(a.summary.empty() ? PlainExcerpt(a.body, 180) : a.summary));
  d.set("author", Opt(a.author));
  d.set("date", HumanDate(a.published_at));
  d.set("date_iso", FormatDate(a.published_at));
  std::vector<std::string> tags(a.tags.begin(),
                                a.tags.begin() + std::min<size_t>(a.tags.size(), 3));
  d.set("tags", TagChips(tags, "/articles", "tag"));
  return d;
}

Site::Data Pager(const std::string& path, std::vector<std::pair<std::string, std::string>> params,
                 const std::string& next_cursor, bool has_cursor) {
  Site::Data d;
  d.set("first_href", Opt(has_cursor ? path + QueryString(params) : std::string()));
  params.emplace_back("cursor", next_cursor);
  d.set("next_href", Opt(next_cursor.empty() ? std::string() : path + QueryString(params)));
  d.set("show", has_cursor || !next_cursor.empty());
  return d;
}

}  // namespace meridian::web
