// Job posts: realistic mixes of roles, seniority, markets, pay and dates, with generated
// markdown descriptions, plus a small share of scam-like posts.
#include <algorithm>
#include <cmath>

#include "base/slug.h"
#include "base/strings.h"
#include "platform/codec.h"
#include "platform/demo/generators.h"
#include "platform/demo/text.h"
#include "platform/fx.h"
#include "platform/geo.h"

namespace meridian::demo {
namespace {

constexpr int64_t kDay = 86400;
constexpr double kSeniorityWeights[kSeniorityCount] = {1.5, 11, 33, 36, 12, 6.5};
// Pay relative to a senior hire.
constexpr double kSeniorityPay[kSeniorityCount] = {0.32, 0.6, 0.82, 1.0, 1.16, 1.36};
constexpr std::string_view kYears[kSeniorityCount] = {"", "1+", "3+", "5+", "7+", "10+"};
constexpr double kSuspiciousShare = 0.015;
constexpr double kNoSalaryShare = 0.25;

double CompanyWeight(const Company& c) {
  if (c.size == "small") return 1;
  if (c.size == "medium") return 2.2;
  if (c.size == "large") return 3.5;
  if (c.size == "enterprise") return 4.5;
  return 1.2;
}

std::string_view PolicyWords(std::string_view policy) {
  if (policy == "fully-remote") return "fully remote";
  if (policy == "remote-first") return "remote-first";
  if (policy == "hybrid") return "hybrid, remote-friendly";
  return "remote-friendly";
}

// "https://www.acme.com/about" -> "https://www.acme.com/careers".
std::string CareersUrl(const std::string& website) {
  size_t scheme = website.find("://");
  if (scheme == std::string::npos) return website;
  size_t end = website.find_first_of("/?#", scheme + 3);
  return website.substr(0, end) + "/careers";
}

// Cuts a slug to at most `max` bytes at a '-' boundary.
std::string CutSlug(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t dash = s.rfind('-', max);
  s.resize(dash == std::string::npos || dash == 0 ? max : dash);
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s;
}

void Bullets(Rng& rng, Words pool, size_t lo, size_t hi, std::initializer_list<Var> vars,
             std::string* out) {
  size_t k = lo + Below(rng, hi - lo + 1);
  for (size_t i : SampleIndices(rng, pool.size(), k)) {
    out->append("- ");
    Fill(out, pool[i], vars);
    out->push_back('\n');
  }
}

}  // namespace

std::string_view SeniorityName(int level) {
  static constexpr std::string_view kNames[kSeniorityCount] = {"intern", "junior", "mid",
                                                               "senior", "lead",   "principal"};
  return kNames[std::clamp(level, 0, kSeniorityCount - 1)];
}

std::string SeniorTitle(const RoleFamily& family, std::string_view base, int level) {
  std::string b(base);
  switch (level) {
    case 0:
      return b + " (Internship)";
    case 1:
      return "Junior " + b;
    case 2:
      return b;
    case 3:
      return "Senior " + b;
    case 4:
      return (family.technical ? "Staff " : "Lead ") + b;
    default:
      return family.technical ? "Principal " + b : "Head of " + std::string(family.area);
  }
}

std::string TagDisplay(std::string_view tag) {
  std::string_view d = TechDisplayName(tag);
  if (d != tag) return std::string(d);
  std::string out(tag);
  std::replace(out.begin(), out.end(), '-', ' ');
  return out;
}

std::vector<Company> ScamCompanyRecords() {
  std::vector<Company> out;
  for (const ScamCompany& s : ScamCompanies()) {
    Company c;
    c.slug = std::string(s.slug);
    c.name = std::string(s.name);
    c.website = std::string(s.website);
    c.description = c.name +
                    " is a fictional company invented for Meridian's demo data. "
                    "(Generated demo text.)";
    c.regions = {"WW"};
    c.remote_policy = "fully-remote";
    c.size = "small";
    out.push_back(std::move(c));
  }
  return out;
}

JobGenerator::JobGenerator(const std::vector<CompanyFact>& companies, uint64_t seed,
                           UnixSeconds now)
    : rng_(DeriveSeed(seed, "jobs")), now_(now), families_(RoleFamilies()) {
  std::vector<double> weights;
  for (const CompanyFact& f : companies) {
    CompanyInfo info{&f.company, f.region_index, CareersUrl(f.company.website), {}};
    for (const std::string& t : f.company.technologies) {
      if (info.tech_names.size() < 3) info.tech_names.push_back(TagDisplay(t));
    }
    companies_.push_back(std::move(info));
    weights.push_back(CompanyWeight(f.company));
  }
  company_pick_ = WeightedIndex(weights);
  weights.clear();
  for (const RoleFamily* f : families_) weights.push_back(f->weight);
  family_pick_ = WeightedIndex(weights);
  seniority_pick_ = WeightedIndex(kSeniorityWeights);
  for (const Market& m : Markets()) {
    MarketInfo info{&m, {}, {}, {}};
    std::vector<std::string> names;
    for (std::string_view a : m.areas) {
      info.areas.emplace_back(a);
      names.push_back(AreaName(a));
    }
    info.short_name = EnglishList(names, "and");
    for (std::string& n : names) n = WithThe(n);
    info.area_names = EnglishList(names, "or");
    markets_.push_back(std::move(info));
  }
  for (int r = 0; r < 6; ++r) {
    weights.clear();
    for (const Market& m : Markets()) weights.push_back(m.weights[r]);
    market_pick_[r] = WeightedIndex(weights);
  }
  tech_tags_.resize(families_.size());
  for (size_t i = 0; i < families_.size(); ++i) {
    std::string key = " " + std::string(families_[i]->key) + " ";
    for (const TechRule& rule : TechRules()) {
      std::string fams = " " + std::string(rule.families) + " ";
      if (fams.find(key) == std::string::npos) continue;
      auto& tags = tech_tags_[i][rule.technology];
      tags.insert(tags.end(), rule.tags.begin(), rule.tags.end());
    }
  }
  scam_companies_ = ScamCompanyRecords();
  stats_.family_tags.resize(families_.size());
  stats_.family_jobs.resize(families_.size());
  stats_.salary_by_family.resize(families_.size());
}

const std::string& JobGenerator::Display(const std::string& tag) {
  auto it = display_cache_.find(tag);
  if (it == display_cache_.end()) it = display_cache_.emplace(tag, TagDisplay(tag)).first;
  return it->second;
}

Job JobGenerator::Next() {
  ++seq_;
  Job job;
  if (Chance(rng_, kSuspiciousShare)) {
    Suspicious(&job);
  } else {
    Regular(&job);
  }
  return job;
}

Job JobGenerator::NextOfKind(bool suspicious) {
  ++seq_;
  Job job;
  if (suspicious) {
    Suspicious(&job);
  } else {
    Regular(&job);
  }
  return job;
}

void JobGenerator::Regular(Job* job) {
  const CompanyInfo& c = companies_[company_pick_.Draw(rng_)];
  size_t fi = family_pick_.Draw(rng_);
  const RoleFamily& f = *families_[fi];
  int level = static_cast<int>(seniority_pick_.Draw(rng_));
  job->company_slug = c.company->slug;
  job->seniority = std::string(SeniorityName(level));

  double r = Unit(rng_);
  if (level == 0) {
    job->employment_type = r < 0.7 ? "INTERN" : "FULL_TIME";
  } else {
    job->employment_type = r < 0.82   ? "FULL_TIME"
                           : r < 0.94 ? "CONTRACTOR"
                           : r < 0.99 ? "PART_TIME"
                                      : "TEMPORARY";
  }

  // Tags: the family's main tag, a few typical ones, the company's stack, an extra or two.
  std::vector<std::string> tags;
  auto add = [&](std::string_view t) {
    if (tags.size() < 8 && std::find(tags.begin(), tags.end(), t) == tags.end()) {
      tags.emplace_back(t);
    }
  };
  add(f.core_tags[0]);
  for (size_t i : SampleIndices(rng_, f.core_tags.size() - 1, Between(rng_, 1, 2))) {
    add(f.core_tags[i + 1]);
  }
  if (f.technical) {
    std::vector<std::string_view> pool;
    for (const std::string& t : c.company->technologies) {
      auto it = tech_tags_[fi].find(t);
      if (it == tech_tags_[fi].end()) continue;
      pool.insert(pool.end(), it->second.begin(), it->second.end());
    }
    for (size_t i : SampleIndices(rng_, pool.size(), Between(rng_, 1, 3))) add(pool[i]);
  }
  for (size_t i : SampleIndices(rng_, f.extra_tags.size(), Between(rng_, 0, 2))) {
    add(f.extra_tags[i]);
  }
  std::string lang;
  for (const std::string& t : tags) {
    if (IsLanguageTag(t)) {
      lang = Display(t);
      break;
    }
  }

  // Title.
  std::string_view base = Pick(rng_, f.titles);
  for (int tries = 0; tries < 4 && lang.empty() && base.find("{lang}") != std::string_view::npos;
       ++tries) {
    base = Pick(rng_, f.titles);
  }
  if (lang.empty() && base.find("{lang}") != std::string_view::npos) base = f.titles[0];
  const std::string plain_title = SeniorTitle(f, Filled(base, {{"lang", lang}}), level);
  std::string title = plain_title;
  std::string team(Pick(rng_, Teams()));
  const MarketInfo& m = markets_[market_pick_[c.region].Draw(rng_)];
  double q = Unit(rng_);
  if (q < 0.1) {
    title += " (Remote)";
  } else if (q < 0.18) {
    std::string short_team = team.substr(4, team.size() - 9);  // "the X team" -> "X"
    title += " (" + short_team + ")";
  } else if (q < 0.26 && m.areas[0] != "WW") {
    title += " - Remote, " + m.short_name;
  }
  job->title = title;
  job->tags = std::move(tags);

  // Where, when and how much.
  job->eligible_areas = m.areas;
  Words evidence = m.areas[0] == "WW" ? WorldwideEvidence() : AreaEvidence();
  job->eligibility_evidence = Filled(Pick(rng_, evidence), {{"areas", m.area_names}});
  std::string tz_note;
  Timezone(m, job, &tz_note);
  if (!tz_note.empty() && Chance(rng_, 0.5)) job->eligibility_evidence += " " + tz_note;
  if (!Chance(rng_, kNoSalaryShare)) Pay(f, level, m, job);
  Dates(job, false);
  job->apply_url = Chance(rng_, 0.8) ? c.apply_base : c.company->website;
  if (job->apply_url.empty()) job->apply_url = "https://example.com/careers";
  Slug(job->title, job->company_slug, job);
  Describe(c, f, level, plain_title, team, tz_note, job);
  Count(*job, fi);
}

void JobGenerator::Timezone(const MarketInfo& mi, Job* job, std::string* note) {
  const Market& m = *mi.market;
  if (Chance(rng_, m.no_timezone)) return;
  TimezoneWindow tz;
  bool offset_form = m.utc_min_hours < m.utc_max_hours && (m.zones.empty() || Chance(rng_, 0.4));
  if (offset_form) {
    int lo = m.utc_min_hours, hi = m.utc_max_hours;
    if (hi - lo > 4 && Chance(rng_, 0.4)) {  // a narrower band inside the market
      int width = Between(rng_, 3, hi - lo);
      lo += static_cast<int>(Below(rng_, static_cast<uint64_t>(hi - lo - width + 1)));
      hi = lo + width;
    }
    tz.utc_min_minutes = lo * 60;
    tz.utc_max_minutes = hi * 60;
    *note = Filled(Pick(rng_, OffsetEvidence()),
                   {{"from", FormatUtcOffset(lo * 60)}, {"to", FormatUtcOffset(hi * 60)}});
  } else {
    if (m.zones.empty()) return;
    tz.zone = std::string(Pick(rng_, m.zones));
    static constexpr int kStarts[] = {9, 9, 9, 8, 10, 10};
    int start = kStarts[Below(rng_, 6)];
    int hours = Chance(rng_, 0.2) ? 4 : 8;  // sometimes only core hours
    tz.start_minute = start * 60;
    tz.end_minute = (start + hours) * 60;
    *note = Filled(Pick(rng_, TimezoneEvidence()),
                   {{"window", FormatClock(tz.start_minute) + "-" + FormatClock(tz.end_minute) +
                                   " " + tz.zone + " time"}});
  }
  job->timezone = tz;
}

void JobGenerator::Pay(const RoleFamily& f, int level, const MarketInfo& mi, Job* job) {
  const Market& m = *mi.market;
  double annual_usd =
      f.base_usd * kSeniorityPay[level] * m.pay_factor * BetweenReal(rng_, 0.85, 1.15);
  std::string currency(m.currency);
  if (currency != "USD" && Chance(rng_, 0.15)) currency = "USD";
  if (currency == "USD" && m.areas[0] == "WW" && Chance(rng_, 0.12)) currency = "EUR";
  bool monthly_market = currency == "BRL" || currency == "INR" || currency == "PHP" ||
                        currency == "PLN" || currency == "MXN";
  std::string_view period = "YEAR";
  double r = Unit(rng_);
  const std::string& type = job->employment_type;
  if (type == "CONTRACTOR") {
    annual_usd *= 1.15;
    period = r < 0.55 ? "HOUR" : r < 0.8 ? "DAY" : "MONTH";
  } else if (type == "PART_TIME") {
    period = r < 0.75 ? "HOUR" : "MONTH";
  } else if (type == "INTERN") {
    period = r < 0.7 ? "MONTH" : "HOUR";
  } else if (r < (monthly_market ? 0.45 : 0.12)) {
    period = "MONTH";
  }
  double per = annual_usd / *UsdPerUnit(currency) / *PeriodsPerYear(period);
  if (type == "PART_TIME" && period == "MONTH") per *= 0.5;
  Salary s;
  s.currency = currency;
  s.period = std::string(period);
  double lo = RoundNice(per);
  double hi = RoundNice(per * BetweenReal(rng_, 1.12, 1.45));
  if (hi <= lo) hi = std::round(lo * 1.2 + 1);
  double shape = Unit(rng_);
  if (shape < 0.05) {
    s.min = lo;
  } else if (shape < 0.07) {
    s.max = hi;
  } else {
    s.min = lo;
    s.max = hi;
  }
  if (!NormalizeSalary(&s).ok()) return;
  s.source = "employer";
  job->salary = std::move(s);
}

void JobGenerator::Dates(Job* job, bool live_only) {
  int validity = Between(rng_, 30, 60);
  double r = live_only ? 1.0 : Unit(rng_);
  int days_ago;
  if (r < 0.01) {
    job->status = "filled";
    days_ago = static_cast<int>(120 * std::pow(Unit(rng_), 1.3));
  } else if (r < 0.09) {
    job->status = "expired";
    days_ago = validity + 1 + static_cast<int>(Below(rng_, static_cast<uint64_t>(120 - validity)));
  } else {
    job->status = "live";
    int span = live_only ? 14 : validity - 1;  // still valid tomorrow
    days_ago = static_cast<int>(span * std::pow(Unit(rng_), 1.6));
  }
  job->posted_at = now_ - days_ago * kDay - static_cast<int64_t>(Below(rng_, kDay));
  job->valid_through = job->posted_at + validity * kDay;
  job->created_at = job->posted_at;
}

void JobGenerator::Slug(const std::string& title, const std::string& company_slug, Job* job) {
  auto it = slug_cache_.find(title);
  if (it == slug_cache_.end()) it = slug_cache_.emplace(title, Slugify(title)).first;
  std::string s = it->second;
  if (s.empty()) s = "job";
  s += '-';
  s += company_slug;
  s = CutSlug(std::move(s), 80);
  s += '-';
  s += Base36(static_cast<uint64_t>(seq_));
  job->slug = std::move(s);
}

void JobGenerator::Describe(const CompanyInfo& c, const RoleFamily& f, int level,
                            const std::string& title, const std::string& team,
                            const std::string& tz_note, Job* job) {
  std::string& d = job->description;
  d.reserve(2048);
  const std::string& name = c.company->name;
  std::string a_title = WithArticle(title);
  std::vector<std::string> shown;
  for (const std::string& t : job->tags) {
    if (t != f.core_tags[0]) shown.push_back(Display(t));
  }
  if (shown.empty()) shown.push_back(Display(job->tags[0]));
  std::string skill = shown[0];
  std::vector<std::string> few(shown.begin() + 1,
                               shown.begin() + std::min<size_t>(shown.size(), 4));
  for (size_t i : SampleIndices(rng_, f.extra_tags.size(), few.empty() ? 2 : 0)) {
    few.push_back(Display(std::string(f.extra_tags[i])));
  }
  std::string skills = EnglishList(few, "or");
  std::string techs = EnglishList(c.tech_names);
  std::initializer_list<Var> vars = {{"company", name},
                                     {"title", title},
                                     {"a_title", a_title},
                                     {"team", team},
                                     {"policy", PolicyWords(c.company->remote_policy)},
                                     {"techs", techs},
                                     {"skill", skill},
                                     {"skills", skills},
                                     {"years", kYears[level]}};

  d += "## ";
  d += Pick(rng_, AboutHeadings());
  d += "\n\n";
  std::string_view intro = Pick(rng_, CompanyIntros());
  while (techs.empty() && intro.find("{techs}") != std::string_view::npos) {
    intro = Pick(rng_, CompanyIntros());
  }
  Fill(&d, intro, vars);
  d += ' ';
  Fill(&d, Pick(rng_, RoleIntros()), vars);
  d += "\n\n## ";
  d += Pick(rng_, DoHeadings());
  d += "\n\n";
  Bullets(rng_, f.responsibilities, 4, 5, vars, &d);
  d += "\n## ";
  d += Pick(rng_, NeedHeadings());
  d += "\n\n";
  if (level == 0) {
    d += "- Curiosity and a willingness to learn; coursework and side projects count\n";
  }
  size_t k = Between(rng_, 3, 5);
  for (size_t i : SampleIndices(rng_, f.requirements.size(), k)) {
    std::string_view req = f.requirements[i];
    if (level == 0 && req.find("{years}") != std::string_view::npos) continue;
    d += "- ";
    Fill(&d, req, vars);
    d += '\n';
  }
  if (Chance(rng_, 0.7)) {
    d += "\n## ";
    d += Pick(rng_, NiceHeadings());
    d += "\n\n";
    Bullets(rng_, f.nice_to_have, 1, 3, vars, &d);
  }
  d += "\n## ";
  Fill(&d, Pick(rng_, RemoteHeadings()), vars);
  d += "\n\n";
  for (size_t i : SampleIndices(rng_, RemotePractices().size(), Between(rng_, 2, 3))) {
    d += RemotePractices()[i];
    d += ' ';
  }
  if (!tz_note.empty()) {
    d += tz_note;
    d += ' ';
  }
  d += job->eligibility_evidence.substr(0, job->eligibility_evidence.find('.') + 1);
  d += "\n\n## ";
  d += Pick(rng_, BenefitHeadings());
  d += "\n\n";
  const Salary& s = job->salary;
  if (s.present()) {
    static constexpr std::string_view kPer[] = {"per hour", "per day", "per week", "per month",
                                                "per year"};
    std::string_view per = s.period == "HOUR"    ? kPer[0]
                           : s.period == "DAY"   ? kPer[1]
                           : s.period == "WEEK"  ? kPer[2]
                           : s.period == "MONTH" ? kPer[3]
                                                 : kPer[4];
    if (s.min && s.max) {
      d += "The pay range for this role is " + FormatAmount(*s.min) + "-" + FormatAmount(*s.max);
    } else if (s.min) {
      d += "Pay for this role starts at " + FormatAmount(*s.min);
    } else {
      d += "Pay for this role goes up to " + FormatAmount(*s.max);
    }
    d += " " + s.currency + " " + std::string(per) + ", depending on experience.\n\n";
  } else {
    d += "We pay competitively for your location and experience and share the range in the "
         "first call.\n\n";
  }
  Bullets(rng_, Benefits(), 3, 5, vars, &d);
  d += '\n';
  Fill(&d, Pick(rng_, ClosingLines()), vars);
  d += "\n\n";
  d += kJobFooter;
  d += '\n';
}

void JobGenerator::Suspicious(Job* job) {
  const Company& c = scam_companies_[Below(rng_, scam_companies_.size())];
  job->company_slug = c.slug;
  job->title = std::string(Pick(rng_, ScamTitles()));
  job->seniority = "junior";
  job->employment_type = Chance(rng_, 0.6) ? "PART_TIME" : "CONTRACTOR";
  for (size_t i : SampleIndices(rng_, ScamTags().size(), 3)) {
    job->tags.emplace_back(ScamTags()[i]);
  }
  bool us = Chance(rng_, 0.4);
  job->eligible_areas = {us ? "US" : "WW"};
  job->eligibility_evidence = us ? "US residents only, start immediately!"
                                 : "Anyone can apply from anywhere, no experience needed!";

  Salary s;
  s.currency = "USD";
  std::string pay;
  if (Chance(rng_, 0.6)) {
    s.period = "HOUR";
    s.min = Between(rng_, 35, 55);
    s.max = *s.min + Between(rng_, 10, 30);
    pay = "$" + FormatAmount(*s.min) + "-$" + FormatAmount(*s.max) + " per hour";
  } else {
    s.period = "WEEK";
    s.min = Between(rng_, 12, 25) * 100;
    s.max = *s.min + 1000;
    pay = "up to $" + FormatAmount(*s.max) + " a week";
  }
  if (NormalizeSalary(&s).ok()) {
    s.source = "employer";
    job->salary = std::move(s);
  }
  Dates(job, true);

  std::string first = AsciiLower(Pick(rng_, NameCultures()[0].first_names));
  std::string contact = "hr." + first + ".recruit" + std::to_string(Between(rng_, 10, 99)) + "@" +
                        std::string(Pick(rng_, FreeMailDomains()));
  std::string handle = "@" + first + "_hiring_desk" + std::to_string(Between(rng_, 1, 99));
  std::string phone = Chance(rng_, 0.5) ? "+1 (202) 555-01" + std::to_string(Between(rng_, 10, 99))
                                        : "+44 7700 900" + std::to_string(Between(rng_, 100, 999));
  static constexpr std::string_view kFees[] = {"$89", "$129", "$149", "$250", "$75"};
  std::string fee(kFees[Below(rng_, 5)]);
  job->apply_url = Chance(rng_, 0.6) ? "mailto:" + contact : c.website + "/apply";
  Slug(job->title, job->company_slug, job);

  std::initializer_list<Var> vars = {{"pay", pay},     {"contact", contact}, {"handle", handle},
                                     {"phone", phone}, {"fee", fee},         {"company", c.name}};
  std::string& d = job->description;
  Fill(&d, Pick(rng_, ScamOpenings()), vars);
  d += "\n\n";
  Fill(&d, Pick(rng_, ScamAbouts()), vars);
  d += "\n\n**Your tasks:**\n\n";
  Bullets(rng_, ScamDuties(), 2, 4, vars, &d);
  d += "\n**Requirements:**\n\n";
  Bullets(rng_, ScamRequirements(), 2, 4, vars, &d);
  d += "\n**How to get started:**\n\n";
  for (size_t i : SampleIndices(rng_, ScamHooks().size(), Between(rng_, 2, 3))) {
    Fill(&d, ScamHooks()[i], vars);
    d += "\n\n";
  }
  d += "Contact: " + contact + "\n\n";
  d += Pick(rng_, ScamClosings());
  d += "\n\n";
  d += kJobFooter;
  d += '\n';
  ++stats_.suspicious;
  ++stats_.total;
}

void JobGenerator::Count(const Job& job, size_t family) {
  ++stats_.total;
  if (job.status == "expired") ++stats_.expired;
  if (job.status == "filled") ++stats_.filled;
  if (job.status != "live") return;
  ++stats_.live;
  ++stats_.family_jobs[family];
  for (const std::string& t : job.tags) {
    ++stats_.tags[t];
    ++stats_.family_tags[family][t];
  }
  ++stats_.by_areas[job.eligible_areas];
  const Salary& s = job.salary;
  if (s.annual_usd_min || s.annual_usd_max) {
    double lo = s.annual_usd_min.value_or(*s.annual_usd_max);
    double hi = s.annual_usd_max.value_or(lo);
    double mid = (lo + hi) / 2;
    int level = 0;
    while (level < kSeniorityCount - 1 && SeniorityName(level) != job.seniority) ++level;
    stats_.salary_by_seniority[level].push_back(mid);
    stats_.salary_by_family[family].push_back(mid);
  }
}

}  // namespace meridian::demo
