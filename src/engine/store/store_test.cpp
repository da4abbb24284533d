#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <thread>
#include <tuple>
#include <vector>

#include "engine/store/sqlite/sqlite_store.h"
#include "engine/store/temp_store_test_util.h"

namespace meridian {
namespace {

class StoreTest : public StoreBackendTest {
 protected:
  Company MakeCompany(const std::string& slug) {
    Company c;
    c.slug = slug;
    c.name = "Company " + slug;
    c.regions = {"WW"};
    c.technologies = {"rust", "go"};
    return c;
  }
  Job MakeJob(const std::string& slug, const std::string& company, UnixSeconds posted) {
    Job j;
    j.slug = slug;
    j.company_slug = company;
    j.title = "Engineer " + slug;
    j.tags = {"rust", "remote"};
    j.status = "live";
    j.posted_at = posted;
    j.salary.min = 100000;
    j.salary.max = 150000;
    j.salary.currency = "USD";
    j.salary.period = "YEAR";
    j.salary.source = "employer";
    j.timezone = TimezoneWindow{"Europe/Berlin", 9 * 60, 17 * 60, std::nullopt, std::nullopt};
    return j;
  }
  Status Put(Company c) {
    return store_->Write(
        [&](StoreWriter& w) { return w.PutCompany(&c, PutMode::kUpsert).status(); });
  }
  Status Put(Job j) {
    return store_->Write([&](StoreWriter& w) { return w.PutJob(&j, PutMode::kUpsert).status(); });
  }
};

TEST_P(StoreTest, PutAndGetRoundTripsEveryField) {
  ASSERT_TRUE(Put(MakeCompany("acme")).ok());
  Job j = MakeJob("rust-dev", "acme", 1000);
  j.description = "Build *things*.";
  j.eligible_areas = {"150", "US"};
  j.eligibility_evidence = "Europe and the US";
  j.valid_through = 5000;
  j.scam_score = 0.25;
  j.scam_reasons = {"urgency wording"};
  j.seniority = "senior";
  j.employment_type = "FULL_TIME";
  j.salary.annual_usd_min = 100000;
  j.salary.annual_usd_max = 150000;
  ASSERT_TRUE(Put(j).ok());
  auto got = store_->GetJob("rust-dev");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_GT(got->id, 0);
  EXPECT_EQ(got->company_name, "Company acme");
  EXPECT_EQ(got->company_slug, "acme");
  EXPECT_EQ(got->description, "Build *things*.");
  EXPECT_EQ(got->tags, (std::vector<std::string>{"rust", "remote"}));
  EXPECT_EQ(got->eligible_areas, (std::vector<std::string>{"150", "US"}));
  ASSERT_TRUE(got->timezone.has_value());
  EXPECT_EQ(got->timezone->zone, "Europe/Berlin");
  EXPECT_EQ(got->timezone->end_minute, 17 * 60);
  EXPECT_EQ(got->salary.max, 150000);
  EXPECT_EQ(got->salary.annual_usd_min, 100000);
  EXPECT_EQ(got->valid_through, 5000);
  EXPECT_EQ(got->scam_score, 0.25);
  EXPECT_EQ(got->scam_reasons.size(), 1u);
  EXPECT_EQ(got->created_at, clock_.Now());
  EXPECT_EQ(store_->GetJob("missing").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreTest, UpsertKeepsIdAndCreatedAtAndLogsChanges) {
  ASSERT_TRUE(Put(MakeCompany("acme")).ok());
  ASSERT_TRUE(Put(MakeJob("j1", "acme", 10)).ok());
  auto first = *store_->GetJob("j1");
  clock_.Advance(60);
  Job updated = MakeJob("j1", "acme", 10);
  updated.title = "Renamed";
  updated.tags = {"go"};
  ASSERT_TRUE(Put(updated).ok());
  auto second = *store_->GetJob("j1");
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(second.created_at, first.created_at);
  EXPECT_EQ(second.updated_at, first.updated_at + 60);
  EXPECT_EQ(second.title, "Renamed");
  // Tag side table follows the update.
  JobFilter f;
  f.tags_any = {"rust"};
  EXPECT_TRUE(store_->ListJobs(f, {})->items.empty());
  f.tags_any = {"go"};
  EXPECT_EQ(store_->ListJobs(f, {})->items.size(), 1u);

  auto changes = *store_->ChangesSince(0, 100);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].entity, "company");
  EXPECT_EQ(changes[1].op, ChangeOp::kInsert);
  EXPECT_EQ(changes[2].op, ChangeOp::kUpdate);
  EXPECT_EQ(changes[2].slug, "j1");
  EXPECT_EQ(store_->ChangesSince(changes[1].seq, 100)->size(), 1u);
}

TEST_P(StoreTest, PutModesEnforceExistence) {
  ASSERT_TRUE(Put(MakeCompany("acme")).ok());
  Company again = MakeCompany("acme");
  Status s = store_->Write(
      [&](StoreWriter& w) { return w.PutCompany(&again, PutMode::kCreate).status(); });
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(s.field(), "slug");
  Company missing = MakeCompany("nope");
  s = store_->Write(
      [&](StoreWriter& w) { return w.PutCompany(&missing, PutMode::kUpdate).status(); });
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
}

TEST_P(StoreTest, FailedWriteRollsBackRowsAndChanges) {
  ASSERT_TRUE(Put(MakeCompany("acme")).ok());
  auto before = *store_->Counts();
  Status s = store_->Write([&](StoreWriter& w) -> Status {
    Job ok = MakeJob("good", "acme", 1);
    RETURN_IF_ERROR(w.PutJob(&ok, PutMode::kCreate).status());
    Job bad = MakeJob("bad", "no-such-company", 1);
    return w.PutJob(&bad, PutMode::kCreate).status();
  });
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "company");
  auto after = *store_->Counts();
  EXPECT_EQ(after.rows, before.rows);
  EXPECT_EQ(after.last_change_seq, before.last_change_seq);
  EXPECT_EQ(store_->GetJob("good").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreTest, KeysetPaginationVisitsEveryRowOnce) {
  ASSERT_TRUE(Put(MakeCompany("acme")).ok());
  ASSERT_TRUE(store_
                  ->Write([&](StoreWriter& w) -> Status {
                    for (int i = 0; i < 25; ++i) {
                      Job j = MakeJob("job-" + std::to_string(i), "acme",
                                      1000 + i / 3);  // ties on posted_at
                      RETURN_IF_ERROR(w.PutJob(&j, PutMode::kCreate).status());
                    }
                    return OkStatus();
                  })
                  .ok());
  std::set<std::string> seen;
  PageRequest p{.limit = 7};
  UnixSeconds last_posted = INT64_MAX;
  int pages = 0;
  while (true) {
    auto page = store_->ListJobs({}, p);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const Job& j : page->items) {
      EXPECT_TRUE(seen.insert(j.slug).second) << j.slug;
      EXPECT_LE(j.posted_at, last_posted);
      last_posted = j.posted_at;
    }
    ++pages;
    if (page->next_cursor.empty()) break;
    p.cursor = page->next_cursor;
  }
  EXPECT_EQ(seen.size(), 25u);
  EXPECT_EQ(pages, 4);
}

TEST_P(StoreTest, BadCursorsAndLimitsAreInvalidArgument) {
  EXPECT_EQ(store_->ListJobs({}, {.limit = 0}).status().field(), "limit");
  EXPECT_EQ(store_->ListJobs({}, {.limit = 101}).status().field(), "limit");
  for (std::string c : {"garbage!", "WyJqb2JzIl0", "'; DROP TABLE jobs; --"}) {
    auto r = store_->ListJobs({}, {.limit = 5, .cursor = c});
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c;
    EXPECT_EQ(r.status().field(), "cursor");
  }
  // A cursor of another list is rejected too.
  ASSERT_TRUE(Put(MakeCompany("a")).ok());
  ASSERT_TRUE(Put(MakeCompany("b")).ok());
  auto companies = *store_->ListCompanies({}, {.limit = 1});
  ASSERT_FALSE(companies.next_cursor.empty());
  EXPECT_EQ(store_->ListJobs({}, {.limit = 1, .cursor = companies.next_cursor}).status().field(),
            "cursor");
}

TEST_P(StoreTest, FiltersAndLikeMetacharacters) {
  ASSERT_TRUE(Put(MakeCompany("acme")).ok());
  ASSERT_TRUE(Put(MakeCompany("globex")).ok());
  Job a = MakeJob("a", "acme", 1);
  a.title = "100% remote Rust";
  a.seniority = "senior";
  Job b = MakeJob("b", "globex", 2);
  b.title = "Go developer";
  b.status = "expired";
  Job c = MakeJob("c", "globex", 3);
  c.title = "Rust_lead";
  c.valid_through = 5;
  for (Job* j : {&a, &b, &c}) ASSERT_TRUE(Put(*j).ok());
  JobFilter f;
  f.statuses = {"live"};
  EXPECT_EQ(store_->ListJobs(f, {})->items.size(), 2u);
  f.valid_at = 10;
  EXPECT_EQ(store_->ListJobs(f, {})->items.size(), 1u);
  JobFilter by_company;
  by_company.company_slug = "globex";
  EXPECT_EQ(store_->ListJobs(by_company, {})->items.size(), 2u);
  JobFilter like;
  like.title_contains = "100%";
  EXPECT_EQ(store_->ListJobs(like, {})->items.size(), 1u);
  like.title_contains = "_";
  EXPECT_EQ(store_->ListJobs(like, {})->items.size(), 1u);  // only the literal underscore
  like.title_contains = "' OR 1=1 --";
  EXPECT_EQ(store_->ListJobs(like, {})->items.size(), 0u);
  JobFilter sen;
  sen.seniority = "senior";
  EXPECT_EQ(store_->ListJobs(sen, {})->items[0].slug, "a");
}

TEST_P(StoreTest, DeleteRespectsReferences) {
  ASSERT_TRUE(Put(MakeCompany("acme")).ok());
  ASSERT_TRUE(Put(MakeJob("j", "acme", 1)).ok());
  Status s = store_->Write([&](StoreWriter& w) { return w.Delete(Entity::kCompany, "acme"); });
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(store_->Write([&](StoreWriter& w) { return w.Delete(Entity::kJob, "j"); }).ok());
  EXPECT_TRUE(
      store_->Write([&](StoreWriter& w) { return w.Delete(Entity::kCompany, "acme"); }).ok());
  EXPECT_EQ(
      store_->Write([&](StoreWriter& w) { return w.Delete(Entity::kCompany, "acme"); }).code(),
      StatusCode::kNotFound);
  auto changes = *store_->ChangesSince(0, 100);
  EXPECT_EQ(changes.back().op, ChangeOp::kDelete);
  EXPECT_EQ(changes.back().slug, "acme");
}

TEST_P(StoreTest, TalentCityReferenceAndHiddenProfiles) {
  City city;
  city.slug = "lisbon";
  city.name = "Lisbon";
  city.country = "PT";
  city.timezone = "Europe/Lisbon";
  city.population = 500000;
  ASSERT_TRUE(
      store_->Write([&](StoreWriter& w) { return w.PutCity(&city, PutMode::kCreate).status(); })
          .ok());
  Talent t;
  t.slug = "ana";
  t.name = "Ana";
  t.city_slug = "lisbon";
  t.visibility = "public";
  t.skills = {{"rust", 5}, {"sql", 3}};
  t.work_start_minute = 540;
  Talent hidden = t;
  hidden.slug = "bo";
  hidden.visibility = "hidden";
  hidden.city_slug = "";
  Talent bad = t;
  bad.slug = "cy";
  bad.city_slug = "atlantis";
  ASSERT_TRUE(store_
                  ->Write([&](StoreWriter& w) -> Status {
                    RETURN_IF_ERROR(w.PutTalent(&t, PutMode::kCreate).status());
                    return w.PutTalent(&hidden, PutMode::kCreate).status();
                  })
                  .ok());
  EXPECT_EQ(
      store_->Write([&](StoreWriter& w) { return w.PutTalent(&bad, PutMode::kCreate).status(); })
          .field(),
      "city");
  auto got = *store_->GetTalent("ana");
  EXPECT_EQ(got.city_name, "Lisbon");
  EXPECT_EQ(got.skills.size(), 2u);
  EXPECT_EQ(got.skills[0].level, 5);
  EXPECT_EQ(got.work_start_minute, 540);
  EXPECT_FALSE(got.work_end_minute.has_value());
  EXPECT_EQ(store_->ListTalent({}, {})->items.size(), 1u);
  EXPECT_EQ(store_->ListTalent({.include_hidden = true}, {})->items.size(), 2u);
  EXPECT_EQ(store_->ListTalent({.skill = "sql"}, {})->items.size(), 1u);
}

TEST_P(StoreTest, ConcurrentReadersDuringWrites) {
  ASSERT_TRUE(Put(MakeCompany("acme")).ok());
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      while (!stop) {
        auto page = store_->ListJobs({}, {.limit = 10});
        if (!page.ok()) ++errors;
      }
    });
  }
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(Put(MakeJob("j" + std::to_string(i), "acme", i)).ok());
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(store_->Counts()->rows["jobs"], 50);
}

TEST_P(StoreTest, ReopenKeepsData) {
  ASSERT_TRUE(Put(MakeCompany("acme")).ok());
  store_.reset();
  auto again = db_.Open(&clock_);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE((*again)->GetCompany("acme").ok());
}

// SQLite runs in this process: its page caches and statements are counted (/metrics).
TEST_P(StoreTest, ReportsTheMemoryTheDatabaseLibraryHolds) {
  ASSERT_TRUE(Put(MakeCompany("acme")).ok());
  const uint64_t before = store_->MemoryBytes();
  for (int i = 0; i < 300; ++i) ASSERT_TRUE(Put(MakeJob("m" + std::to_string(i), "acme", i)).ok());
  if (store_->Kind() != "sqlite") {
    EXPECT_EQ(store_->MemoryBytes(), 0u) << "the database runs in its own server";
    return;
  }
  EXPECT_GT(before, 0u);
  EXPECT_GT(store_->MemoryBytes(), before) << "the writer's page cache holds the new pages";
}

TEST(SqliteStoreTest, RejectsFilesThatAreNotDatabases) {
  std::string junk = ::testing::TempDir() + "meridian_junk_" + std::to_string(::getpid()) + ".db";
  {
    std::ofstream f(junk);
    f << std::string(4096, 'x');
  }
  auto bad = OpenSqliteStore({.path = junk});
  EXPECT_EQ(bad.status().code(), StatusCode::kDataLoss) << bad.status();
  std::remove(junk.c_str());
}

TEST_P(StoreTest, MetaAndEvents) {
  ASSERT_TRUE(store_
                  ->Write([&](StoreWriter& w) -> Status {
                    RETURN_IF_ERROR(w.SetMeta("seed", "42"));
                    Event e;
                    e.session_id = "s1";
                    e.entity_id = 7;
                    e.kind = "view";
                    return w.AddEvent(e).status();
                  })
                  .ok());
  EXPECT_EQ(**store_->GetMeta("seed"), "42");
  EXPECT_FALSE(store_->GetMeta("nope")->has_value());
  EXPECT_EQ(store_->Counts()->rows["events"], 1);
  EXPECT_TRUE(store_->Ping().ok());
}

TEST_P(StoreTest, EventHistoriesAreListedNewestAndForgottenPerOwner) {
  User u{.email = "a@example.com", .password_hash = "x", .role = "member"};
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) { return w.PutUser(&u, PutMode::kCreate); }).ok());
  ASSERT_TRUE(store_
                  ->Write([&](StoreWriter& w) -> Status {
                    for (int i = 0; i < 5; ++i) {
                      Event e{.user_id = u.id, .entity_id = 10 + i, .kind = "view", .at = 100 + i};
                      RETURN_IF_ERROR(w.AddEvent(e).status());
                    }
                    Event anon{.session_id = "s1", .entity_id = 3, .kind = "save", .at = 50};
                    RETURN_IF_ERROR(w.AddEvent(anon).status());
                    anon.entity_id = 4;
                    return w.AddEvent(anon).status();
                  })
                  .ok());
  // The newest three, in time order.
  auto mine = store_->ListEventsOf({.user_id = u.id}, 3);
  ASSERT_TRUE(mine.ok()) << mine.status();
  ASSERT_EQ(mine->size(), 3u);
  EXPECT_EQ((*mine)[0].entity_id, 12);
  EXPECT_EQ((*mine)[2].entity_id, 14);
  auto session = store_->ListEventsOf({.session_id = "s1"}, 10);
  ASSERT_EQ(session->size(), 2u);
  EXPECT_EQ((*session)[0].kind, "save");
  EXPECT_EQ(store_->ListEventsOf({}, 10).status().code(), StatusCode::kInvalidArgument);
  // The whole log pages by id.
  auto first = store_->ListEvents(0, 4);
  ASSERT_EQ(first->size(), 4u);
  auto rest = store_->ListEvents(first->back().id, 100);
  EXPECT_EQ(rest->size(), 3u);
  // Forgetting one owner leaves the other.
  int64_t gone = 0;
  ASSERT_TRUE(store_
                  ->Write([&](StoreWriter& w) -> Status {
                    ASSIGN_OR_RETURN(gone, w.DeleteEventsOf({.session_id = "s1"}));
                    return OkStatus();
                  })
                  .ok());
  EXPECT_EQ(gone, 2);
  EXPECT_TRUE(store_->ListEventsOf({.session_id = "s1"}, 10)->empty());
  EXPECT_EQ(store_->ListEventsOf({.user_id = u.id}, 10)->size(), 5u);
  // A session's events can become a user's.
  ASSERT_TRUE(store_
                  ->Write([&](StoreWriter& w) -> Status {
                    Event anon{.session_id = "s2", .entity_id = 9, .kind = "view", .at = 200};
                    RETURN_IF_ERROR(w.AddEvent(anon).status());
                    ASSIGN_OR_RETURN(int64_t moved, w.ReassignSessionEvents("s2", u.id));
                    EXPECT_EQ(moved, 1);
                    return OkStatus();
                  })
                  .ok());
  EXPECT_TRUE(store_->ListEventsOf({.session_id = "s2"}, 10)->empty());
  EXPECT_EQ(store_->ListEventsOf({.user_id = u.id}, 10)->back().entity_id, 9);
  // The opt-out flag round-trips.
  u.events_opt_out = true;
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) { return w.PutUser(&u, PutMode::kUpdate); }).ok());
  EXPECT_TRUE(store_->GetUser(u.id)->events_opt_out);
}

// Processes that cache histories (the feed) learn from the change log which owners'
// events went or moved: one "events" change per owner, slug = the owner's key.
TEST_P(StoreTest, RemovingOrMovingEventsLogsTheOwnersKeys) {
  EXPECT_EQ(EventOwnerKey({.user_id = 7, .session_id = "ignored"}), "u:7");
  EXPECT_EQ(EventOwnerKey({.session_id = "abc"}), "s:abc");
  User u{.email = "a@example.com", .password_hash = "x", .role = "member"};
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) { return w.PutUser(&u, PutMode::kCreate); }).ok());
  const std::string user_key = "u:" + std::to_string(u.id);
  // The change log since `seq` as (entity, slug, op, entity_id, at).
  using Logged = std::vector<std::tuple<std::string, std::string, ChangeOp, int64_t, UnixSeconds>>;
  auto logged = [&](int64_t seq) {
    Logged out;
    auto changes = store_->ChangesSince(seq, 100);
    EXPECT_TRUE(changes.ok()) << changes.status();
    if (!changes.ok()) return out;
    for (const Change& c : *changes) out.emplace_back(c.entity, c.slug, c.op, c.entity_id, c.at);
    return out;
  };
  const UnixSeconds now = clock_.Now();
  // Recording an event appends nothing.
  int64_t seq = *store_->LastChangeSeq();
  ASSERT_TRUE(store_
                  ->Write([&](StoreWriter& w) -> Status {
                    for (const char* s : {"s1", "s2"}) {
                      Event e{.session_id = s, .entity_id = 1, .kind = "view", .at = 10};
                      RETURN_IF_ERROR(w.AddEvent(e).status());
                    }
                    Event e{.user_id = u.id, .entity_id = 2, .kind = "save", .at = 11};
                    return w.AddEvent(e).status();
                  })
                  .ok());
  EXPECT_TRUE(logged(seq).empty());
  // Clearing a session's history, then a user's: a delete each, in the same transaction.
  seq = *store_->LastChangeSeq();
  ASSERT_TRUE(store_
                  ->Write([&](StoreWriter& w) -> Status {
                    RETURN_IF_ERROR(w.DeleteEventsOf({.session_id = "s1"}).status());
                    return w.DeleteEventsOf({.user_id = u.id}).status();
                  })
                  .ok());
  EXPECT_EQ(logged(seq), (Logged{{kEventsChangeEntity, "s:s1", ChangeOp::kDelete, 0, now},
                                 {kEventsChangeEntity, user_key, ChangeOp::kDelete, 0, now}}));
  // A failed write logs nothing.
  seq = *store_->LastChangeSeq();
  EXPECT_FALSE(store_
                   ->Write([&](StoreWriter& w) -> Status {
                     RETURN_IF_ERROR(w.DeleteEventsOf({.session_id = "s2"}).status());
                     return InternalError("abort");
                   })
                   .ok());
  EXPECT_TRUE(logged(seq).empty());
  EXPECT_EQ(store_->ListEventsOf({.session_id = "s2"}, 10)->size(), 1u);
  // Moving a session's events to a user: an update for each owner; nothing when none moved.
  seq = *store_->LastChangeSeq();
  ASSERT_TRUE(store_
                  ->Write([&](StoreWriter& w) -> Status {
                    ASSIGN_OR_RETURN(int64_t none, w.ReassignSessionEvents("s1", u.id));
                    EXPECT_EQ(none, 0);
                    ASSIGN_OR_RETURN(int64_t moved, w.ReassignSessionEvents("s2", u.id));
                    EXPECT_EQ(moved, 1);
                    return OkStatus();
                  })
                  .ok());
  EXPECT_EQ(logged(seq), (Logged{{kEventsChangeEntity, "s:s2", ChangeOp::kUpdate, 0, now},
                                 {kEventsChangeEntity, user_key, ChangeOp::kUpdate, 0, now}}));
  // Deleting the user deletes their events: a delete for the user's key.
  clock_.Advance(5);
  seq = *store_->LastChangeSeq();
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) { return w.DeleteUser(u.id); }).ok());
  EXPECT_TRUE(store_->ListEventsOf({.user_id = u.id}, 10)->empty());
  EXPECT_EQ(logged(seq), (Logged{{kEventsChangeEntity, user_key, ChangeOp::kDelete, 0, now + 5}}));
  // An unknown user is kNotFound and logs nothing.
  seq = *store_->LastChangeSeq();
  EXPECT_EQ(store_->Write([&](StoreWriter& w) { return w.DeleteUser(u.id); }).code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(logged(seq).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, kBothBackends, BackendName);

}  // namespace
}  // namespace meridian
