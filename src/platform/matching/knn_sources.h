// What the KNN indexes hold for each kind of entity (issue 5): the text an embedding is
// made of, and the facts that filters and explanations read without a store round trip.
//
//   ASSIGN_OR_RETURN(EmbeddingModel model, TrainEmbeddings(store, {.dims = 128}));
//   auto m = std::make_shared<const EmbeddingModel>(std::move(model));
//   VectorService jobs(JobVectorSource(store, m), {.index_path = db + ".vec.jobs"});
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/statusor.h"
#include "engine/store/store.h"
#include "engine/text/analyzer.h"
#include "engine/vector/embedding_model.h"
#include "engine/vector/vector_service.h"

namespace meridian {

struct JobFacts {
  std::string slug, title, company_slug, company_name, status, seniority;
  std::vector<std::string> tags;            // normalized
  std::vector<std::string> eligible_areas;  // "WW", countries, UN M49 regions
  std::optional<TimezoneWindow> window;
  std::optional<double> salary_min_usd, salary_max_usd;  // annual
  std::optional<UnixSeconds> valid_through;
};

struct TalentFacts {
  std::string slug, name, headline, seniority, country, timezone, availability;
  int work_start_minute = 9 * 60;  // 09:00-17:00 when the profile does not say
  int work_end_minute = 17 * 60;
  std::vector<TalentSkill> skills;                       // names normalized
  std::optional<double> salary_min_usd, salary_max_usd;  // annual, desired
};

struct ArticleFacts {
  std::string slug, title, summary;
  std::vector<std::string> tags;
  UnixSeconds published_at = 0;
};

struct CompanyFacts {
  std::string slug, name, remote_policy;
  std::vector<std::string> technologies;
};

struct CityFacts {
  std::string slug, name, country, timezone;
  double lat = 0;
  std::optional<double> cost_of_living_usd, internet_mbps, safety_index, nomad_score;
};

JobFacts ToJobFacts(const Job& job);
TalentFacts ToTalentFacts(const Talent& talent);

// The analyzed text and skills each kind is embedded from. Titles and headlines count
// twice; tags, technologies and skills are the skill list.
EmbeddingDoc JobEmbeddingDoc(Analyzer& analyzer, const Job& job);
EmbeddingDoc TalentEmbeddingDoc(Analyzer& analyzer, const Talent& talent);
EmbeddingDoc ArticleEmbeddingDoc(Analyzer& analyzer, const Article& article);
EmbeddingDoc CompanyEmbeddingDoc(Analyzer& analyzer, const Company& company);

// Trains the embedding model on every job, public profile, article and company: one
// space, so a profile's vector can be searched among jobs and the other way round.
// kInvalidArgument when the store holds fewer than `min_docs` documents.
StatusOr<EmbeddingModel> TrainEmbeddings(StoreReader& store, const EmbeddingOptions& options,
                                         size_t min_docs = 1);

// Cities are compared on what a nomad weighs, not on text: see CityFeatures.
inline constexpr const char* kCityFeaturesModel = "city-features-1";
inline constexpr size_t kCityFeatureDims = 10;
// Each feature becomes a 2-d block: its value as an angle, at radius sqrt(weight). The dot
// product of two cities is then the sum over features of weight x cos(angle between the
// values): cost of living and internet speed (log scale, a quarter circle), |latitude|
// (climate), safety, and the standard UTC offset (a full circle: UTC-12 is next to
// UTC+12, 12 hours apart is opposite). A missing value leaves its block zero. Divided by
// the vectors' lengths, the cosine is a weighted mean of per-feature similarities; each
// feature's term is its part of the score (CityFeatureParts).
std::vector<float> CityFeatures(const CityFacts& city);
// The terms of the cosine of two cities' features, one per feature (name, part); they
// sum to the cosine.
std::vector<std::pair<std::string, double>> CityFeatureParts(const CityFacts& a,
                                                             const CityFacts& b);
struct CityFeatureWeight {
  const char* name;
  float weight;
};
std::span<const CityFeatureWeight> CityFeatureWeights();

VectorSource JobVectorSource(StoreReader& store, std::shared_ptr<const EmbeddingModel> model);
// Public profiles only: a hidden one is removed from the index.
VectorSource TalentVectorSource(StoreReader& store, std::shared_ptr<const EmbeddingModel> model);
VectorSource ArticleVectorSource(StoreReader& store, std::shared_ptr<const EmbeddingModel> model);
VectorSource CompanyVectorSource(StoreReader& store, std::shared_ptr<const EmbeddingModel> model);
VectorSource CityVectorSource(StoreReader& store);

}  // namespace meridian
