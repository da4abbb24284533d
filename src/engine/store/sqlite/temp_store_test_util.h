// A SQLite store in a temporary file, fresh for each test, at a fake time.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "engine/store/sqlite/sqlite_store.h"

namespace meridian {

class TempStoreTest : public ::testing::Test {
 protected:
  explicit TempStoreTest(std::string name) : name_(std::move(name)) {}
  void SetUp() override {
    path_ = ::testing::TempDir() + "meridian_" + name_ + "_" + std::to_string(::getpid()) + ".db";
    Remove();
    auto store = OpenSqliteStore({.path = path_, .clock = &clock_});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    Remove();
  }
  void Remove() {
    for (const char* s : {"", "-wal", "-shm"}) std::remove((path_ + s).c_str());
  }

  FakeClock clock_{1'800'000'000};
  std::string name_, path_;
  std::unique_ptr<Store> store_;
};

}  // namespace meridian
