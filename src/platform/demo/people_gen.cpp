// Talent profiles: invented people in demo cities, with skills that fit a role family.
#include <algorithm>
#include <cmath>

#include "base/slug.h"
#include "base/strings.h"
#include "platform/codec.h"
#include "platform/demo/generators.h"
#include "platform/demo/text.h"
#include "platform/fx.h"

namespace meridian::demo {
namespace {

constexpr int64_t kDay = 86400;
constexpr double kSeniorityWeights[kSeniorityCount] = {0.5, 16, 34, 34, 10, 5.5};
constexpr double kSeniorityPay[kSeniorityCount] = {0.32, 0.6, 0.82, 1.0, 1.16, 1.36};
constexpr int kMinYears[kSeniorityCount] = {0, 1, 3, 6, 8, 12};
constexpr int kMaxYears[kSeniorityCount] = {1, 2, 5, 10, 14, 22};
constexpr double kHiddenShare = 0.05;

std::string EmailPart(std::string_view name) {
  std::string s = Slugify(name, 30);
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  return s.empty() ? "person" : s;
}

}  // namespace

TalentGenerator::TalentGenerator(const std::vector<City>& cities, uint64_t seed, UnixSeconds now)
    : rng_(DeriveSeed(seed, "talent")), now_(now), cities_(cities), families_(RoleFamilies()) {
  std::unordered_map<std::string, std::vector<double>> pops;
  std::vector<double> all;
  for (size_t i = 0; i < cities.size(); ++i) {
    country_cities_[cities[i].country].push_back(i);
    pops[cities[i].country].push_back(
        static_cast<double>(std::max<int64_t>(cities[i].population, 1)));
    all.push_back(std::sqrt(static_cast<double>(std::max<int64_t>(cities[i].population, 1))));
  }
  for (auto& [country, weights] : pops) city_pick_.emplace(country, WeightedIndex(weights));
  any_city_pick_ = WeightedIndex(all);
  std::vector<double> weights;
  for (const CountryProfile& p : CountryProfiles()) {
    if (!country_cities_.count(std::string(p.code))) continue;
    countries_.push_back(&p);
    weights.push_back(p.talent_weight);
  }
  country_pick_ = WeightedIndex(weights);
  weights.clear();
  for (const RoleFamily* f : families_) weights.push_back(f->weight);
  family_pick_ = WeightedIndex(weights);
  seniority_pick_ = WeightedIndex(kSeniorityWeights);
}

Talent TalentGenerator::Next() {
  Talent t;
  // Where: mostly the countries remote workers commonly apply from, sometimes anywhere.
  const CountryProfile* profile = nullptr;
  size_t city_index;
  if (!countries_.empty() && Chance(rng_, 0.94)) {
    profile = countries_[country_pick_.Draw(rng_)];
    std::string code(profile->code);
    city_index = country_cities_[code][city_pick_[code].Draw(rng_)];
  } else {
    city_index = any_city_pick_.Draw(rng_);
    for (const CountryProfile& p : CountryProfiles()) {
      if (p.code == cities_[city_index].country) profile = &p;
    }
  }
  const City& city = cities_[city_index];
  t.city_slug = city.slug;
  t.city_name = city.name;
  t.country = city.country;
  t.timezone = city.timezone;
  ++per_city_[city.slug];

  // Who.
  const NameCulture* culture = &NameCultures()[0];
  std::string_view culture_key = profile ? profile->culture : "anglo";
  if (Chance(rng_, 0.15)) {
    culture = &NameCultures()[Below(rng_, NameCultures().size())];
  } else {
    for (const NameCulture& c : NameCultures()) {
      if (c.key == culture_key) culture = &c;
    }
  }
  std::string first(Pick(rng_, culture->first_names));
  std::string last(Pick(rng_, culture->last_names));
  t.name = first + " " + last;
  std::string base = Slugify(t.name);
  if (base.empty()) base = "talent";
  int& n = slugs_[base];
  t.slug = ++n == 1 ? base : base + "-" + std::to_string(n);
  static constexpr std::string_view kDomains[] = {"example.com", "example.org", "example.net"};
  std::string local = EmailPart(first) + "." + EmailPart(last);
  int& e = emails_[local];
  if (++e > 1) local += std::to_string(e);
  t.email = local + "@" + std::string(kDomains[Below(rng_, 3)]);
  if (Chance(rng_, 0.4)) {
    std::string handle = EmailPart(first) + EmailPart(last);
    if (Chance(rng_, 0.5)) handle += std::to_string(Between(rng_, 1, 99));
    t.links.push_back(Chance(rng_, 0.6) ? "https://example.com/" + handle
                                        : "https://example.org/~" + handle);
  }

  // What they do.
  const RoleFamily& f = *families_[family_pick_.Draw(rng_)];
  int level = static_cast<int>(seniority_pick_.Draw(rng_));
  t.seniority = std::string(SeniorityName(level));
  std::vector<std::string_view> names;
  auto add = [&](std::string_view s) {
    if (std::find(names.begin(), names.end(), s) == names.end()) names.push_back(s);
  };
  for (std::string_view s : f.core_tags) add(s);
  for (size_t i : SampleIndices(rng_, f.extra_tags.size(), Between(rng_, 1, 3))) {
    add(f.extra_tags[i]);
  }
  if (f.technical) {
    std::vector<const TechRule*> rules;
    for (const TechRule& r : TechRules()) {
      if ((" " + std::string(r.families) + " ").find(" " + std::string(f.key) + " ") !=
          std::string::npos) {
        rules.push_back(&r);
      }
    }
    for (size_t i : SampleIndices(rng_, rules.size(), Between(rng_, 1, 2))) {
      for (size_t j : SampleIndices(rng_, rules[i]->tags.size(), 2)) add(rules[i]->tags[j]);
    }
  }
  size_t keep = std::min<size_t>(names.size(), static_cast<size_t>(Between(rng_, 4, 9)));
  int top = std::clamp(level + 1, 2, 5);
  for (size_t i = 0; i < keep; ++i) {
    int lvl = std::clamp(top - static_cast<int>(i / 3) - static_cast<int>(Below(rng_, 2)), 1, 5);
    t.skills.push_back({std::string(names[i]), lvl});
  }
  std::string lang;
  for (const TalentSkill& s : t.skills) {
    if (IsLanguageTag(s.name)) {
      lang = TagDisplay(s.name);
      break;
    }
  }
  std::string_view base_title = Pick(rng_, f.titles);
  if (base_title.find("{lang}") != std::string_view::npos && lang.empty()) {
    base_title = f.titles[0];
  }
  std::string title = SeniorTitle(f, Filled(base_title, {{"lang", lang}}), level);
  std::vector<std::string> top_skills;
  for (size_t i = 1; i < t.skills.size() && top_skills.size() < 3; ++i) {
    top_skills.push_back(TagDisplay(t.skills[i].name));
  }
  std::string skills = Join(top_skills, ", ");
  t.headline = Filled(Pick(rng_, f.headlines), {{"title", title}, {"skills", skills}});
  if (t.headline.size() > 200) t.headline = title;

  // Working hours, pay, availability.
  double h = Unit(rng_);
  int start = h < 0.7 ? 9 : h < 0.8 ? 8 : h < 0.88 ? 10 : h < 0.95 ? 12 : 7;
  t.work_start_minute = start * 60;
  t.work_end_minute = (start + 8) * 60;
  if (Chance(rng_, 0.85)) {
    std::string currency = profile ? std::string(profile->currency) : "USD";
    if (!UsdPerUnit(currency)) currency = "USD";
    double pay_factor = profile ? profile->pay_factor : 0.45;
    double annual = f.base_usd * kSeniorityPay[level] * pay_factor * BetweenReal(rng_, 0.85, 1.2);
    Salary s;
    s.currency = currency;
    s.period = Chance(rng_, 0.25) ? "HOUR" : "YEAR";
    double per = annual * (s.period == "HOUR" ? 1.15 : 1.0) / *UsdPerUnit(currency) /
                 *PeriodsPerYear(s.period);
    s.min = RoundNice(per);
    if (Chance(rng_, 0.6)) s.max = std::max(RoundNice(per * 1.25), *s.min + 1);
    if (NormalizeSalary(&s).ok()) {
      s.source = "talent";
      t.desired_salary = std::move(s);
    }
  }
  static constexpr double kAvailability[] = {20, 20, 25, 15, 20};
  static constexpr std::string_view kAvailabilityNames[] = {"now", "2-weeks", "1-month", "3-months",
                                                            "not-looking"};
  static constexpr std::string_view kAvailabilityWords[] = {
      "immediately", "in two weeks", "in a month", "in about three months",
      "not actively looking, but open to a great fit"};
  size_t a = WeightedIndex(kAvailability).Draw(rng_);
  t.availability = std::string(kAvailabilityNames[a]);
  t.visibility = Chance(rng_, kHiddenShare) ? "hidden" : "public";
  t.created_at = now_ - static_cast<int64_t>(Below(rng_, 365 * kDay));

  // Summary.
  int years = Between(rng_, kMinYears[level], kMaxYears[level]);
  std::string years_text = years <= 1 ? "one year" : std::to_string(years) + " years";
  std::string a_title = WithArticle(title);
  std::string skill = t.skills.size() > 1 ? TagDisplay(t.skills[1].name) : TagDisplay(names[0]);
  std::string skill2 =
      t.skills.size() > 2 ? TagDisplay(t.skills[2].name) : TagDisplay(t.skills[0].name);
  std::string team(Pick(rng_, Teams()));
  std::initializer_list<Var> vars = {
      {"title", title},    {"a_title", a_title}, {"years", years_text},
      {"city", city.name}, {"skills", skills},   {"skill", skill},
      {"skill2", skill2},  {"team", team},       {"availability", kAvailabilityWords[a]}};
  std::string& s = t.summary;
  Fill(&s, Pick(rng_, TalentSummaryOpenings()), vars);
  s += "\n\n";
  for (size_t i : SampleIndices(rng_, TalentSummaryLines().size(), Between(rng_, 2, 3))) {
    if (s.back() != '\n') s += ' ';
    Fill(&s, TalentSummaryLines()[i], vars);
  }
  s += "\n\n### Skills\n\n";
  static constexpr std::string_view kLevels[] = {"",           "beginner", "working knowledge",
                                                 "proficient", "advanced", "expert"};
  for (const TalentSkill& k : t.skills) {
    s += "- " + TagDisplay(k.name) + " (" + std::string(kLevels[k.level]) + ")\n";
  }
  s += "\n";
  Fill(&s, Pick(rng_, TalentLookingFor()), vars);
  s += "\n\n";
  s += kTalentFooter;
  s += '\n';
  return t;
}

}  // namespace meridian::demo
