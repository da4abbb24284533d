// CopyDatabase (`meridian migrate`): a SQLite store with a bit of everything copied into a
// fresh database of the test binary's throwaway PostgreSQL cluster, then read back through
// the PostgreSQL store; refusals (non-empty destination, unknown schemes) leave it as it was.
#include "engine/store/copy_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>

#include "engine/store/postgres/pg_connection.h"
#include "engine/store/sqlite/connection.h"
#include "engine/store/temp_store_test_util.h"

namespace meridian {
namespace {

std::vector<std::string> Column(sql::Connection& c, const std::string& sql) {
  std::vector<std::string> out;
  auto q = c.PrepareDynamic(sql);
  EXPECT_TRUE(q.ok()) << q.status();
  if (!q.ok()) return out;
  while (true) {
    auto row = q->Step();
    EXPECT_TRUE(row.ok()) << row.status();
    if (!row.ok() || !*row) break;
    out.push_back(q->Text(0));
  }
  return out;
}

TEST(CopyTableOrderTest, CoversTheSqliteSchemaWithParentsFirst) {
  TempDatabase db;
  ASSERT_OK(db.Create(StoreBackend::kSqlite, "copy_order"));
  FakeClock clock(1);
  ASSERT_TRUE(db.Open(&clock).ok());  // migrated to this binary's schema
  auto c = sqlite::SqliteConnection::Open(db.url(), {.read_only = true});
  ASSERT_TRUE(c.ok()) << c.status();
  std::vector<std::string> tables =
      Column(**c,
             "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
             "ORDER BY name");
  std::vector<std::string> order = CopyTableOrder();
  std::sort(order.begin(), order.end());
  EXPECT_EQ(tables, order) << "a migration added or dropped a table: update CopyTableOrder";

  const std::vector<std::string>& copy = CopyTableOrder();
  auto position = [&](const std::string& t) {
    return std::find(copy.begin(), copy.end(), t) - copy.begin();
  };
  for (const std::string& t : copy) {
    for (const std::string& parent :
         Column(**c, "SELECT \"table\" FROM pragma_foreign_key_list('" + t + "')")) {
      EXPECT_LT(position(parent), position(t)) << t << " references " << parent;
    }
  }
}

TEST(CopyRowDigestTest, FieldsAreUnambiguous) {
  CopyRowDigest empty;
  EXPECT_EQ(empty.Finish(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  auto digest = [](const std::function<void(CopyRowDigest&)>& fill) {
    CopyRowDigest d;
    fill(d);
    return d.Finish();
  };
  std::set<std::string> seen = {
      digest([](CopyRowDigest& d) {
        d.Text("ab");
        d.Text("c");
      }),
      digest([](CopyRowDigest& d) {
        d.Text("a");
        d.Text("bc");
      }),
      digest([](CopyRowDigest& d) { d.Null(); }),
      digest([](CopyRowDigest& d) { d.Text(""); }),
      digest([](CopyRowDigest& d) { d.Integer(1); }),
      digest([](CopyRowDigest& d) { d.Text("1"); }),
      digest([](CopyRowDigest& d) { d.Real(1); }),
      digest([](CopyRowDigest& d) { d.Blob("1"); }),
      digest([](CopyRowDigest& d) {
        d.Integer(1);
        d.EndRow();
        d.Integer(2);
      }),
      digest([](CopyRowDigest& d) {
        d.Integer(1);
        d.Integer(2);
        d.EndRow();
      }),
  };
  EXPECT_EQ(seen.size(), 10u);
}

TEST(CopyDatabaseTest, RejectsOtherDirectionsAndUnknownSchemes) {
  auto code = [](const std::string& from, const std::string& to) {
    return CopyDatabase({.from_url = from, .to_url = to}).status().code();
  };
  const std::string pg = "postgresql://u:secret@127.0.0.1:1/db";
  EXPECT_EQ(code("mysql://h/db", pg), StatusCode::kInvalidArgument);
  EXPECT_EQ(code("sqlite:/tmp/a.db", "mysql://h/db"), StatusCode::kInvalidArgument);
  EXPECT_EQ(code(pg, "sqlite:/tmp/a.db"), StatusCode::kInvalidArgument);
  EXPECT_EQ(code("sqlite:/tmp/a.db", "/tmp/b.db"), StatusCode::kInvalidArgument);
  EXPECT_EQ(code("", pg), StatusCode::kInvalidArgument);
  Status missing =
      CopyDatabase({.from_url = "sqlite:/nonexistent/meridian.db", .to_url = pg}).status();
  EXPECT_EQ(missing.code(), StatusCode::kNotFound) << missing;
  EXPECT_EQ(missing.message().find("secret"), std::string::npos);
}

class CopyStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Status s = destination_.Create(StoreBackend::kPostgres, "copy");
    if (s.code() == StatusCode::kFailedPrecondition) GTEST_SKIP() << s.message();
    ASSERT_OK(s);
    ASSERT_OK(source_.Create(StoreBackend::kSqlite, "copy_source"));
    auto store = source_.Open(&clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    source_store_ = std::move(*store);
  }

  std::unique_ptr<Store> OpenDestination() {
    auto store = destination_.Open(&clock_);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // A bit of every table, through the store.
  void Fill() {
    Store& s = *source_store_;
    ASSERT_OK(s.Write([&](StoreWriter& w) -> Status {
      Company acme{.slug = "acme",
                   .name = "Acme Ünïcode ✓",
                   .regions = {"WW", "DE"},
                   .technologies = {"c++"},
                   .verified = true};
      Company zeta{.slug = "zeta", .name = "Zeta"};
      RETURN_IF_ERROR(w.PutCompany(&acme, PutMode::kCreate).status());
      RETURN_IF_ERROR(w.PutCompany(&zeta, PutMode::kCreate).status());
      City berlin{.slug = "berlin",
                  .name = "Berlin",
                  .country = "DE",
                  .lat = 52.52,
                  .lng = 13.405,
                  .population = 3'600'000,
                  .timezone = "Europe/Berlin",
                  .cost_of_living_usd = 0.1 + 0.2};
      RETURN_IF_ERROR(w.PutCity(&berlin, PutMode::kCreate).status());
      for (int i = 0; i < 30; ++i) {
        Job j{.slug = "job-" + std::to_string(i),
              .company_slug = i % 3 ? "acme" : "zeta",
              .title = "Engineer " + std::to_string(i),
              .description = "Line one\nline \"two\"\t'three' \\ ?",
              .tags = {"rust", i % 2 ? "go" : "c++"},
              .posted_at = 1000 + i,
              .status = i == 7 ? "expired" : "live"};
        if (i == 4) {
          j.salary = {.min = 1e-300,
                      .max = 1.7976931348623157e308,
                      .currency = "EUR",
                      .period = "YEAR",
                      .annual_usd_min = 0.30000000000000004,
                      .source = "employer"};
          j.timezone =
              TimezoneWindow{.zone = "Europe/Berlin", .start_minute = 540, .end_minute = 1020};
          j.valid_through = 99'999;
          j.scam_score = -0.0;
          j.scam_reasons = {"a", "b"};
          j.confirmed_at = 5;
          j.salary_estimate = SalaryRange{1, 2.5, 3};
        }
        RETURN_IF_ERROR(w.PutJob(&j, PutMode::kCreate).status());
      }
      Talent t{.slug = "ana",
               .name = "Ana",
               .skills = {{"rust", 5}, {"go", 3}},
               .city_slug = "berlin",
               .work_start_minute = 480,
               .visibility = "public",
               .links = {"https://example.com"}};
      RETURN_IF_ERROR(w.PutTalent(&t, PutMode::kCreate).status());
      Article a{.slug = "hello", .title = "Hello", .tags = {"x"}, .published_at = 7};
      RETURN_IF_ERROR(w.PutArticle(&a, PutMode::kCreate).status());
      return w.SetMeta("demo", "yes");
    }));
    User kept{.email = "ana@example.com",
              .password_hash = "$argon2id$x",
              .role = "talent",
              .talent_slug = "ana"};
    User gone{.email = "gone@example.com", .password_hash = "h", .role = "member"};
    ASSERT_OK(s.Write([&](StoreWriter& w) -> Status {
      RETURN_IF_ERROR(w.PutUser(&kept, PutMode::kCreate));
      RETURN_IF_ERROR(w.PutUser(&gone, PutMode::kCreate));
      RETURN_IF_ERROR(w.PutSession({.id_hash = "s1",
                                    .user_id = kept.id,
                                    .csrf_token = "c",
                                    .created_at = 1,
                                    .expires_at = 9}));
      ApiKey key{.prefix = "pfx", .key_hash = "kh", .role = "talent", .user_id = kept.id};
      RETURN_IF_ERROR(w.PutApiKey(&key));
      RETURN_IF_ERROR(w.PutSigninAttempts(
          {.email_hash = "eh", .failures = 2, .locked_until = 0, .updated_at = 3}));
      for (int i = 0; i < 25; ++i) {
        Event e{.user_id = i % 2 ? std::optional<int64_t>(kept.id) : std::nullopt,
                .session_id = i % 2 ? "" : "anon-1",
                .entity = Entity::kJob,
                .entity_id = 1 + i % 5,
                .kind = "view",
                .at = 100 + i,
                .context = R"({"list":"feed"})"};
        RETURN_IF_ERROR(w.AddEvent(e).status());
      }
      ModerationLabel label{.job_slug = "job-1",
                            .company_slug = "acme",
                            .title = "t",
                            .description = "d",
                            .label = "legit",
                            .source = "moderator",
                            .at = 4};
      return w.AddModerationLabel(&label);
    }));
    ASSERT_OK(s.Write([&](StoreWriter& w) { return w.DeleteUser(gone.id); }));
    gone_user_id_ = gone.id;

    for (int i = 0; i < 256 * 40; ++i) artifact_ += static_cast<char>(i % 256);  // every byte
    ModelVersion v{.name = "scam",
                   .data_seq = 3,
                   .metrics = R"({"f1":0.9})",
                   .primary_metric = "f1",
                   .artifact = artifact_,
                   .sha256 = std::string(64, 'a'),
                   .reference = std::string("\0\x01\xff", 3)};
    ModelVersion v2 = v;
    v2.artifact = std::string("\0", 1);
    v2.reference.clear();
    ASSERT_OK(s.Write([&](StoreWriter& w) -> Status {
      RETURN_IF_ERROR(w.AddModelVersion(&v));
      RETURN_IF_ERROR(w.AddModelVersion(&v2));
      RETURN_IF_ERROR(w.MoveModelAlias("scam", "champion", 1, {.reason = "gate", .actor = "cli"}));
      DriftRecord d{.model = "scam",
                    .version = 1,
                    .rows = 10,
                    .feature = "title_len",
                    .statistic = "ks",
                    .value = 0.125,
                    .threshold = 0.05,
                    .drifted = true,
                    .psi = 1.0 / 3};
      RETURN_IF_ERROR(w.AddDrift(&d));
      RETURN_IF_ERROR(w.AddImpressions(
          {.model = "recommenders@1", .list = "feed", .day = 20000, .lists = 2, .items = 10}));
      return w.AddShadowCounts({.model = "scam",
                                .version = 2,
                                .champion = 1,
                                .posts = 3,
                                .agreements = 2,
                                .abs_diff_sum = 0.7});
    }));
  }

  FakeClock clock_{1'800'000'000};
  TempDatabase source_, destination_;
  std::unique_ptr<Store> source_store_;
  std::string artifact_;
  int64_t gone_user_id_ = 0;
};

TEST_F(CopyStoreTest, CopiesEveryTableAndTheStoreReadsItBack) {
  ASSERT_NO_FATAL_FAILURE(Fill());
  std::vector<std::string> progress;
  auto report =
      CopyDatabase({.from_url = "sqlite:" + source_.url(),
                    .to_url = destination_.url(),
                    .progress = [&](std::string_view line) { progress.emplace_back(line); }});
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->tables.size(), CopyTableOrder().size());
  EXPECT_FALSE(progress.empty());

  std::unique_ptr<Store> dst = OpenDestination();
  ASSERT_NE(dst, nullptr);
  auto want = source_store_->Counts(), got = dst->Counts();
  ASSERT_TRUE(want.ok() && got.ok());
  EXPECT_EQ(got->rows, want->rows);
  EXPECT_EQ(got->last_change_seq, want->last_change_seq);
  int64_t total = 0;
  for (const TableCopy& t : report->tables) {
    EXPECT_EQ(t.source_sha256, t.destination_sha256) << t.table;
    EXPECT_EQ(t.source_sha256.size(), 64u);
    total += t.rows;
    if (want->rows.count(t.table)) {
      EXPECT_EQ(t.rows, want->rows.at(t.table)) << t.table;
    }
  }
  EXPECT_EQ(report->rows, total);
  EXPECT_EQ(report->tables[0].table, "companies");
  EXPECT_EQ(report->tables[0].rows, 2);

  // Records, field by field.
  auto a = source_store_->GetJob("job-4"), b = dst->GetJob("job-4");
  ASSERT_TRUE(a.ok() && b.ok()) << b.status();
  EXPECT_EQ(b->id, a->id);
  EXPECT_EQ(b->company_id, a->company_id);
  EXPECT_EQ(b->company_name, "Acme Ünïcode ✓");
  EXPECT_EQ(b->description, a->description);
  EXPECT_EQ(b->tags, a->tags);
  EXPECT_EQ(b->salary.min, 1e-300);
  EXPECT_EQ(b->salary.max, 1.7976931348623157e308);
  EXPECT_EQ(b->salary.annual_usd_min, 0.30000000000000004);
  EXPECT_FALSE(b->salary.annual_usd_max.has_value());
  ASSERT_TRUE(b->timezone.has_value());
  EXPECT_EQ(b->timezone->zone, "Europe/Berlin");
  EXPECT_EQ(b->timezone->end_minute, 1020);
  EXPECT_EQ(b->valid_through, 99'999);
  EXPECT_EQ(b->scam_reasons, a->scam_reasons);
  EXPECT_EQ(b->confirmed_at, 5);
  ASSERT_TRUE(b->salary_estimate.has_value());
  EXPECT_EQ(b->salary_estimate->median, 2.5);
  EXPECT_EQ(b->created_at, a->created_at);
  EXPECT_EQ(dst->GetJob("job-7")->status, "expired");
  auto talent = dst->GetTalent("ana");
  ASSERT_TRUE(talent.ok()) << talent.status();
  EXPECT_EQ(talent->city_name, "Berlin");
  ASSERT_EQ(talent->skills.size(), 2u);
  EXPECT_EQ(dst->GetCity("berlin")->cost_of_living_usd, 0.1 + 0.2);
  auto user = dst->GetUserByEmail("ana@example.com");
  ASSERT_TRUE(user.ok()) << user.status();
  EXPECT_EQ(user->talent_slug, "ana");
  EXPECT_EQ(dst->GetSession("s1")->user_id, user->id);
  EXPECT_EQ(dst->GetApiKey("pfx")->user_email, "ana@example.com");
  EXPECT_EQ(dst->GetSigninAttempts("eh")->failures, 2);
  EXPECT_EQ(*dst->GetMeta("demo"), std::optional<std::string>("yes"));
  EXPECT_EQ(dst->ListEvents(0, 100)->size(), 25u);
  EXPECT_EQ(dst->ListModerationLabels(0, 10)->size(), 1u);

  // The model registry: bytes exactly, aliases and their log, drift, online metrics.
  auto v1 = dst->GetModelVersion("scam", 1, {.artifact = true, .reference = true});
  ASSERT_TRUE(v1.ok()) << v1.status();
  EXPECT_EQ(v1->artifact, artifact_);
  EXPECT_EQ(v1->reference, std::string("\0\x01\xff", 3));
  auto v2 = dst->GetModelVersion("scam", 2, {.artifact = true, .reference = true});
  ASSERT_TRUE(v2.ok()) << v2.status();
  EXPECT_EQ(v2->artifact, std::string("\0", 1));
  EXPECT_EQ(v2->reference, "");
  EXPECT_EQ(dst->ListModelAliases("scam")->front().version, 1);
  EXPECT_EQ(dst->ListModelAliasMoves("scam")->size(), 1u);
  auto drift = dst->ListDrift("", 0, 10);
  ASSERT_EQ(drift->size(), 1u);
  EXPECT_EQ(drift->front().psi, 1.0 / 3);
  EXPECT_EQ(dst->ListImpressions(0)->front().items, 10);
  EXPECT_EQ(dst->ListShadowCounts("scam")->front().abs_diff_sum, 0.7);

  // The change log, seq for seq (followers resume by seq).
  auto changes_a = source_store_->ChangesSince(0, 1000), changes_b = dst->ChangesSince(0, 1000);
  ASSERT_TRUE(changes_a.ok() && changes_b.ok());
  ASSERT_EQ(changes_b->size(), changes_a->size());
  for (size_t i = 0; i < changes_a->size(); ++i) {
    const Change &x = (*changes_a)[i], &y = (*changes_b)[i];
    EXPECT_EQ(y.seq, x.seq);
    EXPECT_EQ(y.entity, x.entity);
    EXPECT_EQ(y.entity_id, x.entity_id);
    EXPECT_EQ(y.slug, x.slug);
    EXPECT_EQ(y.op, x.op);
    EXPECT_EQ(y.at, x.at);
  }

  // New writes get fresh ids: past the copied ones, and past a deleted user's (SQLite's
  // AUTOINCREMENT high-water mark).
  Company next{.slug = "next", .name = "Next"};
  User newcomer{.email = "new@example.com", .password_hash = "h", .role = "member"};
  int64_t event_id = 0;
  ASSERT_OK(dst->Write([&](StoreWriter& w) -> Status {
    RETURN_IF_ERROR(w.PutCompany(&next, PutMode::kCreate).status());
    RETURN_IF_ERROR(w.PutUser(&newcomer, PutMode::kCreate));
    ASSIGN_OR_RETURN(event_id, w.AddEvent({.session_id = "s", .entity_id = 1, .kind = "view"}));
    return OkStatus();
  }));
  EXPECT_EQ(next.id, 3);
  EXPECT_EQ(newcomer.id, gone_user_id_ + 1);
  EXPECT_EQ(event_id, 26);
  auto fresh = dst->ChangesSince(want->last_change_seq, 10);
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  ASSERT_FALSE(fresh->empty());
  EXPECT_EQ(fresh->front().seq, want->last_change_seq + 1);
}

TEST_F(CopyStoreTest, RefusesANonEmptyDestinationAndLeavesItUnchanged) {
  ASSERT_NO_FATAL_FAILURE(Fill());
  std::unique_ptr<Store> dst = OpenDestination();
  ASSERT_NE(dst, nullptr);
  ASSERT_OK(dst->Write([](StoreWriter& w) { return w.SetMeta("owner", "someone else"); }));
  auto before = dst->Counts();
  ASSERT_TRUE(before.ok());

  auto report = CopyDatabase({.from_url = source_.url(), .to_url = destination_.url()});
  EXPECT_EQ(report.status().code(), StatusCode::kFailedPrecondition) << report.status();
  EXPECT_NE(report.status().message().find("'meta' is not empty"), std::string::npos)
      << report.status();
  auto after = dst->Counts();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->rows, before->rows);
  EXPECT_EQ(after->last_change_seq, before->last_change_seq);
  EXPECT_EQ(*dst->GetMeta("owner"), std::optional<std::string>("someone else"));
  EXPECT_EQ(dst->GetCompany("acme").status().code(), StatusCode::kNotFound);
}

TEST_F(CopyStoreTest, AFailureHalfwayLeavesTheDestinationEmpty) {
  ASSERT_NO_FATAL_FAILURE(Fill());
  source_store_.reset();
  {
    // PostgreSQL text cannot hold a NUL: the jobs fail after the companies were copied.
    auto c = sqlite::SqliteConnection::Open(source_.url(), {});
    ASSERT_TRUE(c.ok()) << c.status();
    ASSERT_OK((*c)->Exec("UPDATE jobs SET title = 'a' || char(0) || 'b' WHERE slug = 'job-9'"));
  }
  auto report = CopyDatabase({.from_url = source_.url(), .to_url = destination_.url()});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("copying table 'jobs'"), std::string::npos)
      << report.status();
  std::unique_ptr<Store> dst = OpenDestination();
  ASSERT_NE(dst, nullptr);
  auto counts = dst->Counts();
  ASSERT_TRUE(counts.ok());
  for (const auto& [table, rows] : counts->rows) EXPECT_EQ(rows, 0) << table;
}

TEST_F(CopyStoreTest, AMismatchIsDataLossAndLeavesTheDestinationEmpty) {
  ASSERT_NO_FATAL_FAILURE(Fill());
  {
    // A trigger in the destination that changes what is written: the read-back differs.
    auto c = postgres::PgConnection::Open(destination_.url());
    ASSERT_TRUE(c.ok()) << c.status();
    ASSERT_OK((*c)->Exec(
        "CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "NEW.title := upper(NEW.title); RETURN NEW; END $$; "
        "CREATE TRIGGER shout BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION shout()"));
  }
  auto report = CopyDatabase({.from_url = source_.url(), .to_url = destination_.url()});
  EXPECT_EQ(report.status().code(), StatusCode::kDataLoss) << report.status();
  EXPECT_NE(report.status().message().find("table 'articles'"), std::string::npos)
      << report.status();
  EXPECT_NE(report.status().message().find("1 rows, sha256 "), std::string::npos)
      << report.status();
  std::unique_ptr<Store> dst = OpenDestination();
  ASSERT_NE(dst, nullptr);
  auto counts = dst->Counts();
  ASSERT_TRUE(counts.ok());
  for (const auto& [table, rows] : counts->rows) EXPECT_EQ(rows, 0) << table;
}

}  // namespace
}  // namespace meridian
