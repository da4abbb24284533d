// The store suite, continued (store_test.cpp): accounts, the model registry's tables,
// moderation, expiry, value fidelity, atomic steps inside a write, cross-process locks and
// concurrent writers. Every test runs on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <set>
#include <thread>

#include "engine/store/temp_store_test_util.h"

namespace meridian {
namespace {

class StoreMoreTest : public StoreBackendTest {
 protected:
  Status Write(const std::function<Status(StoreWriter&)>& fn) { return store_->Write(fn); }

  Job LiveJob(const std::string& slug, std::optional<UnixSeconds> valid_through) {
    Job j;
    j.slug = slug;
    j.company_slug = "acme";
    j.title = "Engineer " + slug;
    j.status = "live";
    j.posted_at = 100;
    j.valid_through = valid_through;
    return j;
  }
  Status AddCompany() {
    return Write([](StoreWriter& w) {
      Company c{.slug = "acme", .name = "Acme"};
      return w.PutCompany(&c, PutMode::kUpsert).status();
    });
  }
};

TEST_P(StoreMoreTest, UsersSessionsKeysAndSigninAttempts) {
  ASSERT_OK(AddCompany());
  User u{
      .email = "ana@example.com", .password_hash = "h", .role = "employer", .company_slug = "acme"};
  ASSERT_OK(Write([&](StoreWriter& w) { return w.PutUser(&u, PutMode::kCreate); }));
  EXPECT_GT(u.id, 0);
  User dup{.email = "ana@example.com", .password_hash = "h", .role = "member"};
  Status taken = Write([&](StoreWriter& w) { return w.PutUser(&dup, PutMode::kCreate); });
  EXPECT_EQ(taken.code(), StatusCode::kAlreadyExists) << taken;
  EXPECT_EQ(taken.field(), "email");
  EXPECT_EQ(store_->GetUserByEmail("ana@example.com")->company_slug, "acme");
  EXPECT_EQ(*store_->CountCompanyUsers("acme"), 1);

  Session s{
      .id_hash = "sess1", .user_id = u.id, .csrf_token = "c", .created_at = 10, .expires_at = 20};
  Session old{
      .id_hash = "sess0", .user_id = u.id, .csrf_token = "c", .created_at = 5, .expires_at = 6};
  ASSERT_OK(Write([&](StoreWriter& w) -> Status {
    RETURN_IF_ERROR(w.PutSession(s));
    return w.PutSession(old);
  }));
  EXPECT_EQ(store_->GetSession("sess1")->user_id, u.id);
  EXPECT_EQ(store_->ListSessions(u.id)->front().id_hash, "sess1");  // newest first
  int64_t expired = 0;
  ASSERT_OK(Write([&](StoreWriter& w) -> Status {
    ASSIGN_OR_RETURN(expired, w.DeleteExpiredSessions(15));
    return OkStatus();
  }));
  EXPECT_EQ(expired, 1);
  EXPECT_EQ(store_->GetSession("sess0").status().code(), StatusCode::kNotFound);

  ApiKey key{.prefix = "abc", .key_hash = "kh", .role = "employer", .user_id = u.id, .label = "ci"};
  ASSERT_OK(Write([&](StoreWriter& w) { return w.PutApiKey(&key); }));
  EXPECT_GT(key.id, 0);
  ApiKey same_prefix = key;
  EXPECT_EQ(Write([&](StoreWriter& w) { return w.PutApiKey(&same_prefix); }).code(),
            StatusCode::kAlreadyExists);
  ASSERT_OK(Write([&](StoreWriter& w) { return w.RevokeApiKey(key.id, 77); }));
  ASSERT_OK(Write([&](StoreWriter& w) { return w.RevokeApiKey(key.id, 99); }));
  auto got = store_->GetApiKey("abc");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->revoked_at, 77);  // the first revocation stays
  EXPECT_EQ(got->user_email, "ana@example.com");
  EXPECT_EQ(Write([&](StoreWriter& w) { return w.RevokeApiKey(12345, 1); }).code(),
            StatusCode::kNotFound);

  SigninAttempts a{.email_hash = "eh", .failures = 3, .locked_until = 50, .updated_at = 40};
  ASSERT_OK(Write([&](StoreWriter& w) { return w.PutSigninAttempts(a); }));
  a.failures = 4;
  ASSERT_OK(Write([&](StoreWriter& w) { return w.PutSigninAttempts(a); }));
  EXPECT_EQ(store_->GetSigninAttempts("eh")->failures, 4);
  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteStaleSigninAttempts(60); }));
  EXPECT_EQ(store_->GetSigninAttempts("eh").status().code(), StatusCode::kNotFound);

  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteUser(u.id); }));
  EXPECT_EQ(store_->GetSession("sess1").status().code(), StatusCode::kNotFound);  // cascaded
  EXPECT_EQ(store_->GetApiKey("abc").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreMoreTest, ModelRegistryTablesRoundTripBytesAndLogMoves) {
  std::string artifact;
  for (int i = 0; i < 300000; ++i) artifact += static_cast<char>(i * 7 % 256);  // every byte
  ModelVersion v{.name = "scam",
                 .data_seq = 5,
                 .data_counts = R"({"jobs":3})",
                 .metrics = R"({"f1":0.9})",
                 .primary_metric = "f1",
                 .artifact = artifact,
                 .sha256 = std::string(64, 'a'),
                 .reference = std::string("\0\x01\xff", 3)};
  ModelVersion v2 = v;
  v2.artifact = "second";
  ASSERT_OK(Write([&](StoreWriter& w) -> Status {
    RETURN_IF_ERROR(w.AddModelVersion(&v));
    return w.AddModelVersion(&v2);
  }));
  EXPECT_EQ(v.version, 1);
  EXPECT_EQ(v2.version, 2);
  auto full = store_->GetModelVersion("scam", 1, {.artifact = true, .reference = true});
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_EQ(full->artifact, artifact);
  EXPECT_EQ(full->reference, std::string("\0\x01\xff", 3));
  EXPECT_EQ(full->artifact_size, static_cast<int64_t>(artifact.size()));
  auto listed = store_->ListModelVersions("", {});
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_TRUE(listed->front().artifact.empty());

  ModelAliasMove why{.reason = "gate", .actor = "cli"};
  ASSERT_OK(Write([&](StoreWriter& w) -> Status {
    RETURN_IF_ERROR(w.MoveModelAlias("scam", "champion", 1, why));
    RETURN_IF_ERROR(w.MoveModelAlias("scam", "champion", 2, why));
    return w.SetModelStatus("scam", 1, "rolled_back");
  }));
  EXPECT_EQ(
      Write([&](StoreWriter& w) { return w.MoveModelAlias("scam", "champion", 9, why); }).code(),
      StatusCode::kNotFound);
  auto aliases = store_->ListModelAliases("scam");
  ASSERT_EQ(aliases->size(), 1u);
  EXPECT_EQ(aliases->front().version, 2);
  auto moves = store_->ListModelAliasMoves("scam");
  ASSERT_EQ(moves->size(), 2u);
  EXPECT_EQ(moves->back().from_version, 1);
  EXPECT_EQ(store_->GetModelVersion("scam", 1, {})->status, "rolled_back");

  DriftRecord d{.model = "scam",
                .version = 2,
                .rows = 10,
                .feature = "title_len",
                .statistic = "ks",
                .value = 0.125,
                .threshold = 0.05,
                .drifted = true};
  ImpressionCount imp{
      .model = "recommenders@1", .list = "feed", .day = 20000, .lists = 2, .items = 10};
  ShadowCount sh{.model = "scam",
                 .version = 2,
                 .champion = 1,
                 .posts = 3,
                 .agreements = 2,
                 .abs_diff_sum = 0.5};
  ASSERT_OK(Write([&](StoreWriter& w) -> Status {
    RETURN_IF_ERROR(w.AddDrift(&d));
    RETURN_IF_ERROR(w.AddImpressions(imp));
    RETURN_IF_ERROR(w.AddImpressions(imp));  // adds up
    RETURN_IF_ERROR(w.AddShadowCounts(sh));
    return w.AddShadowCounts(sh);
  }));
  auto drift = store_->ListDrift("", 0, 10);
  ASSERT_EQ(drift->size(), 1u);
  EXPECT_DOUBLE_EQ(drift->front().value, 0.125);
  EXPECT_FALSE(drift->front().psi.has_value());
  EXPECT_EQ(store_->ListImpressions(0)->front().items, 20);
  auto shadow = store_->ListShadowCounts("scam");
  ASSERT_EQ(shadow->size(), 1u);
  EXPECT_EQ(shadow->front().posts, 6);
  EXPECT_DOUBLE_EQ(shadow->front().abs_diff_sum, 1.0);
  // Every registry write is in the change log (entity "model"), which replicas follow.
  auto changes = store_->ChangesSince(0, 100);
  int model_changes = 0;
  for (const Change& c : *changes) model_changes += c.entity == kModelChangeEntity;
  EXPECT_GE(model_changes, 4);
}

TEST_P(StoreMoreTest, ModerationExpiryAndSalaryEstimates) {
  ASSERT_OK(AddCompany());
  Job soon = LiveJob("soon", 500), later = LiveJob("later", 5000), open = LiveJob("open", {});
  ASSERT_OK(Write([&](StoreWriter& w) -> Status {
    for (Job* j : {&soon, &later, &open}) {
      RETURN_IF_ERROR(w.PutJob(j, PutMode::kCreate).status());
    }
    return OkStatus();
  }));
  std::vector<std::string> expired;
  ASSERT_OK(Write([&](StoreWriter& w) -> Status {
    ASSIGN_OR_RETURN(expired, w.ExpireJobs(1000, 10));
    return w.SetSalaryEstimate(later.id, SalaryRange{50000, 60000, 70000});
  }));
  EXPECT_EQ(expired, std::vector<std::string>{"soon"});
  EXPECT_EQ(store_->GetJob("soon")->status, "expired");
  EXPECT_EQ(store_->GetJob("later")->salary_estimate->median, 60000);

  ModerationLabel l{.job_id = later.id,
                    .job_slug = "later",
                    .company_slug = "acme",
                    .title = "t",
                    .description = "d",
                    .label = "scam",
                    .source = "moderator",
                    .score = 0.75,
                    .at = 9};
  ASSERT_OK(Write([&](StoreWriter& w) { return w.AddModerationLabel(&l); }));
  EXPECT_GT(l.id, 0);
  ModerationLabel bad = l;
  bad.label = "maybe";
  EXPECT_EQ(Write([&](StoreWriter& w) { return w.AddModerationLabel(&bad); }).code(),
            StatusCode::kInvalidArgument);
  auto labels = store_->ListModerationLabels(0, 10);
  ASSERT_EQ(labels->size(), 1u);
  EXPECT_EQ(labels->front().score, 0.75);
  EXPECT_EQ(labels->front().job_id, later.id);
}

TEST_P(StoreMoreTest, TextAndNumbersComeBackExactly) {
  ASSERT_OK(AddCompany());
  Job j = LiveJob("unicode", {});
  j.title = "Ingénieur·e logiciel — 東京 🚀 'quoted' \"double\" \\ back";
  j.salary.min = 0.1;
  j.salary.max = 123456789.123456789;
  j.scam_score = 1e-300;
  j.tags = {"c++", "naïve", "a,b"};
  ASSERT_OK(Write([&](StoreWriter& w) { return w.PutJob(&j, PutMode::kCreate).status(); }));
  auto got = store_->GetJob("unicode");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->title, j.title);
  EXPECT_EQ(got->salary.min, 0.1);
  EXPECT_EQ(got->salary.max, 123456789.123456789);
  EXPECT_EQ(got->scam_score, 1e-300);
  EXPECT_EQ(got->tags, j.tags);
  EXPECT_EQ(store_->ListJobs({.tags_any = {"naïve"}}, {})->items.size(), 1u);
  EXPECT_EQ(store_->ListJobs({.title_contains = "INGÉNIEUR"}, {})->items.size(), 0u)
      << "case folding is ASCII-only on both backends";
  EXPECT_EQ(store_->ListJobs({.title_contains = "LOGICIEL"}, {})->items.size(), 1u);
}

TEST_P(StoreMoreTest, GetJobsLoadsSeveralBySlugAndSkipsMissingOnes) {
  ASSERT_OK(AddCompany());
  ASSERT_OK(Write([&](StoreWriter& w) -> Status {
    for (const char* slug : {"a", "b", "c"}) {
      Job j = LiveJob(slug, {});
      RETURN_IF_ERROR(w.PutJob(&j, PutMode::kCreate).status());
    }
    return OkStatus();
  }));
  auto jobs = store_->GetJobs({"c", "missing", "a"});
  ASSERT_TRUE(jobs.ok()) << jobs.status();
  ASSERT_EQ(jobs->size(), 2u);
  EXPECT_EQ(jobs->at("c").title, "Engineer c");
  EXPECT_EQ(jobs->at("a").company_slug, "acme");
  EXPECT_TRUE(store_->GetJobs({})->empty());
  EXPECT_EQ(store_->GetJobs(std::vector<std::string>(101, "x")).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_P(StoreMoreTest, AFailedStepInsideAWriteLeavesTheRestOfItToCommit) {
  ASSERT_OK(AddCompany());
  int64_t before = *store_->LastChangeSeq();
  Status st = Write([&](StoreWriter& w) -> Status {
    Company dup{.slug = "acme", .name = "Again"};
    EXPECT_EQ(w.PutCompany(&dup, PutMode::kCreate).status().code(), StatusCode::kAlreadyExists);
    Job bad = LiveJob("orphan", {});
    bad.company_slug = "nobody";
    EXPECT_EQ(w.PutJob(&bad, PutMode::kCreate).status().code(), StatusCode::kInvalidArgument);
    Job ok = LiveJob("fine", {});
    return w.PutJob(&ok, PutMode::kCreate).status();  // an importer goes on like this
  });
  ASSERT_TRUE(st.ok()) << st;
  EXPECT_EQ(store_->GetCompany("acme")->name, "Acme");
  EXPECT_TRUE(store_->GetJob("fine").ok());
  EXPECT_EQ(*store_->LastChangeSeq(), before + 1);
}

TEST_P(StoreMoreTest, ConcurrentWritersFromTwoProcessesKeepTheChangeLogInCommitOrder) {
  // A second store on the same database stands in for another replica.
  auto other = db_.Open(&clock_);
  ASSERT_TRUE(other.ok()) << other.status();
  ASSERT_OK(AddCompany());
  std::atomic<int> failures{0};
  auto writer = [&](Store* s, const std::string& prefix) {
    for (int i = 0; i < 40; ++i) {
      Status st = s->Write([&](StoreWriter& w) {
        Job j = LiveJob(prefix + std::to_string(i), {});
        return w.PutJob(&j, PutMode::kCreate).status();
      });
      if (!st.ok()) ++failures;
    }
  };
  // A follower reading the log meanwhile must never see a seq after a gap that fills later.
  std::atomic<bool> stop{false};
  std::set<int64_t> seen;
  int64_t follower_seq = 0;
  std::thread follower([&] {
    while (!stop) {
      auto batch = store_->ChangesSince(follower_seq, 1000);
      if (!batch.ok()) continue;
      for (const Change& c : *batch) {
        seen.insert(c.seq);
        follower_seq = c.seq;
      }
    }
  });
  std::thread a(writer, store_.get(), "a"), b(writer, other->get(), "b");
  a.join();
  b.join();
  stop = true;
  follower.join();
  auto rest = store_->ChangesSince(follower_seq, 1000);
  for (const Change& c : *rest) seen.insert(c.seq);
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store_->Counts()->rows["jobs"], 80);
  auto all = store_->ChangesSince(0, 1000);
  std::set<int64_t> every;
  for (const Change& c : *all) every.insert(c.seq);
  EXPECT_EQ(seen, every) << "the follower missed a change";
}

TEST_P(StoreMoreTest, NamedLocksAreExclusiveAcrossStoresAndReleasedOnDestruction) {
  auto other = db_.Open(&clock_);
  ASSERT_TRUE(other.ok()) << other.status();
  auto held = store_->TryLock("train");
  ASSERT_TRUE(held.ok()) << held.status();
  ASSERT_NE(*held, nullptr);
  auto refused = (*other)->TryLock("train");
  ASSERT_TRUE(refused.ok()) << refused.status();
  EXPECT_EQ(*refused, nullptr);
  auto different = (*other)->TryLock("drift");
  ASSERT_TRUE(different.ok());
  EXPECT_NE(*different, nullptr);
  held->reset();
  auto now_free = (*other)->TryLock("train");
  ASSERT_TRUE(now_free.ok());
  EXPECT_NE(*now_free, nullptr);
}

TEST_P(StoreMoreTest, ChangeNotificationsWakeFollowersOnPostgres) {
  auto notifier = store_->WatchChanges();
  ASSERT_TRUE(notifier.ok()) << notifier.status();
  if (GetParam() == StoreBackend::kSqlite) {
    EXPECT_EQ(*notifier, nullptr);  // SQLite followers poll
    return;
  }
  ASSERT_NE(*notifier, nullptr);
  auto quiet = (*notifier)->Wait(std::chrono::milliseconds(50));
  ASSERT_TRUE(quiet.ok());
  EXPECT_FALSE(*quiet);
  ASSERT_OK(AddCompany());
  auto woke = (*notifier)->Wait(std::chrono::seconds(5));
  ASSERT_TRUE(woke.ok()) << woke.status();
  EXPECT_TRUE(*woke);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreMoreTest, kBothBackends, BackendName);

}  // namespace
}  // namespace meridian
