// Exact KNN against a naive ranking, and the embedding model on a corpus with known topics.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>

#include "engine/vector/embedding_model.h"
#include "engine/vector/exact_index.h"

namespace meridian {
namespace {

TEST(ExactIndexTest, MatchesANaiveRankingWithAndWithoutFilters) {
  std::mt19937 rng(5);
  std::normal_distribution<float> g;
  const size_t dims = 37;  // not a multiple of 4: the tail loop counts too
  ExactIndex index(dims);
  std::vector<std::vector<float>> vs;
  for (int i = 0; i < 500; ++i) {
    std::vector<float> v(dims);
    for (float& x : v) x = g(rng);
    index.Add(v);
    Normalize(v);
    vs.push_back(v);
  }
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<float> q(dims);
    for (float& x : q) x = g(rng);
    Normalize(q);
    auto even = [](uint32_t id) { return id % 2 == 0; };
    for (bool filtered : {false, true}) {
      std::vector<std::pair<float, uint32_t>> naive;
      for (uint32_t id = 0; id < vs.size(); ++id) {
        if (filtered && !even(id)) continue;
        double s = 0;
        for (size_t k = 0; k < dims; ++k) s += static_cast<double>(q[k]) * vs[id][k];
        naive.emplace_back(static_cast<float>(s), id);
      }
      std::sort(naive.begin(), naive.end(), [](auto a, auto b) { return a.first > b.first; });
      KnnOptions options{.k = 10};
      if (filtered) options.filter = even;
      std::vector<VectorHit> hits = index.Search(q, options);
      ASSERT_EQ(hits.size(), 10u);
      for (size_t i = 0; i < hits.size(); ++i) {
        EXPECT_EQ(hits[i].id, naive[i].second) << trial << " " << i;
        EXPECT_NEAR(hits[i].score, naive[i].first, 1e-5);
      }
    }
    std::vector<uint32_t> among = {7, 3, 99, 400, 12, 9999};  // 9999 is no id: ignored
    std::vector<VectorHit> some = index.SearchAmong(q, among, 3);
    ASSERT_EQ(some.size(), 3u);
    EXPECT_GE(some[0].score, some[1].score);
    EXPECT_TRUE(std::find(among.begin(), among.end(), some[0].id) != among.end());
  }
  EXPECT_EQ(index.Search(std::vector<float>(dims, 0.1f), {.k = 1000}).size(), 500u);
  EXPECT_TRUE(index.Search(std::vector<float>(3, 1.0f), {.k = 5}).empty());  // wrong size
}

// Three topics with their own words plus shared filler: a document's nearest neighbours
// should be of its own topic.
std::vector<std::vector<std::string>> TopicCorpus(std::vector<int>* topic_of) {
  std::mt19937 rng(9);
  std::vector<std::vector<std::string>> docs;
  for (int d = 0; d < 300; ++d) {
    int topic = d % 3;
    std::vector<std::string> doc;
    for (int w = 0; w < 12; ++w) {
      doc.push_back("t" + std::to_string(topic) + "w" + std::to_string(rng() % 25));
    }
    for (int w = 0; w < 8; ++w) doc.push_back("filler" + std::to_string(rng() % 40));
    docs.push_back(doc);
    topic_of->push_back(topic);
  }
  return docs;
}

TEST(EmbeddingModelTest, NeighboursShareTheirTopic) {
  std::vector<int> topic;
  auto docs = TopicCorpus(&topic);
  auto model = EmbeddingModel::Train(docs, {.dims = 16});
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->dims(), 16u);
  ExactIndex index(model->dims());
  for (const auto& d : docs) index.Add(model->Embed(d));
  size_t same = 0;
  for (uint32_t d = 0; d < docs.size(); ++d) {
    auto hits = index.Search(model->Embed(docs[d]), {.k = 6});
    for (const VectorHit& h : hits) {
      if (h.id != d) same += topic[h.id] == topic[d] ? 1 : 0;
    }
  }
  EXPECT_GT(static_cast<double>(same) / (docs.size() * 5.0), 0.95);
  // Unknown words embed to zeros; the same seed gives the same model.
  std::vector<float> none = model->Embed({"never-seen"});
  EXPECT_TRUE(std::all_of(none.begin(), none.end(), [](float x) { return x == 0; }));
  auto again = EmbeddingModel::Train(docs, {.dims = 16});
  EXPECT_EQ(again->Embed(docs[0]), model->Embed(docs[0]));
  EXPECT_FALSE(EmbeddingModel::Train({{"a"}, {"b"}}, {}).ok());  // nothing in two documents
}

TEST(EmbeddingModelTest, FileRoundTripAndDamage) {
  std::vector<int> topic;
  auto docs = TopicCorpus(&topic);
  auto model = EmbeddingModel::Train(docs, {.dims = 8});
  ASSERT_TRUE(model.ok());
  std::string path = ::testing::TempDir() + "meridian_emb_" + std::to_string(::getpid());
  EXPECT_EQ(EmbeddingModel::Load(path).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(model->Save(path).ok());
  auto loaded = EmbeddingModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->Embed(docs[5]), model->Embed(docs[5]));
  EXPECT_EQ(loaded->terms(), model->terms());
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (size_t at : {size_t{3}, size_t{12}, bytes.size() / 2, bytes.size() - 1}) {
    std::string bad = bytes;
    bad[at] = static_cast<char>(bad[at] ^ 0x21);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bad;
    EXPECT_EQ(EmbeddingModel::Load(path).status().code(), StatusCode::kDataLoss) << at;
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() - 9);
  EXPECT_EQ(EmbeddingModel::Load(path).status().code(), StatusCode::kDataLoss);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace meridian
