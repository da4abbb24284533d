// The HNSW vector index: recall against exact search with and without filters (checked by
// its own verify mode), filters never broken, updates and deletions, and its files.
#include "engine/vector/vector_index.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

namespace meridian {
namespace {

constexpr size_t kDims = 24;

// Clustered unit vectors, as embeddings are: 40 centres, points scattered around them.
std::vector<std::vector<float>> Clustered(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> g;
  std::vector<std::vector<float>> centres(40, std::vector<float>(kDims));
  for (auto& c : centres) {
    for (float& x : c) x = g(rng);
  }
  std::vector<std::vector<float>> out;
  for (size_t i = 0; i < n; ++i) {
    std::vector<float> v = centres[i % centres.size()];
    for (float& x : v) x += 0.6f * g(rng);
    Normalize(v);
    out.push_back(std::move(v));
  }
  return out;
}

VectorIndex Build(const std::vector<std::vector<float>>& vs, VectorIndexOptions options) {
  VectorIndex index(kDims, options);
  for (uint32_t i = 0; i < vs.size(); ++i) EXPECT_TRUE(index.Upsert(i, vs[i]).ok());
  return index;
}

std::string TempPath(const char* name) {
  return (std::filesystem::temp_directory_path() /
          (std::string(name) + "-" + std::to_string(::getpid())))
      .string();
}

TEST(VectorIndexTest, RecallAgainstExactSearchAtEverySelectivity) {
  auto vs = Clustered(6000, 1);
  // Scans stop paying below 100 passing vectors here (30,000 when served).
  VectorIndex index = Build(vs, {.exact_max_scan = 100, .verify = true});
  ASSERT_EQ(index.size(), vs.size());
  auto queries = Clustered(100, 2);
  struct Case {
    uint32_t modulo;  // passes labels divisible by it
    SearchPath path;
  };
  for (Case c : {Case{1, SearchPath::kGraph}, Case{2, SearchPath::kFilteredGraph},
                 Case{10, SearchPath::kFilteredGraph}, Case{100, SearchPath::kExact},
                 Case{1000, SearchPath::kExact}}) {
    SCOPED_TRACE(c.modulo);
    KnnOptions options{.k = 10};
    if (c.modulo > 1) options.filter = [m = c.modulo](uint32_t l) { return l % m == 0; };
    size_t found = 0, wanted = 0;
    for (const auto& q : queries) {
      SearchPath path;
      auto hits = index.Search(q, options, &path);
      EXPECT_EQ(path, c.path);
      auto exact = index.SearchExact(q, options);
      ASSERT_EQ(hits.size(), exact.size());
      for (size_t i = 0; i < hits.size(); ++i) {
        EXPECT_EQ(hits[i].id % c.modulo, 0u) << "a result breaks the filter";
        if (i > 0) {
          EXPECT_GE(hits[i - 1].score, hits[i].score);
        }
        for (const auto& e : exact) found += e.id == hits[i].id;
      }
      wanted += exact.size();
    }
    EXPECT_GE(static_cast<double>(found) / static_cast<double>(wanted), 0.95);
  }
  VerifyStats stats = index.verify_stats();
  EXPECT_EQ(stats.queries, 300u);  // the three graph cases; exact answers need no check
  EXPECT_GE(stats.mean_recall, 0.95);
  EXPECT_LE(stats.min_recall, stats.mean_recall);
}

TEST(VectorIndexTest, SmallIndexesAreSearchedExactly) {
  auto vs = Clustered(50, 3);
  VectorIndex index = Build(vs, {});
  SearchPath path;
  auto hits = index.Search(vs[7], {.k = 3}, &path);
  EXPECT_EQ(path, SearchPath::kExact);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].id, 7u);
  EXPECT_NEAR(hits[0].score, 1.0f, 1e-5);
}

TEST(VectorIndexTest, UpsertReplacesAndRemoveHides) {
  auto vs = Clustered(3000, 4);
  VectorIndex index = Build(vs, {});
  // Label 5 moves onto label 2000's vector.
  ASSERT_TRUE(index.Upsert(5, vs[2000]).ok());
  EXPECT_EQ(index.size(), vs.size());
  auto hits = index.Search(vs[2000], {.k = 2});
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_TRUE((hits[0].id == 5 && hits[1].id == 2000) || (hits[0].id == 2000 && hits[1].id == 5));
  index.Remove(2000);
  index.Remove(2000);  // twice is harmless
  index.Remove(99999);
  EXPECT_EQ(index.size(), vs.size() - 1);
  EXPECT_FALSE(index.Contains(2000));
  EXPECT_TRUE(index.Get(2000).empty());
  for (const auto& q : Clustered(50, 5)) {
    for (const auto& h : index.Search(q, {.k = 20})) EXPECT_NE(h.id, 2000u);
    for (const auto& h : index.SearchExact(q, {.k = 20})) EXPECT_NE(h.id, 2000u);
  }
  ASSERT_TRUE(index.Upsert(2000, vs[2000]).ok());  // back again
  EXPECT_TRUE(index.Contains(2000));
  EXPECT_EQ(index.size(), vs.size());
}

TEST(VectorIndexTest, RejectsBadVectors) {
  VectorIndex index(kDims, {});
  EXPECT_EQ(index.Upsert(1, std::vector<float>(kDims - 1, 1.0f)).code(),
            StatusCode::kInvalidArgument);
  std::vector<float> nan(kDims, 1.0f);
  nan[3] = std::nanf("");
  EXPECT_EQ(index.Upsert(1, nan).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(index.size(), 0u);
  EXPECT_TRUE(index.Search(std::vector<float>(kDims, 1.0f), {.k = 5}).empty());
  EXPECT_TRUE(index.Search(std::vector<float>(3, 1.0f), {.k = 5}).empty());  // wrong size
}

TEST(VectorIndexTest, ParallelBuildFindsTheSameNeighbours) {
  auto vs = Clustered(4000, 6);
  std::vector<uint32_t> labels;
  std::vector<float> flat;
  for (uint32_t i = 0; i < vs.size(); ++i) {
    labels.push_back(i * 3);  // labels need not be dense
    flat.insert(flat.end(), vs[i].begin(), vs[i].end());
  }
  VectorIndex index(kDims, {.verify = true});
  ASSERT_TRUE(index.UpsertMany(labels, flat, 2).ok());
  EXPECT_EQ(index.size(), vs.size());
  for (const auto& q : Clustered(50, 7)) index.Search(q, {.k = 10});
  EXPECT_GE(index.verify_stats().mean_recall, 0.95);
  EXPECT_EQ(index.UpsertMany(labels, std::span<const float>(flat).first(5), 1).code(),
            StatusCode::kInvalidArgument);
}

TEST(VectorIndexTest, SavesAndLoadsAndRefusesDamagedFiles) {
  auto vs = Clustered(2500, 8);
  VectorIndex index = Build(vs, {});
  index.Remove(10);
  std::string path = TempPath("meridian-vec");
  ASSERT_TRUE(index.Save(path, "model=m1;seq=42").ok());
  std::string meta;
  auto loaded = VectorIndex::Load(path, kDims, {}, &meta);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(meta, "model=m1;seq=42");
  EXPECT_EQ(loaded->size(), index.size());
  EXPECT_FALSE(loaded->Contains(10));
  for (const auto& q : Clustered(20, 9)) {
    auto a = index.Search(q, {.k = 10}), b = loaded->Search(q, {.k = 10});
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].id, b[i].id);
  }
  // Still writable after loading.
  ASSERT_TRUE(loaded->Upsert(10, vs[10]).ok());
  EXPECT_TRUE(loaded->Contains(10));

  EXPECT_EQ(VectorIndex::Load(path, kDims + 1, {}, nullptr).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(VectorIndex::Load(path + ".none", kDims, {}, nullptr).status().code(),
            StatusCode::kNotFound);
  {  // one flipped byte in the graph
    std::fstream f(path + ".hnsw", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(1000);
    char c = 0;
    f.read(&c, 1);
    f.seekp(1000);
    c = static_cast<char>(c ^ 0x40);
    f.write(&c, 1);
  }
  auto corrupt = VectorIndex::Load(path, kDims, {}, nullptr);
  EXPECT_EQ(corrupt.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(corrupt.status().message().find("checksum"), std::string::npos);
  std::filesystem::resize_file(path, 20);  // a truncated header
  EXPECT_EQ(VectorIndex::Load(path, kDims, {}, nullptr).status().code(), StatusCode::kDataLoss);
  std::remove(path.c_str());
  std::remove((path + ".hnsw").c_str());
}

}  // namespace
}  // namespace meridian
