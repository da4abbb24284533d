// `meridian migrate`: a small SQLite database made with `meridian import` copied into a fresh
// database of a throwaway PostgreSQL cluster; one verified line per table, passwords
// redacted, and a second run refused because the destination is no longer empty.
#include <gtest/gtest.h>

#include <regex>

#include "engine/store/postgres/pg_test_cluster.h"
#include "harness.h"

namespace meridian::testing {
namespace {

TEST(MigrateTest, CopiesASqliteDatabaseIntoPostgresAndRefusesToCopyTwice) {
  std::string why;
  PgTestCluster* cluster = SharedPgTestCluster(&why);
  if (cluster == nullptr) GTEST_SKIP() << why;
  auto url = cluster->CreateDatabase("migrate_cli");
  ASSERT_TRUE(url.ok()) << url.status();

  const std::string db = TempPath("migrate.db");
  const std::string companies = TempPath("migrate_companies.ndjson");
  const std::string jobs = TempPath("migrate_jobs.csv");
  WriteFile(companies,
            "{\"slug\":\"acme\",\"name\":\"Acme\"}\n{\"slug\":\"globex\",\"name\":\"Globex\"}\n");
  WriteFile(jobs, "company,title,tags\nacme,Rust engineer,rust;tokio\nglobex,Go engineer,go\n");
  ASSERT_EQ(RunMeridian({"import", "companies", companies, "--db", db}).exit_code, 0);
  ASSERT_EQ(RunMeridian({"import", "jobs", jobs, "--db", db}).exit_code, 0);

  // The cluster trusts local connections: the password is only there to be redacted.
  const std::string to =
      "postgresql://postgres:hunter2@127.0.0.1:" + std::to_string(cluster->port()) + "/migrate_cli";
  CommandResult r = RunMeridian({"migrate", "--from", "sqlite:" + db, "--to", to});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* table : {"companies: 2 rows", "jobs: 2 rows", "job_tags: 3 rows",
                            "changes: 4 rows", "users: 0 rows", "model_shadow: 0 rows"}) {
    EXPECT_TRUE(std::regex_search(
        r.out, std::regex(std::string("(^|\n)") + table + ", sha256 ([0-9a-f]{12}) = \\2\n")))
        << table << "\n"
        << r.out;
  }
  EXPECT_NE(r.out.find("migrated 11 rows in 21 tables from sqlite:" + db +
                       " to postgresql://postgres:***@127.0.0.1:"),
            std::string::npos)
      << r.out;
  EXPECT_EQ((r.out + r.err).find("hunter2"), std::string::npos);

  CommandResult again = RunMeridian({"migrate", "--from", db, "--to", to});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("destination table 'companies' is not empty"), std::string::npos)
      << again.err;
  CommandResult scheme = RunMeridian({"migrate", "--from", db, "--to", "mysql://h/db"});
  EXPECT_EQ(scheme.exit_code, 1);
  EXPECT_NE(scheme.err.find("unknown database URL scheme 'mysql://'"), std::string::npos)
      << scheme.err;

  RemoveDb(db);
  std::remove(companies.c_str());
  std::remove(jobs.c_str());
}

}  // namespace
}  // namespace meridian::testing
