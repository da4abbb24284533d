// VectorService over an in-memory source: changes are indexed, removals hide entries and
// eventually trigger a rebuild, filters see the source's facts, and the index file is
// reused only by the model that made it.
#include "engine/vector/vector_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

namespace meridian {
namespace {

// Items are 4-d unit vectors along one axis; facts are the axis as an int.
class FakeSource {
 public:
  VectorSource Make(const std::string& model) {
    VectorSource s;
    s.kind = "fake";
    s.dims = 4;
    s.model_id = model;
    s.key_of = [](const Change& c) { return c.entity == "fake" ? c.slug : ""; };
    s.scan = [this](const VectorScanOptions& o, const std::function<void(VectorItem)>& fn) {
      std::lock_guard lock(mu_);
      ++scans_;
      for (const auto& [key, axis] : items_) fn(Item(key, axis, o.embed));
      return OkStatus();
    };
    s.get = [this](const std::string& key) -> StatusOr<std::optional<VectorItem>> {
      std::lock_guard lock(mu_);
      auto it = items_.find(key);
      if (it == items_.end()) return std::optional<VectorItem>();
      return std::optional(Item(key, it->second, true));
    };
    s.head_seq = [this]() -> StatusOr<int64_t> {
      std::lock_guard lock(mu_);
      return static_cast<int64_t>(log_.size());
    };
    s.changes_since = [this](int64_t after, int limit) -> StatusOr<std::vector<Change>> {
      std::lock_guard lock(mu_);
      std::vector<Change> out;
      for (size_t i = static_cast<size_t>(after); i < log_.size() && out.size() < size_t(limit);
           ++i) {
        out.push_back(log_[i]);
      }
      return out;
    };
    return s;
  }
  Change Set(const std::string& key, int axis) {
    std::lock_guard lock(mu_);
    items_[key] = axis;
    return Log(key);
  }
  Change Erase(const std::string& key) {
    std::lock_guard lock(mu_);
    items_.erase(key);
    return Log(key);
  }
  int scans() {
    std::lock_guard lock(mu_);
    return scans_;
  }

 private:
  static VectorItem Item(const std::string& key, int axis, bool embed) {
    VectorItem item{.key = key, .facts = std::make_shared<const int>(axis)};
    if (embed) {
      item.vector.assign(4, 0.0f);
      item.vector[static_cast<size_t>(axis % 4)] = 1.0f;
      item.vector[static_cast<size_t>((axis + 1) % 4)] = 0.1f * static_cast<float>(key.size());
    }
    return item;
  }
  Change Log(const std::string& key) {
    Change c;
    c.seq = static_cast<int64_t>(log_.size()) + 1;
    c.entity = "fake";
    c.slug = key;
    log_.push_back(c);
    return c;
  }
  std::mutex mu_;
  std::map<std::string, int> items_;
  std::vector<Change> log_;
  int scans_ = 0;
};

std::vector<float> Axis(int a) {
  std::vector<float> v(4, 0.0f);
  v[static_cast<size_t>(a)] = 1.0f;
  return v;
}

// Applies a change and waits (never a timing assertion) until the service took it in.
void ApplyAndWait(VectorService& s, const Change& c) {
  uint64_t g = s.generation();
  s.Apply({c});
  for (int i = 0; i < 2000 && s.generation() == g; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_GT(s.generation(), g);
}

TEST(VectorServiceTest, IndexesChangesAndFiltersOnFacts) {
  FakeSource src;
  for (int i = 0; i < 12; ++i) src.Set("k" + std::to_string(i), i % 4);
  VectorService s(src.Make("m1"), {.debounce = std::chrono::milliseconds(1)});
  ASSERT_TRUE(s.Start().ok());
  EXPECT_EQ(s.size(), 12u);
  auto on_axis_2 = s.Search(Axis(2), {.k = 10});
  ASSERT_GE(on_axis_2.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(*static_cast<const int*>(on_axis_2[i].facts.get()), 2);
  // The filter sees each entry's key and facts.
  auto odd = s.Search(Axis(2), {.k = 10, .filter = [](const VectorEntry& e) {
                                  return *static_cast<const int*>(e.facts) % 2 == 1;
                                }});
  ASSERT_EQ(odd.size(), 6u);
  for (const auto& m : odd) EXPECT_EQ(*static_cast<const int*>(m.facts.get()) % 2, 1);

  ApplyAndWait(s, src.Set("k0", 3));  // moves to axis 3
  std::vector<float> v;
  auto k0 = s.Lookup("k0", &v);
  ASSERT_TRUE(k0.has_value());
  EXPECT_EQ(*static_cast<const int*>(k0->facts.get()), 3);
  EXPECT_GT(v[3], 0.9f);
  ApplyAndWait(s, src.Erase("k1"));
  EXPECT_FALSE(s.Lookup("k1", nullptr).has_value());
  EXPECT_EQ(s.size(), 11u);
  for (const auto& m : s.Search(Axis(1), {.k = 20})) EXPECT_NE(m.key, "k1");
  ApplyAndWait(s, src.Set("k1", 1));  // back again
  EXPECT_TRUE(s.Lookup("k1", nullptr).has_value());
  EXPECT_EQ(s.size(), 12u);
}

TEST(VectorServiceTest, ReusesItsFileOnlyForTheSameModel) {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("meridian_vs_" + std::to_string(::getpid()) + ".vec"))
                         .string();
  FakeSource src;
  for (int i = 0; i < 8; ++i) src.Set("k" + std::to_string(i), i % 4);
  {
    VectorService s(src.Make("m1"), {.index_path = path});
    ASSERT_TRUE(s.Start().ok());
    EXPECT_EQ(s.start_report(), "build (vector index " + path + " is missing)");
  }
  src.Set("k9", 2);  // while stopped
  {
    VectorService s(src.Make("m1"), {.index_path = path});
    ASSERT_TRUE(s.Start().ok());
    EXPECT_EQ(s.start_report().rfind("file (8 vectors", 0), 0u) << s.start_report();
    EXPECT_TRUE(s.Lookup("k9", nullptr).has_value());
    EXPECT_EQ(s.size(), 9u);
  }
  {
    VectorService s(src.Make("m2"), {.index_path = path});
    ASSERT_TRUE(s.Start().ok());
    EXPECT_EQ(s.start_report(),
              "build (the vector index was made by model m1, the current model is m2)");
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path + ".hnsw");
}

TEST(VectorServiceTest, RebuildsOnceManyEntriesAreRemoved) {
  FakeSource src;
  for (int i = 0; i < 1200; ++i) src.Set("k" + std::to_string(i), i % 4);
  VectorService s(src.Make("m1"), {.debounce = std::chrono::milliseconds(1)});
  ASSERT_TRUE(s.Start().ok());
  EXPECT_EQ(src.scans(), 1);
  std::vector<Change> gone;
  for (int i = 0; i < 400; ++i) gone.push_back(src.Erase("k" + std::to_string(i)));
  uint64_t g = s.generation();
  s.Apply(gone);
  for (int i = 0; i < 2000 && (s.size() != 800 || src.scans() < 2); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_GT(s.generation(), g);
  EXPECT_EQ(s.size(), 800u);
  EXPECT_EQ(src.scans(), 2);  // a third of the graph removed: rebuilt without them
}

}  // namespace
}  // namespace meridian
