// Scam screening, moderation and freshness through the real binary (issue 7): a scam-like
// post from an employer is flagged with reasons that only admins see, stays off public
// reads and lists, and goes live when an admin approves it (a label is stored); rejects
// are labelled too; employers confirm a post open or mark it filled; bad calls are 4xx.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "integration/accounts_fixture.h"

namespace meridian::testing {
namespace {

constexpr const char* kScamPost = R"({
  "title": "URGENT: Remote Data Entry Clerk - No Experience Needed",
  "company": "alpha-co", "status": "live",
  "description": "Earn $900 a week from home! Contact our hiring manager on Telegram: @hr_desk_1. Interviews are done by chat only. A one-time registration fee of $129 is required. Send a copy of your ID and your bank account details to hr.recruit@gmail.example. Act fast, spots are almost gone!"
})";

constexpr const char* kPlainPost = R"json({
  "title": "Backend Engineer (Go)",
  "company": "alpha-co", "status": "live",
  "description": "We build billing software in Go and PostgreSQL. You will design services, review code and help the team ship reliable releases. Apply through our careers page."
})json";

class ModerationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Expiry runs every second here (30 s by default).
    fx_ = new AccountsFixture({"--trust-poll-seconds", "1"});
    // Alpha is verified, so an ordinary post goes live at once: only the screen holds one.
    ASSERT_EQ(
        fx_->Request(fx_->admin_key, "PATCH", "/api/v1/companies/alpha-co", R"({"verified":true})")
            .status,
        200);
  }
  static void TearDownTestSuite() {
    delete fx_;
    fx_ = nullptr;
  }
  static AccountsFixture* fx_;
};
AccountsFixture* ModerationTest::fx_ = nullptr;

TEST_F(ModerationTest, ScamLikePostIsFlaggedWithReasonsAndApprovedByAnAdmin) {
  const AccountsFixture& fx = *fx_;
  auto created = fx.Request(fx.employer_a, "POST", "/api/v1/jobs", kScamPost);
  ASSERT_EQ(created.status, 201) << created.body;
  const Json job = created.json()["data"];
  EXPECT_EQ(job["status"], "flagged");
  EXPECT_FALSE(job.contains("scam")) << "employers see the status, not the reasons";
  const std::string slug = job["slug"].get<std::string>();
  const std::string path = "/api/v1/jobs/" + slug;

  // Off public reads and lists.
  EXPECT_EQ(fx.Request(fx.anonymous, "GET", path, "").status, 404);
  auto list = fx.Request(fx.anonymous, "GET", "/api/v1/jobs?limit=100", "");
  ASSERT_EQ(list.status, 200);
  const Json listed = list.json();
  for (const Json& j : listed["data"]) EXPECT_NE(j["slug"], slug);
  // The employer cannot publish it themselves.
  EXPECT_EQ(fx.Request(fx.employer_a, "PATCH", path, R"({"status":"live"})").status, 403);

  // The admin queue lists it with the signals it carries.
  EXPECT_EQ(fx.Request(fx.employer_a, "GET", "/api/v1/moderation/jobs", "").status, 403);
  EXPECT_EQ(fx.Request(fx.anonymous, "GET", "/api/v1/moderation/jobs", "").status, 401);
  auto queue = fx.Request(fx.admin_key, "GET", "/api/v1/moderation/jobs", "");
  ASSERT_EQ(queue.status, 200) << queue.body;
  Json item;
  const Json queued = queue.json();
  for (const Json& j : queued["data"]) {
    if (j["slug"] == slug) item = j;
  }
  ASSERT_TRUE(item.is_object()) << queue.body;
  EXPECT_GE(item["scam"]["score"].get<double>(), 0.5);
  std::string reasons = item["scam"]["reasons"].dump();
  EXPECT_NE(reasons.find("chat app"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("pay"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("bank details"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("free-mail"), std::string::npos) << reasons;

  auto approved =
      fx.Request(fx.admin_key, "POST", "/api/v1/moderation/jobs/" + slug + "/approve", "");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["data"]["status"], "live");
  EXPECT_EQ(fx.Request(fx.anonymous, "GET", path, "").status, 200);
  // Approving twice is a conflict, not a second label.
  EXPECT_EQ(
      fx.Request(fx.admin_key, "POST", "/api/v1/moderation/jobs/" + slug + "/approve", "").status,
      409);
}

TEST_F(ModerationTest, PlainPostGoesLiveAndRejectsAreLabelled) {
  const AccountsFixture& fx = *fx_;
  auto plain = fx.Request(fx.employer_a, "POST", "/api/v1/jobs", kPlainPost);
  ASSERT_EQ(plain.status, 201) << plain.body;
  EXPECT_EQ(plain.json()["data"]["status"], "live");

  auto scam = fx.Request(fx.employer_a, "POST", "/api/v1/jobs", kScamPost);
  ASSERT_EQ(scam.status, 201);
  const std::string slug = scam.json()["data"]["slug"].get<std::string>();
  auto rejected =
      fx.Request(fx.admin_key, "POST", "/api/v1/moderation/jobs/" + slug + "/reject", "");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.json()["data"]["status"], "rejected");
  EXPECT_EQ(fx.Request(fx.anonymous, "GET", "/api/v1/jobs/" + slug, "").status, 404);
  auto list = fx.Request(fx.admin_key, "GET", "/api/v1/moderation/jobs?status=rejected", "");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find(slug), std::string::npos);
  EXPECT_EQ(fx.Request(fx.admin_key, "GET", "/api/v1/moderation/jobs?status=live", "").status, 400);
  EXPECT_EQ(
      fx.Request(fx.admin_key, "POST", "/api/v1/moderation/jobs/no-such-job/reject", "").status,
      404);
  auto status = fx.Request(fx.admin_key, "GET", "/api/v1/moderation/status", "");
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(status.json()["data"]["scam_screen"], "rules");
}

TEST_F(ModerationTest, EmployersConfirmOpenAndMarkFilled) {
  const AccountsFixture& fx = *fx_;
  auto created = fx.Request(
      fx.employer_a, "POST", "/api/v1/jobs",
      R"({"title":"Support Engineer","company":"alpha-co","status":"live","valid_through":"2020-02-01T00:00:00Z","posted_at":"2020-01-01T00:00:00Z"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string slug = created.json()["data"]["slug"].get<std::string>();
  EXPECT_EQ(fx.Request(fx.employer_b, "POST", "/api/v1/jobs/" + slug + "/confirm", "").status, 403);
  auto confirmed = fx.Request(fx.employer_a, "POST", "/api/v1/jobs/" + slug + "/confirm", "");
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  const Json j = confirmed.json()["data"];
  EXPECT_TRUE(j["confirmed_at"].is_string());
  EXPECT_GT(j["valid_through"].get<std::string>(), "2026");
  auto filled = fx.Request(fx.employer_a, "POST", "/api/v1/jobs/" + slug + "/filled", "");
  ASSERT_EQ(filled.status, 200) << filled.body;
  EXPECT_EQ(filled.json()["data"]["status"], "filled");
  EXPECT_EQ(fx.Request(fx.employer_a, "POST", "/api/v1/jobs/" + slug + "/confirm", "").status, 409);
}

TEST_F(ModerationTest, PostsPastValidThroughExpireOnTheirOwn) {
  const AccountsFixture& fx = *fx_;
  auto created = fx.Request(
      fx.employer_a, "POST", "/api/v1/jobs",
      R"({"title":"Old Opening","company":"alpha-co","status":"live","posted_at":"2021-01-01T00:00:00Z","valid_through":"2021-02-01T00:00:00Z"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string slug = created.json()["data"]["slug"].get<std::string>();
  std::string status;
  for (int i = 0; i < 100 && status != "expired"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto got = fx.Request(fx.admin_key, "GET", "/api/v1/jobs/" + slug, "");
    status = got.json()["data"]["status"].get<std::string>();
  }
  EXPECT_EQ(status, "expired");
  auto list = fx.Request(fx.anonymous, "GET", "/api/v1/jobs?limit=100", "");
  EXPECT_EQ(list.body.find(slug), std::string::npos);
}

}  // namespace
}  // namespace meridian::testing
