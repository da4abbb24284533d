#include "engine/mlops/registry.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>

#include "engine/store/temp_store_test_util.h"

namespace meridian::mlops {
namespace {

class RegistryTest : public TempStoreTest {
 protected:
  RegistryTest() : TempStoreTest("registry") {}

  ModelCandidate Candidate(double f1, std::string artifact = "") {
    ModelCandidate c;
    c.name = "scam";
    c.artifact =
        artifact.empty() ? "bytes-" + std::to_string(f1) + "-" + std::to_string(++n_) : artifact;
    c.metrics = {{"f1", f1}, {"auc", 0.99}};
    c.primary_metric = "f1";
    c.params = {{"rounds", "200"}};
    c.data_seq = 42;
    c.data_counts = {{"jobs", 100}};
    return c;
  }

  int64_t Champion() {
    auto v = registry().AliasVersion("scam", kChampion);
    return v.ok() ? *v : 0;
  }
  int64_t Challenger() {
    auto v = registry().AliasVersion("scam", kChallenger);
    return v.ok() ? *v : 0;
  }
  ModelRegistry registry() { return ModelRegistry(*store_, clock_); }

  int n_ = 0;
};

TEST_F(RegistryTest, FirstVersionBecomesChampionAndABetterOneReplacesIt) {
  auto first = registry().Register(Candidate(0.90), {});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->version.version, 1);
  EXPECT_TRUE(first->decision.promote);
  EXPECT_EQ(first->decision.reason, "no champion yet");
  EXPECT_EQ(Champion(), 1);

  auto better = registry().Register(Candidate(0.95), {});
  ASSERT_TRUE(better.ok()) << better.status();
  EXPECT_EQ(better->version.version, 2);
  EXPECT_TRUE(better->decision.promote) << better->decision.reason;
  EXPECT_EQ(better->previous_champion, 1);
  EXPECT_EQ(Champion(), 2);
  EXPECT_EQ(Challenger(), 0);

  auto loaded = registry().LoadChampion("scam");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->artifact, "bytes-" + std::to_string(0.95) + "-2");
  EXPECT_EQ(loaded->sha256, Sha256Hex(loaded->artifact));
  EXPECT_EQ(ParseMetrics(loaded->metrics).at("f1"), 0.95);
  EXPECT_EQ(loaded->data_seq, 42);
  EXPECT_EQ(loaded->created_at, clock_.Now());
}

TEST_F(RegistryTest, AnEqualOrWorseRetrainStaysChallenger) {
  ASSERT_TRUE(registry().Register(Candidate(0.90), {}).ok());
  // The same metric (an unchanged retrain) and a gain within the tolerance lose the gate.
  auto same = registry().Register(Candidate(0.90), {});
  ASSERT_TRUE(same.ok());
  EXPECT_FALSE(same->decision.promote);
  EXPECT_NE(same->decision.reason.find("not better"), std::string::npos) << same->decision.reason;
  EXPECT_EQ(Champion(), 1);
  EXPECT_EQ(Challenger(), 2);
  auto within = registry().Register(Candidate(0.9005), {.tolerance = 0.001});
  ASSERT_TRUE(within.ok());
  EXPECT_FALSE(within->decision.promote);
  EXPECT_EQ(Challenger(), 3);
  auto worse = registry().Register(Candidate(0.80), {});
  ASSERT_TRUE(worse.ok());
  EXPECT_FALSE(worse->decision.promote);
  EXPECT_EQ(Champion(), 1);
  // Byte-identical to the champion or the challenger: nothing new is stored.
  auto champ = store_->GetModelVersion("scam", 1, {.artifact = true});
  ASSERT_TRUE(champ.ok());
  auto again = registry().Register(Candidate(0.90, champ->artifact), {.force = true});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->registered);
  EXPECT_FALSE(again->decision.promote);
  EXPECT_EQ(again->version.version, 1);
  auto versions = store_->ListModelVersions("scam", {});
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(versions->size(), 4u);

  // Lower is better: a smaller MAE wins.
  ModelCandidate mae = Candidate(0);
  mae.name = "salary";
  mae.metrics = {{"mae", 10000}};
  mae.primary_metric = "mae";
  mae.higher_is_better = false;
  ASSERT_TRUE(registry().Register(mae, {}).ok());
  mae.metrics = {{"mae", 9000}};
  mae.artifact = "a better salary model";
  auto lower = registry().Register(mae, {.tolerance = 1});
  ASSERT_TRUE(lower.ok());
  EXPECT_TRUE(lower->decision.promote) << lower->decision.reason;
}

TEST_F(RegistryTest, ForcedPromoteAndRollbackWalkBack) {
  ASSERT_TRUE(registry().Register(Candidate(0.90), {}).ok());  // v1 champion
  ASSERT_TRUE(registry().Register(Candidate(0.85), {}).ok());  // v2 challenger
  auto refused = registry().Promote("scam", 2, {});
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("--force"), std::string::npos);
  auto forced = registry().Promote("scam", 2, {.force = true});
  ASSERT_TRUE(forced.ok()) << forced.status();
  EXPECT_EQ(Champion(), 2);
  EXPECT_EQ(Challenger(), 0);                                  // the challenger was promoted
  ASSERT_TRUE(registry().Register(Candidate(0.99), {}).ok());  // v3 champion
  EXPECT_EQ(Champion(), 3);

  auto back = registry().Rollback("scam", {});
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, 2);
  EXPECT_EQ(Champion(), 2);
  auto v3 = store_->GetModelVersion("scam", 3, {});
  ASSERT_TRUE(v3.ok());
  EXPECT_EQ(v3->status, "rolled_back");
  // Again: past v3 (rolled back) and v2 (current) to v1.
  back = registry().Rollback("scam", {});
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, 1);
  EXPECT_EQ(registry().Rollback("scam", {}).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(registry().Promote("scam", 1, {}).status().code(), StatusCode::kFailedPrecondition);

  // Every move is logged with its reason, and each appended a change for serving processes.
  auto moves = store_->ListModelAliasMoves("scam");
  ASSERT_TRUE(moves.ok());
  ASSERT_FALSE(moves->empty());
  EXPECT_EQ(moves->back().reason, "rollback from v2");
  EXPECT_EQ(moves->back().from_version, 2);
  EXPECT_EQ(moves->back().to_version, 1);
  auto changes = store_->ChangesSince(0, 100);
  ASSERT_TRUE(changes.ok());
  int model_changes = 0;
  for (const Change& c : *changes) model_changes += c.entity == kModelChangeEntity;
  EXPECT_EQ(model_changes, static_cast<int>(moves->size()) + 3);  // + one per registration
}

TEST_F(RegistryTest, ACorruptedArtifactIsRefusedAndBadInputTooWithoutAWrite) {
  ASSERT_TRUE(registry().Register(Candidate(0.90), {}).ok());
  // Damage the stored bytes behind the registry's back.
  ModelCandidate other = Candidate(0.5, "other bytes");
  ASSERT_TRUE(registry().Register(other, {}).ok());  // v2
  ASSERT_TRUE(store_
                  ->Write([&](StoreWriter& w) -> Status {
                    ModelVersion fake;
                    fake.name = "scam";
                    fake.artifact = "tampered";
                    fake.sha256 = Sha256Hex("original");
                    return w.AddModelVersion(&fake);  // v3, a mismatching digest
                  })
                  .ok());
  EXPECT_EQ(registry().Load("scam", 3).status().code(), StatusCode::kDataLoss);
  EXPECT_TRUE(registry().Load("scam", 1).ok());
  EXPECT_EQ(registry().Load("scam", 9).status().code(), StatusCode::kNotFound);

  ModelCandidate empty = Candidate(0.9);
  empty.artifact.clear();
  EXPECT_EQ(registry().Register(empty, {}).status().code(), StatusCode::kInvalidArgument);
  ModelCandidate bad_name = Candidate(0.9);
  bad_name.name = "Scam Model";
  EXPECT_EQ(registry().Register(bad_name, {}).status().code(), StatusCode::kInvalidArgument);
  ModelCandidate no_metric = Candidate(0.9);
  no_metric.primary_metric = "ndcg";
  EXPECT_EQ(registry().Register(no_metric, {}).status().code(), StatusCode::kInvalidArgument);
  ModelCandidate nan = Candidate(std::nan(""));
  EXPECT_EQ(registry().Register(nan, {}).status().code(), StatusCode::kInvalidArgument);
  auto versions = store_->ListModelVersions("scam", {});
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(versions->size(), 3u);
  EXPECT_TRUE(versions->front().artifact.empty());  // listings leave the bytes out
  EXPECT_EQ(versions->front().artifact_size, static_cast<int64_t>(Candidate(0.9).artifact.size()));
}

TEST_F(RegistryTest, DiffNamesWhatChanged) {
  ModelCandidate a = Candidate(0.90);
  ASSERT_TRUE(registry().Register(a, {}).ok());
  ModelCandidate b = Candidate(0.95);
  b.params["rounds"] = "300";
  b.data_counts["jobs"] = 120;
  b.data_seq = 50;
  ASSERT_TRUE(registry().Register(b, {}).ok());
  auto d = registry().Diff("scam", 1, 2);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_FALSE(d->same_artifact);
  ASSERT_EQ(d->params.size(), 1u);
  EXPECT_EQ(d->params[0].name, "rounds");
  EXPECT_EQ(d->params[0].a, "200");
  EXPECT_EQ(d->params[0].b, "300");
  ASSERT_EQ(d->data.size(), 2u);  // data_seq and jobs
  bool saw_f1 = false;
  for (const auto& m : d->metrics) {
    if (m.name == "f1") {
      saw_f1 = true;
      EXPECT_DOUBLE_EQ(*m.a, 0.90);
      EXPECT_DOUBLE_EQ(*m.b, 0.95);
    }
  }
  EXPECT_TRUE(saw_f1);
}

TEST(ModelRefTest, ParsesNameAndVersion) {
  auto r = ParseModelRef("scam@3");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->name, "scam");
  EXPECT_EQ(r->version, 3);
  r = ParseModelRef("salary");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->version);
  for (const char* bad : {"", "@1", "scam@", "scam@0", "scam@-1", "scam@1x", "Scam", "a b",
                          "scam@99999999999999999999"}) {
    EXPECT_FALSE(ParseModelRef(bad).ok()) << bad;
  }
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace meridian::mlops
