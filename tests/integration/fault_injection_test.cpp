// Fault injection (issue 10): the server and the CLI run with tests/fault/fault_inject.c
// preloaded, which makes writes or syncs of chosen files fail while a switch file exists:
//   - the database's disk is full (ENOSPC), or reports write errors (EIO), or fails to sync
//     (EIO): writes are refused with a clear error (507 or 503), reads and pages keep being
//     served, nothing acknowledged is lost, and writes work again once the fault is gone,
//     without a restart; the database passes SQLite's integrity check afterwards;
//   - an index file cannot be synced during `meridian reindex`: the command fails and says
//     why, and the previous index file is left as it was;
//   - corrupted index, vector and model files, and a corrupted model artifact in the
//     registry: the server starts, says what it rebuilt or could not load, and serves.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "harness.h"

#ifndef MERIDIAN_FAULT_LIB
#error "MERIDIAN_FAULT_LIB must name the fault injection library (tests/CMakeLists.txt)"
#endif

namespace meridian::testing {
namespace {

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// SQLite's own check of the whole file: "ok" when nothing is damaged.
std::string IntegrityCheck(const std::string& db) {
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(h);
    return "cannot open";
  }
  std::string out;
  sqlite3_exec(
      h, "PRAGMA integrity_check",
      [](void* o, int, char** values, char**) {
        *static_cast<std::string*>(o) += values[0] ? values[0] : "";
        return 0;
      },
      &out, nullptr);
  sqlite3_close(h);
  return out;
}

std::string JobJson(const std::string& slug) {
  return R"({"company":"acme","slug":")" + slug + R"(","title":"Fault tolerant )" + slug +
         R"(","description":"Generated for the fault-injection test."})";
}

struct DiskFault {
  const char* name;
  const char* variable;  // MERIDIAN_FAULT_WRITE or MERIDIAN_FAULT_FSYNC
  const char* err;
  int status;        // what a refused write answers
  const char* code;  // and its error code
};

class DatabaseFaultTest : public ::testing::TestWithParam<DiskFault> {};

TEST_P(DatabaseFaultTest, WritesRefusedReadsServedNothingLostRecovers) {
  const DiskFault& fault = GetParam();
  const std::string db = TempPath("fault.db");
  const std::string on = TempPath("fault.on");
  ServerProcess::Options options{
      .env = {std::string("LD_PRELOAD=") + MERIDIAN_FAULT_LIB, "MERIDIAN_FAULT_SWITCH=" + on,
              "MERIDIAN_FAULT_PATH=" + db, std::string(fault.variable) + "=" + fault.err},
      .db = db};
  std::vector<std::string> acked;
  {
    ServerProcess server(options);
    ASSERT_TRUE(server.started()) << server.Log();
    ASSERT_EQ(server.Write("POST", "/api/v1/companies", R"({"slug":"acme","name":"Acme"})").status,
              201);
    for (int i = 0; i < 5; ++i) {
      HttpResult r = server.Write("POST", "/api/v1/jobs", JobJson("before-" + std::to_string(i)));
      ASSERT_EQ(r.status, 201) << r.body;
      acked.push_back("before-" + std::to_string(i));
    }
    WriteFile(on, "on");  // the fault starts
    for (int i = 0; i < 3; ++i) {
      HttpResult r = server.Write("POST", "/api/v1/jobs", JobJson("during-" + std::to_string(i)));
      EXPECT_EQ(r.status, fault.status) << r.body;
      EXPECT_EQ(r.json()["error"].value("code", ""), fault.code) << r.body;
      EXPECT_FALSE(r.headers["retry-after"].empty());
    }
    // Reads, search and pages go on.
    EXPECT_EQ(server.Get("/api/v1/jobs/before-0").status, 200);
    EXPECT_EQ(server.Get("/api/v1/jobs?q=tolerant").status, 200);
    EXPECT_EQ(server.Get("/jobs/before-1").status, 200);
    EXPECT_EQ(server.Get("/").status, 200);
    EXPECT_EQ(server.Get("/healthz").status, 200);
    std::remove(on.c_str());  // space freed, the device recovered
    bool recovered = WaitUntil(
        [&] { return server.Write("POST", "/api/v1/jobs", JobJson("after")).status == 201; },
        std::chrono::seconds(30));
    EXPECT_TRUE(recovered) << "writes did not work again after the fault\n" << server.Log();
    if (recovered) acked.push_back("after");
    EXPECT_EQ(server.Terminate(), 0);
  }
  EXPECT_EQ(IntegrityCheck(db), "ok");
  ServerProcess again({.db = db});
  ASSERT_TRUE(again.started()) << again.Log();
  for (const std::string& slug : acked) {
    EXPECT_EQ(again.Get("/api/v1/jobs/" + slug).status, 200) << slug << " was acknowledged";
  }
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(again.Get("/api/v1/jobs/during-" + std::to_string(i)).status, 404)
        << "a refused write was stored";
  }
  again.Terminate();
  RemoveDbAndModels(db);
}

INSTANTIATE_TEST_SUITE_P(
    Faults, DatabaseFaultTest,
    ::testing::Values(DiskFault{"DiskFull", "MERIDIAN_FAULT_WRITE", "ENOSPC", 507, "storage_full"},
                      DiskFault{"WriteError", "MERIDIAN_FAULT_WRITE", "EIO", 503, "unavailable"},
                      DiskFault{"FsyncError", "MERIDIAN_FAULT_FSYNC", "EIO", 503, "unavailable"}),
    [](const ::testing::TestParamInfo<DiskFault>& p) { return std::string(p.param.name); });

TEST(FileFaultTest, ReindexThatCannotSyncKeepsThePreviousIndex) {
  const std::string db = TempPath("fault.db");
  const std::string on = TempPath("fault.on");
  {
    ServerProcess server({.db = db});
    ASSERT_TRUE(server.started());
    ASSERT_EQ(server.Write("POST", "/api/v1/companies", R"({"slug":"acme","name":"Acme"})").status,
              201);
    ASSERT_EQ(server.Write("POST", "/api/v1/jobs", JobJson("indexed")).status, 201);
    server.Terminate();
  }
  CommandResult first = RunMeridian({"reindex", "--db", db, "--log-level", "warn"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string before = ReadBytes(db + ".jobs.idx");
  ASSERT_FALSE(before.empty());
  WriteFile(on, "on");
  CommandResult failed =
      RunMeridian({"reindex", "--db", db, "--log-level", "warn"}, "",
                  {std::string("LD_PRELOAD=") + MERIDIAN_FAULT_LIB, "MERIDIAN_FAULT_SWITCH=" + on,
                   "MERIDIAN_FAULT_PATH=.idx", "MERIDIAN_FAULT_FSYNC=EIO"});
  EXPECT_NE(failed.exit_code, 0);
  EXPECT_NE(failed.err.find("sync"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("unchanged"), std::string::npos) << failed.err;
  EXPECT_EQ(ReadBytes(db + ".jobs.idx"), before) << "the previous index file was touched";
  EXPECT_FALSE(std::filesystem::exists(db + ".jobs.idx.tmp"));
  std::remove(on.c_str());
  ServerProcess server({.db = db});
  ASSERT_TRUE(server.started()) << server.Log();
  EXPECT_EQ(server.Get("/api/v1/jobs?q=tolerant").json()["meta"].value("total", 0), 1);
  server.Terminate();
  RemoveDbAndModels(db);
}

// Flips bytes in the middle of a file (or cuts it short).
void Damage(const std::string& path, bool truncate) {
  std::string bytes = ReadBytes(path);
  ASSERT_GT(bytes.size(), 64u) << path;
  if (truncate) {
    bytes.resize(bytes.size() / 2);
  } else {
    for (size_t i = bytes.size() / 2; i < bytes.size() / 2 + 16; ++i) bytes[i] = ~bytes[i];
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Flips 16 bytes in the middle of each stored version of model `name`.
bool DamageArtifact(const std::string& db, const std::string& name) {
  sqlite3* h = nullptr;
  if (sqlite3_open(db.c_str(), &h) != SQLITE_OK) return false;
  std::vector<std::pair<int64_t, std::string>> rows;
  sqlite3_stmt* read = nullptr;
  sqlite3_prepare_v2(h, "SELECT id, artifact FROM models WHERE name = ?", -1, &read, nullptr);
  sqlite3_bind_text(read, 1, name.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(read) == SQLITE_ROW) {
    const char* bytes = static_cast<const char*>(sqlite3_column_blob(read, 1));
    rows.emplace_back(sqlite3_column_int64(read, 0),
                      std::string(bytes, static_cast<size_t>(sqlite3_column_bytes(read, 1))));
  }
  sqlite3_finalize(read);
  bool ok = !rows.empty();
  for (auto& [id, bytes] : rows) {
    for (size_t i = bytes.size() / 2; i < bytes.size() / 2 + 16 && i < bytes.size(); ++i) {
      bytes[i] = static_cast<char>(~bytes[i]);
    }
    sqlite3_stmt* write = nullptr;
    sqlite3_prepare_v2(h, "UPDATE models SET artifact = ? WHERE id = ?", -1, &write, nullptr);
    sqlite3_bind_blob(write, 1, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(write, 2, id);
    ok = sqlite3_step(write) == SQLITE_DONE && ok;
    sqlite3_finalize(write);
  }
  sqlite3_close(h);
  return ok;
}

TEST(FileFaultTest, CorruptedIndexVectorAndModelFilesAreRebuiltAndServed) {
  const std::string db = TempPath("fault.db");
  CommandResult demo =
      RunMeridian({"demo", "--db", db, "--jobs", "150", "--talent", "20", "--articles", "5",
                   "--visitors", "30", "--labels", "0", "--log-level", "warn"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  std::string search_before, similar_before;
  std::string slug;
  {
    ServerProcess server({.db = db});
    ASSERT_TRUE(server.started());
    // The vector indexes are built in the background and saved beside the database.
    ASSERT_TRUE(WaitUntil([&] { return std::filesystem::exists(db + ".vec.jobs"); }))
        << server.Log();
    HttpResult list = server.Get("/api/v1/jobs?limit=1");
    slug = list.json()["data"][0].value("slug", "");
    ASSERT_FALSE(slug.empty());
    search_before = server.Get("/api/v1/jobs?q=engineer&limit=20").body;
    server.Terminate();  // leaves the index and vector files beside the database
  }
  ASSERT_TRUE(std::filesystem::exists(db + ".jobs.idx"));
  ASSERT_TRUE(std::filesystem::exists(db + ".vec.jobs"));
  Damage(db + ".jobs.idx", false);
  Damage(db + ".site.idx", true);
  Damage(db + ".vec.jobs", false);
  if (std::filesystem::exists(db + ".vec.jobs.hnsw")) Damage(db + ".vec.jobs.hnsw", true);
  // A model artifact in the registry with flipped bytes: its checksum no longer matches.
  ASSERT_TRUE(DamageArtifact(db, "recommenders"));
  ServerProcess server({.db = db});
  ASSERT_TRUE(server.started()) << server.Log();
  ASSERT_TRUE(WaitUntil([&] { return server.Get("/readyz").status == 200; }));
  // Search answers as before (rebuilt from the store), the related jobs come back, pages work.
  HttpResult search = server.Get("/api/v1/jobs?q=engineer&limit=20");
  EXPECT_EQ(search.status, 200);
  EXPECT_EQ(search.json()["data"], (*ParseJson(search_before))["data"]);
  EXPECT_TRUE(WaitUntil([&] {
    return server.Get("/api/v1/jobs/" + slug + "/similar").status == 200;
  })) << server.Log();
  EXPECT_EQ(server.Get("/jobs/" + slug).status, 200);
  // The damaged recommender artifact is reported, and the feed is still served.
  HttpResult models = server.Get("/api/v1/models/recommenders",
                                 {{"Authorization", std::string("Bearer ") + kAdminToken}});
  EXPECT_EQ(models.status, 200) << models.body;
  const Json served = models.json()["data"]["served"];
  EXPECT_TRUE(served["version"].is_null()) << "a damaged artifact was installed: " << models.body;
  EXPECT_NE(served.value("last_error", "").find("does not match"), std::string::npos)
      << models.body;
  EXPECT_EQ(server.Get("/api/v1/me/feed?limit=5").status, 200);
  server.Terminate();
  RemoveDbAndModels(db);
}

}  // namespace
}  // namespace meridian::testing
