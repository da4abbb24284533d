// The recommender snapshot as bytes (issue 8's model registry stores them): a round trip
// answers every public method exactly as the trained model, and damaged or hostile bytes
// are refused with kDataLoss without reading out of bounds (the ASan build runs these).
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <set>

#include "base/checksum.h"
#include "platform/recs/rec_model.h"

namespace meridian {
namespace {

constexpr UnixSeconds kNow = 1768478400;  // 2026-01-15
constexpr UnixSeconds kDay = 86400;
constexpr size_t kHeader = 8 + 4 + 8;  // magic, version, payload size

// 40 owners (users and sessions) over 24 jobs in three tagged groups, over three weeks:
// each owner mostly in one group, with every event kind (hides included). Seeded.
std::vector<FeedEvent> SyntheticEvents() {
  const char* kinds[] = {"view", "view", "click", "read", "save", "apply", "hide"};
  std::mt19937 rng(11);
  std::vector<FeedEvent> ev;
  for (int o = 0; o < 40; ++o) {
    std::string owner = (o % 3 == 0 ? "s:visitor" : "u:") + std::to_string(o);
    int group = o % 3;
    int n = 3 + static_cast<int>(rng() % 8);
    for (int k = 0; k < n; ++k) {
      int g = rng() % 5 == 0 ? static_cast<int>(rng() % 3) : group;
      std::string item = "job-" + std::to_string(g) + "-" + std::to_string(rng() % 8);
      ev.push_back(
          {owner, item, kinds[rng() % 7], kNow - static_cast<UnixSeconds>(rng() % (21 * kDay))});
    }
  }
  return ev;
}

ItemTags SyntheticTags() {
  const char* tags[][2] = {{"rust", "backend"}, {"design", "ux"}, {"python", "backend"}};
  ItemTags out;
  for (int g = 0; g < 3; ++g) {
    for (int i = 0; i < 8; ++i) {
      out["job-" + std::to_string(g) + "-" + std::to_string(i)] = {tags[g][0], tags[g][1]};
    }
  }
  return out;
}

// Compares every public method of `b` with `a`'s, floats exactly.
void ExpectSameAnswers(const RecModel& a, const RecModel& b, const std::vector<FeedEvent>& events) {
  EXPECT_EQ(b.id(), a.id());
  EXPECT_EQ(b.events(), a.events());
  EXPECT_EQ(b.owners(), a.owners());
  EXPECT_EQ(b.items(), a.items());
  EXPECT_EQ(b.train_seconds(), 0);  // not in the bytes: the same model gives the same bytes
  EXPECT_EQ(b.ByPopularity(), a.ByPopularity());
  const TrainTest &da = a.data(), &db = b.data();
  EXPECT_EQ(db.users, da.users);
  EXPECT_EQ(db.items, da.items);
  EXPECT_EQ(db.train, da.train);
  EXPECT_EQ(db.train_weights, da.train_weights);
  EXPECT_EQ(db.test, da.test);
  EXPECT_EQ(db.train_times, da.train_times);

  std::set<std::string> owners = {"u:nobody"}, slugs = {"job-9-9"};
  for (const FeedEvent& e : events) {
    owners.insert(e.owner);
    slugs.insert(e.item);
  }
  for (const std::string& slug : slugs) EXPECT_EQ(b.ItemIndex(slug), a.ItemIndex(slug)) << slug;
  const std::vector<std::string> tags = {"rust", "backend", "design", "ux", "python", "", "x"};
  for (uint32_t i = 0; i < a.items(); ++i) {
    EXPECT_EQ(b.ItemSlug(i), a.ItemSlug(i));
    EXPECT_EQ(b.Neighbours(i), a.Neighbours(i)) << i;
    EXPECT_EQ(b.Popularity(i), a.Popularity(i));
    EXPECT_EQ(b.Trending(i), a.Trending(i));
    for (const std::string& tag : tags) EXPECT_EQ(b.TrendingWith(i, tag), a.TrendingWith(i, tag));
  }
  std::vector<ItemWeights> histories = {{}, {{0, 3}, {1000, 5}}};  // an unknown item
  for (const std::string& owner : owners) {
    EXPECT_EQ(b.TrainedHistory(owner), a.TrainedHistory(owner)) << owner;
    histories.push_back(a.TrainedHistory(owner));
  }
  for (const ItemWeights& h : histories) {
    std::vector<float> user = a.FoldIn(h);
    EXPECT_EQ(b.FoldIn(h), user);
    EXPECT_EQ(b.ScoreAll(user), a.ScoreAll(user));
  }
}

// `payload` framed as Serialize frames it, with a valid checksum: what a forger (or a
// bug on the writing side) could hand Deserialize past the checksum.
std::string Seal(std::string_view header, std::string_view payload) {
  std::string out(header.substr(0, 12));
  uint64_t size = payload.size();
  out.append(reinterpret_cast<const char*>(&size), sizeof size);
  out.append(payload);
  uint64_t sum = Checksum64(0, out.data(), out.size());
  out.append(reinterpret_cast<const char*>(&sum), sizeof sum);
  return out;
}

TEST(RecModelBytesTest, RoundTripAnswersIdentically) {
  const std::vector<FeedEvent> events = SyntheticEvents();
  auto model = RecModel::Train(events, {.now = kNow}, SyntheticTags());
  ASSERT_GT(model->items(), 20u);
  ASSERT_EQ(model->owners(), 40u);
  const std::string bytes = model->Serialize();
  EXPECT_EQ(bytes.substr(0, 8), std::string("MRDNREC\0", 8));
  auto back = RecModel::Deserialize(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  ExpectSameAnswers(*model, **back, events);
  EXPECT_EQ((*back)->Serialize(), bytes);
  // Something to compare: trending per community and neighbours are not all empty.
  EXPECT_GT(model->TrendingWith(model->ByPopularity().front(), "backend") +
                model->TrendingWith(model->ByPopularity().front(), "design"),
            0);
  EXPECT_FALSE(model->Neighbours(0).empty());
}

TEST(RecModelBytesTest, AnEmptyModelRoundTrips) {
  auto model = RecModel::Train({}, {});
  const std::string bytes = model->Serialize();
  auto back = RecModel::Deserialize(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  ExpectSameAnswers(*model, **back, {});
  EXPECT_TRUE((*back)->FoldIn({{0, 1}}).empty());
  EXPECT_TRUE((*back)->ScoreAll({1, 2}).empty());
  EXPECT_TRUE((*back)->Neighbours(0).empty());
  EXPECT_EQ((*back)->Serialize(), bytes);
}

TEST(RecModelBytesTest, RefusesEveryTruncationAndFlip) {
  auto model = RecModel::Train(SyntheticEvents(), {.now = kNow}, SyntheticTags());
  const std::string bytes = model->Serialize();
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto cut = RecModel::Deserialize(std::string_view(bytes).substr(0, n));
    ASSERT_EQ(cut.status().code(), StatusCode::kDataLoss) << n;
  }
  for (size_t at = 0; at < bytes.size(); ++at) {
    std::string bad = bytes;
    bad[at] = static_cast<char>(bad[at] ^ (1 << (at % 8)));
    auto flipped = RecModel::Deserialize(bad);
    ASSERT_EQ(flipped.status().code(), StatusCode::kDataLoss) << at;
  }
  auto trailing = RecModel::Deserialize(bytes + "x");
  EXPECT_EQ(trailing.status().code(), StatusCode::kDataLoss);
  auto foreign = RecModel::Deserialize("MRDNSAL\0 and then some more bytes");
  EXPECT_NE(foreign.status().message().find("magic"), std::string::npos) << foreign.status();
  std::string v2 = bytes;
  v2[8] = 2;
  auto other = RecModel::Deserialize(v2);
  EXPECT_NE(other.status().message().find("version 2"), std::string::npos) << other.status();
  std::string sum = bytes;
  sum.back() = static_cast<char>(sum.back() ^ 1);
  auto corrupt = RecModel::Deserialize(sum);
  EXPECT_NE(corrupt.status().message().find("checksum"), std::string::npos) << corrupt.status();
}

// Past a valid checksum: every truncation of the payload is refused, and every flipped
// byte is refused or gives a model whose bytes are exactly the ones read (so nothing out
// of range got in). Counts made huge by a flipped high byte must not allocate.
TEST(RecModelBytesTest, HostilePayloadsBehindAValidChecksum) {
  auto model = RecModel::Train(SyntheticEvents(), {.now = kNow}, SyntheticTags());
  const std::string bytes = model->Serialize();
  const std::string_view payload =
      std::string_view(bytes).substr(kHeader, bytes.size() - kHeader - 8);
  ASSERT_TRUE(RecModel::Deserialize(Seal(bytes, payload)).ok());
  for (size_t n = 0; n < payload.size(); ++n) {
    auto cut = RecModel::Deserialize(Seal(bytes, payload.substr(0, n)));
    ASSERT_EQ(cut.status().code(), StatusCode::kDataLoss) << n;
  }
  size_t accepted = 0;
  for (size_t at = 0; at < payload.size(); ++at) {
    for (int mask : {0x01, 0x80}) {
      std::string bad(payload);
      bad[at] = static_cast<char>(bad[at] ^ mask);
      std::string sealed = Seal(bytes, bad);
      auto m = RecModel::Deserialize(sealed);
      if (m.ok()) {
        ++accepted;
        ASSERT_EQ((*m)->Serialize(), sealed) << at;
      } else {
        ASSERT_EQ(m.status().code(), StatusCode::kDataLoss) << at;
        ASSERT_EQ(m.status().message().rfind("rec model: ", 0), 0u) << m.status();
      }
    }
  }
  // Floats and strings may change and stay valid; sizes, indexes and order may not.
  EXPECT_LT(accepted, payload.size());
}

}  // namespace
}  // namespace meridian
