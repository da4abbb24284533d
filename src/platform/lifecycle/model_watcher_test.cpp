#include "platform/lifecycle/model_watcher.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>

#include "engine/mlops/registry.h"
#include "engine/store/temp_store_test_util.h"

namespace meridian {
namespace {

class ModelWatcherTest : public TempStoreTest {
 protected:
  ModelWatcherTest() : TempStoreTest("watcher") {}
  void Register(const std::string& bytes, double f1, bool force = false) {
    mlops::ModelRegistry registry(*store_, clock_);
    auto out = registry.Register(
        {.name = "scam", .artifact = bytes, .metrics = {{"f1", f1}}, .primary_metric = "f1"},
        {.force = force});
    ASSERT_TRUE(out.ok()) << out.status();
  }
  // What the watcher saw in the change log since the last call.
  std::vector<Change> NewChanges() {
    auto c = store_->ChangesSince(seen_, 1000);
    EXPECT_TRUE(c.ok());
    if (!c.ok() || c->empty()) return {};
    seen_ = c->back().seq;
    return *c;
  }

  int64_t seen_ = 0;
};

TEST_F(ModelWatcherTest, InstallsTheChampionSwapsOnMovesAndKeepsServingWhenRefused) {
  std::string serving;    // what the "service" serves
  std::string shadowing;  // what scores in the shadow
  ModelWatcher watcher(*store_, clock_,
                       {{.name = "scam",
                         .install = [&](const ModelVersion& v) -> Status {
                           if (v.artifact.rfind("bad", 0) == 0) {
                             return DataLossError("not a model");
                           }
                           serving = v.artifact;
                           return OkStatus();
                         },
                         .shadow = [&](const ModelVersion* v) -> Status {
                           shadowing = v ? v->artifact : "";
                           return OkStatus();
                         }}});
  watcher.Start();  // nothing registered yet: nothing served, no error
  EXPECT_EQ(serving, "");
  ASSERT_EQ(watcher.status().size(), 1u);
  EXPECT_EQ(watcher.status()[0].version, 0);

  Register("model one", 0.90);
  watcher.Apply(NewChanges());
  EXPECT_EQ(serving, "model one");
  EXPECT_EQ(watcher.status()[0].version, 1);

  // A challenger that lost the gate is not served; it scores in the shadow.
  Register("model two", 0.80);
  watcher.Apply(NewChanges());
  EXPECT_EQ(serving, "model one");
  EXPECT_EQ(shadowing, "model two");
  EXPECT_EQ(watcher.status()[0].shadowing, 2);

  // A champion whose bytes the service refuses: the previous model keeps serving.
  Register("bad bytes", 0.99);
  watcher.Apply(NewChanges());
  EXPECT_EQ(serving, "model one");
  ServedModel s = watcher.status()[0];
  EXPECT_EQ(s.version, 1);
  EXPECT_EQ(s.champion, 3);
  EXPECT_NE(s.last_error.find("not a model"), std::string::npos) << s.last_error;

  // Rolling back to v1 clears the error; promoting v2 swaps to it.
  mlops::ModelRegistry registry(*store_, clock_);
  ASSERT_TRUE(registry.Rollback("scam", {}).ok());
  watcher.Apply(NewChanges());
  EXPECT_EQ(serving, "model one");
  ASSERT_TRUE(registry.Promote("scam", 2, {.force = true}).ok());
  watcher.Apply(NewChanges());
  EXPECT_EQ(serving, "model two");
  EXPECT_EQ(shadowing, "");  // promoted: no challenger left to shadow
  EXPECT_EQ(watcher.status()[0].shadowing, 0);
  EXPECT_EQ(watcher.status()[0].version, 2);
  EXPECT_TRUE(watcher.status()[0].last_error.empty());

  // Changes of other models or entities are ignored; a model not served here too.
  ASSERT_TRUE(
      mlops::ModelRegistry(*store_, clock_).Register({.name = "salary", .artifact = "x"}, {}).ok());
  watcher.Apply(NewChanges());
  EXPECT_EQ(serving, "model two");
}

}  // namespace
}  // namespace meridian
