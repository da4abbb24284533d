#include "platform/matching/matching.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "base/strings.h"
#include "platform/codec.h"
#include "platform/geo.h"
#include "platform/vocab.h"

namespace meridian {

namespace {

// How the job's hours sit with the talent's.
struct HoursFit {
  bool constrained = false;  // the job sets hours
  bool acceptable = true;    // enough overlap (or an acceptable UTC offset)
  double value = 1;          // 0..1
  std::string reason;
};

std::string OffsetText(int minutes) {
  char buf[32];
  int a = std::abs(minutes);
  std::snprintf(buf, sizeof buf, "UTC%s%02d:%02d", minutes < 0 ? "\u2212" : "+", a / 60, a % 60);
  return buf;
}

std::string Hours(int minutes) {
  char buf[32];
  if (minutes % 60 == 0) {
    std::snprintf(buf, sizeof buf, "%d h", minutes / 60);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f h", minutes / 60.0);
  }
  return buf;
}

HoursFit FitHours(const JobFacts& job, const TalentFacts& talent, const MatchOptions& o) {
  HoursFit fit;
  const char* whose = o.viewer == Viewer::kTalent ? "your" : "their";
  if (!job.window) {
    fit.reason = "The job sets no working hours";
    return fit;
  }
  fit.constrained = true;
  if (talent.timezone.empty() || !IsValidTimezone(talent.timezone)) {
    fit.value = 0.5;
    fit.reason = "Time zone not stated on the profile";
    return fit;
  }
  const TimezoneWindow& w = *job.window;
  int min_minutes = static_cast<int>(std::lround(o.config.min_overlap_hours * 60));
  if (w.zone.empty()) {
    int off = UtcOffsetMinutes(talent.timezone, o.at);
    int lo = w.utc_min_minutes.value_or(-12 * 60), hi = w.utc_max_minutes.value_or(14 * 60);
    fit.acceptable = off >= lo && off <= hi;
    fit.value = fit.acceptable ? 1 : 0;
    fit.reason = std::string(o.viewer == Viewer::kTalent ? "Your " : "Their ") + OffsetText(off) +
                 (fit.acceptable ? " is within" : " is outside") + " the job's " + OffsetText(lo) +
                 " to " + OffsetText(hi);
    return fit;
  }
  OverlapSpan span = OverlapInterval(w.zone, w.start_minute, w.end_minute, talent.timezone,
                                     talent.work_start_minute, talent.work_end_minute, o.at);
  auto length = [](int s, int e) { return e > s ? e - s : e + 1440 - s; };
  int shorter = std::min(length(w.start_minute, w.end_minute),
                         length(talent.work_start_minute, talent.work_end_minute));
  fit.acceptable = span.minutes >= min_minutes;
  fit.value = shorter > 0 ? std::min(1.0, static_cast<double>(span.minutes) / shorter) : 0;
  if (span.minutes == 0) {
    fit.reason = std::string("No overlap with the job's hours (") + FormatClock(w.start_minute) +
                 "\u2013" + FormatClock(w.end_minute) + " " + w.zone + ")";
  } else {
    fit.reason = Hours(span.minutes) + " overlap, " + FormatClock(span.start_b) + "\u2013" +
                 FormatClock(span.end_b) + " " + whose + " time";
  }
  return fit;
}

int SeniorityRank(const std::string& s) {
  auto all = Seniorities();
  auto it = std::find(all.begin(), all.end(), s);
  return it == all.end() ? -1 : static_cast<int>(it - all.begin());
}

std::string JoinNames(const std::vector<std::string>& names, size_t max) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < max; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > max) out += ", \u2026";
  return out;
}

const char* LevelName(int level) {
  static const char* const kNames[] = {"", "beginner", "basic", "good", "strong", "expert"};
  return level >= 1 && level <= 5 ? kNames[level] : "";
}

MatchFactor Factor(std::string name, double weight, double value, std::string reason) {
  return {std::move(name), weight, value, weight * value, std::move(reason)};
}

}  // namespace

bool OpenTo(const std::vector<std::string>& areas, const std::string& country) {
  return areas.empty() || std::any_of(areas.begin(), areas.end(), [&](const std::string& a) {
           return AreaContains(a, country);
         });
}

std::string ShortUsd(double amount) {
  char buf[32];
  long rounded = std::lround(amount);
  if (rounded >= 10'000) {
    std::snprintf(buf, sizeof buf, "$%.0fk", amount / 1000);
  } else if (rounded >= 1000) {
    std::snprintf(buf, sizeof buf, "$%ld,%03ld", rounded / 1000, rounded % 1000);
  } else {
    std::snprintf(buf, sizeof buf, "$%ld", rounded);
  }
  return buf;
}

std::optional<std::string> Dealbreaker(const JobFacts& job, const TalentFacts& talent,
                                       const MatchOptions& o) {
  if (!talent.country.empty() && !OpenTo(job.eligible_areas, talent.country)) {
    return "not open to applicants in " + AreaName(talent.country);
  }
  if (talent.salary_min_usd && job.salary_max_usd && *job.salary_max_usd < *talent.salary_min_usd) {
    return "pays at most " + ShortUsd(*job.salary_max_usd) + ", below the floor of " +
           ShortUsd(*talent.salary_min_usd);
  }
  HoursFit hours = FitHours(job, talent, o);
  if (!hours.acceptable) return "too little overlap: " + hours.reason;
  return std::nullopt;
}

MatchExplanation ExplainMatch(const JobFacts& job, const TalentFacts& talent, double cosine,
                              const MatchOptions& o) {
  const MatchWeights& w = o.config.match;
  const bool you = o.viewer == Viewer::kTalent;
  MatchExplanation e;
  double text = std::clamp(cosine, 0.0, 1.0);
  e.factors.push_back(
      Factor("text", w.text, text,
             "Text " + std::to_string(static_cast<int>(std::lround(text * 100))) + "% similar"));

  // Skills: the job's tags the profile lists, weighted by the stated level.
  std::vector<std::string> have, missing;
  double got = 0;
  for (const std::string& tag : job.tags) {
    auto it = std::find_if(talent.skills.begin(), talent.skills.end(),
                           [&](const TalentSkill& s) { return s.name == tag; });
    if (it == talent.skills.end()) {
      missing.push_back(tag);
      continue;
    }
    got += it->level == 0 || it->level >= 3 ? 1.0 : 0.5;
    have.push_back(it->level > 0 ? tag + " (" + LevelName(it->level) + ")" : tag);
  }
  if (job.tags.empty()) {
    e.factors.push_back(Factor("skills", w.skills, 0.5, "The job lists no skills"));
  } else {
    std::string reason =
        std::to_string(have.size()) + " of " + std::to_string(job.tags.size()) + " required skills";
    if (!have.empty()) reason += ": " + JoinNames(have, 6);
    if (!missing.empty()) reason += "; missing " + JoinNames(missing, 4);
    e.factors.push_back(
        Factor("skills", w.skills, got / static_cast<double>(job.tags.size()), std::move(reason)));
  }

  int js = SeniorityRank(job.seniority), ts = SeniorityRank(talent.seniority);
  if (js < 0 || ts < 0) {
    e.factors.push_back(Factor("seniority", w.seniority, 0.5, "Seniority not stated"));
  } else {
    int gap = std::abs(js - ts);
    double value = gap == 0 ? 1 : gap == 1 ? 0.5 : 0;
    std::string reason = gap == 0 ? "Seniority fits: " + job.seniority
                                  : std::string(you ? "You are " : "They are ") + talent.seniority +
                                        ", the job asks for " + job.seniority;
    e.factors.push_back(Factor("seniority", w.seniority, value, std::move(reason)));
  }

  bool job_pay = job.salary_min_usd || job.salary_max_usd;
  bool wants = talent.salary_min_usd || talent.salary_max_usd;
  if (!job_pay) {
    e.factors.push_back(Factor("salary", w.salary, 0.5, "The job states no salary"));
  } else if (!wants) {
    e.factors.push_back(Factor("salary", w.salary, 0.5, "No desired salary on the profile"));
  } else {
    double jlo = job.salary_min_usd.value_or(*job.salary_max_usd);
    double jhi = job.salary_max_usd.value_or(*job.salary_min_usd);
    double tlo = talent.salary_min_usd.value_or(*talent.salary_max_usd);
    double thi = talent.salary_max_usd.value_or(*talent.salary_min_usd);
    std::string range = ShortUsd(jlo) + "\u2013" + ShortUsd(jhi);
    if (jhi >= tlo && jlo <= thi) {
      e.factors.push_back(Factor("salary", w.salary, 1,
                                 "Salary " + range + " is within " +
                                     (you ? std::string("your") : std::string("their")) +
                                     " range"));
    } else if (jlo > thi) {
      e.factors.push_back(
          Factor("salary", w.salary, 1,
                 "Salary " + range + " is above " + (you ? "your" : "their") + " range"));
    } else {
      e.factors.push_back(
          Factor("salary", w.salary, 0,
                 "Salary " + range + " is below " + (you ? "your" : "their") + " range"));
    }
  }

  HoursFit hours = FitHours(job, talent, o);
  e.factors.push_back(Factor("overlap", w.overlap, hours.value, hours.reason));

  // Eligibility is a dealbreaker, not a weight: shown so the reason is visible.
  std::string where;
  if (job.eligible_areas.empty()) {
    where = "The job states no location limits";
  } else if (talent.country.empty()) {
    where = "Country not stated on the profile";
  } else {
    std::vector<std::string> names;
    for (const std::string& a : job.eligible_areas) names.push_back(AreaName(a));
    where = std::string(you ? "You can apply from " : "Can apply from ") +
            AreaName(talent.country) + " (open to " + JoinNames(names, 3) + ")";
  }
  e.factors.push_back(Factor("eligibility", 0, 1, std::move(where)));

  for (const MatchFactor& f : e.factors) e.score += f.part;
  return e;
}

MatchExplanation ExplainSimilar(double cosine, const std::vector<std::string>& a,
                                const std::vector<std::string>& b, const SimilarWeights& w) {
  MatchExplanation e;
  double text = std::clamp(cosine, 0.0, 1.0);
  e.factors.push_back(
      Factor("text", w.text, text,
             "Text " + std::to_string(static_cast<int>(std::lround(text * 100))) + "% similar"));
  std::set<std::string> sa(a.begin(), a.end()), sb(b.begin(), b.end());
  std::vector<std::string> shared;
  std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(shared));
  size_t uni = sa.size() + sb.size() - shared.size();
  double jaccard = uni == 0 ? 0 : static_cast<double>(shared.size()) / static_cast<double>(uni);
  e.factors.push_back(
      Factor("tags", w.tags, jaccard,
             shared.empty() ? "No tags in common" : "Shared tags: " + JoinNames(shared, 5)));
  for (const MatchFactor& f : e.factors) e.score += f.part;
  return e;
}

MatchExplanation ExplainCities(const CityFacts& a, const CityFacts& b) {
  MatchExplanation e;
  double total_weight = 0;
  for (const CityFeatureWeight& w : CityFeatureWeights()) total_weight += w.weight;
  auto weight_of = [&](const std::string& name) {
    for (const CityFeatureWeight& w : CityFeatureWeights()) {
      if (name == w.name) return w.weight / total_weight;
    }
    return 0.0;
  };
  for (const auto& [name, part] : CityFeatureParts(a, b)) {
    std::string reason;
    if (name == "cost of living") {
      reason = "Cost of living " + ShortUsd(*b.cost_of_living_usd) + " vs " +
               ShortUsd(*a.cost_of_living_usd) + " a month";
    } else if (name == "internet") {
      reason = "Internet " + std::to_string(std::lround(*b.internet_mbps)) + " vs " +
               std::to_string(std::lround(*a.internet_mbps)) + " Mbps";
    } else if (name == "climate") {
      reason = "Latitude " + std::to_string(std::lround(std::abs(b.lat))) + "\u00b0 vs " +
               std::to_string(std::lround(std::abs(a.lat))) + "\u00b0 (climate)";
    } else if (name == "safety") {
      reason = "Safety " + std::to_string(std::lround(*b.safety_index)) + " vs " +
               std::to_string(std::lround(*a.safety_index));
    } else {
      reason = "Time zone " + b.timezone + " vs " + a.timezone;
    }
    double weight = weight_of(name);
    e.factors.push_back({name, weight, weight > 0 ? part / weight : 0, part, std::move(reason)});
    e.score += part;
  }
  return e;
}

}  // namespace meridian
