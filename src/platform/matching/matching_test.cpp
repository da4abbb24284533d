// Explained matching on hand-built cases whose order and reasons are known, including DST
// boundaries and half-hour zones; city similarity whose parts sum to the score.
#include "platform/matching/matching.h"

#include <gtest/gtest.h>

#include "platform/matching/knn_sources.h"

namespace meridian {
namespace {

constexpr UnixSeconds kJan15 = 1768478400;  // 2026-01-15 12:00 UTC: no DST anywhere north
constexpr UnixSeconds kMar15 = 1773576000;  // 2026-03-15: US on DST, UK not yet
constexpr UnixSeconds kApr15 = 1776254400;  // 2026-04-15: both on DST

JobFacts BerlinJob() {
  JobFacts j;
  j.slug = "rust-berlin";
  j.title = "Senior Rust Engineer";
  j.status = "live";
  j.seniority = "senior";
  j.tags = {"rust", "postgres", "docker", "kubernetes", "go", "aws"};
  j.eligible_areas = {"150"};  // Europe
  j.window = TimezoneWindow{.zone = "Europe/Berlin", .start_minute = 540, .end_minute = 1020};
  j.salary_min_usd = 100'000;
  j.salary_max_usd = 140'000;
  return j;
}

TalentFacts LisbonTalent() {
  TalentFacts t;
  t.slug = "ana";
  t.name = "Ana";
  t.seniority = "senior";
  t.country = "PT";
  t.timezone = "Europe/Lisbon";
  t.skills = {{"rust", 5}, {"postgres", 4}, {"docker", 3}, {"kubernetes", 0}, {"go", 2}};
  t.salary_min_usd = 110'000;
  t.salary_max_usd = 150'000;
  return t;
}

const MatchFactor& FactorOf(const MatchExplanation& e, const std::string& name) {
  for (const MatchFactor& f : e.factors) {
    if (f.name == name) return f;
  }
  static MatchFactor none;
  ADD_FAILURE() << "no factor " << name;
  return none;
}

TEST(MatchingTest, ExplainsEveryFactorAndTheScoreIsTheSumOfTheParts) {
  MatchOptions o{.at = kJan15};
  MatchExplanation e = ExplainMatch(BerlinJob(), LisbonTalent(), 0.6, o);
  EXPECT_EQ(FactorOf(e, "overlap").reason, "7 h overlap, 09:00\u201316:00 your time");
  EXPECT_DOUBLE_EQ(FactorOf(e, "overlap").value, 7.0 / 8.0);
  EXPECT_EQ(FactorOf(e, "skills").reason,
            "5 of 6 required skills: rust (expert), postgres (strong), docker (good), "
            "kubernetes, go (basic); missing aws");
  EXPECT_DOUBLE_EQ(FactorOf(e, "skills").value, 4.5 / 6.0);
  EXPECT_EQ(FactorOf(e, "seniority").reason, "Seniority fits: senior");
  EXPECT_EQ(FactorOf(e, "salary").reason, "Salary $100k\u2013$140k is within your range");
  EXPECT_EQ(FactorOf(e, "text").reason, "Text 60% similar");
  EXPECT_EQ(FactorOf(e, "eligibility").reason, "You can apply from Portugal (open to Europe)");
  double sum = 0;
  for (const MatchFactor& f : e.factors) {
    EXPECT_DOUBLE_EQ(f.part, f.weight * f.value) << f.name;
    sum += f.part;
  }
  EXPECT_DOUBLE_EQ(e.score, sum);
  const MatchWeights& w = o.config.match;
  EXPECT_NEAR(e.score, w.text * 0.6 + w.skills * 0.75 + w.seniority + w.salary + w.overlap * 0.875,
              1e-12);
  EXPECT_FALSE(Dealbreaker(BerlinJob(), LisbonTalent(), o).has_value());

  // The employer's view of the same pair speaks of "their" hours.
  MatchExplanation employer =
      ExplainMatch(BerlinJob(), LisbonTalent(), 0.6, {.at = kJan15, .viewer = Viewer::kEmployer});
  EXPECT_EQ(FactorOf(employer, "overlap").reason, "7 h overlap, 09:00\u201316:00 their time");
  EXPECT_DOUBLE_EQ(employer.score, e.score);
}

TEST(MatchingTest, OverlapFollowsDaylightSavingOnBothSides) {
  JobFacts job = BerlinJob();
  job.window = TimezoneWindow{.zone = "America/New_York", .start_minute = 540, .end_minute = 1020};
  job.eligible_areas = {"WW"};
  TalentFacts london = LisbonTalent();
  london.timezone = "Europe/London";
  london.country = "GB";
  // Five hours apart in winter and again once both have moved; four in the weeks when
  // New York has moved and London has not.
  for (auto [at, reason] : {std::pair{kJan15, "3 h overlap, 14:00\u201317:00 your time"},
                            std::pair{kMar15, "4 h overlap, 13:00\u201317:00 your time"},
                            std::pair{kApr15, "3 h overlap, 14:00\u201317:00 your time"}}) {
    EXPECT_EQ(FactorOf(ExplainMatch(job, london, 0.5, {.at = at}), "overlap").reason, reason);
  }
}

TEST(MatchingTest, HalfHourZonesOverlapByHalfHours) {
  TalentFacts india = LisbonTalent();
  india.timezone = "Asia/Kolkata";  // UTC+05:30
  india.country = "IN";
  JobFacts job = BerlinJob();
  job.eligible_areas = {"WW"};
  MatchExplanation e = ExplainMatch(job, india, 0.5, {.at = kJan15});
  EXPECT_EQ(FactorOf(e, "overlap").reason, "3.5 h overlap, 13:30\u201317:00 your time");
  EXPECT_DOUBLE_EQ(FactorOf(e, "overlap").value, 3.5 / 8.0);
  // Nepal is UTC+05:45: a quarter-hour zone.
  india.timezone = "Asia/Kathmandu";
  EXPECT_EQ(FactorOf(ExplainMatch(job, india, 0.5, {.at = kJan15}), "overlap").reason,
            "3.2 h overlap, 13:45\u201317:00 your time");
}

TEST(MatchingTest, DealbreakersExcludeWithAReason) {
  MatchOptions o{.at = kJan15};
  JobFacts us_only = BerlinJob();
  us_only.eligible_areas = {"US"};
  EXPECT_EQ(Dealbreaker(us_only, LisbonTalent(), o), "not open to applicants in Portugal");

  JobFacts cheap = BerlinJob();
  cheap.salary_max_usd = 90'000;
  EXPECT_EQ(Dealbreaker(cheap, LisbonTalent(), o), "pays at most $90k, below the floor of $110k");

  JobFacts california = BerlinJob();
  california.eligible_areas = {"WW"};
  california.window =
      TimezoneWindow{.zone = "America/Los_Angeles", .start_minute = 540, .end_minute = 1020};
  TalentFacts india = LisbonTalent();
  india.timezone = "Asia/Kolkata";
  india.country = "IN";
  auto why = Dealbreaker(california, india, o);
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why,
            "too little overlap: No overlap with the job's hours (09:00\u201317:00 "
            "America/Los_Angeles)");
  // Two hours of overlap pass the default minimum of two and fail a stricter one.
  JobFacts east = california;
  east.window = TimezoneWindow{.zone = "America/New_York", .start_minute = 540, .end_minute = 1020};
  TalentFacts berlin = LisbonTalent();
  berlin.timezone = "Europe/Berlin";  // NY 9-17 = 14-22 UTC; Berlin 9-17 = 8-16 UTC
  EXPECT_FALSE(Dealbreaker(east, berlin, o).has_value());
  MatchOptions strict = o;
  strict.config.min_overlap_hours = 2.5;
  EXPECT_EQ(Dealbreaker(east, berlin, strict),
            "too little overlap: 2 h overlap, 15:00\u201317:00 your time");

  // A UTC offset range: inside passes, outside is excluded.
  JobFacts americas = BerlinJob();
  americas.eligible_areas = {"WW"};
  americas.window = TimezoneWindow{.utc_min_minutes = -8 * 60, .utc_max_minutes = -3 * 60};
  EXPECT_EQ(Dealbreaker(americas, LisbonTalent(), o),
            "too little overlap: Your UTC+00:00 is outside the job's UTC\u221208:00 to "
            "UTC\u221203:00");
  TalentFacts sao_paulo = LisbonTalent();
  sao_paulo.timezone = "America/Sao_Paulo";
  sao_paulo.country = "BR";
  EXPECT_FALSE(Dealbreaker(americas, sao_paulo, o).has_value());
}

TEST(MatchingTest, UnknownsScoreHalfAndSayWhy) {
  JobFacts job = BerlinJob();
  job.tags.clear();
  job.seniority.clear();
  job.salary_min_usd.reset();
  job.salary_max_usd.reset();
  job.window.reset();
  job.eligible_areas.clear();
  TalentFacts t = LisbonTalent();
  MatchExplanation e = ExplainMatch(job, t, 0.4, {.at = kJan15});
  EXPECT_EQ(FactorOf(e, "skills").reason, "The job lists no skills");
  EXPECT_EQ(FactorOf(e, "seniority").reason, "Seniority not stated");
  EXPECT_EQ(FactorOf(e, "salary").reason, "The job states no salary");
  EXPECT_EQ(FactorOf(e, "overlap").reason, "The job sets no working hours");
  EXPECT_EQ(FactorOf(e, "eligibility").reason, "The job states no location limits");
  EXPECT_DOUBLE_EQ(FactorOf(e, "skills").value, 0.5);
  EXPECT_DOUBLE_EQ(FactorOf(e, "overlap").value, 1.0);
}

TEST(MatchingTest, RanksTheBetterFitFirst) {
  // Same text similarity: the job with every skill and full overlap beats the one with
  // half the skills and little overlap.
  TalentFacts t = LisbonTalent();
  JobFacts good = BerlinJob(), weaker = BerlinJob();
  good.tags = {"rust", "postgres", "docker"};
  weaker.tags = {"rust", "java", "spring", "aws"};
  weaker.window =
      TimezoneWindow{.zone = "America/New_York", .start_minute = 540, .end_minute = 1020};
  weaker.eligible_areas = {"WW"};
  MatchOptions o{.at = kJan15};
  EXPECT_GT(ExplainMatch(good, t, 0.5, o).score, ExplainMatch(weaker, t, 0.5, o).score);
  // Text similarity alone can flip two otherwise equal jobs.
  EXPECT_GT(ExplainMatch(good, t, 0.7, o).score, ExplainMatch(good, t, 0.5, o).score);
}

TEST(MatchingTest, SimilarItemsShareTagsAndText) {
  MatchExplanation e = ExplainSimilar(0.9, {"rust", "go", "aws"}, {"rust", "aws", "gcp"}, {});
  EXPECT_EQ(FactorOf(e, "tags").reason, "Shared tags: aws, rust");
  EXPECT_DOUBLE_EQ(FactorOf(e, "tags").value, 0.5);
  EXPECT_DOUBLE_EQ(e.score, 0.8 * 0.9 + 0.2 * 0.5);
  EXPECT_EQ(FactorOf(ExplainSimilar(0.3, {"a"}, {"b"}, {}), "tags").reason, "No tags in common");
}

TEST(MatchingTest, CityFeaturePartsSumToTheCosine) {
  CityFacts lisbon{.slug = "lisbon",
                   .name = "Lisbon",
                   .country = "PT",
                   .timezone = "Europe/Lisbon",
                   .lat = 38.7,
                   .cost_of_living_usd = 1900,
                   .internet_mbps = 150,
                   .safety_index = 70};
  CityFacts porto = lisbon, bangkok = lisbon, auckland = lisbon;
  porto.timezone = "Europe/Lisbon";
  porto.lat = 41.1;
  porto.cost_of_living_usd = 1500;
  bangkok.timezone = "Asia/Bangkok";
  bangkok.lat = 13.7;
  bangkok.cost_of_living_usd = 900;
  bangkok.internet_mbps = 200;
  auckland.timezone = "Pacific/Auckland";
  auckland.lat = -36.8;
  auckland.safety_index.reset();  // a missing feature drops out of both sides' weight
  auto cosine = [](const CityFacts& a, const CityFacts& b) {
    std::vector<float> x = CityFeatures(a), y = CityFeatures(b);
    Normalize(x);
    Normalize(y);
    return static_cast<double>(Dot(x.data(), y.data(), x.size()));
  };
  for (const CityFacts* other : {&porto, &bangkok, &auckland}) {
    MatchExplanation e = ExplainCities(lisbon, *other);
    EXPECT_NEAR(e.score, cosine(lisbon, *other), 1e-5) << other->slug;
  }
  EXPECT_GT(ExplainCities(lisbon, porto).score, ExplainCities(lisbon, bangkok).score);
  // Auckland's |latitude| is Lisbon's (climate), but it is 11 hours away.
  MatchExplanation far = ExplainCities(lisbon, auckland);
  EXPECT_LT(FactorOf(far, "timezone").value, 0);
  EXPECT_EQ(FactorOf(far, "cost of living").reason, "Cost of living $1,900 vs $1,900 a month");
  EXPECT_EQ(far.factors.size(), 4u);  // no safety figure for Auckland
}

}  // namespace
}  // namespace meridian
