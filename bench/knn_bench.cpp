// KNN benchmark (issue 5, `make bench-knn`): recall@10 of Meridian's vector index against
// exact search, unfiltered and with filters passing 50 %, 10 %, 1 % and 0.1 % of the
// documents, and its QPS beside raw hnswlib (its own graph over the same vectors, same
// M/ef_construction/ef) and beside exact search, all in one run.
//
//   build/bench/meridian_knn_bench corpus.db [max_jobs]
//   env KNN_M, KNN_EF_CONSTRUCTION, KNN_EF: other graph parameters than the served ones
//
// The corpus is the demo job catalogue (bench/knn.sh makes it). The embedding model is
// trained on it; every 200th job is held out as a query, the rest are indexed. Filters
// pass a pseudo-random fraction of labels (a hash of the label), uncorrelated with the
// vectors, which is the hard case for a graph walk.
#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "engine/store/sqlite/sqlite_store.h"
#include "engine/text/analyzer.h"
#include "engine/vector/vector_index.h"
#include "platform/matching/knn_sources.h"

namespace {

using Steady = std::chrono::steady_clock;
constexpr size_t kK = 10;

double Seconds(Steady::time_point since) {
  return std::chrono::duration<double>(Steady::now() - since).count();
}

// Runs `fn` over every query until at least `min_seconds` have passed; queries per second.
template <typename Fn>
double Qps(size_t queries, double min_seconds, Fn fn) {
  size_t done = 0;
  auto start = Steady::now();
  do {
    for (size_t q = 0; q < queries; ++q) fn(q);
    done += queries;
  } while (Seconds(start) < min_seconds);
  return static_cast<double>(done) / Seconds(start);
}

// Recall of `hits` against the exact `truth`, both ways: by id, and by distance as
// ann-benchmarks counts it (a hit counts when it is at least as similar as the k-th true
// neighbour, less 1e-4): generated corpora hold near-duplicates whose order among equals is
// arbitrary.
struct Recall {
  size_t by_id = 0, by_distance = 0, wanted = 0;
  void Add(const std::vector<meridian::VectorHit>& hits,
           const std::vector<meridian::VectorHit>& truth) {
    wanted += truth.size();
    if (truth.empty()) return;
    float kth = truth.back().score - 1e-4f;
    size_t close = 0;
    for (const auto& h : hits) {
      for (const auto& t : truth) by_id += h.id == t.id;
      close += h.score >= kth ? 1 : 0;
    }
    by_distance += std::min(close, truth.size());
  }
  double id() const { return wanted ? static_cast<double>(by_id) / wanted : 1; }
  double distance() const { return wanted ? static_cast<double>(by_distance) / wanted : 1; }
};

bool Passes(uint32_t label, uint32_t per_million) {
  uint64_t h = (static_cast<uint64_t>(label) + 1) * 0x9E3779B97F4A7C15ull;
  return (h >> 40) % 1'000'000 < per_million;
}

std::vector<meridian::VectorHit> RawSearch(const hnswlib::HierarchicalNSW<float>& raw,
                                           std::span<const float> q) {
  auto top = raw.searchKnn(q.data(), kK);
  std::vector<meridian::VectorHit> hits(top.size());
  for (size_t i = hits.size(); i-- > 0; top.pop()) {
    hits[i] = {static_cast<uint32_t>(top.top().second), 1.0f - top.top().first};
  }
  return hits;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace meridian;
  if (argc < 2) {
    std::fprintf(stderr, "usage: meridian_knn_bench corpus.db [max_jobs]\n");
    return 2;
  }
  size_t max_jobs = argc > 2 ? std::stoul(argv[2]) : SIZE_MAX;
  auto store = OpenSqliteStore({.path = argv[1], .create = false});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  // Embed the corpus.
  auto t0 = Steady::now();
  Analyzer analyzer;
  std::vector<EmbeddingDoc> docs;
  Status scanned = (*store)->ScanJobs([&](const Job& j) {
    if (docs.size() < max_jobs) docs.push_back(JobEmbeddingDoc(analyzer, j));
    return OkStatus();
  });
  if (!scanned.ok()) {
    std::fprintf(stderr, "%s\n", scanned.ToString().c_str());
    return 1;
  }
  double analyze_s = Seconds(t0);
  t0 = Steady::now();
  auto model = EmbeddingModel::Train(docs, {.dims = 128});
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
    return 1;
  }
  double train_s = Seconds(t0);
  const size_t dims = model->dims();
  std::vector<uint32_t> labels;
  std::vector<float> vectors, queries;
  t0 = Steady::now();
  for (size_t i = 0; i < docs.size(); ++i) {
    std::vector<float> v = model->Embed(docs[i]);
    if (i % 200 == 199) {
      queries.insert(queries.end(), v.begin(), v.end());
    } else {
      labels.push_back(static_cast<uint32_t>(i));
      vectors.insert(vectors.end(), v.begin(), v.end());
    }
  }
  double embed_s = Seconds(t0);
  docs = {};
  const size_t nq = queries.size() / dims;
  std::printf("corpus: %zu jobs indexed, %zu held-out queries, %zu dims\n", labels.size(), nq,
              dims);
  std::printf("analyze_s: %.1f\ntrain_s: %.1f\nembed_s: %.1f\n", analyze_s, train_s, embed_s);

  // Meridian's index.
  VectorIndexOptions options;  // M, ef_construction and ef as served, unless overridden
  if (const char* m = std::getenv("KNN_M")) options.m = std::stoul(m);
  if (const char* e = std::getenv("KNN_EF_CONSTRUCTION")) options.ef_construction = std::stoul(e);
  if (const char* e = std::getenv("KNN_EF")) options.ef_search = std::stoul(e);
  VectorIndex index(dims, options);
  t0 = Steady::now();
  if (Status s = index.UpsertMany(labels, vectors, 2); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("meridian_build_s: %.1f (2 threads)\n", Seconds(t0));

  // Raw hnswlib: its own graph over the same vectors with the same parameters.
  hnswlib::InnerProductSpace space(dims);
  hnswlib::HierarchicalNSW<float> raw(&space, labels.size(), options.m, options.ef_construction,
                                      options.seed);
  raw.setEf(options.ef_search);
  t0 = Steady::now();
  {
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i; (i = next++) < labels.size();) raw.addPoint(&vectors[i * dims], labels[i]);
    };
    std::thread other(work);
    work();
    other.join();
  }
  std::printf("hnswlib_build_s: %.1f (2 threads)\n", Seconds(t0));
  std::printf("params: M=%zu ef_construction=%zu ef_search=%zu exact_fraction=%.2f\n", options.m,
              options.ef_construction, options.ef_search, options.exact_fraction);

  struct Case {
    const char* name;
    uint32_t per_million;
  };
  const Case cases[] = {{"unfiltered", 1'000'000},
                        {"filter_50pct", 500'000},
                        {"filter_10pct", 100'000},
                        {"filter_1pct", 10'000},
                        {"filter_0_1pct", 1'000}};
  auto query = [&](size_t q) { return std::span<const float>(&queries[q * dims], dims); };
  double unfiltered_qps = 0, raw_qps = 0;
  // The candidate list: recall and speed of both at several ef (unfiltered).
  std::vector<std::vector<VectorHit>> all_truth(nq);
  for (size_t q = 0; q < nq; ++q) all_truth[q] = index.SearchExact(query(q), {.k = kK});
  std::printf("\n%-6s %10s %11s %10s %11s\n", "ef", "meridian", "meridian/s", "hnswlib",
              "hnswlib/s");
  for (size_t ef : {64, 100, 128, 160, 200, 256}) {
    Recall m, r;
    raw.setEf(ef);
    for (size_t q = 0; q < nq; ++q) {
      m.Add(index.Search(query(q), {.k = kK, .ef = ef}), all_truth[q]);
      r.Add(RawSearch(raw, query(q)), all_truth[q]);
    }
    double mq = Qps(nq, 0.5, [&](size_t q) { index.Search(query(q), {.k = kK, .ef = ef}); });
    double rq = Qps(nq, 0.5, [&](size_t q) { raw.searchKnn(query(q).data(), kK); });
    std::printf("%-6zu %10.4f %11.0f %10.4f %11.0f\n", ef, m.distance(), mq, r.distance(), rq);
  }
  raw.setEf(options.ef_search);

  std::printf("\nrecall@10 by distance (ann-benchmarks) and by id; QPS single-thread\n");
  std::printf("%-14s %9s %9s %11s %11s %18s %15s\n", "case", "recall", "by id", "meridian/s",
              "exact/s", "hnswlib/s (recall)", "path");
  std::vector<std::pair<std::string, double>> recalls;
  for (const Case& c : cases) {
    KnnOptions knn{.k = kK};
    if (c.per_million < 1'000'000) {
      knn.filter = [pm = c.per_million](uint32_t l) { return Passes(l, pm); };
    }
    std::vector<std::vector<VectorHit>> truth(nq);
    for (size_t q = 0; q < nq; ++q) truth[q] = index.SearchExact(query(q), knn);
    Recall recall;
    SearchPath path = SearchPath::kGraph;
    for (size_t q = 0; q < nq; ++q) recall.Add(index.Search(query(q), knn, &path), truth[q]);
    double qps = Qps(nq, 1.0, [&](size_t q) { index.Search(query(q), knn); });
    double exact_qps =
        Qps(std::min<size_t>(nq, 100), 1.0, [&](size_t q) { index.SearchExact(query(q), knn); });
    std::string raw_text = "-";
    if (!knn.filter) {
      unfiltered_qps = qps;
      raw_qps = Qps(nq, 1.0, [&](size_t q) { raw.searchKnn(query(q).data(), kK); });
      // Raw hnswlib's recall on its own graph, for reference.
      Recall raw_recall;
      for (size_t q = 0; q < nq; ++q) raw_recall.Add(RawSearch(raw, query(q)), truth[q]);
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.0f (%.3f)", raw_qps, raw_recall.distance());
      raw_text = buf;
    }
    const char* path_name = path == SearchPath::kExact           ? "exact"
                            : path == SearchPath::kFilteredGraph ? "filtered graph"
                                                                 : "graph";
    std::printf("%-14s %9.4f %9.4f %11.0f %11.0f %18s %15s\n", c.name, recall.distance(),
                recall.id(), qps, exact_qps, raw_text.c_str(), path_name);
    recalls.emplace_back(c.name, recall.distance());
  }
  std::printf("\nqps_meridian_unfiltered: %.0f\nqps_hnswlib_unfiltered: %.0f\n", unfiltered_qps,
              raw_qps);
  std::printf("ratio_qps_vs_hnswlib: %.3f\n", unfiltered_qps / raw_qps);
  for (const auto& [name, r] : recalls) std::printf("recall_at_10_%s: %.4f\n", name.c_str(), r);
  return 0;
}
