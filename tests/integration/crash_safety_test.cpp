// Crash safety (issue 10): the process is killed with SIGKILL at random moments during API
// writes, imports, reindexing and training, then started again. After every kill point:
//   - every write the server acknowledged is there, with what was written;
//   - no half-written row: an import's rows appear whole and in whole batches (its
//     transactions), and importing the file again completes it;
//   - derived state agrees with the store: search finds exactly the stored rows, each
//     model champion is the one served, and the next training run is not locked out;
//   - the server becomes ready.
// MERIDIAN_CRASH_POINTS sets how many kill points (default 52, spread over the four kinds;
// `make crash-soak` runs 400). Kill moments are drawn from how long each operation took when
// left alone in this run, so they fall inside the work, not before or after it.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "engine/store/open_store.h"
#include "harness.h"

namespace meridian::testing {
namespace {

using Clock = std::chrono::steady_clock;

int CrashPoints() {
  const char* v = std::getenv("MERIDIAN_CRASH_POINTS");
  int n = v ? std::atoi(v) : 52;
  return n > 0 ? n : 52;
}

constexpr int kImportRows = 2500;
constexpr int kImportBatch = 1000;  // the importer's default transaction size

class CrashSafetyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new std::string(TempPath("crash.db"));
    // A small demo with trained models (embeddings, recommenders) to serve and retrain.
    CommandResult demo =
        RunMeridian({"demo", "--db", *db_, "--jobs", "200", "--talent", "20", "--articles", "5",
                     "--visitors", "40", "--labels", "0", "--log-level", "warn"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
  }
  static void TearDownTestSuite() {
    RemoveDbAndModels(*db_);
    delete db_;
  }

  void SetUp() override {
    auto store = OpenStore({.url = *db_});
    ASSERT_TRUE(store.ok()) << store.status();
    auto companies = (*store)->ListCompanies({}, {.limit = 1});
    ASSERT_TRUE(companies.ok() && !companies->items.empty());
    company_ = companies->items.front().slug;
  }

  std::unique_ptr<Store> Open() {
    auto store = OpenStore({.url = *db_});
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // Jobs in the store whose title contains `token`, by slug.
  std::map<std::string, Job> StoredJobs(const std::string& token) {
    std::map<std::string, Job> out;
    auto store = Open();
    if (!store) return out;
    Status s = ForEachPage<Job>(
        [&](const PageRequest& p) { return store->ListJobs({.title_contains = token}, p); },
        [&](const Job& j) { out.emplace(j.slug, j); });
    EXPECT_TRUE(s.ok()) << s;
    return out;
  }

  // Deletes the jobs whose title contains `token`, in one transaction: each import point adds
  // kImportRows rows, and without this the database would grow to 250,000 jobs over `make
  // crash-soak`'s 400 points, each operation would take many times what it took when timed at
  // the start, and the kill moments drawn from those timings would all fall early in it.
  void DeleteJobs(const std::string& token) {
    const auto stored = StoredJobs(token);
    auto store = Open();
    ASSERT_TRUE(store);
    Status s = store->Write([&](StoreWriter& w) -> Status {
      for (const auto& [slug, job] : stored) RETURN_IF_ERROR(w.Delete(Entity::kJob, slug));
      return OkStatus();
    });
    ASSERT_TRUE(s.ok()) << s;
  }

  std::string JobJson(const std::string& slug, const std::string& title) const {
    return Json{{"slug", slug},
                {"company", company_},
                {"title", title},
                {"description", "Generated for the crash-safety test: " + title + "."},
                {"tags", {"crash", "safety"}}}
        .dump();
  }

  // A started server that answers /readyz with 200.
  std::unique_ptr<ServerProcess> StartReady() {
    auto server = std::make_unique<ServerProcess>(ServerProcess::Options{.db = *db_});
    EXPECT_TRUE(server->started()) << server->Log();
    if (!server->started()) return nullptr;
    bool ready = WaitUntil([&] { return server->Get("/readyz").status == 200; });
    EXPECT_TRUE(ready) << "not ready after a restart\n" << server->Log();
    return ready ? std::move(server) : nullptr;
  }

  // Search through `server` finds exactly the jobs the store holds for `token`.
  void ExpectSearchMatchesStore(const ServerProcess& server, const std::string& token) {
    const auto stored = StoredJobs(token);
    size_t found = 0;
    bool agrees = WaitUntil(
        [&] {
          HttpResult r = server.Get("/api/v1/jobs?q=" + token + "&limit=1");
          if (r.status != 200) return false;
          found = r.json()["meta"].value("total", size_t{0});
          return found == stored.size();
        },
        std::chrono::seconds(30));
    EXPECT_TRUE(agrees) << "search finds " << found << " jobs for " << token << ", the store has "
                        << stored.size();
  }

  // Every model's champion is the version the server serves, without a load error.
  void ExpectChampionsServed(const ServerProcess& server) {
    std::string last;
    bool ok = WaitUntil(
        [&] {
          HttpResult r = server.Get("/api/v1/models",
                                    {{"Authorization", std::string("Bearer ") + kAdminToken}});
          if (r.status != 200) return false;
          last = r.body;
          const Json body = r.json();  // the loop below must not outlive it
          for (const Json& m : body["data"]) {
            if (m["champion"].is_null()) continue;
            const Json& served = m["served"];
            if (served.is_null() || served["version"] != m["champion"]) return false;
            if (!served["last_error"].is_null()) return false;
          }
          return true;
        },
        std::chrono::seconds(60));
    EXPECT_TRUE(ok) << "a champion is not served: " << last;
  }

  static std::string* db_;
  std::string company_;
  std::mt19937 rng_{20261129};
  // Every acknowledged API write so far (slug -> title): none may ever go missing.
  std::map<std::string, std::string> acked_;
};

std::string* CrashSafetyTest::db_ = nullptr;

TEST_F(CrashSafetyTest, KilledAtRandomPointsLosesNothingAndRecovers) {
  const int points = CrashPoints();
  const std::string import_file = TempPath("import.ndjson");
  // Calibration: how long each operation takes when left alone, here and now.
  std::map<std::string, double> took;
  auto timed = [&](const std::string& what, const std::vector<std::string>& args) {
    auto start = Clock::now();
    CommandResult r = RunMeridian(args);
    EXPECT_EQ(r.exit_code, 0) << what << ": " << r.err;
    took[what] = std::chrono::duration<double>(Clock::now() - start).count();
  };
  {
    std::ofstream f(import_file);
    for (int i = 0; i < kImportRows; ++i) {
      f << JobJson("calibrate-" + std::to_string(i), "Calibrate row " + std::to_string(i)) << "\n";
    }
  }
  timed("import", {"import", "jobs", import_file, "--db", *db_, "--log-level", "warn"});
  timed("reindex", {"reindex", "--db", *db_, "--log-level", "warn"});
  timed("train recommenders",
        {"train", "recommenders", "--force", "--db", *db_, "--log-level", "warn"});
  timed("train embeddings",
        {"train", "embeddings", "--force", "--db", *db_, "--log-level", "warn"});
  for (const auto& [what, seconds] : took) {
    std::printf("[crash] %s takes %.2f s when left alone\n", what.c_str(), seconds);
  }
  auto kill_within = [&](double seconds) {
    // Anywhere from the start to a little past the usual end (process start included).
    std::uniform_int_distribution<int> ms(5, std::max(10, static_cast<int>(seconds * 1100)));
    return ms(rng_);
  };

  std::map<std::string, int> kills, finished;
  std::vector<std::string> tokens;
  for (int point = 0; point < points; ++point) {
    // A word of its own per point: random letters, so that no typo-tolerant search for one
    // point's word matches another's.
    std::string token = "cp";
    for (int i = 0; i < 10; ++i) token += static_cast<char>('a' + rng_() % 26);
    tokens.push_back(token);
    SCOPED_TRACE("kill point " + std::to_string(point));
    switch (point % 4) {
      case 0: {
        // API writes: a client writes jobs one after another until the server dies.
        auto server = StartReady();
        ASSERT_TRUE(server);
        std::atomic<bool> stop{false};
        std::map<std::string, std::string> acked_now;
        std::thread client([&] {
          for (int i = 0; !stop; ++i) {
            const std::string slug = token + "-" + std::to_string(i);
            const std::string title = "Crash " + token + " job " + std::to_string(i);
            HttpResult r = server->Write("POST", "/api/v1/jobs", JobJson(slug, title));
            if (r.status == 201) {
              acked_now[slug] = title;
            } else if (r.status != 0) {
              ADD_FAILURE() << "a write was refused: " << r.status << " " << r.body;
              return;
            }
          }
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(kill_within(0.5)));
        server->Kill();
        stop = true;
        client.join();
        ++kills["api writes"];
        acked_.insert(acked_now.begin(), acked_now.end());
        auto again = StartReady();
        ASSERT_TRUE(again);
        const auto stored = StoredJobs(token);
        for (const auto& [slug, title] : acked_now) {
          auto it = stored.find(slug);
          ASSERT_NE(it, stored.end()) << "acknowledged write " << slug << " is lost";
          EXPECT_EQ(it->second.title, title);
        }
        // At most the one write in flight when the server died can be stored unacknowledged.
        EXPECT_LE(stored.size(), acked_now.size() + 1);
        ExpectSearchMatchesStore(*again, token);
        again->Terminate();
        break;
      }
      case 1: {
        // Import: a file of whole rows; what is stored after the kill is whole batches of
        // whole rows, and importing it again completes it.
        {
          std::ofstream f(import_file);
          for (int i = 0; i < kImportRows; ++i) {
            f << JobJson(token + "-" + std::to_string(i),
                         "Import " + token + " row " + std::to_string(i))
              << "\n";
          }
        }
        KilledCommand k = RunMeridianKilledAfter(
            {"import", "jobs", import_file, "--db", *db_, "--log-level", "warn"},
            kill_within(took["import"]));
        ++(k.killed ? kills : finished)["import"];
        if (!k.killed) {
          EXPECT_EQ(k.result.exit_code, 0) << k.result.err;
        }
        const auto stored = StoredJobs(token);
        if (k.killed) {
          // Whole batches, or the whole file when the kill came as it was exiting.
          EXPECT_TRUE(stored.size() % kImportBatch == 0 ||
                      stored.size() == static_cast<size_t>(kImportRows))
              << "an import killed midway left a part of a batch: " << stored.size() << " rows";
        }
        for (const auto& [slug, job] : stored) {
          const std::string row = slug.substr(token.size() + 1);
          ASSERT_EQ(job.title, "Import " + token + " row " + row) << "a half-written row";
          ASSERT_EQ(job.description, "Generated for the crash-safety test: " + job.title + ".");
        }
        CommandResult rerun =
            RunMeridian({"import", "jobs", import_file, "--db", *db_, "--log-level", "warn"});
        ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
        EXPECT_EQ(StoredJobs(token).size(), static_cast<size_t>(kImportRows));
        break;
      }
      case 2: {
        // Reindex: the index files may be cut off anywhere; the server must notice and
        // rebuild or catch up, and search what the store holds.
        KilledCommand k = RunMeridianKilledAfter({"reindex", "--db", *db_, "--log-level", "warn"},
                                                 kill_within(took["reindex"]));
        ++(k.killed ? kills : finished)["reindex"];
        auto server = StartReady();
        ASSERT_TRUE(server);
        ExpectSearchMatchesStore(*server, tokens[static_cast<size_t>(point - 1)]);  // an import
        if (point >= 2) ExpectSearchMatchesStore(*server, tokens[static_cast<size_t>(point - 2)]);
        // The import's rows have served their purpose; deleting them keeps the database (and
        // so the operations' running times) the same size, and the running server's search
        // must follow the deletes.
        DeleteJobs(tokens[static_cast<size_t>(point - 1)]);
        ExpectSearchMatchesStore(*server, tokens[static_cast<size_t>(point - 1)]);
        server->Terminate();
        break;
      }
      default: {
        // Training: killed while it trains or registers a version. The registry stays
        // consistent (every champion loads and is served), and the next run is not locked
        // out by the dead one.
        const std::string model = (point / 4) % 2 ? "embeddings" : "recommenders";
        KilledCommand k =
            RunMeridianKilledAfter({"train", model, "--force", "--db", *db_, "--log-level", "warn"},
                                   kill_within(took["train " + model]));
        ++(k.killed ? kills : finished)["train " + model];
        CommandResult list = RunMeridian({"models", "list", "--db", *db_});
        ASSERT_EQ(list.exit_code, 0) << list.err;
        auto server = StartReady();
        ASSERT_TRUE(server);
        ExpectChampionsServed(*server);
        server->Terminate();
        if (point + 4 >= points) {
          CommandResult next =
              RunMeridian({"train", model, "--force", "--db", *db_, "--log-level", "warn"});
          EXPECT_EQ(next.exit_code, 0) << "training after a killed run: " << next.err;
        }
        break;
      }
    }
    if (HasFatalFailure()) return;
  }
  // Nothing acknowledged at any point is missing at the end.
  auto store = Open();
  ASSERT_TRUE(store);
  for (const auto& [slug, title] : acked_) {
    auto job = store->GetJob(slug);
    ASSERT_TRUE(job.ok()) << "acknowledged write " << slug << " is lost: " << job.status();
    EXPECT_EQ(job->title, title);
  }
  int total_kills = 0;
  for (const auto& [what, n] : kills) {
    std::printf("[crash] %s: %d killed, %d finished before the kill\n", what.c_str(), n,
                finished[what]);
    total_kills += n;
  }
  for (const auto& [what, n] : finished) {
    if (!kills.count(what)) std::printf("[crash] %s: 0 killed, %d finished\n", what.c_str(), n);
  }
  std::printf("[crash] %d kill points, %d processes killed, %zu acknowledged writes kept\n", points,
              total_kills, acked_.size());
  std::remove(import_file.c_str());
}

}  // namespace
}  // namespace meridian::testing
