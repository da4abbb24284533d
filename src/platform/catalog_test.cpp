// Catalog writes (create, patch, delete, slugs) and bulk import against a real SQLite store.
#include "platform/catalog.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>

#include "engine/store/sqlite/sqlite_store.h"
#include "platform/import/foreign.h"
#include "platform/import/html_text.h"
#include "platform/import/importer.h"

namespace meridian {
namespace {

Json J(const char* text) {
  return *ParseJson(text);
}

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "meridian_catalog_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    Remove();
    store_ = std::move(*OpenSqliteStore({.path = path_, .clock = &clock_}));
    catalog_ = std::make_unique<Catalog>(*store_, clock_);
  }
  void TearDown() override {
    catalog_.reset();
    store_.reset();
    Remove();
  }
  void Remove() {
    for (const char* s : {"", "-wal", "-shm"}) std::remove((path_ + s).c_str());
  }
  ImportReport Import(Entity e, const std::string& text, bool strict = false) {
    auto r = ImportText(*store_, text,
                        {.entity = e, .strict = strict, .batch_size = 2, .now = clock_.Now()});
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : ImportReport{};
  }

  FakeClock clock_{1795737600};
  std::string path_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Catalog> catalog_;
};

TEST_F(CatalogTest, PatchesKeepServerOwnedFields) {
  ASSERT_TRUE(catalog_->Create<Company>(J(R"({"name":"Acme"})")).ok());
  auto job = catalog_->Create<Job>(J(R"({"title":"Dev","company":"acme"})"));
  ASSERT_TRUE(job.ok());
  Job scored = *job;
  scored.scam_score = 0.93;
  scored.scam_reasons = {"asks for a fee"};
  ASSERT_TRUE(
      store_->Write([&](StoreWriter& w) { return w.PutJob(&scored, PutMode::kUpdate).status(); })
          .ok());
  auto patched = catalog_->Patch<Job>(job->slug, J(R"({"title":"Senior dev"})"));
  ASSERT_TRUE(patched.ok()) << patched.status();
  Job stored = *store_->GetJob(job->slug);
  EXPECT_EQ(stored.title, "Senior dev");
  ASSERT_TRUE(stored.scam_score.has_value());
  EXPECT_DOUBLE_EQ(*stored.scam_score, 0.93);
  EXPECT_EQ(stored.scam_reasons, std::vector<std::string>{"asks for a fee"});
}

TEST_F(CatalogTest, CreateDerivesUniqueStableSlugs) {
  auto a = catalog_->Create<Company>(J(R"({"name":"Acme Corp"})"));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->slug, "acme-corp");
  auto b = catalog_->Create<Company>(J(R"({"name":"Acme  Corp!"})"));
  EXPECT_EQ(b->slug, "acme-corp-2");
  auto dup = catalog_->Create<Company>(J(R"({"name":"Other","slug":"acme-corp"})"));
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  auto job = catalog_->Create<Job>(J(R"({"company":"acme-corp","title":"Senior Rust Engineer"})"));
  ASSERT_TRUE(job.ok()) << job.status();
  EXPECT_EQ(job->slug, "senior-rust-engineer-acme-corp");
  EXPECT_EQ(job->company_name, "Acme Corp");
  // Renaming does not move the slug.
  auto renamed = catalog_->Patch<Job>(job->slug, J(R"({"title":"Staff Rust Engineer"})"));
  ASSERT_TRUE(renamed.ok()) << renamed.status();
  EXPECT_EQ(renamed->slug, "senior-rust-engineer-acme-corp");
  EXPECT_EQ(store_->GetJob(job->slug)->title, "Staff Rust Engineer");
}

TEST_F(CatalogTest, PatchMergesAndValidatesTheWhole) {
  ASSERT_TRUE(catalog_->Create<Company>(J(R"({"name":"Acme"})")).ok());
  auto job = *catalog_->Create<Job>(J(R"({"company":"acme","title":"Dev","tags":["go"],
      "salary":{"min":1000,"max":2000,"currency":"USD","period":"MONTH"}})"));
  auto patched =
      catalog_->Patch<Job>(job.slug, J(R"({"salary":{"max":3000},"tags":["go","rust"]})"));
  ASSERT_TRUE(patched.ok()) << patched.status();
  EXPECT_EQ(*patched->salary.max, 3000);
  EXPECT_EQ(*patched->salary.min, 1000);
  EXPECT_EQ(*patched->salary.annual_usd_max, 36000);
  auto before = *store_->Counts();
  EXPECT_EQ(catalog_->Patch<Job>(job.slug, J(R"({"salary":{"min":5000}})")).status().field(),
            "salary.min");
  EXPECT_EQ(catalog_->Patch<Job>(job.slug, J(R"({"slug":"other"})")).status().field(), "slug");
  EXPECT_EQ(catalog_->Patch<Job>(job.slug, J(R"({"nope":1})")).status().field(), "nope");
  EXPECT_EQ(catalog_->Patch<Job>(job.slug, J(R"({"company":"missing-co"})")).status().field(),
            "company");
  EXPECT_EQ(catalog_->Patch<Job>("no-such-job", J(R"({"title":"x"})")).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(catalog_->Patch<Job>(job.slug, J("[1]")).status().code(), StatusCode::kInvalidArgument);
  auto after = *store_->Counts();
  EXPECT_EQ(after.last_change_seq, before.last_change_seq);  // nothing written
  // null removes a field (RFC 7386).
  auto cleared = catalog_->Patch<Job>(job.slug, J(R"({"salary":null})"));
  ASSERT_TRUE(cleared.ok()) << cleared.status();
  EXPECT_FALSE(cleared->salary.present());
}

TEST_F(CatalogTest, ImportNdjsonReportsRowsAndUpserts) {
  std::string text =
      "{\"slug\":\"acme\",\"name\":\"Acme\"}\n"
      "\n"
      "{\"slug\":\"globex\",\"name\":\"Globex\",\"regions\":[\"Narnia\"]}\n"
      "{not json}\n"
      "{\"slug\":\"initech\",\"name\":\"Initech\",\"size\":\"medium\"}\n";
  ImportReport r = Import(Entity::kCompany, text);
  EXPECT_EQ(r.rows, 4);
  EXPECT_EQ(r.inserted, 2);
  EXPECT_EQ(r.invalid, 2);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].line, 3);
  EXPECT_EQ(r.errors[0].field, "regions[0]");
  EXPECT_EQ(r.errors[1].line, 4);
  EXPECT_NE(r.errors[1].reason.find("malformed JSON"), std::string::npos);
  // Importing again updates instead of duplicating.
  ImportReport again = Import(Entity::kCompany, "{\"slug\":\"acme\",\"name\":\"Acme Inc\"}\n");
  EXPECT_EQ(again.updated, 1);
  EXPECT_EQ(store_->GetCompany("acme")->name, "Acme Inc");
  EXPECT_EQ(store_->Counts()->rows["companies"], 2);
}

TEST_F(CatalogTest, StrictImportIsAllOrNothing) {
  auto before = *store_->Counts();
  ImportReport r =
      Import(Entity::kCompany, "{\"name\":\"A\"}\n{\"name\":\"B\",\"size\":\"huge\"}\n", true);
  EXPECT_FALSE(r.written);
  EXPECT_EQ(r.invalid, 1);
  auto after = *store_->Counts();
  EXPECT_EQ(after.rows, before.rows);
  EXPECT_EQ(after.last_change_seq, before.last_change_seq);
  // A reference the store rejects also rolls back the whole strict file.
  ASSERT_TRUE(catalog_->Create<Company>(J(R"({"name":"Acme"})")).ok());
  auto mid = *store_->Counts();
  ImportReport refs = Import(
      Entity::kJob,
      "{\"company\":\"acme\",\"title\":\"A\"}\n{\"company\":\"ghost\",\"title\":\"B\"}\n", true);
  EXPECT_FALSE(refs.written);
  EXPECT_EQ(refs.errors[0].field, "company");
  EXPECT_EQ(store_->Counts()->rows, mid.rows);
  // Without --strict the good row lands and the bad one is reported.
  ImportReport loose =
      Import(Entity::kJob,
             "{\"company\":\"acme\",\"title\":\"A\"}\n{\"company\":\"ghost\",\"title\":\"B\"}\n");
  EXPECT_EQ(loose.inserted, 1);
  EXPECT_EQ(loose.invalid, 1);
  EXPECT_EQ(loose.errors[0].line, 2);
}

TEST_F(CatalogTest, ImportCsvWithTypedColumns) {
  std::string csv =
      "name,country,lat,lng,population,timezone,internet_mbps\n"
      "Lisbon,PT,38.72,-9.14,506654,Europe/Lisbon,150\n"
      "\"Porto, Norte\",PT,41.15,-8.61,237591,Europe/Lisbon,\n"
      "Nowhere,PT,abc,0,1,UTC,\n"
      "Mars City,PT,1,2,3,Mars/Base,\n";
  ImportReport r = Import(Entity::kCity, csv);
  EXPECT_EQ(r.inserted, 2);
  ASSERT_EQ(r.invalid, 2);
  EXPECT_EQ(r.errors[0].line, 4);
  EXPECT_EQ(r.errors[0].field, "lat");
  EXPECT_EQ(r.errors[1].field, "timezone");
  auto lisbon = store_->GetCity("lisbon-pt");
  ASSERT_TRUE(lisbon.ok()) << lisbon.status();
  EXPECT_EQ(*lisbon->internet_mbps, 150);
  EXPECT_TRUE(store_->GetCity("porto-norte-pt").ok());
  ImportReport bad_header = Import(Entity::kCity, "name,flavour\nx,y\n");
  EXPECT_EQ(bad_header.errors[0].line, 1);
  EXPECT_NE(bad_header.errors[0].reason.find("unknown column 'flavour'"), std::string::npos);
  ImportReport jobs_csv =
      Import(Entity::kCompany, "name,technologies,regions\nAcme,go;rust,Europe;US\n");
  EXPECT_EQ(jobs_csv.inserted, 1);
  EXPECT_EQ(store_->GetCompany("acme")->technologies, (std::vector<std::string>{"go", "rust"}));
}

TEST_F(CatalogTest, ImportSchemaOrgJobPostingArray) {
  std::string text = R"x([
  {"@context":"https://schema.org","@type":"JobPosting","title":"Backend Engineer (Go)",
   "description":"<p>We build <b>payments</b>.</p><ul><li>Go</li><li>PostgreSQL</li></ul><script>alert(1)</script>",
   "datePosted":"2026-11-01","validThrough":"2026-12-01T00:00:00Z","employmentType":["FULL_TIME"],
   "hiringOrganization":{"@type":"Organization","name":"Paystack Demo","sameAs":"https://paystack.example"},
   "jobLocationType":"TELECOMMUTE",
   "applicantLocationRequirements":[{"@type":"Country","name":"Nigeria"},{"@type":"Country","name":"Kenya"}],
   "baseSalary":{"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue","minValue":50000,"maxValue":70000,"unitText":"YEAR"}},
   "identifier":{"@type":"PropertyValue","name":"Paystack","value":"BE-42"}},
  {"@type":"JobPosting","title":"No org"},
  {"@type":"JobPosting","title":"Ghost","hiringOrganization":{"name":"Ghost Co"},"applicantLocationRequirements":{"@type":"Country","name":"Atlantis"}}
])x";
  ImportReport r = Import(Entity::kJob, text);
  EXPECT_EQ(r.format, ImportFormat::kJobPosting);
  EXPECT_EQ(r.inserted, 1);
  ASSERT_EQ(r.invalid, 2);
  EXPECT_EQ(r.errors[0].line, 10);
  EXPECT_EQ(r.errors[0].field, "hiringOrganization.name");
  EXPECT_EQ(r.errors[1].field, "applicantLocationRequirements");
  auto page = *store_->ListJobs({}, {});
  ASSERT_EQ(page.items.size(), 1u);
  const Job& j = page.items[0];
  EXPECT_EQ(j.slug, "backend-engineer-go-paystack-demo-be-42");
  EXPECT_EQ(j.company_name, "Paystack Demo");
  EXPECT_EQ(j.eligible_areas, (std::vector<std::string>{"NG", "KE"}));
  EXPECT_EQ(*j.salary.annual_usd_max, 70000);
  EXPECT_NE(j.description.find("**payments**"), std::string::npos);
  EXPECT_NE(j.description.find("- Go"), std::string::npos);
  EXPECT_EQ(j.description.find("alert"), std::string::npos);
  EXPECT_EQ(store_->GetCompany("paystack-demo")->website, "https://paystack.example");
}

TEST_F(CatalogTest, ImportJsonResumeAndExport) {
  ASSERT_TRUE(catalog_
                  ->Create<City>(J(R"({"name":"Lisbon","country":"PT","lat":38.7,"lng":-9.1,
      "timezone":"Europe/Lisbon","slug":"lisbon"})"))
                  .ok());
  std::string resume =
      R"({"basics":{"name":"Ana Silva","label":"Rust engineer","email":"ana@example.com",
    "location":{"city":"Lisbon","countryCode":"PT"},"profiles":[{"network":"web","url":"https://example.com/ana"}]},
    "skills":[{"name":"Rust","level":"Master","keywords":["Tokio","SQL"]}],
    "meridian":{"timezone":"Europe/Lisbon","availability":"now"}})";
  ImportReport r = Import(Entity::kTalent, resume + "\n");
  EXPECT_EQ(r.format, ImportFormat::kJsonResume);
  ASSERT_EQ(r.inserted, 1) << (r.errors.empty() ? "" : r.errors[0].reason);
  auto page = *store_->ListTalent({}, {});
  const Talent& t = page.items[0];
  EXPECT_EQ(t.city_slug, "lisbon");
  EXPECT_EQ(t.skills[0].level, 5);
  EXPECT_EQ(t.skills.size(), 3u);
  EXPECT_EQ(t.timezone, "Europe/Lisbon");
  Json exported = TalentToJsonResume(t);
  EXPECT_EQ(exported["basics"]["email"], "ana@example.com");
  EXPECT_EQ(exported["basics"]["location"]["countryCode"], "PT");
  // The export imports again as the same profile.
  ImportReport again = Import(Entity::kTalent, DumpJson(exported) + "\n");
  EXPECT_EQ(again.updated, 1) << (again.errors.empty() ? "" : again.errors[0].reason);
}

TEST(HtmlTextTest, ConvertsAndStrips) {
  EXPECT_EQ(HtmlToMarkdown("<p>Hello&nbsp;<strong>world</strong> &amp; co</p><p>Next</p>"),
            "Hello **world** & co\n\nNext");
  EXPECT_EQ(HtmlToMarkdown("<ul><li>A</li><li>B</li></ul>"), "- A\n- B");
  EXPECT_EQ(HtmlToMarkdown("<a href=\"https://x.example\">x</a> <a href=\"javascript:y\">y</a>"),
            "[x](https://x.example) y");
  EXPECT_EQ(HtmlToMarkdown("a<script>evil()</script>b<style>p{}</style>c<!-- hidden -->d"), "abcd");
  EXPECT_EQ(HtmlToMarkdown("&lt;script&gt;"), "&lt;script>");
  EXPECT_EQ(DecodeHtmlEntities("&#233;&#x4E2D;&bogus;"), "é中&bogus;");
}

}  // namespace
}  // namespace meridian
