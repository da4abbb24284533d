// The command line: import (every format, strict mode, per-row errors), demo, config.
#include <gtest/gtest.h>

#include "harness.h"

namespace meridian::testing {
namespace {

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = TempPath("cli.db"); }
  void TearDown() override { RemoveDb(db_); }
  std::string File(const std::string& name, const std::string& text) {
    std::string path = TempPath(name);
    WriteFile(path, text);
    files_.push_back(path);
    return path;
  }
  ~CliTest() override {
    for (auto& f : files_) std::remove(f.c_str());
  }
  std::string db_;
  std::vector<std::string> files_;
};

TEST_F(CliTest, ImportReportsEachInvalidRowAndKeepsTheRest) {
  std::string companies = File("companies.ndjson",
                               "{\"slug\":\"acme\",\"name\":\"Acme\"}\n"
                               "{\"slug\":\"bad\",\"name\":\"Bad\",\"remote_policy\":\"never\"}\n"
                               "{\"slug\":\"globex\",\"name\":\"Globex\"}\n");
  CommandResult r = RunMeridian({"import", "companies", companies, "--db", db_});
  EXPECT_EQ(r.exit_code, 1);  // some rows were invalid
  EXPECT_NE(r.err.find(companies + ":2: remote_policy: expected one of"), std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("3 rows, 2 inserted, 0 updated, 1 invalid"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("rows/s"), std::string::npos);

  std::string jobs = File("jobs.csv",
                          "company,title,tags,salary.min,salary.max,salary.currency,salary.period\n"
                          "acme,Rust engineer,rust;tokio,90000,120000,EUR,YEAR\n"
                          "acme,Bad salary,go,200,100,USD,YEAR\n"
                          "ghost,Orphan,go,,,,\n");
  CommandResult j = RunMeridian({"import", "jobs", jobs, "--db", db_});
  EXPECT_EQ(j.exit_code, 1);
  EXPECT_NE(j.err.find(jobs + ":3: salary.min: must not exceed max"), std::string::npos) << j.err;
  EXPECT_NE(j.err.find(jobs + ":4: company: no company with slug 'ghost'"), std::string::npos)
      << j.err;
  EXPECT_NE(j.out.find("1 inserted"), std::string::npos) << j.out;
}

TEST_F(CliTest, StrictImportWritesNothing) {
  std::string good = File("good.ndjson", "{\"slug\":\"acme\",\"name\":\"Acme\"}\n");
  ASSERT_EQ(RunMeridian({"import", "companies", good, "--db", db_}).exit_code, 0);
  std::string mixed = File("mixed.ndjson", "{\"name\":\"Initech\"}\n{\"name\":\"\"}\n");
  CommandResult r = RunMeridian({"import", "companies", mixed, "--db", db_, "--strict"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("strict mode: nothing written"), std::string::npos) << r.out;
  ServerProcess server({.db = db_});
  ASSERT_TRUE(server.started());
  EXPECT_EQ(server.Get("/api/v1/companies?limit=10").json()["data"].size(), 1u);
  EXPECT_EQ(server.Get("/api/v1/companies/initech").status, 404);
}

TEST_F(CliTest, ImportsJobPostingsAndJsonResume) {
  std::string postings =
      File("postings.json", R"([{"@context":"https://schema.org","@type":"JobPosting",
    "title":"Data Engineer","description":"<p>Pipelines in <em>Python</em></p>","datePosted":"2026-11-02",
    "hiringOrganization":{"@type":"Organization","name":"Initech","sameAs":"https://initech.example"},
    "jobLocationType":"TELECOMMUTE","applicantLocationRequirements":{"@type":"Country","name":"Germany"},
    "employmentType":"CONTRACTOR","baseSalary":{"@type":"MonetaryAmount","currency":"EUR",
    "value":{"@type":"QuantitativeValue","value":80,"unitText":"HOUR"}}}])");
  CommandResult p = RunMeridian({"import", "jobs", postings, "--db", db_});
  EXPECT_EQ(p.exit_code, 0) << p.err;
  std::string resume = File("resume.json", R"({"basics":{"name":"Lena Park","label":"Data engineer",
    "email":"lena@example.com","location":{"countryCode":"DE"}},"skills":[{"name":"Python","level":"Advanced"}]})");
  CommandResult t = RunMeridian({"import", "talent", resume, "--db", db_});
  EXPECT_EQ(t.exit_code, 0) << t.err;
  ServerProcess server({.db = db_});
  ASSERT_TRUE(server.started());
  Json jobs = server.Get("/api/v1/jobs?company=initech").json()["data"];
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0]["employment_type"], "CONTRACTOR");
  EXPECT_EQ(jobs[0]["salary"]["annual_usd_min"].get<double>(), std::round(80 * 2080 * 1.17));
  EXPECT_EQ(jobs[0]["eligibility"]["areas"][0], "DE");
  Json talent = server.Get("/api/v1/talent?skill=python").json()["data"];
  ASSERT_EQ(talent.size(), 1u);
  EXPECT_EQ(talent[0]["name"], "Lena Park");
}

TEST_F(CliTest, UsageErrors) {
  EXPECT_EQ(RunMeridian({"import", "widgets", "x", "--db", db_}).exit_code, 1);
  CommandResult missing = RunMeridian({"import", "jobs", "/nonexistent/file.ndjson", "--db", db_});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("cannot read"), std::string::npos);
  EXPECT_EQ(RunMeridian({"frobnicate"}).exit_code, 2);
  CommandResult bad_env = RunMeridian({"config", "--log-format", "xml"});
  EXPECT_EQ(bad_env.exit_code, 1);
  EXPECT_NE(bad_env.err.find("expected text or json"), std::string::npos);
  CommandResult config = RunMeridian({"config", "--db", "/tmp/x.db"});
  EXPECT_EQ(config.exit_code, 0);
  EXPECT_NE(config.out.find("db = \"/tmp/x.db\""), std::string::npos) << config.out;
}

TEST_F(CliTest, EvalRecsysPrintsOneLinePerModelAndMetric) {
  std::string rows;
  for (int u = 1; u <= 20; ++u) {
    for (int i = 1; i <= 8; ++i) {
      rows += std::to_string(u) + "\t" + std::to_string((u + i) % 15 + 1) + "\t4\t88000000" +
              std::to_string(i) + "\n";
    }
  }
  std::string data = File("u.data", rows);
  CommandResult r = RunMeridian({"eval", "recsys", "--interactions", data, "--k", "5", "--model",
                                 "pop,itemknn,itemknn-bm25,als,hybrid", "--half-life-days", "30"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* line :
       {"pop precision@5: ", "pop recall@5: ", "pop ndcg@5: ", "pop map@5: ", "pop coverage@5: ",
        "itemknn-bm25 ndcg@5: ", "als ndcg@5: ", "als train_seconds: ", "hybrid ndcg@5: ",
        "hybrid coverage@5: ", "data: 20 users, 15 items, 160 interactions"}) {
    EXPECT_NE(r.out.find(line), std::string::npos) << line << "\n" << r.out;
  }
  std::string test = File("u1.test", "1\t3\t5\t1\n2\t4\t5\t1\n");
  r = RunMeridian(
      {"eval", "recsys", "--interactions", data, "--protocol", "predefined", "--test", test});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("held out (predefined)"), std::string::npos) << r.out;
  r = RunMeridian({"eval", "recsys", "--interactions", data, "--model", "pop,bpr"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--model bpr: unknown"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("pop ndcg"), std::string::npos) << r.out;  // checked before any runs
  std::string bad = File("bad.data", "1 2 3\n1 2 three\n");
  r = RunMeridian({"eval", "recsys", "--interactions", bad});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(bad + ":2: weight is not a number"), std::string::npos) << r.err;
}

TEST_F(CliTest, EvalSalaryPrintsEachModelAndMetric) {
  std::string csv =
      "title,salary_min,salary_max,salary_currency,job_type,category,location_type,"
      "experience_months\n";
  const char* levels[] = {"Junior", "Middle", "Senior"};
  const char* roles[] = {"Python Developer", "QA Engineer", "Designer"};
  for (int i = 0; i < 150; ++i) {
    const int level = i % 3, role = (i / 3) % 3,
              pay = 1000 + 1200 * level + 400 * role + i % 7 * 50;
    csv += std::string(levels[level]) + " " + roles[role] + "," + std::to_string(pay) + "," +
           std::to_string(pay + 500) + ",USD,FULL_TIME," + roles[role] + "," +
           (i % 2 ? "TELECOMMUTE" : "") + "," + std::to_string(12 * level) + "\n";
  }
  csv += "No salary here,,,,FULL_TIME,Other,,\n";
  std::string data = File("salaries.csv", csv);
  CommandResult r = RunMeridian({"eval", "salary", "--csv", data});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* line : {"150 rows with a salary", "meridian-xgb mae: ", "meridian-xgb mdape: ",
                           "meridian-xgb p10_p90_coverage: ", "meridian-xgb mean_range_width: ",
                           "median-by-category mae: ", "median-by-category mdape: ",
                           "meridian-xgb mae_reduction_vs_baseline: "}) {
    EXPECT_NE(r.out.find(line), std::string::npos) << line << "\n" << r.out;
  }
  EXPECT_LT(r.out.find("meridian-xgb mae: "), r.out.find("median-by-category mae: "));

  r = RunMeridian({"train", "salary", "--db", db_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("50 at least are needed"), std::string::npos) << r.err;
}

TEST_F(CliTest, DemoSeedsADeterministicDatabase) {
  CommandResult r =
      RunMeridian({"demo", "--db", db_, "--jobs", "200", "--talent", "30", "--articles", "20"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("200 jobs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("jobs/s"), std::string::npos);
  ServerProcess server({.db = db_});
  ASSERT_TRUE(server.started());
  Json page = server.Get("/api/v1/jobs?limit=5").json();
  EXPECT_EQ(page["data"].size(), 5u);
  EXPECT_FALSE(page["meta"]["next_cursor"].is_null());
  for (const Json& j : page["data"]) EXPECT_FALSE(j["slug"].get<std::string>().empty());
  EXPECT_GE(server.Get("/api/v1/cities?limit=100").json()["data"].size(), 100u);
  EXPECT_EQ(server.Get("/api/v1/articles?limit=20").json()["data"].size(), 20u);
}

}  // namespace
}  // namespace meridian::testing

namespace meridian::testing {
namespace {

// Every web page route over real HTTP against a demo database.
TEST(PagesTest, EveryPageRouteRenders) {
  std::string db = TempPath("pages.db");
  ASSERT_EQ(RunMeridian({"demo", "--db", db, "--jobs", "60", "--talent", "10", "--articles", "8"})
                .exit_code,
            0);
  ServerProcess server({.db = db});
  ASSERT_TRUE(server.started());
  auto first_slug = [&](const std::string& plural) {
    Json data = server.Get("/api/v1/" + plural + "?limit=1").json()["data"];
    return data.empty() ? std::string() : data[0]["slug"].get<std::string>();
  };
  std::vector<std::string> pages = {"/",          "/jobs",    "/jobs?tag=backend&seniority=senior",
                                    "/companies", "/cities",  "/cities?country=PT",
                                    "/talent",    "/articles"};
  for (const char* plural : {"jobs", "companies", "cities", "talent", "articles"}) {
    std::string slug = first_slug(plural);
    ASSERT_FALSE(slug.empty()) << plural;
    pages.push_back(std::string("/") + plural + "/" + slug);
  }
  for (const std::string& page : pages) {
    HttpResult r = server.Get(page);
    EXPECT_EQ(r.status, 200) << page;
    EXPECT_NE(r.headers["content-type"].find("text/html"), std::string::npos) << page;
    EXPECT_NE(r.headers["content-security-policy"].find("default-src 'self'"), std::string::npos)
        << page;
    EXPECT_NE(r.body.find("</html>"), std::string::npos) << page;
  }
  HttpResult css = server.Get("/static/meridian.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_NE(css.headers["content-type"].find("text/css"), std::string::npos);
  EXPECT_EQ(server.Get("/robots.txt").status, 200);
  EXPECT_EQ(server.Get("/jobs/no-such-job").status, 404);
  EXPECT_EQ(server.Get("/cities/no-such-city").status, 404);
  RemoveDb(db);
}

}  // namespace
}  // namespace meridian::testing
