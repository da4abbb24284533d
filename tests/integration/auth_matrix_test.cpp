// The authorization matrix (issue 3): every write route of the API against every kind of
// caller, as a table. Each row names a route and the status each caller must get; a denied
// request must leave the catalogue exactly as it was (the change log does not move).
#include <gtest/gtest.h>

#include <functional>

#include "integration/accounts_fixture.h"

namespace meridian::testing {
namespace {

// The callers of the matrix, in the order of the expectation columns.
enum Who { kAnon, kMember, kTalent, kEmployerB, kEmployerA, kAdmin, kWhoCount };
const char* kWhoNames[] = {
    "anonymous",      "member", "talent (session)", "employer B (session)", "employer A (API key)",
    "admin (API key)"};

struct Row {
  std::string method;
  std::string path;
  std::string body;
  std::array<int, kWhoCount> expect;
  // Puts the target back into its starting state before each caller's attempt.
  std::function<void(const AccountsFixture&)> reset;
};

class AuthMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fx_ = new AccountsFixture(); }
  static void TearDownTestSuite() {
    delete fx_;
    fx_ = nullptr;
  }
  const Caller& As(Who w) const {
    switch (w) {
      case kAnon:
        return fx_->anonymous;
      case kMember:
        return fx_->member;
      case kTalent:
        return fx_->talent;
      case kEmployerB:
        return fx_->employer_b;
      case kEmployerA:
        return fx_->employer_a_key;
      default:
        return fx_->admin_key;
    }
  }
  static AccountsFixture* fx_;
};

AccountsFixture* AuthMatrixTest::fx_ = nullptr;

void AdminPut(const AccountsFixture& fx, const std::string& collection, const std::string& slug,
              const std::string& body) {
  auto r = fx.Request(fx.admin_key, "GET", "/api/v1/" + collection + "/" + slug, "");
  if (r.status == 404) {
    auto c = fx.Request(fx.admin_key, "POST", "/api/v1/" + collection, body);
    ASSERT_EQ(c.status, 201) << c.body;
  }
}

TEST_F(AuthMatrixTest, EveryRoleOnEveryWriteRoute) {
  const AccountsFixture& fx = *fx_;
  auto reset_alpha_job = [](const AccountsFixture& f) {
    auto r = f.Request(f.admin_key, "PATCH", "/api/v1/jobs/alpha-job",
                       R"({"company":"alpha-co","status":"pending","description":"Original"})");
    ASSERT_EQ(r.status, 200) << r.body;
  };
  auto reset_alpha_co = [](const AccountsFixture& f) {
    auto r = f.Request(f.admin_key, "PATCH", "/api/v1/companies/alpha-co",
                       R"({"verified":false,"description":"Original"})");
    ASSERT_EQ(r.status, 200) << r.body;
  };
  const std::string city =
      R"({"name":"Matrixville","country":"PT","lat":38.7,"lng":-9.1,"timezone":"Europe/Lisbon"})";
  std::vector<Row> rows = {
      // Companies: employers edit only their own; creating a second one is a conflict.
      {"POST", "/api/v1/companies", R"({"name":"Newco"})", {401, 403, 403, 409, 409, 201}, {}},
      {"PATCH",
       "/api/v1/companies/alpha-co",
       R"({"description":"Edited"})",
       {401, 403, 403, 403, 200, 200},
       reset_alpha_co},
      {"PATCH",
       "/api/v1/companies/alpha-co",
       R"({"verified":true})",
       {401, 403, 403, 403, 403, 200},
       reset_alpha_co},
      {"DELETE", "/api/v1/companies/beta-co", "", {401, 403, 403, 403, 403, 409}, {}},
      // Jobs: only the company's own employer (and admins).
      {"POST",
       "/api/v1/jobs",
       R"({"title":"Matrix engineer","company":"alpha-co"})",
       {401, 403, 403, 403, 201, 201},
       {}},
      {"POST",
       "/api/v1/jobs",
       R"({"title":"Matrix engineer","company":"beta-co"})",
       {401, 403, 403, 201, 403, 201},
       {}},
      {"PATCH",
       "/api/v1/jobs/alpha-job",
       R"({"description":"Edited"})",
       {401, 403, 403, 403, 200, 200},
       reset_alpha_job},
      {"PATCH",
       "/api/v1/jobs/alpha-job",
       R"({"company":"beta-co"})",
       {401, 403, 403, 403, 403, 200},
       reset_alpha_job},
      {"PATCH",
       "/api/v1/jobs/alpha-job",
       R"({"status":"flagged"})",
       {401, 403, 403, 403, 400, 200},
       reset_alpha_job},
      {"PATCH",
       "/api/v1/jobs/beta-job",
       R"({"description":"Edited"})",
       {401, 403, 403, 200, 403, 200},
       {}},
      {"DELETE",
       "/api/v1/jobs/alpha-scratch",
       "",
       {401, 403, 403, 403, 204, 204},
       [](const AccountsFixture& f) {
         AdminPut(f, "jobs", "alpha-scratch",
                  R"({"slug":"alpha-scratch","title":"Scratch","company":"alpha-co"})");
       }},
      // Talent: only the owner of the profile.
      {"POST",
       "/api/v1/talent",
       R"({"name":"Second Profile"})",
       {401, 403, 409, 403, 403, 201},
       {}},
      {"PATCH",
       "/api/v1/talent/tess-talent",
       R"({"headline":"Edited"})",
       {401, 403, 200, 403, 403, 200},
       {}},
      {"PATCH",
       "/api/v1/talent/uma-hidden",
       R"({"headline":"Edited"})",
       {401, 403, 403, 403, 403, 200},
       {}},
      {"DELETE",
       "/api/v1/talent/scratch-person",
       "",
       {401, 403, 403, 403, 403, 204},
       [](const AccountsFixture& f) {
         AdminPut(f, "talent", "scratch-person", R"({"slug":"scratch-person","name":"Scratch"})");
       }},
      // Cities and articles: admins only.
      {"POST", "/api/v1/cities", city, {401, 403, 403, 403, 403, 201}, {}},
      {"PATCH",
       "/api/v1/cities/test-city",
       R"({"population":1234})",
       {401, 403, 403, 403, 403, 200},
       {}},
      {"DELETE",
       "/api/v1/cities/scratch-city",
       "",
       {401, 403, 403, 403, 403, 204},
       [](const AccountsFixture& f) {
         AdminPut(f, "cities", "scratch-city",
                  R"({"slug":"scratch-city","name":"Scratch","country":"PT","lat":1,"lng":1,)"
                  R"("timezone":"Europe/Lisbon"})");
       }},
      {"POST",
       "/api/v1/articles",
       R"({"title":"Matrix article","body":"Text"})",
       {401, 403, 403, 403, 403, 201},
       {}},
      {"PATCH",
       "/api/v1/articles/test-article",
       R"({"summary":"Edited"})",
       {401, 403, 403, 403, 403, 200},
       {}},
      {"DELETE",
       "/api/v1/articles/scratch-article",
       "",
       {401, 403, 403, 403, 403, 204},
       [](const AccountsFixture& f) {
         AdminPut(f, "articles", "scratch-article",
                  R"({"slug":"scratch-article","title":"Scratch","body":"x"})");
       }},
      // Account routes.
      {"GET", "/api/v1/account/export", "", {401, 200, 200, 200, 200, 200}, {}},
      {"POST", "/api/v1/auth/keys", R"({"label":"matrix"})", {401, 403, 201, 201, 403, 403}, {}},
      {"DELETE",
       "/api/v1/auth/keys/" + std::to_string(fx.employer_b_scratch_key_id),
       "",
       {401, 404, 404, 204, 404, 204},
       {}},
      // Reads of what is not public.
      {"GET", "/api/v1/jobs?status=any", "", {403, 403, 403, 403, 403, 200}, {}},
      {"GET",
       "/api/v1/jobs?company=alpha-co&status=pending",
       "",
       {403, 403, 403, 403, 200, 200},
       {}},
      {"GET", "/api/v1/talent?include_hidden=true", "", {403, 403, 403, 403, 403, 200}, {}},
      {"GET", "/api/v1/talent/uma-hidden", "", {404, 404, 404, 404, 404, 200}, {}},
      {"GET", "/api/v1/jobs/alpha-job", "", {404, 404, 404, 404, 200, 200}, reset_alpha_job},
      // Public reads are open to everyone.
      {"GET", "/api/v1/jobs/beta-live", "", {200, 200, 200, 200, 200, 200}, {}},
      {"GET", "/api/v1/talent/tess-talent", "", {200, 200, 200, 200, 200, 200}, {}},
      {"GET", "/api/v1/companies/alpha-co", "", {200, 200, 200, 200, 200, 200}, {}},
  };
  int tried = 0;
  for (const Row& row : rows) {
    for (int w = 0; w < kWhoCount; ++w) {
      if (row.reset) row.reset(fx);
      int64_t before = fx.LastChangeSeq();
      auto r = fx.Request(As(static_cast<Who>(w)), row.method, row.path, row.body);
      ++tried;
      int want = row.expect[static_cast<size_t>(w)];
      EXPECT_EQ(r.status, want) << row.method << " " << row.path << " " << row.body << " as "
                                << kWhoNames[w] << ": " << r.body;
      if (r.status >= 400) {
        EXPECT_EQ(fx.LastChangeSeq(), before) << "a refused request changed data: " << row.method
                                              << " " << row.path << " as " << kWhoNames[w];
      }
      if (want == 401) {
        EXPECT_FALSE(r.headers["www-authenticate"].empty());
      }
    }
  }
  RecordCatalogue("authorization matrix", tried);
}

TEST_F(AuthMatrixTest, PrivateTalentFieldsOnlyForTheOwnerAndAdmins) {
  const AccountsFixture& fx = *fx_;
  std::array<bool, kWhoCount> sees = {false, false, true, false, false, true};
  for (int w = 0; w < kWhoCount; ++w) {
    auto r = fx.Request(As(static_cast<Who>(w)), "GET", "/api/v1/talent/tess-talent", "");
    ASSERT_EQ(r.status, 200) << r.body;
    bool has_email = r.json()["data"].contains("email");
    EXPECT_EQ(has_email, sees[static_cast<size_t>(w)]) << kWhoNames[w] << ": " << r.body;
    if (has_email) {
      EXPECT_EQ(r.json()["data"]["email"], "tess.private@example.org");
    }
    // The list never shows private fields to the public.
    auto list = fx.Request(As(static_cast<Who>(w)), "GET", "/api/v1/talent?limit=100", "");
    ASSERT_EQ(list.status, 200);
    Json listed = list.json();  // kept alive for the loop
    for (const Json& t : listed["data"]) {
      EXPECT_NE(t["slug"], "uma-hidden") << "a hidden profile was listed";
      if (w != kAdmin && !(w == kTalent && t["slug"] == "tess-talent")) {
        EXPECT_FALSE(t.contains("email")) << kWhoNames[w] << " saw " << t.dump();
      }
    }
  }
  RecordCatalogue("private fields", 2 * kWhoCount);
}

TEST_F(AuthMatrixTest, EmployerJobsAwaitModerationUnlessTheCompanyIsVerified) {
  const AccountsFixture& fx = *fx_;
  auto r = fx.Request(fx.employer_b, "POST", "/api/v1/jobs",
                      R"({"title":"Wants to be live","company":"beta-co","status":"live"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["data"]["status"], "pending");
  // "expired" or "filled" is no way around moderation for a job that was never published.
  auto sneaky =
      fx.Request(fx.employer_b, "POST", "/api/v1/jobs",
                 R"({"title":"Expired at birth","company":"beta-co","status":"expired"})");
  EXPECT_EQ(sneaky.status, 400) << sneaky.body;
  EXPECT_EQ(sneaky.json()["error"]["field"], "status");
  // The public does not see it until a moderator publishes it.
  std::string path = "/api/v1/jobs/" + r.json()["data"]["slug"].get<std::string>();
  EXPECT_EQ(fx.Request(fx.anonymous, "GET", path, "").status, 404);
  EXPECT_EQ(fx.Request(fx.admin_key, "PATCH", path, R"({"status":"live"})").status, 200);
  EXPECT_EQ(fx.Request(fx.anonymous, "GET", path, "").status, 200);
  // Verified companies publish at once.
  ASSERT_EQ(
      fx.Request(fx.admin_key, "PATCH", "/api/v1/companies/beta-co", R"({"verified":true})").status,
      200);
  auto live = fx.Request(fx.employer_b, "POST", "/api/v1/jobs",
                         R"({"title":"Straight to live","company":"beta-co","status":"live"})");
  ASSERT_EQ(live.status, 201) << live.body;
  EXPECT_EQ(live.json()["data"]["status"], "live");
  RecordCatalogue("moderation", 7);
}

}  // namespace
}  // namespace meridian::testing
