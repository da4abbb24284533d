// The web pages against a real SQLite store: status codes, escaping, JSON-LD, Markdown,
// privacy of talent contact details, pagination, bad filters and the static files.
#include "web/web.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <optional>

#include "base/json.h"
#include "base/strings.h"
#include "engine/search/search_service.h"
#include "engine/store/sqlite/sqlite_store.h"
#include "web/format.h"

namespace meridian::web {
namespace {

constexpr UnixSeconds kNow = 1782900000;  // 2026-07-01T10:00:00Z
constexpr std::string_view kXssTitle = "<script>alert(1)</script> Engineer";
constexpr std::string_view kXssBreakout = "\"</script><script>alert(2)</script>";

size_t Count(std::string_view haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string_view::npos;
       pos = haystack.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

// The text between <script type="application/ld+json"> and the next </script>; "" if none.
std::string JsonLdBlock(const std::string& html) {
  const std::string open = "<script type=\"application/ld+json\">";
  size_t start = html.find(open);
  if (start == std::string::npos) return "";
  start += open.size();
  size_t end = html.find("</script>", start);
  if (end == std::string::npos) return "";
  return html.substr(start, end - start);
}

class WebTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "meridian_web_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    Remove();
    auto s = OpenSqliteStore({.path = path_, .clock = &clock_});
    ASSERT_TRUE(s.ok()) << s.status();
    store_ = std::move(*s);
    Seed();
    Status st = RegisterPages(router_, {.store = store_.get(), .clock = &clock_});
    ASSERT_TRUE(st.ok()) << st;
  }
  void TearDown() override {
    store_.reset();
    Remove();
  }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
  }

  void Seed() {
    Company acme;
    acme.slug = "acme";
    acme.name = "Acme";
    acme.website = "https://acme.example";
    acme.description = "Acme builds **rockets**.";
    acme.regions = {"150", "US"};
    acme.remote_policy = "fully-remote";
    acme.size = "medium";
    acme.technologies = {"rust", "go"};
    Company evil;
    evil.slug = "evil";
    evil.name = std::string(kXssBreakout);
    evil.website = "javascript:alert(3)";
    evil.regions = {"WW"};
    Put(&acme);
    Put(&evil);

    Job rust = MakeJob("rust-engineer", "acme", kNow - 3600);
    rust.title = "Senior Rust Engineer";
    rust.description = "We need **bold** people.\n\n<script>alert('md')</script>\n";
    rust.eligible_areas = {"150", "PT"};
    rust.eligibility_evidence = "Open to candidates in Europe";
    rust.salary.min = 80000;
    rust.salary.max = 100000;
    rust.salary.currency = "EUR";
    rust.salary.period = "YEAR";
    rust.salary.annual_usd_min = 94000;
    rust.salary.annual_usd_max = 117000;
    rust.salary.source = "employer";
    rust.valid_through = kNow + 30 * 86400;
    rust.apply_url = "https://acme.example/apply";
    Put(&rust);

    Job nosalary = MakeJob("go-developer", "acme", kNow - 7200);
    nosalary.title = "Go Developer";
    nosalary.eligible_areas = {"WW"};
    nosalary.timezone = TimezoneWindow{"", 0, 0, -300, 120};
    nosalary.apply_url = "javascript:alert(4)";
    Put(&nosalary);

    Job xss = MakeJob("xss-job", "evil", kNow - 10800);
    xss.title = std::string(kXssTitle);
    xss.description = std::string(kXssBreakout) + "\n\nText with " + std::string(kXssBreakout);
    xss.tags = {"<script>alert(5)</script>"};
    xss.eligibility_evidence = std::string(kXssBreakout);
    xss.eligible_areas = {"WW"};
    Put(&xss);

    Job expired = MakeJob("old-job", "acme", kNow - 90 * 86400);
    expired.status = "expired";
    Put(&expired);
    Job draft = MakeJob("draft-job", "acme", kNow - 60);
    draft.status = "draft";
    Put(&draft);

    City lisbon;
    lisbon.slug = "lisbon";
    lisbon.name = "Lisbon";
    lisbon.country = "PT";
    lisbon.province = "Lisboa";
    lisbon.lat = 38.72;
    lisbon.lng = -9.14;
    lisbon.population = 517802;
    lisbon.timezone = "Europe/Lisbon";
    lisbon.cost_of_living_usd = 1800;
    lisbon.internet_mbps = 150;
    PutCity(&lisbon);

    Talent ana = MakeTalent("ana", "public");
    ana.city_slug = "lisbon";
    ana.summary = "I like *types*.";
    ana.links = {"https://github.com/ana", "javascript:alert(6)"};
    PutTalent(&ana);
    Talent hidden = MakeTalent("hidden-person", "hidden");
    PutTalent(&hidden);

    Article guide;
    guide.slug = "city-guide-lisbon";
    guide.title = "Working remotely from Lisbon";
    guide.summary = "Cafés, coworking and time zones.";
    guide.body = "## Why Lisbon\n\nIt is **sunny**.\n\n<script>alert(7)</script>";
    guide.tags = {"cities", "europe"};
    guide.author = "Meridian team";
    guide.published_at = kNow - 86400;
    PutArticle(&guide);
  }

  Job MakeJob(const std::string& slug, const std::string& company, UnixSeconds posted) {
    Job j;
    j.slug = slug;
    j.company_slug = company;
    j.title = "Engineer " + slug;
    j.description = "Plain description.";
    j.tags = {"rust", "backend"};
    j.seniority = "senior";
    j.employment_type = "FULL_TIME";
    j.status = "live";
    j.posted_at = posted;
    j.timezone = TimezoneWindow{"Europe/Berlin", 9 * 60, 17 * 60, std::nullopt, std::nullopt};
    return j;
  }
  Talent MakeTalent(const std::string& slug, const std::string& visibility) {
    Talent t;
    t.slug = slug;
    t.name = "Person " + slug;
    t.headline = "Backend engineer";
    t.skills = {{"rust", 5}, {"sql", 3}, {"go", 0}};
    t.seniority = "senior";
    t.country = "PT";
    t.timezone = "Europe/Lisbon";
    t.work_start_minute = 540;
    t.work_end_minute = 1020;
    t.availability = "now";
    t.visibility = visibility;
    t.email = slug + "@private.example";
    t.contact = "signal:+351-secret-" + slug;
    return t;
  }

  void Put(Company* c) {
    Status s =
        store_->Write([&](StoreWriter& w) { return w.PutCompany(c, PutMode::kCreate).status(); });
    ASSERT_TRUE(s.ok()) << s;
  }
  void Put(Job* j) {
    Status s =
        store_->Write([&](StoreWriter& w) { return w.PutJob(j, PutMode::kCreate).status(); });
    ASSERT_TRUE(s.ok()) << s;
  }
  void PutCity(City* c) {
    Status s =
        store_->Write([&](StoreWriter& w) { return w.PutCity(c, PutMode::kCreate).status(); });
    ASSERT_TRUE(s.ok()) << s;
  }
  void PutTalent(Talent* t) {
    Status s =
        store_->Write([&](StoreWriter& w) { return w.PutTalent(t, PutMode::kCreate).status(); });
    ASSERT_TRUE(s.ok()) << s;
  }
  void PutArticle(Article* a) {
    Status s =
        store_->Write([&](StoreWriter& w) { return w.PutArticle(a, PutMode::kCreate).status(); });
    ASSERT_TRUE(s.ok()) << s;
  }

  // Dispatches like the server: the matching route, else the /__not_found__ page.
  http::Response Get(const std::string& path,
                     std::vector<std::pair<std::string, std::string>> query = {}) {
    http::Request req;
    req.method = http::Method::kGet;
    req.path = path;
    req.target = path;
    req.query = std::move(query);
    req.headers["host"] = "meridian.test";
    req.request_id = "test-request";
    http::Router::Match m = router_.Find(http::Method::kGet, path);
    if (m.outcome != http::Router::Outcome::kFound) {
      m = router_.Find(http::Method::kGet, "/__not_found__");
      EXPECT_EQ(m.outcome, http::Router::Outcome::kFound);
    }
    req.params = m.params;
    return router_.routes()[static_cast<size_t>(m.route)].handler(req);
  }

  std::string path_;
  FakeClock clock_{kNow};
  std::unique_ptr<Store> store_;
  http::Router router_;
};

TEST_F(WebTest, HomeShowsJobsCitiesArticlesAndCounts) {
  http::Response r = Get("/");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("Senior Rust Engineer"), std::string::npos);
  EXPECT_NE(r.body.find("Lisbon"), std::string::npos);
  EXPECT_NE(r.body.find("Working remotely from Lisbon"), std::string::npos);
  EXPECT_NE(r.body.find("action=\"/jobs\""), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/jobs?tag=rust\""), std::string::npos);  // popular tag
  EXPECT_NE(r.body.find("<link rel=\"canonical\" href=\"http://meridian.test/\">"),
            std::string::npos);
  EXPECT_NE(r.body.find("/static/meridian.css"), std::string::npos);
  EXPECT_NE(r.body.find("Remote In Tech"), std::string::npos);
  // No inline styles or scripts: the CSP forbids them.
  EXPECT_EQ(r.body.find("style="), std::string::npos);
  EXPECT_EQ(r.body.find("<style"), std::string::npos);
  EXPECT_EQ(r.body.find("<script"), std::string::npos);
  // Not a demo database: no banner.
  EXPECT_EQ(r.body.find("Demo data:"), std::string::npos);
}

TEST_F(WebTest, JobSearchRanksFacetsAndEscapes) {
  SearchService search(*store_, {});
  ASSERT_TRUE(search.Start().ok());
  http::Router router;
  ASSERT_TRUE(
      RegisterPages(router, {.store = store_.get(), .clock = &clock_, .search = &search}).ok());
  std::swap(router, router_);
  // A typo still finds the Rust job; drafts and expired jobs stay out.
  http::Response r = Get("/jobs", {{"q", "rsut engineer"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("/jobs/rust-engineer"), std::string::npos);
  EXPECT_EQ(r.body.find("/jobs/draft-job"), std::string::npos);
  EXPECT_NE(r.body.find("1 job</strong>"), std::string::npos);
  EXPECT_NE(r.body.find("class=\"facets\""), std::string::npos);
  // Matches are marked in the title; tags are checkboxes with counts; seniority options
  // carry their counts; the search has RSS and Atom alternates with the same query.
  EXPECT_NE(r.body.find("Senior <mark>Rust</mark> <mark>Engineer</mark>"), std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("name=\"tag\" value=\"rust\"> rust <span class=\"count\">1</span>"),
            std::string::npos);
  EXPECT_NE(r.body.find(">Senior (1)</option>"), std::string::npos);
  EXPECT_NE(r.body.find("<link rel=\"alternate\" type=\"application/rss+xml\""), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/jobs.atom?q=rsut%20engineer\""), std::string::npos);
  EXPECT_NE(r.body.find("<script src=\"/static/search.js\" defer></script>"), std::string::npos);
  // Country, zone and overlap filters are in the URL; bad ones are dropped with a note.
  r = Get("/jobs", {{"q", "engineer"}, {"country", "Japan"}});
  EXPECT_EQ(r.body.find("/jobs/rust-engineer"), std::string::npos);  // it is Europe-only
  r = Get("/jobs", {{"q", "engineer"}, {"country", "Portugal"}, {"tz", "Mars/Base"}});
  EXPECT_NE(r.body.find("/jobs/rust-engineer"), std::string::npos);
  EXPECT_NE(r.body.find("Ignored time zone"), std::string::npos);
  // Feeds: the same search as RSS 2.0 and Atom, escaped.
  r = Get("/jobs.rss", {{"q", "rust"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/rss+xml; charset=utf-8");
  EXPECT_NE(r.body.find("<title>Senior Rust Engineer at Acme</title>"), std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("<link>http://meridian.test/jobs/rust-engineer</link>"), std::string::npos);
  EXPECT_EQ(r.body.find("<script>"), std::string::npos);
  r = Get("/jobs.atom", {{"q", "rust"}, {"tag", "rust"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), std::string::npos);
  EXPECT_NE(r.body.find("<id>http://meridian.test/jobs/rust-engineer</id>"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"http://meridian.test/jobs.atom?q=rust&amp;tag=rust\""),
            std::string::npos);
  // Hostile search text is echoed escaped; a bad cursor restarts with a note.
  r = Get("/jobs", {{"q", "\"><script>alert(9)</script>"}, {"cursor", "zz"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("<script>alert(9)"), std::string::npos);
  EXPECT_NE(r.body.find("no longer valid"), std::string::npos);
  std::swap(router, router_);
}

TEST_F(WebTest, DemoBannerWhenSeeded) {
  ASSERT_TRUE(store_->Write([](StoreWriter& w) { return w.SetMeta("demo.seed", "42"); }).ok());
  http::Response r = Get("/jobs");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(
      r.body.find("Demo data: jobs, talent profiles and articles are generated and fictional."),
      std::string::npos);
}

TEST_F(WebTest, JobListShowsLiveJobsOnlyAndEscapes) {
  http::Response r = Get("/jobs");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Senior Rust Engineer"), std::string::npos);
  EXPECT_NE(r.body.find("80,000\u2013100,000 EUR / year"), std::string::npos);
  EXPECT_NE(r.body.find("\u2248 $94k\u2013117k USD/yr"), std::string::npos);
  EXPECT_NE(r.body.find("09:00\u201317:00 Europe/Berlin"), std::string::npos);
  EXPECT_NE(r.body.find("UTC\u22125 to UTC+2"), std::string::npos);
  EXPECT_NE(r.body.find("Europe"), std::string::npos);
  EXPECT_NE(r.body.find("Portugal"), std::string::npos);
  EXPECT_EQ(r.body.find("old-job"), std::string::npos);    // expired
  EXPECT_EQ(r.body.find("draft-job"), std::string::npos);  // draft
  EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt; Engineer"), std::string::npos);
  EXPECT_EQ(r.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(r.body.find("</script><script>"), std::string::npos);
  EXPECT_EQ(r.body.find("<script"), std::string::npos);
}

TEST_F(WebTest, JobListFilters) {
  http::Response r = Get("/jobs", {{"q", "rust"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Senior Rust Engineer"), std::string::npos);
  EXPECT_EQ(r.body.find("Go Developer"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"rust\""), std::string::npos);  // the form keeps the value

  r = Get("/jobs", {{"company", "evil"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("Senior Rust Engineer"), std::string::npos);
  EXPECT_NE(r.body.find("&lt;script&gt;alert(1)"), std::string::npos);
}

TEST_F(WebTest, BadFiltersAreReportedNotFatal) {
  http::Response r = Get("/jobs", {{"seniority", "wizard"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Ignored seniority"), std::string::npos);
  EXPECT_NE(r.body.find("Senior Rust Engineer"), std::string::npos);  // unfiltered list

  r = Get("/jobs", {{"employment_type", "<b>x</b>"}, {"company", "Not A Slug!"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("<b>x</b>"), std::string::npos);
  EXPECT_NE(r.body.find("&lt;b&gt;x&lt;/b&gt;"), std::string::npos);

  r = Get("/jobs", {{"cursor", "garbage!!"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("no longer valid"), std::string::npos);

  r = Get("/jobs", {{"q", std::string("\xff\xfe")}});
  ASSERT_EQ(r.status, 200);
  r = Get("/jobs", {{"q", std::string(500, 'x')}});
  ASSERT_EQ(r.status, 200);
  r = Get("/talent", {{"seniority", "wizard"}, {"country", "Atlantis"}});
  ASSERT_EQ(r.status, 200);
  r = Get("/cities", {{"country", "zz-top"}});
  ASSERT_EQ(r.status, 200);
  r = Get("/companies", {{"remote_policy", "sometimes"}});
  ASSERT_EQ(r.status, 200);
  r = Get("/articles", {{"tag", std::string(80, 't')}, {"cursor", "x"}});
  ASSERT_EQ(r.status, 200);
}

TEST_F(WebTest, PaginationCarriesCursorAndFilters) {
  for (int i = 0; i < 25; ++i) {
    Job j = MakeJob("bulk-" + std::to_string(i), "acme", kNow - 86400 - i * 60);
    j.title = "Bulk Engineer " + std::to_string(i);
    Put(&j);
  }
  http::Response r = Get("/jobs", {{"tag", "rust"}});
  ASSERT_EQ(r.status, 200);
  size_t at = r.body.find("rel=\"next\" href=\"/jobs?tag=rust&amp;cursor=");
  ASSERT_NE(at, std::string::npos) << r.body;
  EXPECT_NE(r.body.find("Next page \u2192"), std::string::npos);
  size_t start = r.body.find("cursor=", at) + 7;
  std::string cursor = r.body.substr(start, r.body.find('"', start) - start);
  ASSERT_FALSE(cursor.empty());

  http::Response next = Get("/jobs", {{"tag", "rust"}, {"cursor", cursor}});
  ASSERT_EQ(next.status, 200);
  EXPECT_NE(next.body.find("First page"), std::string::npos);
  EXPECT_NE(next.body.find("Bulk Engineer 24"), std::string::npos);
  EXPECT_EQ(next.body.find("rel=\"next\""), std::string::npos);  // last page
}

TEST_F(WebTest, JobPageHasJsonLd) {
  http::Response r = Get("/jobs/rust-engineer");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("<strong>bold</strong>"), std::string::npos);
  EXPECT_EQ(r.body.find("alert('md')"), std::string::npos);  // raw HTML dropped by cmark
  EXPECT_NE(r.body.find("href=\"https://acme.example/apply\""), std::string::npos);
  EXPECT_NE(r.body.find("Given by the employer"), std::string::npos);
  EXPECT_NE(r.body.find("Open to candidates in Europe"), std::string::npos);
  EXPECT_EQ(Count(r.body, "<script"), 1u);

  std::string block = JsonLdBlock(r.body);
  ASSERT_FALSE(block.empty());
  StatusOr<Json> ld = ParseJson(block);
  ASSERT_TRUE(ld.ok()) << ld.status() << block;
  EXPECT_EQ((*ld)["@context"], "https://schema.org");
  EXPECT_EQ((*ld)["@type"], "JobPosting");
  EXPECT_EQ((*ld)["title"], "Senior Rust Engineer");
  EXPECT_EQ((*ld)["datePosted"], FormatRfc3339(kNow - 3600));
  EXPECT_EQ((*ld)["validThrough"], FormatRfc3339(kNow + 30 * 86400));
  EXPECT_EQ((*ld)["hiringOrganization"]["@type"], "Organization");
  EXPECT_EQ((*ld)["hiringOrganization"]["name"], "Acme");
  EXPECT_EQ((*ld)["hiringOrganization"]["sameAs"], "https://acme.example");
  EXPECT_EQ((*ld)["employmentType"], "FULL_TIME");
  EXPECT_EQ((*ld)["jobLocationType"], "TELECOMMUTE");
  const Json& areas = (*ld)["applicantLocationRequirements"];
  ASSERT_TRUE(areas.is_array());
  ASSERT_EQ(areas.size(), 2u);
  EXPECT_EQ(areas[0]["@type"], "AdministrativeArea");
  EXPECT_EQ(areas[0]["name"], "Europe");
  EXPECT_EQ(areas[1]["@type"], "Country");
  EXPECT_EQ(areas[1]["name"], "Portugal");
  const Json& salary = (*ld)["baseSalary"];
  EXPECT_EQ(salary["@type"], "MonetaryAmount");
  EXPECT_EQ(salary["currency"], "EUR");
  EXPECT_EQ(salary["value"]["@type"], "QuantitativeValue");
  EXPECT_EQ(salary["value"]["minValue"], 80000);
  EXPECT_EQ(salary["value"]["maxValue"], 100000);
  EXPECT_EQ(salary["value"]["unitText"], "YEAR");
  EXPECT_EQ((*ld)["identifier"]["value"], "rust-engineer");
  EXPECT_EQ((*ld)["identifier"]["name"], "Meridian");
  EXPECT_EQ((*ld)["url"], "http://meridian.test/jobs/rust-engineer");
  EXPECT_NE((*ld)["description"].get<std::string>().find("<strong>bold</strong>"),
            std::string::npos);
}

TEST_F(WebTest, JobWithoutSalaryHasNoBaseSalaryAndNoUnsafeApplyLink) {
  http::Response r = Get("/jobs/go-developer");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Not disclosed by the employer"), std::string::npos);
  EXPECT_EQ(r.body.find("javascript:"), std::string::npos);
  StatusOr<Json> ld = ParseJson(JsonLdBlock(r.body));
  ASSERT_TRUE(ld.ok()) << ld.status();
  EXPECT_FALSE(ld->contains("baseSalary"));
  ASSERT_EQ((*ld)["applicantLocationRequirements"].size(), 1u);
  EXPECT_EQ((*ld)["applicantLocationRequirements"][0]["@type"], "AdministrativeArea");
  EXPECT_EQ((*ld)["applicantLocationRequirements"][0]["name"], "Worldwide");
}

TEST_F(WebTest, HostileTextIsEscapedOnTheJobPageAndInJsonLd) {
  http::Response r = Get("/jobs/xss-job");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(r.body.find("</script><script>"), std::string::npos);
  EXPECT_EQ(Count(r.body, "<script"), 1u);   // only the JSON-LD block
  EXPECT_EQ(Count(r.body, "</script"), 1u);  // and its own end tag
  EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt; Engineer"), std::string::npos);
  EXPECT_EQ(r.body.find("javascript:"), std::string::npos);  // the company's website

  std::string block = JsonLdBlock(r.body);
  ASSERT_FALSE(block.empty());
  EXPECT_EQ(block.find('<'), std::string::npos);
  EXPECT_EQ(block.find('>'), std::string::npos);
  EXPECT_EQ(block.find("</script"), std::string::npos);
  StatusOr<Json> ld = ParseJson(block);
  ASSERT_TRUE(ld.ok()) << ld.status() << block;
  // The values survive intact once parsed.
  EXPECT_EQ((*ld)["title"], std::string(kXssTitle));
  EXPECT_EQ((*ld)["hiringOrganization"]["name"], std::string(kXssBreakout));
  EXPECT_FALSE((*ld)["hiringOrganization"].contains("sameAs"));
}

TEST_F(WebTest, ClosedAndUnpublishedJobs) {
  http::Response r = Get("/jobs/old-job");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("No longer accepting applications"), std::string::npos);
  EXPECT_EQ(r.body.find("application/ld+json"), std::string::npos);
  EXPECT_EQ(r.body.find("Apply now"), std::string::npos);

  EXPECT_EQ(Get("/jobs/draft-job").status, 404);
  EXPECT_EQ(Get("/jobs/no-such-job").status, 404);
  EXPECT_EQ(Get("/jobs/Bad Slug").status, 404);
}

TEST_F(WebTest, CompanyPages) {
  http::Response list = Get("/companies");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("href=\"/companies/acme\""), std::string::npos);
  EXPECT_EQ(list.body.find("</script><script>"), std::string::npos);

  http::Response r = Get("/companies/acme");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("<strong>rockets</strong>"), std::string::npos);
  EXPECT_NE(r.body.find("Fully remote"), std::string::npos);
  EXPECT_NE(r.body.find("Europe"), std::string::npos);
  EXPECT_NE(r.body.find("United States"), std::string::npos);
  EXPECT_NE(r.body.find("Senior Rust Engineer"), std::string::npos);
  EXPECT_EQ(r.body.find("old-job"), std::string::npos);
  EXPECT_EQ(Get("/companies/nope").status, 404);

  http::Response evil = Get("/companies/evil");
  ASSERT_EQ(evil.status, 200);
  EXPECT_EQ(evil.body.find("javascript:"), std::string::npos);
  EXPECT_EQ(evil.body.find("<script"), std::string::npos);
}

TEST_F(WebTest, TalentPagesNeverShowContactDetails) {
  http::Response list = Get("/talent");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_NE(list.body.find("Person ana"), std::string::npos);
  EXPECT_EQ(list.body.find("hidden-person"), std::string::npos);
  EXPECT_EQ(list.body.find("@private.example"), std::string::npos);

  http::Response r = Get("/talent/ana");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Backend engineer"), std::string::npos);
  EXPECT_NE(r.body.find("<em>types</em>"), std::string::npos);
  EXPECT_NE(r.body.find("lvl-5"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/cities/lisbon\""), std::string::npos);
  EXPECT_NE(r.body.find("rel=\"nofollow noopener\""), std::string::npos);
  EXPECT_NE(r.body.find("https://github.com/ana"), std::string::npos);
  EXPECT_EQ(r.body.find("javascript:"), std::string::npos);
  EXPECT_EQ(r.body.find("ana@private.example"), std::string::npos);
  EXPECT_EQ(r.body.find("secret"), std::string::npos);

  EXPECT_EQ(Get("/talent/hidden-person").status, 404);
  EXPECT_EQ(Get("/talent/hidden-person").body.find("@private.example"), std::string::npos);
}

TEST_F(WebTest, CityGuide) {
  http::Response list = Get("/cities", {{"country", "pt"}});
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_NE(list.body.find("href=\"/cities/lisbon\""), std::string::npos);

  http::Response r = Get("/cities/lisbon");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Portugal"), std::string::npos);
  EXPECT_NE(r.body.find("517,802"), std::string::npos);
  EXPECT_NE(r.body.find("Europe/Lisbon"), std::string::npos);
  EXPECT_NE(r.body.find("UTC+1"), std::string::npos);  // WEST in July
  EXPECT_NE(r.body.find("San Francisco"), std::string::npos);
  EXPECT_NE(r.body.find("Singapore"), std::string::npos);
  EXPECT_NE(r.body.find("Cost of living"), std::string::npos);
  EXPECT_NE(r.body.find("35%"), std::string::npos);
  EXPECT_NE(r.body.find("Not known for Lisbon: safety"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/articles/city-guide-lisbon\""), std::string::npos);
  EXPECT_NE(r.body.find("Person ana"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/talent?country=PT\""), std::string::npos);
  EXPECT_EQ(Get("/cities/atlantis").status, 404);
}

TEST_F(WebTest, Articles) {
  http::Response list = Get("/articles", {{"tag", "europe"}});
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Working remotely from Lisbon"), std::string::npos);
  http::Response none = Get("/articles", {{"tag", "mars"}});
  ASSERT_EQ(none.status, 200);
  EXPECT_EQ(none.body.find("Working remotely from Lisbon"), std::string::npos);

  http::Response r = Get("/articles/city-guide-lisbon");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("<strong>sunny</strong>"), std::string::npos);
  EXPECT_NE(r.body.find("<h2>Why Lisbon</h2>"), std::string::npos);
  EXPECT_EQ(r.body.find("alert(7)"), std::string::npos);
  EXPECT_NE(r.body.find("Meridian team"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/cities/lisbon\""), std::string::npos);
  EXPECT_EQ(Get("/articles/nope").status, 404);
}

TEST_F(WebTest, NotFoundPage) {
  http::Response r = Get("/__not_found__");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  r = Get("/no/such/<page>");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("Page not found"), std::string::npos);
  EXPECT_EQ(r.body.find("<page>"), std::string::npos);
  EXPECT_NE(r.body.find("noindex"), std::string::npos);
}

TEST_F(WebTest, StaticFilesAndRobots) {
  http::Response css = Get("/static/meridian.css");
  ASSERT_EQ(css.status, 200);
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  bool cached = false;
  for (const auto& [k, v] : css.headers)
    cached |= k == "Cache-Control" && v == "public, max-age=3600";
  EXPECT_TRUE(cached);
  EXPECT_NE(css.body.find(".job-card"), std::string::npos);

  http::Response svg = Get("/static/favicon.svg");
  ASSERT_EQ(svg.status, 200);
  EXPECT_EQ(svg.content_type, "image/svg+xml");
  EXPECT_NE(svg.body.find("<svg"), std::string::npos);

  EXPECT_EQ(Get("/static/nope.css").status, 404);
  EXPECT_EQ(Get("/static/..").status, 404);

  http::Response robots = Get("/robots.txt");
  ASSERT_EQ(robots.status, 200);
  EXPECT_NE(robots.body.find("User-agent: *"), std::string::npos);
}

// A store whose every read fails, as when the database is locked or gone.
class FailingStore final : public Store {
 public:
  explicit FailingStore(StatusCode code) : code_(code) {}
  Status Fail() const { return Status(code_, "disk on fire at /var/secret/meridian.db"); }
  StatusOr<Company> GetCompany(std::string_view) override { return Fail(); }
  StatusOr<Job> GetJob(std::string_view) override { return Fail(); }
  StatusOr<Talent> GetTalent(std::string_view) override { return Fail(); }
  StatusOr<City> GetCity(std::string_view) override { return Fail(); }
  StatusOr<Article> GetArticle(std::string_view) override { return Fail(); }
  StatusOr<std::map<std::string, Job>> GetJobs(const std::vector<std::string>&) override {
    return Fail();
  }
  StatusOr<Page<Company>> ListCompanies(const CompanyFilter&, const PageRequest&) override {
    return Fail();
  }
  StatusOr<Page<Job>> ListJobs(const JobFilter&, const PageRequest&) override { return Fail(); }
  StatusOr<Page<Talent>> ListTalent(const TalentFilter&, const PageRequest&) override {
    return Fail();
  }
  StatusOr<Page<City>> ListCities(const CityFilter&, const PageRequest&) override { return Fail(); }
  StatusOr<Page<Article>> ListArticles(const ArticleFilter&, const PageRequest&) override {
    return Fail();
  }
  StatusOr<User> GetUser(int64_t) override { return Fail(); }
  StatusOr<User> GetUserByEmail(std::string_view) override { return Fail(); }
  StatusOr<std::vector<User>> ListUsers(int64_t, int) override { return Fail(); }
  StatusOr<int64_t> CountCompanyUsers(std::string_view) override { return Fail(); }
  StatusOr<Session> GetSession(std::string_view) override { return Fail(); }
  StatusOr<SigninAttempts> GetSigninAttempts(std::string_view) override { return Fail(); }
  Status ScanJobs(const std::function<Status(const Job&)>&) override { return Fail(); }
  StatusOr<std::vector<Session>> ListSessions(int64_t) override { return Fail(); }
  StatusOr<ApiKey> GetApiKey(std::string_view) override { return Fail(); }
  StatusOr<std::vector<ApiKey>> ListApiKeys(int64_t) override { return Fail(); }
  StatusOr<std::vector<Event>> ListEventsOf(const EventOwner&, int) override { return Fail(); }
  StatusOr<std::vector<Event>> ListEvents(int64_t, int) override { return Fail(); }
  StatusOr<std::vector<ModerationLabel>> ListModerationLabels(int64_t, int) override {
    return Fail();
  }
  StatusOr<std::vector<ModelVersion>> ListModelVersions(std::string_view,
                                                        const ModelReadOptions&) override {
    return Fail();
  }
  StatusOr<ModelVersion> GetModelVersion(std::string_view, int64_t,
                                         const ModelReadOptions&) override {
    return Fail();
  }
  StatusOr<std::vector<ModelAlias>> ListModelAliases(std::string_view) override { return Fail(); }
  StatusOr<std::vector<ModelAliasMove>> ListModelAliasMoves(std::string_view) override {
    return Fail();
  }
  StatusOr<std::vector<DriftRecord>> ListDrift(std::string_view, UnixSeconds, int) override {
    return Fail();
  }
  StatusOr<std::vector<ImpressionCount>> ListImpressions(int64_t) override { return Fail(); }
  StatusOr<std::vector<ShadowCount>> ListShadowCounts(std::string_view) override { return Fail(); }
  StatusOr<std::vector<Change>> ChangesSince(int64_t, int) override { return Fail(); }
  StatusOr<TableCounts> Counts() override { return Fail(); }
  StatusOr<int64_t> LastChangeSeq() override { return Fail(); }
  StatusOr<std::optional<std::string>> GetMeta(std::string_view) override { return Fail(); }
  Status Ping() override { return Fail(); }
  Status Write(const std::function<Status(StoreWriter&)>&, const WriteOptions&) override {
    return Fail();
  }
  StatusOr<std::unique_ptr<StoreLock>> TryLock(std::string_view) override { return Fail(); }
  StatusOr<std::unique_ptr<ChangeNotifier>> WatchChanges() override { return Fail(); }
  std::string_view Kind() const override { return "failing"; }

 private:
  StatusCode code_;
};

http::Response GetFrom(http::Router& router, const std::string& path) {
  http::Request req;
  req.path = path;
  req.request_id = "req-42";
  http::Router::Match m = router.Find(http::Method::kGet, path);
  EXPECT_EQ(m.outcome, http::Router::Outcome::kFound) << path;
  req.params = m.params;
  return router.routes()[static_cast<size_t>(m.route)].handler(req);
}

TEST(WebErrorTest, StoreFailuresGiveErrorPagesWithoutInternals) {
  FakeClock clock(kNow);
  FailingStore unavailable(StatusCode::kUnavailable);
  http::Router router;
  ASSERT_TRUE(RegisterPages(router, {.store = &unavailable, .clock = &clock}).ok());
  for (const char* path : {"/", "/jobs", "/jobs/x", "/companies", "/companies/x", "/talent",
                           "/talent/x", "/cities", "/cities/x", "/articles", "/articles/x"}) {
    http::Response r = GetFrom(router, path);
    EXPECT_EQ(r.status, 503) << path;
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
    EXPECT_NE(r.body.find("Temporarily unavailable"), std::string::npos) << path;
    EXPECT_NE(r.body.find("req-42"), std::string::npos);
    EXPECT_EQ(r.body.find("disk on fire"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("/var/secret"), std::string::npos) << path;
  }
  // Static files and the 404 page do not need the store.
  EXPECT_EQ(GetFrom(router, "/static/meridian.css").status, 200);
  EXPECT_EQ(GetFrom(router, "/__not_found__").status, 404);

  FailingStore broken(StatusCode::kDataLoss);
  http::Router router2;
  ASSERT_TRUE(RegisterPages(router2, {.store = &broken, .clock = &clock}).ok());
  http::Response r = GetFrom(router2, "/jobs");
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("Something went wrong"), std::string::npos);
  EXPECT_EQ(r.body.find("disk on fire"), std::string::npos);
}

TEST(WebErrorTest, RegisterNeedsStoreAndClock) {
  http::Router router;
  EXPECT_FALSE(RegisterPages(router, {}).ok());
}

TEST(WebFormatTest, Helpers) {
  Salary s;
  s.min = 60;
  s.currency = "USD";
  s.period = "HOUR";
  EXPECT_EQ(FormatSalary(s), "from 60 USD / hour");
  s.min.reset();
  s.max = 5000;
  s.currency = "GBP";
  s.period = "MONTH";
  EXPECT_EQ(FormatSalary(s), "up to 5,000 GBP / month");
  EXPECT_EQ(FormatSalary(Salary{}), "");
  Salary usd;
  usd.min = 100000;
  usd.max = 150000;
  usd.currency = "USD";
  usd.period = "YEAR";
  usd.annual_usd_min = 100000;
  usd.annual_usd_max = 150000;
  EXPECT_EQ(FormatUsdAnnual(usd), "");  // already annual USD

  EXPECT_EQ(FormatUtcOffset(0), "UTC\u00b10");
  EXPECT_EQ(FormatUtcOffset(330), "UTC+5:30");
  EXPECT_EQ(FormatUtcOffset(-300), "UTC\u22125");
  EXPECT_EQ(FormatWindow({.zone = "Europe/Berlin", .start_minute = 540, .end_minute = 1020}),
            "09:00\u201317:00 Europe/Berlin");

  EXPECT_EQ(ScriptSafeJson(Json{{"a", "</script>&"}}), "{\"a\":\"\\u003c/script\\u003e\\u0026\"}");
  EXPECT_FALSE(SafeUrl("javascript:alert(1)"));
  EXPECT_FALSE(SafeUrl(" JaVaScRiPt:alert(1)"));
  EXPECT_FALSE(SafeUrl("https://"));
  EXPECT_FALSE(SafeUrl("https://a.example/\"onmouseover=x"));
  EXPECT_EQ(SafeUrl("https://a.example/x"), "https://a.example/x");
  EXPECT_FALSE(SafeUrl("mailto:a@b.example"));
  EXPECT_TRUE(SafeUrl("mailto:a@b.example", true));

  EXPECT_EQ(MarkdownToHtml("**b** <script>x</script>").find("<script>"), std::string::npos);
  EXPECT_EQ(MarkdownToHtml("[x](javascript:alert(1))").find("javascript:"), std::string::npos);
  EXPECT_EQ(PlainExcerpt("# Title\n\nSome **bold** [link](https://x.example) text.", 100),
            "Title Some bold link text.");
  EXPECT_EQ(PlainExcerpt("one two three four five six", 12), "one two\u2026");
  EXPECT_EQ(QueryString({{"q", "a b&c"}, {"tag", ""}, {"x", "1"}}), "?q=a%20b%26c&x=1");
}

}  // namespace
}  // namespace meridian::web
