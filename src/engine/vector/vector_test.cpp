// Exact KNN against a naive ranking, and the embedding model on corpora with known topics
// and known skill stacks.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>

#include "engine/vector/embedding_features.h"
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
std::vector<EmbeddingDoc> TopicCorpus(std::vector<int>* topic_of) {
  std::mt19937 rng(9);
  std::vector<EmbeddingDoc> docs;
  for (int d = 0; d < 300; ++d) {
    int topic = d % 3;
    EmbeddingDoc doc;
    for (int w = 0; w < 12; ++w) {
      doc.terms.push_back("t" + std::to_string(topic) + "w" + std::to_string(rng() % 25));
    }
    for (int w = 0; w < 8; ++w) doc.terms.push_back("filler" + std::to_string(rng() % 40));
    docs.push_back(doc);
    topic_of->push_back(topic);
  }
  return docs;
}

// Three stacks of skills; each document has four skills of its stack and only shared
// filler words, so what sets documents apart is their skills.
const std::vector<std::vector<std::string>> kStacks = {
    {"python", "django", "flask", "pandas", "celery", "fastapi"},
    {"java", "spring", "kotlin", "maven", "hibernate", "gradle"},
    {"react", "typescript", "css", "redux", "webpack", "nextjs"}};

std::vector<EmbeddingDoc> SkillCorpus(std::vector<int>* stack_of) {
  std::mt19937 rng(11);
  std::vector<EmbeddingDoc> docs;
  for (int d = 0; d < 300; ++d) {
    int stack = d % 3;
    EmbeddingDoc doc;
    for (int w = 0; w < 6; ++w) doc.terms.push_back("filler" + std::to_string(rng() % 30));
    for (int s = 0; s < 4; ++s) doc.skills.push_back(kStacks[stack][rng() % 6]);
    docs.push_back(doc);
    stack_of->push_back(stack);
  }
  return docs;
}

float Cosine(const std::vector<float>& a, const std::vector<float>& b) {
  return Dot(a.data(), b.data(), a.size());
}

TEST(EmbeddingFeaturesTest, BigramsAndSubwordsOfCodePoints) {
  std::vector<std::string> out;
  AppendFeatures({"senior", "розробник"}, {.bigrams = true, .subwords = true}, &out);
  auto has = [&](const std::string& f) {
    return std::find(out.begin(), out.end(), f) != out.end();
  };
  EXPECT_TRUE(has("senior"));
  EXPECT_TRUE(has("\x01senior розробник"));
  EXPECT_TRUE(has("\x02<se"));
  EXPECT_TRUE(has("\x02<роз"));  // three code points, six bytes
  EXPECT_TRUE(has("\x02ник>"));
  EXPECT_FALSE(has("\x02<senior>"));  // the whole word is the term itself
  EXPECT_EQ(GroupOf("\x01senior розробник"), FeatureGroup::kBigram);
  EXPECT_EQ(GroupOf("\x02ник>"), FeatureGroup::kSubword);
  EXPECT_EQ(GroupOf("senior"), FeatureGroup::kTerm);
}

// The share of each document's 5 nearest neighbours that are of its topic.
double TopicPurity(const EmbeddingModel& model, const std::vector<EmbeddingDoc>& docs,
                   const std::vector<int>& topic) {
  ExactIndex index(model.dims());
  for (const auto& d : docs) index.Add(model.Embed(d));
  size_t same = 0;
  for (uint32_t d = 0; d < docs.size(); ++d) {
    for (const VectorHit& h : index.Search(index.Get(d), {.k = 6})) {
      if (h.id != d) same += topic[h.id] == topic[d] ? 1 : 0;
    }
  }
  return static_cast<double>(same) / (static_cast<double>(docs.size()) * 5.0);
}

TEST(EmbeddingModelTest, NeighboursShareTheirTopic) {
  std::vector<int> topic;
  auto docs = TopicCorpus(&topic);
  auto model = EmbeddingModel::Train(docs, {.dims = 16, .sketch_dims = 8, .skill_dims = 4});
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->dims(), 16u + 8 + 4);
  EXPECT_GT(TopicPurity(*model, docs, topic), 0.95);
  // Singular vectors from a sample of the documents still separate the topics.
  auto sampled =
      EmbeddingModel::Train(docs, {.dims = 16, .sketch_dims = 8, .skill_dims = 4, .svd_docs = 60});
  ASSERT_TRUE(sampled.ok()) << sampled.status();
  EXPECT_NE(sampled->id(), model->id());
  EXPECT_GT(TopicPurity(*sampled, docs, topic), 0.9);
  // Unknown words embed to zeros; the same seed gives the same model, another seed not.
  std::vector<float> none = model->Embed({.terms = {"never-seen"}, .skills = {"cobol"}});
  EXPECT_TRUE(std::all_of(none.begin(), none.end(), [](float x) { return x == 0; }));
  auto again = EmbeddingModel::Train(docs, {.dims = 16, .sketch_dims = 8, .skill_dims = 4});
  EXPECT_EQ(again->Embed(docs[0]), model->Embed(docs[0]));
  EXPECT_EQ(again->id(), model->id());
  auto other =
      EmbeddingModel::Train(docs, {.dims = 16, .sketch_dims = 8, .skill_dims = 4, .seed = 7});
  EXPECT_NE(other->id(), model->id());
  EXPECT_EQ(model->id().size(), 20u);
  EXPECT_EQ(model->id().rfind("emb-", 0), 0u);
  // Nothing in two documents; shares out of range.
  EXPECT_FALSE(EmbeddingModel::Train({{.terms = {"a"}}, {.terms = {"b"}}}, {}).ok());
  EXPECT_EQ(
      EmbeddingModel::Train(docs, {.bigram_share = 0.6f, .subword_share = 0.5f}).status().code(),
      StatusCode::kInvalidArgument);
}

TEST(EmbeddingModelTest, SkillsThatCoOccurGetSimilarVectors) {
  std::vector<int> stack;
  auto docs = SkillCorpus(&stack);
  auto model = EmbeddingModel::Train(docs, {.dims = 8, .sketch_dims = 4, .skill_dims = 8});
  ASSERT_TRUE(model.ok()) << model.status();
  // A document of one skill only embeds to that skill's vector (its text part is zero).
  double within = 0, across = 0;
  int n_within = 0, n_across = 0;
  for (size_t s1 = 0; s1 < 3; ++s1) {
    for (const std::string& a : kStacks[s1]) {
      std::vector<float> va = model->Embed({.skills = {a}});
      ASSERT_NEAR(Cosine(va, va), 1.0, 1e-4) << a;
      for (size_t s2 = 0; s2 < 3; ++s2) {
        for (const std::string& b : kStacks[s2]) {
          if (a == b) continue;
          double c = Cosine(va, model->Embed({.skills = {b}}));
          (s1 == s2 ? within : across) += c;
          (s1 == s2 ? n_within : n_across) += 1;
        }
      }
    }
  }
  within /= n_within;
  across /= n_across;
  EXPECT_GT(within, 0.5);
  EXPECT_GT(within, across + 0.4) << within << " " << across;
}

TEST(EmbeddingModelTest, ADocWithOnlySkillsEmbedsNearDocsSharingThem) {
  std::vector<int> stack;
  auto docs = SkillCorpus(&stack);
  auto model = EmbeddingModel::Train(docs, {.dims = 8, .sketch_dims = 4, .skill_dims = 8});
  ASSERT_TRUE(model.ok()) << model.status();
  ExactIndex index(model->dims());
  for (const auto& d : docs) index.Add(model->Embed(d));
  for (size_t s = 0; s < 3; ++s) {
    std::vector<float> q = model->Embed({.skills = {kStacks[s][0], kStacks[s][1]}});
    auto hits = index.Search(q, {.k = 20});
    ASSERT_EQ(hits.size(), 20u);
    for (const VectorHit& h : hits) {
      EXPECT_EQ(stack[h.id], static_cast<int>(s)) << kStacks[s][0];
      EXPECT_GT(h.score, 0.0f);
    }
  }
  // Without skills the terms stand in: a filler-only document still gets a skill part.
  std::vector<float> v = model->Embed({.terms = {"filler1", "filler2"}});
  EXPECT_TRUE(std::any_of(v.end() - 8, v.end(), [](float x) { return x != 0; }));
}

TEST(EmbeddingModelTest, FileRoundTripAndDamage) {
  std::vector<int> stack;
  auto docs = SkillCorpus(&stack);
  auto model = EmbeddingModel::Train(
      docs,
      {.dims = 8, .sketch_dims = 4, .bigram_share = 0.2f, .subword_share = 0.2f, .skill_dims = 4});
  ASSERT_TRUE(model.ok());
  std::string path = ::testing::TempDir() + "meridian_emb_" + std::to_string(::getpid());
  EXPECT_EQ(EmbeddingModel::Load(path).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(model->Save(path).ok());
  auto loaded = EmbeddingModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->Embed(docs[5]), model->Embed(docs[5]));
  EXPECT_EQ(loaded->Embed({.skills = {"django"}}), model->Embed({.skills = {"django"}}));
  EXPECT_EQ(loaded->dims(), model->dims());
  EXPECT_EQ(loaded->features(), model->features());
  EXPECT_EQ(loaded->items(), model->items());
  EXPECT_EQ(loaded->id(), model->id());  // the id is stable across save and load
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (size_t at : {size_t{3}, size_t{12}, size_t{30}, bytes.size() / 2, bytes.size() - 1}) {
    std::string bad = bytes;
    bad[at] = static_cast<char>(bad[at] ^ 0x21);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bad;
    EXPECT_EQ(EmbeddingModel::Load(path).status().code(), StatusCode::kDataLoss) << at;
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() - 9);
  EXPECT_EQ(EmbeddingModel::Load(path).status().code(), StatusCode::kDataLoss);
  // A version-1 file (the header's version field, bytes 8-11) is refused, saying why.
  std::string v1 = bytes;
  const uint32_t one = 1;
  std::memcpy(&v1[8], &one, 4);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << v1;
  auto old = EmbeddingModel::Load(path);
  EXPECT_EQ(old.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(old.status().message().find("version 1"), std::string::npos) << old.status();
  EXPECT_NE(old.status().message().find("train"), std::string::npos) << old.status();
  std::remove(path.c_str());
}

// The bytes a model registry stores are the file's bytes; any damage is refused.
TEST(EmbeddingModelTest, BytesRoundTripAndDamage) {
  std::vector<int> stack;
  auto docs = SkillCorpus(&stack);
  auto model = EmbeddingModel::Train(docs, {.dims = 4, .sketch_dims = 2, .skill_dims = 2});
  ASSERT_TRUE(model.ok()) << model.status();
  const std::string bytes = model->Serialize();
  std::string path = ::testing::TempDir() + "meridian_emb_bytes_" + std::to_string(::getpid());
  ASSERT_TRUE(model->Save(path).ok());
  {
    std::ifstream in(path, std::ios::binary);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), bytes);
  }
  std::remove(path.c_str());

  auto back = EmbeddingModel::Deserialize(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->id(), model->id());
  EXPECT_EQ(back->dims(), model->dims());
  for (const EmbeddingDoc& d : docs) EXPECT_EQ(back->Embed(d), model->Embed(d));
  EXPECT_EQ(back->Serialize(), bytes);

  // Every truncation of the header and a spread of the rest; a flipped bit in a spread of
  // positions (the checksum or a header field catches each).
  std::vector<size_t> cuts;
  for (size_t n = 0; n < 64 && n < bytes.size(); ++n) cuts.push_back(n);
  for (size_t k = 0; k < 200; ++k) cuts.push_back(bytes.size() * k / 200);
  for (size_t n : cuts) {
    auto cut = EmbeddingModel::Deserialize(std::string_view(bytes).substr(0, n));
    EXPECT_EQ(cut.status().code(), StatusCode::kDataLoss) << n;
  }
  for (size_t k = 0; k < 200; ++k) {
    std::string bad = bytes;
    size_t at = bytes.size() * k / 200;
    bad[at] = static_cast<char>(bad[at] ^ (1 << (k % 8)));
    auto flipped = EmbeddingModel::Deserialize(bad);
    EXPECT_EQ(flipped.status().code(), StatusCode::kDataLoss) << at;
  }
  auto trailing = EmbeddingModel::Deserialize(bytes + "x");
  EXPECT_EQ(trailing.status().code(), StatusCode::kDataLoss);
  auto foreign = EmbeddingModel::Deserialize("MRDNREC");
  EXPECT_NE(foreign.status().message().find("not an embeddings"), std::string::npos)
      << foreign.status();
}

}  // namespace
}  // namespace meridian
