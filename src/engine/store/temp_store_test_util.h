// A fresh store for each test, at a fake time: a temporary SQLite file, or a new database in
// the test binary's throwaway PostgreSQL cluster (postgres/pg_test_cluster.h). Suites that
// must hold on both backends are parameterized by StoreBackend:
//
//   class RegistryTest : public StoreBackendTest { ... };
//   TEST_P(RegistryTest, ...) { store_->... }
//   INSTANTIATE_TEST_SUITE_P(Backends, RegistryTest, kBothBackends, BackendName);
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>

#include "engine/store/open_store.h"
#include "engine/store/postgres/pg_test_cluster.h"

namespace meridian {

// Asserts that a Status-returning expression succeeded, printing the status when not.
#define ASSERT_OK(expr)                                     \
  do {                                                      \
    const Status assert_ok_status = (expr);                 \
    ASSERT_TRUE(assert_ok_status.ok()) << assert_ok_status; \
  } while (0)

enum class StoreBackend { kSqlite, kPostgres };

inline const auto kBothBackends = ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres);

inline std::string BackendName(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param == StoreBackend::kSqlite ? "sqlite" : "postgres";
}

// The database of one test: created by Create, removed (SQLite) when destroyed.
class TempDatabase {
 public:
  ~TempDatabase() { Remove(); }

  // kFailedPrecondition when PostgreSQL is not installed (the caller skips).
  Status Create(StoreBackend backend, const std::string& name) {
    if (backend == StoreBackend::kSqlite) {
      path_ = ::testing::TempDir() + "meridian_" + name + "_" + std::to_string(::getpid()) + ".db";
      Remove();
      url_ = path_;
      return OkStatus();
    }
    std::string why;
    PgTestCluster* cluster = SharedPgTestCluster(&why);
    if (cluster == nullptr) return FailedPreconditionError(why);
    static std::atomic<int> next{0};
    auto url =
        cluster->CreateDatabase("t" + std::to_string(::getpid()) + "_" + std::to_string(next++));
    if (!url.ok()) return url.status();
    url_ = *url;
    return OkStatus();
  }
  StatusOr<std::unique_ptr<Store>> Open(const Clock* clock) {
    return OpenStore({.url = url_, .clock = clock});
  }
  const std::string& url() const { return url_; }

 private:
  void Remove() {
    if (path_.empty()) return;
    for (const char* s : {"", "-wal", "-shm"}) std::remove((path_ + s).c_str());
  }

  std::string path_, url_;
};

class StoreBackendTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    Status s = db_.Create(GetParam(), "store");
    if (s.code() == StatusCode::kFailedPrecondition) GTEST_SKIP() << s.message();
    ASSERT_TRUE(s.ok()) << s;
    auto store = db_.Open(&clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }
  void TearDown() override { store_.reset(); }

  FakeClock clock_{1'800'000'000};
  TempDatabase db_;
  std::unique_ptr<Store> store_;
};

// The SQLite store alone, for suites that are not about the store.
class TempStoreTest : public ::testing::Test {
 protected:
  explicit TempStoreTest(std::string name) : name_(std::move(name)) {}
  void SetUp() override {
    ASSERT_TRUE(db_.Create(StoreBackend::kSqlite, name_).ok());
    auto store = db_.Open(&clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }
  void TearDown() override { store_.reset(); }

  FakeClock clock_{1'800'000'000};
  std::string name_;
  TempDatabase db_;
  std::unique_ptr<Store> store_;
};

}  // namespace meridian
