// Recommendations by nearest neighbours (issue 5): related articles, similar jobs,
// companies and cities, jobs that match a talent profile and talent that matches a job,
// each item with the explanation of its score (matching.h).
//
// One embedding model (trained from the store, saved beside the database) puts jobs,
// profiles, articles and companies in one space; one VectorService per kind keeps its
// index current from the change log. Cities are compared on their numbers instead.
//
//   MatchService match(store, {.model_path = db + ".embeddings", .index_dir_prefix = db});
//   RETURN_IF_ERROR(match.Start());
//   feed.Subscribe([&](const auto& batch) { match.Apply(batch); });
//   ASSIGN_OR_RETURN(auto items, match.JobsForTalent("ana-lisbon", {.limit = 10}));
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "base/statusor.h"
#include "engine/store/store.h"
#include "engine/text/analyzer.h"
#include "engine/vector/embedding_model.h"
#include "engine/vector/vector_service.h"
#include "platform/matching/matching.h"

namespace meridian {

struct MatchServiceOptions {
  // The embedding model: loaded at start; trained from the store and saved when missing or
  // unreadable. "" = trained at every start, kept in memory.
  std::string model_path;
  // Index files are "<prefix>.vec.<kind>" (and ".hnsw"); "" = memory only.
  std::string index_prefix;
  VectorIndexOptions index;
  EmbeddingOptions training;
  MatchingConfig config;
  // Fewer documents than this are not enough to learn a model from. Without a model, the
  // service tries again as writes arrive, at most once per `retrain_interval`.
  size_t min_training_docs = 50;
  std::chrono::milliseconds retrain_interval{10'000};
};

// One recommended item.
struct MatchItem {
  std::string kind;  // job|talent|article|company|city
  std::string slug;
  std::string title;      // job title, name, article title, city name
  std::string subtitle;   // company, headline, summary, country
  double similarity = 0;  // the embedding cosine
  MatchExplanation explanation;
};

// The item's page: "/jobs/<slug>", "/talent/<slug>", "/articles/<slug>", ...
std::string ItemPath(const MatchItem& item);

// A job as the jobs index holds it (the "for you" feed's content part, issue 6).
struct JobContent {
  std::string slug;
  float similarity = 0;  // to the query vector (NearestLiveJobs)
  std::shared_ptr<const JobFacts> facts;
};

// Live (published, not past valid_through) at `at`.
bool LiveAt(const JobFacts& job, UnixSeconds at);

// Optional narrowing for every list; each applies inside the vector search.
struct MatchQuery {
  size_t limit = 10;
  UnixSeconds at = 0;     // "now": overlap is computed for this day
  std::string tag;        // jobs/articles: has this tag; talent: has this skill
  std::string seniority;  // jobs, talent
  std::string country;    // talent: lives in; cities: in; jobs: open to applicants from
  std::optional<double> salary_min_usd;  // jobs: pays at least (annual USD, top of range)
  // Whose point of view reasons take; default: the talent for JobsForTalent, the employer
  // for TalentForJob.
  std::optional<Viewer> viewer;
};

class MatchService {
 public:
  MatchService(StoreReader& store, MatchServiceOptions options);
  ~MatchService();
  MatchService(const MatchService&) = delete;
  MatchService& operator=(const MatchService&) = delete;

  // Loads or trains the model, then starts every kind's index. A store with too little to
  // learn from leaves the text kinds unavailable (503) until enough has been written: the
  // service then trains a model and starts them by itself. Cities work regardless.
  Status Start();
  // Start on its own thread, logging how it went: a server answers at once, and the lists
  // answer 503 "starting" until the model and indexes are ready (minutes for a first build
  // of a large catalogue).
  void StartInBackground();
  void Stop();
  void Apply(const std::vector<Change>& changes);
  // Serves `model` (the registry's champion, issue 8) from now on; `label` names it in logs
  // ("embeddings@3"). Before Start, Start takes it instead of the file or a training run;
  // after, every text kind's index is built for it on a background thread while the
  // current ones keep answering, then all are swapped in at once. Returns at once.
  void InstallModel(std::shared_ptr<const EmbeddingModel> model, std::string label);
  // The label of the model installed last ("" = none: the file's or a trained one).
  std::string model_label() const;

  const MatchingConfig& config() const { return options_.config; }
  // "" when the model is not trained.
  std::string model_id() const;
  // The model serving (null before one is trained or installed).
  std::shared_ptr<const EmbeddingModel> model() const;
  std::string start_report() const;

  StatusOr<std::vector<MatchItem>> RelatedArticles(const std::string& slug,
                                                   const MatchQuery& q) const;
  StatusOr<std::vector<MatchItem>> SimilarJobs(const std::string& slug, const MatchQuery& q) const;
  StatusOr<std::vector<MatchItem>> SimilarCompanies(const std::string& slug,
                                                    const MatchQuery& q) const;
  StatusOr<std::vector<MatchItem>> SimilarCities(const std::string& slug,
                                                 const MatchQuery& q) const;
  // Articles near a job's text.
  StatusOr<std::vector<MatchItem>> ArticlesForJob(const std::string& slug,
                                                  const MatchQuery& q) const;
  // Articles about a city: its name and country embedded as a query; only those at least
  // `min_related_similarity` alike (most cities have none beyond their own guide).
  StatusOr<std::vector<MatchItem>> ArticlesForCity(const std::string& slug,
                                                   const MatchQuery& q) const;
  // Live jobs a public profile can take (dealbreakers never broken), best score first.
  StatusOr<std::vector<MatchItem>> JobsForTalent(const std::string& slug,
                                                 const MatchQuery& q) const;
  // Public profiles that can take a job, best score first.
  StatusOr<std::vector<MatchItem>> TalentForJob(const std::string& slug, const MatchQuery& q) const;

  // The feed's content part (issue 6). A job's facts and (when `vector` is given) its
  // embedding; nullopt when the job is not indexed (or there is no model yet).
  std::optional<JobContent> Job(const std::string& slug, std::vector<float>* vector) const;
  // A public profile's embedding; empty when it is not indexed.
  std::vector<float> TalentVector(const std::string& slug) const;
  // Live jobs near `vector` at `at` that `keep` accepts (empty = all), at most `k`: the
  // live ones among the 2k nearest jobs (approximate; fewer than k when many are not live).
  StatusOr<std::vector<JobContent>> NearestLiveJobs(
      std::span<const float> vector, size_t k, UnixSeconds at,
      const std::function<bool(const JobFacts&)>& keep) const;

  // Every kind's verify-mode recall (VectorIndexOptions::verify).
  std::vector<std::pair<std::string, VerifyStats>> verify_stats() const;
  // Tests wait on this: it grows with every change any index takes in.
  uint64_t generation() const;

 private:
  struct TextKinds;
  std::unique_ptr<VectorService> MakeService(VectorSource source) const;
  // The model from its file, or trained from the store (and saved); null when the store
  // has too little to learn from (`report` says why).
  StatusOr<std::shared_ptr<const EmbeddingModel>> LoadOrTrainModel(std::string* report);
  StatusOr<std::shared_ptr<TextKinds>> StartText(std::shared_ptr<const EmbeddingModel> model);
  // A training attempt on its own thread while there is no model.
  void Bootstrap();
  // Starts SwapLoop when the installed model is not the one serving. Needs text_mu_.
  void ScheduleSwapLocked();
  // Builds the indexes of the installed model and swaps them in, until it serves.
  void SwapLoop();
  StatusOr<std::shared_ptr<const TextKinds>> Text() const;
  std::shared_ptr<const VectorService> Cities() const;
  // How many neighbours a list asks the index for before re-ranking.
  size_t Candidates(const MatchQuery& q) const;

  StoreReader& store_;
  MatchServiceOptions options_;

  mutable std::mutex text_mu_;             // guards the fields below
  std::shared_ptr<TextKinds> text_;        // null until a model exists
  std::shared_ptr<VectorService> cities_;  // null until started
  bool started_ = false;
  std::vector<Change> early_;  // changes seen before Start finished
  std::string model_report_;
  std::vector<Change> buffered_;  // changes seen while there was no model
  bool bootstrapping_ = false;
  bool stopping_ = false;
  std::chrono::steady_clock::time_point last_try_{};
  std::shared_ptr<const EmbeddingModel> installed_;  // InstallModel's, to serve
  std::string installed_label_;
  bool swapping_ = false;
  std::vector<Change> swap_buffer_;  // changes seen while a swap builds its indexes
  uint64_t generation_base_ = 0;     // the generations of the kinds swapped out
  std::thread swap_thread_;
  std::condition_variable stop_cv_;
  mutable std::mutex analyzer_mu_;  // the analyzer keeps a cache: one caller at a time
  std::unique_ptr<Analyzer> query_analyzer_ =
      std::make_unique<Analyzer>();  // wakes a waiting training attempt at Stop
  std::thread bootstrap_;
  std::thread start_thread_;
};

}  // namespace meridian
