// The recommenders' and the embeddings' training runs (issues 5, 6 and 8).
//
// Recommenders: each owner's positives (events.h weights, hides removed) are split 80/20
// (seeded); popularity, item-KNN and ALS are trained on the 80 and ranked over every job
// the owner has not used; the full model is then trained on everything (gate: the
// hybrid's NDCG@10).
//
// Embeddings: trained from every job, profile, article and company; gate: KnnTagAccuracy.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <unordered_map>

#include "engine/ml/hybrid.h"
#include "engine/ml/metrics.h"
#include "engine/ml/popularity.h"
#include "engine/text/analyzer.h"
#include "platform/lifecycle/drift_monitor.h"
#include "platform/lifecycle/drift_recs.h"
#include "platform/lifecycle/trainers.h"
#include "platform/matching/knn_sources.h"
#include "platform/recs/feed_service.h"

namespace meridian {

namespace {

// Fewer documents than this are not enough to learn embeddings from (MatchService's
// min_training_docs).
constexpr size_t kMinEmbeddingDocs = 50;

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void Detail(const TrainRun& run, const char* model, size_t k, const EvaluationReport& r,
            double seconds) {
  if (!run.detail) return;
  run.detail(fmt::format("{} precision@{}: {:.4f}", model, k, r.mean.precision));
  run.detail(fmt::format("{} recall@{}: {:.4f}", model, k, r.mean.recall));
  run.detail(fmt::format("{} ndcg@{}: {:.4f}", model, k, r.mean.ndcg));
  run.detail(fmt::format("{} map@{}: {:.4f}", model, k, r.mean.map));
  run.detail(fmt::format("{} coverage@{}: {:.4f}", model, k, r.coverage));
  run.detail(fmt::format("{} train_seconds: {:.3f}", model, seconds));
}

}  // namespace

StatusOr<TrainOutcome> TrainRecommendersRun(const TrainTarget& target, const TrainRun& run) {
  Store& store = target.store;
  ASSIGN_OR_RETURN(int64_t data_seq, store.LastChangeSeq());
  ASSIGN_OR_RETURN(std::vector<FeedEvent> events, ReadFeedEvents(store));
  RecModelOptions mo;  // now: the newest event's time
  // The full model first: its owners x jobs data (positives, weights) is what the holdout
  // splits.
  auto model = RecModel::Train(events, mo);
  size_t pairs = 0;
  for (const auto& row : model->data().train) pairs += row.size();
  if (run.detail) {
    run.detail(fmt::format("events: {} job events, {} owners, {} jobs, {} positive pairs",
                           events.size(), model->owners(), model->items(), pairs));
  }
  const size_t k = 10;
  TrainTest split = ValidationSplit(model->data(), {.train_fraction = 0.8, .seed = run.seed});
  size_t held = 0;
  for (const auto& t : split.test) held += t.size();
  std::map<std::string, double> metrics;
  auto record = [&](const std::string& prefix, const EvaluationReport& r) {
    metrics[prefix + "ndcg@10"] = r.mean.ndcg;
    metrics[prefix + "recall@10"] = r.mean.recall;
    if (prefix.empty()) {
      metrics["precision@10"] = r.mean.precision;
      metrics["map@10"] = r.mean.map;
      metrics["coverage@10"] = r.coverage;
    }
  };
  if (held == 0) {
    if (run.detail) {
      run.detail("holdout: nothing to hold out (no owner has two jobs yet): metrics skipped");
    }
  } else {
    if (run.detail) {
      run.detail(
          fmt::format("holdout: {} pairs held out (per owner 80/20, seed {}), all-job ranking",
                      held, run.seed));
    }
    auto start = std::chrono::steady_clock::now();
    Popularity pop(split, {});
    double pop_s = Since(start);
    EvaluationReport pop_r =
        EvaluateRanking(split, k, [&](uint32_t u, size_t n) { return pop.Recommend(u, n); });
    Detail(run, "pop", k, pop_r, pop_s);
    start = std::chrono::steady_clock::now();
    ItemKnn knn(split, mo.knn);
    double knn_s = Since(start);
    Detail(run, "itemknn", k,
           EvaluateRanking(split, k, [&](uint32_t u, size_t n) { return knn.Recommend(u, n); }),
           knn_s);
    start = std::chrono::steady_clock::now();
    ImplicitAls als(split, CappedAls(mo.als, split));
    double als_s = Since(start);
    EvaluationReport als_r =
        EvaluateRanking(split, k, [&](uint32_t u, size_t n) { return als.Recommend(u, n); });
    Detail(run, "als", k, als_r, als_s);
    // The blend of the trained parts (the serving feed adds content and diversity on top).
    Hybrid hybrid(split, {.als = &als, .knn = &knn, .pop = &pop}, {});
    EvaluationReport hybrid_r =
        EvaluateRanking(split, k, [&](uint32_t u, size_t n) { return hybrid.Recommend(u, n); });
    Detail(run, "hybrid", k, hybrid_r, als_s + knn_s + pop_s);
    record("", hybrid_r);
    record("als_", als_r);
    record("pop_", pop_r);
  }
  if (run.detail) {
    run.detail(fmt::format("trained: model {} on {} events ({} owners, {} jobs) in {:.3f} s",
                           model->id(), model->events(), model->owners(), model->items(),
                           model->train_seconds()));
  }
  if (model->events() == 0) {
    return FailedPreconditionError("recommenders: no job events to learn from yet");
  }
  const AlsOptions als = CappedAls(mo.als, model->data());
  // The drift reference: the events as this model sees them.
  ASSIGN_OR_RETURN(std::string reference,
                   BuildDriftReference(RecommenderDriftRows(
                       events, RecommenderDriftFeatures([model] { return model; }))));
  ASSIGN_OR_RETURN(TableCounts counts, store.Counts());
  mlops::ModelCandidate c{
      .name = kRecommendersModelName,
      .artifact = model->Serialize(),
      .metrics = metrics,
      .primary_metric = metrics.empty() ? "" : "ndcg@10",
      .params = {{"seed", std::to_string(run.seed)},
                 {"factors", std::to_string(als.factors)},
                 {"regularization", mlops::FormatMetric(als.regularization)},
                 {"alpha", mlops::FormatMetric(als.alpha)},
                 {"knn_neighbours", std::to_string(mo.knn.neighbours)},
                 {"popularity_half_life_days", mlops::FormatMetric(mo.popularity_half_life_days)}},
      .data_seq = data_seq,
      .data_counts = {{"events", counts.rows["events"]},
                      {"job_events", static_cast<int64_t>(model->events())},
                      {"owners", static_cast<int64_t>(model->owners())},
                      {"jobs", static_cast<int64_t>(model->items())}},
      .reference = std::move(reference)};
  ASSIGN_OR_RETURN(mlops::RegisterOutcome out, RegisterCandidate(store, c, run.gate, run.log));
  return TrainOutcome{.registered = out, .name = kRecommendersModelName};
}

StatusOr<std::optional<double>> KnnTagAccuracy(StoreReader& store, const EmbeddingModel& model,
                                               const TagAccuracyOptions& options) {
  Analyzer analyzer;
  struct Tagged {
    std::string tag;
    std::vector<float> full;  // as the jobs index holds it
    Job text_only;            // title and description: the query
  };
  std::vector<Tagged> jobs;
  RETURN_IF_ERROR(store.ScanJobs([&](const Job& j) {
    if (j.tags.empty() || jobs.size() >= options.max_jobs) return OkStatus();
    Tagged t{.tag = j.tags.front(), .full = model.Embed(JobEmbeddingDoc(analyzer, j))};
    t.text_only.title = j.title;
    t.text_only.description = j.description;
    jobs.push_back(std::move(t));
    return OkStatus();
  }));
  if (jobs.size() < 2 * options.k) return std::optional<double>();
  std::vector<size_t> order(jobs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(options.seed);
  std::shuffle(order.begin(), order.end(), rng);
  order.resize(std::min(order.size(), options.sample));
  size_t right = 0;
  std::vector<std::pair<float, size_t>> sims(jobs.size());
  for (size_t q : order) {
    std::vector<float> v = model.Embed(JobEmbeddingDoc(analyzer, jobs[q].text_only));
    for (size_t i = 0; i < jobs.size(); ++i) {
      float s = 0;
      const std::vector<float>& f = jobs[i].full;
      for (size_t d = 0; d < v.size() && d < f.size(); ++d) s += v[d] * f[d];
      sims[i] = {i == q ? -2.0f : s, i};
    }
    size_t k = std::min(options.k, sims.size() - 1);
    std::partial_sort(sims.begin(), sims.begin() + static_cast<long>(k), sims.end(),
                      [](const auto& a, const auto& b) {
                        return a.first != b.first ? a.first > b.first : a.second < b.second;
                      });
    // Majority vote; a tie goes to the tag of the nearest among the tied.
    std::unordered_map<std::string, int> votes;
    std::string best;
    int best_votes = 0;
    for (size_t r = 0; r < k; ++r) {
      int n = ++votes[jobs[sims[r].second].tag];
      if (n > best_votes) {
        best_votes = n;
        best = jobs[sims[r].second].tag;
      }
    }
    right += best == jobs[q].tag;
  }
  return std::optional<double>(static_cast<double>(right) / static_cast<double>(order.size()));
}

StatusOr<TrainOutcome> TrainEmbeddingsRun(const TrainTarget& target, const TrainRun& run) {
  Store& store = target.store;
  ASSIGN_OR_RETURN(int64_t data_seq, store.LastChangeSeq());
  EmbeddingOptions eo;
  eo.seed = run.seed;
  if (run.embedding_dims > 0) eo.dims = run.embedding_dims;
  auto start = std::chrono::steady_clock::now();
  auto trained = TrainEmbeddings(store, eo, kMinEmbeddingDocs);
  if (!trained.ok()) {
    // Too few documents (or none with a term in two of them) is not an error of the run.
    if (trained.status().code() == StatusCode::kInvalidArgument) {
      return FailedPreconditionError(trained.status().message());
    }
    return trained.status();
  }
  double train_s = Since(start);
  start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(std::optional<double> accuracy,
                   KnnTagAccuracy(store, *trained, {.seed = run.seed}));
  double eval_s = Since(start);
  if (run.detail) {
    run.detail(fmt::format(
        "embeddings: model {}, {} dimensions, {} text features, {} skill items, "
        "trained in {:.2f} s",
        trained->id(), trained->dims(), trained->features(), trained->items(), train_s));
    if (accuracy) {
      run.detail(fmt::format("embeddings knn_tag_accuracy: {:.4f} (k = 10, seed {}, {:.2f} s)",
                             *accuracy, run.seed, eval_s));
    } else {
      run.detail("embeddings: too few tagged jobs to measure kNN tag accuracy");
    }
  }
  // The drift reference: the stored jobs as this model sees them.
  auto served = std::make_shared<const EmbeddingModel>(std::move(*trained));
  ASSIGN_OR_RETURN(
      std::string reference,
      BuildDriftReference(store, EmbeddingsDriftFeatures([served] { return served; })));
  ASSIGN_OR_RETURN(TableCounts counts, store.Counts());
  std::map<std::string, double> metrics = {{"dims", static_cast<double>(served->dims())},
                                           {"features", static_cast<double>(served->features())},
                                           {"train_seconds", train_s}};
  if (accuracy) metrics["knn_tag_accuracy"] = *accuracy;
  mlops::ModelCandidate c{.name = kEmbeddingsModelName,
                          .artifact = served->Serialize(),
                          .metrics = std::move(metrics),
                          .primary_metric = accuracy ? "knn_tag_accuracy" : "",
                          .params = {{"seed", std::to_string(run.seed)},
                                     {"dims", std::to_string(eo.dims)},
                                     {"sketch_dims", std::to_string(eo.sketch_dims)},
                                     {"skill_share", mlops::FormatMetric(eo.skill_share)}},
                          .data_seq = data_seq,
                          .data_counts = {{"jobs", counts.rows["jobs"]},
                                          {"talent", counts.rows["talent"]},
                                          {"articles", counts.rows["articles"]},
                                          {"companies", counts.rows["companies"]}},
                          .reference = std::move(reference)};
  ASSIGN_OR_RETURN(mlops::RegisterOutcome out, RegisterCandidate(store, c, run.gate, run.log));
  return TrainOutcome{.registered = out, .name = kEmbeddingsModelName};
}

}  // namespace meridian
