#include "platform/demo/facts.h"

#include <algorithm>
#include <set>

#include "base/assets.h"
#include "base/csv.h"
#include "base/slug.h"
#include "base/strings.h"
#include "platform/demo/text.h"
#include "platform/demo/words.h"
#include "platform/geo.h"
#include "platform/nomad_score.h"
#include "platform/text_checks.h"
#include "platform/vocab.h"

namespace meridian::demo {
namespace {

// Column positions by header name; kInvalidArgument when one is missing.
StatusOr<std::vector<size_t>> Columns(CsvReader& csv, std::string_view what,
                                      std::initializer_list<std::string_view> names) {
  std::vector<std::string> header;
  if (!csv.Next(&header)) {
    if (!csv.status().ok()) return csv.status();
    return InvalidArgumentError(std::string(what) + ": empty file");
  }
  std::vector<size_t> out;
  for (std::string_view n : names) {
    auto it = std::find(header.begin(), header.end(), n);
    if (it == header.end()) {
      return InvalidArgumentError(std::string(what) + ": missing column '" + std::string(n) + "'");
    }
    out.push_back(static_cast<size_t>(it - header.begin()));
  }
  return out;
}

std::string Field(const std::vector<std::string>& row, size_t i) {
  return i < row.size() ? std::string(Trim(row[i])) : std::string();
}

std::vector<std::string> RegionCodes(std::string_view region) {
  if (region == "americas") return {"019"};
  if (region == "europe") return {"150"};
  if (region == "americas-europe") return {"019", "150"};
  if (region == "asia-pacific") return {"142", "009"};
  return {"WW"};  // worldwide, other
}

std::string_view RegionPhrase(std::string_view region) {
  if (region == "americas") return "It hires mainly in the Americas.";
  if (region == "europe") return "It hires mainly in Europe.";
  if (region == "americas-europe") return "It hires in the Americas and Europe.";
  if (region == "asia-pacific") return "It hires mainly in Asia and the Pacific.";
  if (region == "worldwide") return "It hires worldwide.";
  return "";
}

std::string_view PolicyPhrase(std::string_view policy) {
  if (policy == "fully-remote") return "fully remote";
  if (policy == "remote-first") return "remote-first";
  if (policy == "remote-friendly") return "remote-friendly";
  if (policy == "hybrid") return "hybrid";
  return "";
}

std::string_view SizePhrase(std::string_view size) {
  if (size == "small") return "small";
  if (size == "medium") return "mid-sized";
  if (size == "large") return "large";
  if (size == "enterprise") return "enterprise-scale";
  return "";
}

// "10up is a remote-friendly, mid-sized company working with PHP. It hires mainly in Europe."
std::string Description(const Company& c, std::string_view region) {
  std::vector<std::string> adjectives;
  if (std::string_view p = PolicyPhrase(c.remote_policy); !p.empty()) adjectives.emplace_back(p);
  if (std::string_view s = SizePhrase(c.size); !s.empty()) adjectives.emplace_back(s);
  bool vowel = !adjectives.empty() &&
               std::string_view("aeiou").find(adjectives[0][0]) != std::string_view::npos;
  std::string out = c.name + (vowel ? " is an " : " is a ");
  if (!adjectives.empty()) out += Join(adjectives, ", ") + " ";
  out += "company";
  if (!c.technologies.empty()) {
    std::vector<std::string> techs;
    for (size_t i = 0; i < c.technologies.size() && i < 4; ++i) {
      techs.emplace_back(TechDisplayName(c.technologies[i]));
    }
    out += " working with " + EnglishList(techs);
  }
  out += ".";
  std::string_view where = RegionPhrase(region);
  if (!where.empty()) out += " " + std::string(where);
  out += " (Generated demo text.)";
  return out;
}

}  // namespace

int RegionIndex(std::string_view region) {
  static constexpr std::string_view kRegions[] = {"worldwide",       "americas",     "europe",
                                                  "americas-europe", "asia-pacific", "other"};
  for (int i = 0; i < 6; ++i) {
    if (kRegions[i] == region) return i;
  }
  return 5;
}

StatusOr<std::vector<CompanyFact>> ParseCompanies(std::string_view text) {
  CsvReader csv(text);
  ASSIGN_OR_RETURN(std::vector<size_t> col, Columns(csv, "demo/companies.csv",
                                                    {"slug", "name", "website", "region",
                                                     "remote_policy", "size", "technologies"}));
  std::vector<CompanyFact> out;
  std::set<std::string> slugs;
  std::vector<std::string> row;
  while (csv.Next(&row)) {
    CompanyFact f;
    Company& c = f.company;
    c.name = Field(row, col[1]);
    if (c.name.empty() || c.name.size() > 120 || CheckPlainText(c.name)) continue;
    c.slug = Field(row, col[0]);
    if (!ValidateSlug(c.slug).ok()) c.slug = Slugify(c.name);
    if (c.slug.empty() || !slugs.insert(c.slug).second) continue;
    c.website = Field(row, col[2]);
    if (CheckUrl(c.website, false)) c.website.clear();
    std::string region = Field(row, col[3]);
    f.region_index = RegionIndex(region);
    c.regions = RegionCodes(region);
    if (auto p = NormalizeRemotePolicy(Field(row, col[4]))) c.remote_policy = *p;
    if (auto s = NormalizeCompanySize(Field(row, col[5]))) c.size = *s;
    for (const std::string& t : Split(Field(row, col[6]), ';')) {
      auto tag = NormalizeTag(t);
      if (!tag || CheckPlainText(*tag) || c.technologies.size() >= 50) continue;
      if (std::find(c.technologies.begin(), c.technologies.end(), *tag) == c.technologies.end()) {
        c.technologies.push_back(*tag);
      }
    }
    c.description = Description(c, region);
    out.push_back(std::move(f));
  }
  RETURN_IF_ERROR(csv.status());
  return out;
}

StatusOr<std::vector<City>> ParseCities(std::string_view text) {
  CsvReader csv(text);
  ASSIGN_OR_RETURN(std::vector<size_t> col, Columns(csv, "demo/cities.csv",
                                                    {"name", "country", "province", "lat", "lng",
                                                     "population", "timezone"}));
  std::vector<City> out;
  std::set<std::string> slugs;
  std::vector<std::string> row;
  while (csv.Next(&row)) {
    City c;
    c.name = Field(row, col[0]);
    c.country = Field(row, col[1]);
    c.province = Field(row, col[2]);
    c.timezone = Field(row, col[6]);
    auto lat = ParseDouble(Field(row, col[3]));
    auto lng = ParseDouble(Field(row, col[4]));
    auto pop = ParseInt(Field(row, col[5]));
    if (c.name.empty() || c.name.size() > 120 || CheckPlainText(c.name) ||
        CheckPlainText(c.province) || c.province.size() > 120 || !IsCountryCode(c.country) ||
        !IsValidTimezone(c.timezone) || !lat || !lng || *lat < -90 || *lat > 90 || *lng < -180 ||
        *lng > 180) {
      continue;
    }
    c.lat = *lat;
    c.lng = *lng;
    c.population = std::clamp<int64_t>(pop.value_or(0), 0, 100'000'000);
    c.slug = Slugify(c.name);
    if (c.slug.empty() || slugs.count(c.slug)) c.slug = Slugify(c.name + " " + c.country);
    if (c.slug.empty()) continue;
    std::string base = c.slug;
    for (int n = 2; slugs.count(c.slug); ++n) c.slug = base + "-" + std::to_string(n);
    slugs.insert(c.slug);
    c.nomad_score = ComputeNomadScore(c).score;
    out.push_back(std::move(c));
  }
  RETURN_IF_ERROR(csv.status());
  return out;
}

StatusOr<Facts> LoadFacts() {
  auto companies = FindAsset("demo/companies.csv");
  auto cities = FindAsset("demo/cities.csv");
  if (!companies || !cities) {
    return FailedPreconditionError(
        "the demo facts (demo/companies.csv, demo/cities.csv) are not embedded in this binary");
  }
  Facts facts;
  ASSIGN_OR_RETURN(facts.companies, ParseCompanies(*companies));
  ASSIGN_OR_RETURN(facts.cities, ParseCities(*cities));
  if (facts.companies.empty() || facts.cities.empty()) {
    return FailedPreconditionError("the embedded demo facts are empty");
  }
  return facts;
}

}  // namespace meridian::demo
