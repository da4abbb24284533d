// Validation, normalization and geography: the rules every write goes through.
#include <gtest/gtest.h>

#include "platform/codec.h"
#include "platform/fx.h"
#include "platform/geo.h"
#include "platform/nomad_score.h"
#include "platform/text_checks.h"
#include "platform/vocab.h"

namespace meridian {
namespace {

Json J(const char* text) {
  return *ParseJson(text);
}

Status DecodeJobStatus(const Json& j) {
  return JobFromJson(j, {.now = 1000}).status();
}

TEST(FxTest, AnnualUsdFromEveryPeriod) {
  Salary s{.min = 50, .max = 60, .currency = "USD", .period = "HOUR"};
  ASSERT_TRUE(NormalizeSalary(&s).ok());
  EXPECT_EQ(*s.annual_usd_min, 50 * 2080);
  EXPECT_EQ(*s.annual_usd_max, 60 * 2080);
  Salary d{.min = 400, .currency = "USD", .period = "DAY"};
  ASSERT_TRUE(NormalizeSalary(&d).ok());
  EXPECT_EQ(*d.annual_usd_min, 400 * 260);
  EXPECT_FALSE(d.annual_usd_max.has_value());
  Salary w{.max = 1000, .currency = "USD", .period = "WEEK"};
  ASSERT_TRUE(NormalizeSalary(&w).ok());
  EXPECT_EQ(*w.annual_usd_max, 52000);
  Salary m{.min = 5000, .max = 5000, .currency = "EUR", .period = "MONTH"};
  ASSERT_TRUE(NormalizeSalary(&m).ok());
  EXPECT_EQ(*m.annual_usd_min, std::round(5000 * 12 * *UsdPerUnit("EUR")));
  Salary y{.min = 90000, .currency = "GBP"};  // period defaults to YEAR
  ASSERT_TRUE(NormalizeSalary(&y).ok());
  EXPECT_EQ(y.period, "YEAR");
  EXPECT_GT(*y.annual_usd_min, 90000);
  EXPECT_FALSE(FxTableDate().empty());
}

TEST(FxTest, RejectsBadSalaries) {
  Salary inverted{.min = 10, .max = 5, .currency = "USD", .period = "YEAR"};
  EXPECT_EQ(NormalizeSalary(&inverted).field(), "min");
  Salary negative{.min = -1, .currency = "USD"};
  EXPECT_EQ(NormalizeSalary(&negative).field(), "min");
  Salary currency{.min = 10, .currency = "XYZ"};
  Status s = NormalizeSalary(&currency);
  EXPECT_EQ(s.field(), "currency");
  EXPECT_NE(s.message().find("unknown currency 'XYZ'"), std::string::npos);
  Salary absurd{.min = 1'000'000, .currency = "USD", .period = "HOUR"};
  EXPECT_NE(NormalizeSalary(&absurd).message().find("implausibly high"), std::string::npos);
  Salary empty{.currency = "USD"};
  EXPECT_FALSE(NormalizeSalary(&empty).ok());
}

TEST(GeoTest, AreasCountriesAndNames) {
  EXPECT_EQ(*ResolveArea("Worldwide"), std::vector<std::string>{"WW"});
  EXPECT_EQ(*ResolveArea("pt"), std::vector<std::string>{"PT"});
  EXPECT_EQ(*ResolveArea("Portugal"), std::vector<std::string>{"PT"});
  EXPECT_EQ(*ResolveArea("Europe"), std::vector<std::string>{"150"});
  EXPECT_EQ(*ResolveArea("150"), std::vector<std::string>{"150"});
  EXPECT_EQ(*ResolveArea("Latin America"), std::vector<std::string>{"419"});
  EXPECT_EQ(ResolveArea("EMEA")->size(), 3u);
  EXPECT_FALSE(ResolveArea("Atlantis").ok());
  EXPECT_FALSE(ResolveArea("ZZ").ok());
  EXPECT_FALSE(ResolveArea("999").ok());
  EXPECT_EQ(*ResolveCountry("de"), "DE");
  EXPECT_FALSE(ResolveCountry("XX").ok());
  EXPECT_FALSE(ResolveCountry("150").ok());  // a region, not a country
  EXPECT_EQ(AreaName("PT"), "Portugal");
  EXPECT_EQ(AreaName("150"), "Europe");
  EXPECT_EQ(AreaName("WW"), "Worldwide");
  EXPECT_TRUE(AreaContains("150", "PT"));
  EXPECT_TRUE(AreaContains("WW", "BR"));
  EXPECT_TRUE(AreaContains("419", "BR"));
  EXPECT_FALSE(AreaContains("150", "BR"));
  EXPECT_TRUE(AreaContains("EU", "DE"));
  EXPECT_GT(CountryCodes().size(), 200u);
}

TEST(GeoTest, TimezonesAreDstCorrect) {
  EXPECT_TRUE(IsValidTimezone("Europe/Lisbon"));
  EXPECT_TRUE(IsValidTimezone("America/New_York"));
  EXPECT_FALSE(IsValidTimezone("Mars/Olympus"));
  EXPECT_FALSE(IsValidTimezone("Etc/Unknown"));
  EXPECT_FALSE(IsValidTimezone(""));
  const UnixSeconds january = 1767225600, july = 1782864000;  // 2026-01-01, 2026-07-01
  EXPECT_EQ(UtcOffsetMinutes("America/New_York", january), -300);
  EXPECT_EQ(UtcOffsetMinutes("America/New_York", july), -240);
  EXPECT_EQ(UtcOffsetMinutes("Asia/Kolkata", july), 330);
  // Berlin 09-17 vs New York 09-17: 2 hours in both seasons (both shift for DST)...
  EXPECT_EQ(OverlapMinutes("Europe/Berlin", 540, 1020, "America/New_York", 540, 1020, january),
            120);
  // ...but in late March Europe has not yet moved while the US has: 3 hours.
  const UnixSeconds march_20 = 1773964800;  // 2026-03-20
  EXPECT_EQ(OverlapMinutes("Europe/Berlin", 540, 1020, "America/New_York", 540, 1020, march_20),
            180);
  EXPECT_EQ(OverlapMinutes("Asia/Tokyo", 540, 1020, "America/New_York", 540, 1020, january), 0);
  // A window crossing midnight.
  EXPECT_EQ(OverlapMinutes("UTC", 1320, 120, "UTC", 0, 60, january), 60);
}

TEST(NomadScoreTest, PublishedFormula) {
  City c;
  c.timezone = "Europe/Lisbon";
  NomadScore only_overlap = ComputeNomadScore(c);
  ASSERT_EQ(only_overlap.components.size(), 1u);
  EXPECT_EQ(only_overlap.components[0].name, "overlap");
  c.cost_of_living_usd = 800;  // best
  c.internet_mbps = 200;       // best
  c.safety_index = 50;
  NomadScore full = ComputeNomadScore(c);
  ASSERT_EQ(full.components.size(), 4u);
  EXPECT_DOUBLE_EQ(full.components[0].score, 100);
  EXPECT_DOUBLE_EQ(full.components[1].score, 100);
  double expected = (0.35 * 100 + 0.25 * 100 + 0.2 * 50 + 0.2 * full.components[3].score) / 1.0;
  EXPECT_NEAR(*full.score, expected, 0.06);
  c.cost_of_living_usd = 5000;  // worst
  EXPECT_DOUBLE_EQ(ComputeNomadScore(c).components[0].score, 0);
  City none;
  EXPECT_FALSE(ComputeNomadScore(none).score.has_value());
}

TEST(TextChecksTest, PlainMarkdownUrlEmail) {
  EXPECT_FALSE(CheckPlainText("C++ & Rust <3 engineers, a < b"));
  EXPECT_TRUE(CheckPlainText("<b>bold</b>"));
  EXPECT_TRUE(CheckPlainText("x</script>"));
  EXPECT_FALSE(CheckMarkdown("**Hello** <em>ok</em>"));
  EXPECT_TRUE(CheckMarkdown("<SCRIPT>alert(1)</script>"));
  EXPECT_TRUE(CheckMarkdown("[x](javascript:alert(1))"));
  EXPECT_TRUE(CheckMarkdown("<img src=x onerror=alert(1)>"));
  EXPECT_TRUE(CheckMarkdown("<a href='#' onclick = 'x()'>"));
  EXPECT_FALSE(CheckMarkdown("We are online in the afternoon; see <https://example.com>."));
  EXPECT_FALSE(CheckUrl("https://acme.example/jobs?id=1", false));
  EXPECT_TRUE(CheckUrl("ftp://acme.example", false));
  EXPECT_TRUE(CheckUrl("https://", false));
  EXPECT_TRUE(CheckUrl("https://acme.example/\"><script>", false));
  EXPECT_FALSE(CheckUrl("mailto:jobs@acme.example", true));
  EXPECT_TRUE(CheckUrl("mailto:jobs@acme.example", false));
  EXPECT_FALSE(CheckEmail("ana@example.com"));
  EXPECT_TRUE(CheckEmail("ana@"));
  EXPECT_TRUE(CheckEmail("a b@example.com"));
}

TEST(VocabTest, Normalization) {
  EXPECT_EQ(*NormalizeEmploymentType("Full-time"), "FULL_TIME");
  EXPECT_EQ(*NormalizeEmploymentType("contract"), "CONTRACTOR");
  EXPECT_FALSE(NormalizeEmploymentType("gig"));
  EXPECT_EQ(*NormalizeSeniority("Sr."), "senior");
  EXPECT_EQ(*NormalizeSalaryPeriod("monthly"), "MONTH");
  EXPECT_EQ(*NormalizeTag("  Machine   Learning "), "machine-learning");
  EXPECT_FALSE(NormalizeTag(std::string(41, 'x')));
}

TEST(JobCodecTest, DecodesAndNormalizesAValidJob) {
  auto job = JobFromJson(J(R"({
    "company": "acme", "title": "Senior Rust Engineer", "description": "**Build** things",
    "tags": ["Rust", "rust", "Distributed Systems"], "seniority": "Senior", "employment_type": "full-time",
    "eligibility": {"areas": ["Europe", "us"], "evidence": "Europe and the US"},
    "timezone": {"zone": "Europe/Berlin", "start": "09:00", "end": "17:00"},
    "salary": {"min": 80000, "max": 100000, "currency": "eur", "period": "year"},
    "posted_at": "2026-11-01", "valid_through": "2026-12-31T23:59:59Z", "apply_url": "https://acme.example/jobs/1"
  })"),
                         {.now = 5});
  ASSERT_TRUE(job.ok()) << job.status();
  EXPECT_EQ(job->tags, (std::vector<std::string>{"rust", "distributed-systems"}));
  EXPECT_EQ(job->seniority, "senior");
  EXPECT_EQ(job->employment_type, "FULL_TIME");
  EXPECT_EQ(job->eligible_areas, (std::vector<std::string>{"150", "US"}));
  EXPECT_EQ(job->salary.currency, "EUR");
  EXPECT_EQ(job->salary.source, "employer");
  EXPECT_GT(*job->salary.annual_usd_min, 80000);
  EXPECT_EQ(job->status, "live");
  EXPECT_EQ(job->timezone->start_minute, 540);
  // Round trip through the writable view.
  auto again = JobFromJson(JobToJson(*job, View::kWritable), {.now = 5});
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(DumpJson(JobToJson(*again, View::kWritable)),
            DumpJson(JobToJson(*job, View::kWritable)));
}

TEST(JobCodecTest, DefaultsAndShorthands) {
  auto job = JobFromJson(
      J(R"({"company":"acme","title":"Dev","timezone":"America/New_York","eligibility":"Worldwide"})"),
      {.now = 77});
  ASSERT_TRUE(job.ok()) << job.status();
  EXPECT_EQ(job->posted_at, 77);
  EXPECT_EQ(job->eligible_areas, std::vector<std::string>{"WW"});
  EXPECT_EQ(job->timezone->zone, "America/New_York");
  EXPECT_EQ(job->employment_type, "FULL_TIME");
  EXPECT_FALSE(job->salary.present());
  auto offsets = JobFromJson(
      J(R"({"company":"acme","title":"Dev","timezone":{"utc_min":-5,"utc_max":5.5}})"), {});
  ASSERT_TRUE(offsets.ok()) << offsets.status();
  EXPECT_EQ(*offsets->timezone->utc_max_minutes, 330);
}

// The bad-input catalogue: each case names the field and the reason.
struct BadCase {
  const char* body;
  const char* field;
  const char* reason;
};

class JobBadInputTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(JobBadInputTest, NamesFieldAndReason) {
  auto parsed = ParseJson(GetParam().body);
  Status s = parsed.ok() ? DecodeJobStatus(*parsed) : parsed.status();
  ASSERT_FALSE(s.ok()) << GetParam().body;
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), GetParam().field) << s.message();
  EXPECT_NE(s.message().find(GetParam().reason), std::string::npos) << s.message();
}

INSTANTIATE_TEST_SUITE_P(
    Catalogue, JobBadInputTest,
    ::testing::Values(
        BadCase{R"({"company":"acme","title":)", "", "malformed JSON"},
        BadCase{R"([1,2])", "", "expected a JSON object"},
        BadCase{R"({"company":"acme"})", "title", "is required"},
        BadCase{R"({"title":"x"})", "company", "is required"},
        BadCase{R"({"company":"acme","title":42})", "title", "expected a string, got number"},
        BadCase{R"({"company":"acme","title":"x","tags":"rust"})", "tags", "expected an array"},
        BadCase{R"({"company":"acme","title":"x","bonus":1})", "bonus", "unknown field"},
        BadCase{R"({"company":"acme","title":"x","created_at":"2026-01-01"})", "created_at",
                "read-only"},
        BadCase{R"({"company":"acme","title":"x","salary":{"min":100,"max":50,"currency":"USD"}})",
                "salary.min", "inverted"},
        BadCase{R"({"company":"acme","title":"x","salary":{"min":-5,"currency":"USD"}})",
                "salary.min", "at least 0"},
        BadCase{R"({"company":"acme","title":"x","salary":{"min":5,"currency":"DOGE"}})",
                "salary.currency", "unknown currency"},
        BadCase{
            R"({"company":"acme","title":"x","salary":{"min":5,"currency":"USD","period":"fortnight"}})",
            "salary.period", "HOUR|DAY"},
        BadCase{
            R"({"company":"acme","title":"x","salary":{"min":5,"currency":"USD","annual_usd_min":1}})",
            "salary.annual_usd_min", "read-only"},
        BadCase{R"({"company":"acme","title":"x","timezone":{"zone":"Mars/Base"}})",
                "timezone.zone", "IANA time zone"},
        BadCase{R"({"company":"acme","title":"x","timezone":{"zone":"UTC","start":"25:00"}})",
                "timezone.start", "09:00"},
        BadCase{R"({"company":"acme","title":"x","timezone":{"utc_min":3,"utc_max":-3}})",
                "timezone.utc_min", "must not exceed"},
        BadCase{R"({"company":"acme","title":"x","eligibility":{"areas":["Narnia"]}})",
                "eligibility.areas[0]", "not a country code"},
        BadCase{R"({"company":"acme","title":"x","eligibility":{"areas":["XX"]}})",
                "eligibility.areas[0]", "not a country code"},
        BadCase{R"({"company":"acme","title":"<script>alert(1)</script>"})", "title", "HTML tags"},
        BadCase{R"({"company":"acme","title":"x","description":"<script>alert(1)</script>"})",
                "description", "active content"},
        BadCase{R"({"company":"acme","title":"x","description":"<img src=x onerror=alert(1)>"})",
                "description", "event handlers"},
        BadCase{"{\"company\":\"acme\",\"title\":\"bad \xC3\x28 utf8\"}", "", "malformed JSON"},
        BadCase{R"({"company":"acme","title":"a\u0000b"})", "title", "control characters"},
        BadCase{R"({"company":"'; DROP TABLE jobs; --","title":"x"})", "company",
                "lowercase letters"},
        BadCase{R"({"company":"acme","title":"x","slug":"Not A Slug"})", "slug",
                "lowercase letters"},
        BadCase{R"({"company":"acme","title":"x","seniority":"wizard"})", "seniority",
                "expected one of"},
        BadCase{R"({"company":"acme","title":"x","status":"deleted"})", "status",
                "expected one of"},
        BadCase{R"({"company":"acme","title":"x","posted_at":"yesterday"})", "posted_at",
                "expected a date"},
        BadCase{
            R"({"company":"acme","title":"x","posted_at":"2026-02-01","valid_through":"2026-01-01"})",
            "valid_through", "before posted_at"},
        BadCase{R"x({"company":"acme","title":"x","apply_url":"javascript:alert(1)"})x",
                "apply_url", "must start with"}));

TEST(CompanyCodecTest, RegionsAndValidation) {
  auto c = CompanyFromJson(
      J(R"({"name":"Acme","regions":["americas-europe"],"technologies":["Go","Rust"]})"), {});
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->regions, (std::vector<std::string>{"019", "150"}));
  EXPECT_EQ(CompanyFromJson(J(R"({"name":"Acme","website":"not a url"})"), {}).status().field(),
            "website");
  EXPECT_EQ(
      CompanyFromJson(J(R"({"name":"Acme","remote_policy":"sometimes"})"), {}).status().field(),
      "remote_policy");
  auto ww = CompanyFromJson(J(R"({"name":"Acme","regions":["Europe","Worldwide"]})"), {});
  EXPECT_EQ(ww->regions, std::vector<std::string>{"WW"});
}

TEST(TalentCodecTest, SkillsPrivacyAndHours) {
  auto t = TalentFromJson(J(R"({"name":"Ana Silva","skills":[{"name":"Rust","level":5},"SQL"],
    "country":"pt","timezone":"Europe/Lisbon","working_hours":{"start":"08:00","end":"16:00"},
    "email":"ana@example.com","desired_salary":{"min":60000,"currency":"EUR"}})"),
                          {});
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->skills.size(), 2u);
  EXPECT_EQ(t->skills[0].level, 5);
  EXPECT_EQ(t->skills[1].name, "sql");
  EXPECT_EQ(t->country, "PT");
  EXPECT_EQ(*t->work_start_minute, 480);
  EXPECT_EQ(t->visibility, "public");
  t->slug = "ana-silva";
  Json pub = TalentToJson(*t, View::kPublic);
  EXPECT_FALSE(pub.contains("email"));
  EXPECT_FALSE(pub.contains("contact"));
  EXPECT_EQ(TalentToJson(*t, View::kPrivate)["email"], "ana@example.com");
  EXPECT_EQ(
      TalentFromJson(J(R"({"name":"A","skills":[{"name":"x","level":9}]})"), {}).status().field(),
      "skills[0].level");
  EXPECT_EQ(TalentFromJson(J(R"({"name":"A","email":"nope"})"), {}).status().field(), "email");
  EXPECT_EQ(TalentFromJson(J(R"({"name":"A","country":"Narnia"})"), {}).status().field(),
            "country");
}

TEST(CityCodecTest, RequiredFieldsAndScore) {
  auto c =
      CityFromJson(J(R"({"name":"Lisbon","country":"PT","lat":38.72,"lng":-9.14,"population":500000,
    "timezone":"Europe/Lisbon","internet_mbps":150})"),
                   {});
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_TRUE(c->nomad_score.has_value());
  EXPECT_EQ(CityFromJson(J(R"({"name":"X","country":"PT","lat":91,"lng":0,"timezone":"UTC"})"), {})
                .status()
                .field(),
            "lat");
  EXPECT_EQ(CityFromJson(J(R"({"name":"X","country":"PT","lat":1,"lng":0})"), {}).status().field(),
            "timezone");
  Json out = CityToJson(*c, View::kPublic);
  EXPECT_EQ(out["nomad_components"].size(), 2u);
}

}  // namespace
}  // namespace meridian
