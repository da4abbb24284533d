// Explained matching between jobs and talent (issue 5). A match's score is the sum of its
// factors' parts, each part = weight x value (value in 0..1), each with a reason a person
// can read: "4.5 h overlap, 09:00-13:30 your time", "5 of 6 required skills: rust, ...".
// Dealbreakers (eligibility, too little overlap, a salary below the floor) exclude a
// match outright; the KNN search applies them as its filter, so results never break them.
//
//   MatchingConfig config;                       // the one place weights live
//   if (auto why = Dealbreaker(job, talent, {.config = config, .at = now})) ...;
//   MatchExplanation e = ExplainMatch(job, talent, cosine, {.config = config, .at = now});
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "platform/matching/knn_sources.h"

namespace meridian {

// Job <-> talent factor weights; they sum to 1, so a score is in 0..1.
struct MatchWeights {
  double text = 0.30;       // embedding cosine of the job and the profile
  double skills = 0.30;     // required skills the profile has, by level
  double seniority = 0.10;  // same level, or one step off
  double salary = 0.10;     // the ranges overlap
  double overlap = 0.20;    // working hours in common, DST-correct
};

// Related articles, similar jobs and companies: text plus shared tags.
struct SimilarWeights {
  double text = 0.80;
  double tags = 0.20;  // Jaccard overlap of tags (technologies for companies)
};

struct MatchingConfig {
  MatchWeights match;
  SimilarWeights similar;
  // A job with set hours and less overlap than this with the profile's hours is excluded.
  double min_overlap_hours = 2;
  // Candidates fetched from the vector index per result kept, before re-ranking.
  size_t candidates_per_result = 5;
  // Articles for a city must be at least this alike to its name and country.
  double min_related_similarity = 0.25;
};

enum class Viewer { kTalent, kEmployer };  // whose point of view reasons take

struct MatchOptions {
  MatchingConfig config;
  UnixSeconds at = 0;  // the day overlap is computed for (DST)
  Viewer viewer = Viewer::kTalent;
};

struct MatchFactor {
  std::string name;  // text|skills|seniority|salary|overlap|eligibility|tags|<city feature>
  double weight = 0;
  double value = 0;  // 0..1 (cosines may be below 0 for cities)
  double part = 0;   // its share of the score
  std::string reason;
};

struct MatchExplanation {
  double score = 0;  // the sum of the parts
  std::vector<MatchFactor> factors;
};

// Why this pair must not be matched, or nullopt: the talent cannot apply from their
// country, the job's hours leave less than min_overlap_hours, or the job's top salary is
// below the talent's floor.
std::optional<std::string> Dealbreaker(const JobFacts& job, const TalentFacts& talent,
                                       const MatchOptions& options);
MatchExplanation ExplainMatch(const JobFacts& job, const TalentFacts& talent, double cosine,
                              const MatchOptions& options);

// Related/similar items: text similarity plus shared tags.
MatchExplanation ExplainSimilar(double cosine, const std::vector<std::string>& tags_a,
                                const std::vector<std::string>& tags_b,
                                const SimilarWeights& weights);
// Cities: one factor per feature, from CityFeatureParts.
MatchExplanation ExplainCities(const CityFacts& a, const CityFacts& b);

// True when someone in `country` may apply to a job open to `areas` (a country, a UN M49
// region containing it, or worldwide); a job that names no areas is open to all.
bool OpenTo(const std::vector<std::string>& areas, const std::string& country);
// "$120k", "$1,900", "$800".
std::string ShortUsd(double amount);

}  // namespace meridian
