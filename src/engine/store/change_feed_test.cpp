#include "engine/store/change_feed.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>

#include "engine/store/sqlite/sqlite_store.h"

namespace meridian {
namespace {

TEST(ChangeFeedTest, DeliversNewChangesInOrderFromAnotherConnection) {
  std::string path = ::testing::TempDir() + "meridian_feed_" + std::to_string(::getpid()) + ".db";
  for (const char* s : {"", "-wal", "-shm"}) std::remove((path + s).c_str());
  auto store = std::move(*OpenSqliteStore({.path = path}));
  Company before;
  before.slug = "before";
  before.name = "Before";
  ASSERT_TRUE(
      store->Write([&](StoreWriter& w) { return w.PutCompany(&before, PutMode::kCreate).status(); })
          .ok());

  ChangeFeed feed(*store, {.poll_interval = std::chrono::milliseconds(10)});
  std::vector<std::string> seen;
  feed.Subscribe([&](const std::vector<Change>& batch) {
    for (const Change& c : batch) seen.push_back(c.slug + ":" + std::string(ChangeOpName(c.op)));
  });
  ASSERT_TRUE(feed.Start().ok());  // starts after "before"

  // A second store on the same file plays another process (a CLI import).
  auto other = std::move(*OpenSqliteStore({.path = path}));
  Company a;
  a.slug = "a";
  a.name = "A";
  ASSERT_TRUE(other
                  ->Write([&](StoreWriter& w) -> Status {
                    RETURN_IF_ERROR(w.PutCompany(&a, PutMode::kCreate).status());
                    a.name = "A2";
                    RETURN_IF_ERROR(w.PutCompany(&a, PutMode::kUpsert).status());
                    return w.Delete(Entity::kCompany, "before");
                  })
                  .ok());
  feed.Stop();
  ASSERT_TRUE(feed.PollOnce().ok());  // whatever the thread had not picked up yet
  EXPECT_EQ(seen, (std::vector<std::string>{"a:insert", "a:update", "before:delete"}));
  EXPECT_EQ(feed.last_seq(), store->Counts()->last_change_seq);
  EXPECT_EQ(*store->LastChangeSeq(), store->Counts()->last_change_seq);
  for (const char* s : {"", "-wal", "-shm"}) std::remove((path + s).c_str());
}

}  // namespace
}  // namespace meridian
