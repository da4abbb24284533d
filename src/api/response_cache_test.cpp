#include "api/response_cache.h"

#include <gtest/gtest.h>

#include <thread>

namespace meridian::api {
namespace {

std::shared_ptr<const std::string> Body(const char* s) {
  return std::make_shared<const std::string>(s);
}

Change ChangeOf(const char* entity, const char* slug) {
  Change c;
  c.entity = entity;
  c.slug = slug;
  return c;
}

TEST(ResponseCacheTest, HitsMissesAndEvictions) {
  ResponseCache cache;
  EXPECT_EQ(cache.Get(Entity::kJob, "a"), nullptr);
  cache.Put(Entity::kJob, "a", Body("job a"), cache.generation());
  ASSERT_NE(cache.Get(Entity::kJob, "a"), nullptr);
  EXPECT_EQ(*cache.Get(Entity::kJob, "a"), "job a");
  EXPECT_EQ(cache.Get(Entity::kCompany, "a"), nullptr);  // entities do not collide
  cache.Apply({ChangeOf("job", "a")});
  EXPECT_EQ(cache.Get(Entity::kJob, "a"), nullptr);
}

TEST(ResponseCacheTest, PutAfterAnEvictionIsDropped) {
  ResponseCache cache;
  uint64_t before_read = cache.generation();
  cache.Evict(Entity::kJob, "a");  // a write committed while the reader was reading
  cache.Put(Entity::kJob, "a", Body("stale"), before_read);
  EXPECT_EQ(cache.Get(Entity::kJob, "a"), nullptr);
}

TEST(ResponseCacheTest, DependentEntitiesAreEvicted) {
  ResponseCache cache;
  cache.Put(Entity::kJob, "j1", Body("embeds company name"), cache.generation());
  cache.Put(Entity::kTalent, "t1", Body("embeds city name"), cache.generation());
  cache.Put(Entity::kArticle, "x", Body("independent"), cache.generation());
  ASSERT_NE(cache.Get(Entity::kJob, "j1"), nullptr);
  cache.Apply({ChangeOf("company", "acme")});
  EXPECT_EQ(cache.Get(Entity::kJob, "j1"), nullptr);
  EXPECT_NE(cache.Get(Entity::kTalent, "t1"), nullptr);
  cache.Apply({ChangeOf("city", "lisbon")});
  EXPECT_EQ(cache.Get(Entity::kTalent, "t1"), nullptr);
  EXPECT_NE(cache.Get(Entity::kArticle, "x"), nullptr);
}

TEST(ResponseCacheTest, ThreadFrontsSeeEvictionsMadeElsewhere) {
  ResponseCache cache;
  cache.Put(Entity::kJob, "a", Body("v1"), cache.generation());
  std::shared_ptr<const std::string> seen;
  std::thread([&] { seen = cache.Get(Entity::kJob, "a"); }).join();
  ASSERT_NE(seen, nullptr);
  ASSERT_NE(cache.Get(Entity::kJob, "a"), nullptr);  // fills this thread's front
  std::thread([&] { cache.Evict(Entity::kJob, "a"); }).join();
  EXPECT_EQ(cache.Get(Entity::kJob, "a"), nullptr);
  cache.Put(Entity::kJob, "a", Body("v2"), cache.generation());
  EXPECT_EQ(*cache.Get(Entity::kJob, "a"), "v2");
}

TEST(ResponseCacheTest, BoundedSize) {
  ResponseCache cache(64);
  for (int i = 0; i < 1000; ++i)
    cache.Put(Entity::kJob, "j" + std::to_string(i), Body("x"), cache.generation());
  EXPECT_LE(cache.size(), 64u);
}

}  // namespace
}  // namespace meridian::api
