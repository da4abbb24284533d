// Issue 7's platform side: scam signals, duplicate fingerprints, the rules and the model
// screens with their reasons, refused model files, moderation labels and expiry.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "base/slug.h"
#include "engine/store/sqlite/sqlite_store.h"
#include "platform/trust/moderation.h"
#include "platform/trust/salary_estimator.h"
#include "platform/trust/scam_screen.h"
#include "platform/trust/trust_service.h"
#include "platform/trust/trust_training.h"

namespace meridian {
namespace {

constexpr UnixSeconds kNow = 1'790'000'000;

Job Post(std::string title, std::string description, std::string company = "acme") {
  Job j;
  j.slug = Slugify(title + " " + std::to_string(description.size()));
  j.company_slug = std::move(company);
  j.title = std::move(title);
  j.description = std::move(description);
  j.status = "live";
  j.posted_at = kNow - 86400;
  return j;
}

constexpr const char* kScamText =
    "Earn from home! Message our recruiter on WhatsApp at +1 202 555 0101. A registration fee "
    "of $99 secures your place. Email your date of birth and bank details to "
    "jobs.desk@gmail.com. Act fast, spots are almost gone!";
constexpr const char* kPlainText =
    "We build billing software in Go and PostgreSQL. You will design services, review code, "
    "write tests and help the team ship reliable releases every week. Apply on our site.";

TEST(ScamSignalsTest, NameWhatThePostCarries) {
  ScamSignals s = ComputeScamSignals(Post("Data entry", kScamText), {});
  EXPECT_GT(s.value(ScamSignal::kOffPlatformContact), 0);
  EXPECT_GT(s.value(ScamSignal::kAsksForPayment), 0);
  EXPECT_GT(s.value(ScamSignal::kAsksForPersonalData), 0);
  EXPECT_GT(s.value(ScamSignal::kFreeMailContact), 0);
  EXPECT_GE(s.value(ScamSignal::kUrgencyWording), 2);
  EXPECT_NE(s.Reason(ScamSignal::kOffPlatformContact).find("whatsapp"), std::string::npos);
  EXPECT_NE(s.Reason(ScamSignal::kFreeMailContact).find("gmail.com\u201d"), std::string::npos);

  ScamSignals clean = ComputeScamSignals(Post("Backend Engineer", kPlainText), {});
  for (float v : clean.values) EXPECT_EQ(v, 0);
  // Word boundaries: "telegraphic" is not Telegram, a company domain is not free mail.
  ScamSignals near = ComputeScamSignals(
      Post("Writer", "Telegraphic style welcome. Mail jobs@acme-mail.io or visit mailto.example"),
      {});
  EXPECT_EQ(near.value(ScamSignal::kOffPlatformContact), 0);
  EXPECT_EQ(near.value(ScamSignal::kFreeMailContact), 0);
}

TEST(ScamSignalsTest, CompanySalaryAndDuplicates) {
  Company thin{.slug = "x", .name = "X"};
  Job j = Post("Assistant", kPlainText, "x");
  j.salary = {.min = 300000,
              .max = 300000,
              .currency = "USD",
              .period = "YEAR",
              .annual_usd_min = 300000,
              .annual_usd_max = 300000,
              .source = "employer"};
  ScamSignals s = ComputeScamSignals(
      j, {.company = &thin, .estimate = SalaryRange{40000, 50000, 60000}, .duplicates = 3});
  EXPECT_FLOAT_EQ(s.value(ScamSignal::kThinCompanyProfile), 1.0f);
  EXPECT_GT(s.value(ScamSignal::kSalaryFarFromEstimate), 0);
  EXPECT_EQ(s.value(ScamSignal::kDuplicateText), 3);
  // Pay within the tolerated factor of the estimate is no signal.
  ScamSignals fair =
      ComputeScamSignals(j, {.estimate = SalaryRange{200000, 250000, 320000}, .duplicates = 0});
  EXPECT_EQ(fair.value(ScamSignal::kSalaryFarFromEstimate), 0);
}

TEST(DuplicateIndexTest, FindsCopiesAtOtherCompanies) {
  DuplicateIndex dups;
  const std::string text = std::string(kScamText) + " " + kPlainText;
  dups.Put(1, "shady-a", DuplicateIndex::Fingerprint(text));
  dups.Put(2, "shady-b", DuplicateIndex::Fingerprint(text + " Thanks!"));
  dups.Put(3, "acme", DuplicateIndex::Fingerprint(kPlainText));
  const uint64_t fp = DuplicateIndex::Fingerprint(text);
  EXPECT_EQ(dups.CountOthers("shady-c", fp, 0), 2);
  EXPECT_EQ(dups.CountOthers("shady-a", fp, 1), 1);  // its own company does not count
  EXPECT_EQ(dups.CountOthers("other", DuplicateIndex::Fingerprint(kPlainText), 0), 1);
  dups.Remove(2);
  EXPECT_EQ(dups.CountOthers("shady-c", fp, 0), 1);
  EXPECT_EQ(DuplicateIndex::Fingerprint("too short to compare"), 0u);
}

TEST(ScamScreenTest, RulesFlagWithReasons) {
  Job scam = Post("Data entry", kScamText);
  Screening s = ScreenByRules(ComputeScamSignals(scam, {}), {.threshold = 0.5});
  EXPECT_TRUE(s.flagged);
  EXPECT_EQ(s.method, "rules");
  ASSERT_FALSE(s.reasons.empty());
  EXPECT_NE(s.reasons.front().find("pay"), std::string::npos);
  Screening plain =
      ScreenByRules(ComputeScamSignals(Post("Engineer", kPlainText), {}), {.threshold = 0.5});
  EXPECT_FALSE(plain.flagged);
  EXPECT_TRUE(plain.reasons.empty());
}

// A small labelled corpus: both kinds share titles, openings and sentence shapes, so only
// the scam hooks (and the signals they raise) tell them apart.
std::vector<LabeledText> Corpus(int begin = 0, int end = 150) {
  const char* hooks[] = {"Contact us on Telegram @desk", "A registration fee of $80 is required",
                         "Send your bank details and a copy of your ID",
                         "Message us on WhatsApp today", "Buy the training kit from our vendor"};
  const char* neutral[] = {
      "Reach the team on Slack any time", "A yearly learning budget of $800 is included",
      "Send your portfolio and a short note about you", "Meet us on video calls twice a week",
      "Get the laptop and screen from our office"};
  const char* openings[] = {"Join a friendly remote team.", "We are hiring now.",
                            "Flexible hours and weekly pay.", "Work with people worldwide."};
  const char* stacks[] = {"Go and PostgreSQL", "Rust and Kafka", "React and TypeScript",
                          "Python and Django", "Kotlin and Spring"};
  const char* titles[] = {"Assistant", "Software engineer", "Support agent"};
  std::vector<LabeledText> out;
  for (int i = begin; i < end; ++i) {
    const bool scam = i % 3 == 0;
    std::string text = std::string(openings[i % 4]) + " You work with " + stacks[i % 5] + ". ";
    // Legit posts carry look-alike sentences of the same length, so that neither the
    // length nor the shape of a sentence gives the label away.
    const char* const* lines = scam ? hooks : neutral;
    text += std::string(lines[i % 5]) + ". " + lines[(i / 5 + 1) % 5] + ".";
    Job j = Post(titles[(i / 3) % 3], text);
    out.push_back(ScamExample(j, ComputeScamSignals(j, {}), scam));
  }
  return out;
}

class TrustFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("meridian_trust_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store_ = std::move(*OpenSqliteStore({.path = (dir_ / "t.db").string()}));
    Company acme{.slug = "acme", .name = "Acme", .website = "https://acme.example"};
    ASSERT_TRUE(
        store_
            ->Write([&](StoreWriter& w) { return w.PutCompany(&acme, PutMode::kCreate).status(); })
            .ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  Job Stored(Job j) {
    EXPECT_TRUE(
        store_->Write([&](StoreWriter& w) { return w.PutJob(&j, PutMode::kCreate).status(); })
            .ok());
    return j;
  }
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  FakeClock clock_{kNow};
};

TEST_F(TrustFilesTest, ModelReasonsNameSignalsAndBadBytesKeepThePreviousModel) {
  StatusOr<TextClassifier> model =
      TextClassifier::Train(Corpus(), ScamSignalNamesList(), TextClassifierOptions{});
  ASSERT_TRUE(model.ok()) << model.status().message();
  TrustService trust(*store_, clock_, {});
  ASSERT_TRUE(trust.Start().ok());
  ASSERT_EQ(trust.status().scam_method, "rules");
  ASSERT_TRUE(trust.InstallScamModel(model->Serialize(), "v1").ok());
  ASSERT_EQ(trust.status().scam_method, "model");
  EXPECT_EQ(trust.status().scam_version, "v1");
  // Held-out posts of the same kind.
  const std::vector<LabeledText> unseen = Corpus(150, 156);
  const LabeledText& held = unseen[3];  // i = 153: WhatsApp and a registration fee
  ASSERT_TRUE(held.positive);
  Job scam = Post("Assistant", "");
  scam.title = held.text.substr(0, held.text.find('\n'));
  scam.description = held.text.substr(held.text.find('\n') + 1);
  while (!scam.description.empty() && scam.description.back() == '\n') scam.description.pop_back();
  Screening s = trust.Screen(scam);
  EXPECT_EQ(s.method, "model");
  EXPECT_TRUE(s.flagged) << s.score << " " << (s.reasons.empty() ? "" : s.reasons[0]);
  std::string all;
  for (const std::string& r : s.reasons) all += r + "\n";
  EXPECT_TRUE(all.find("chat app") != std::string::npos || all.find("pay") != std::string::npos)
      << all;
  EXPECT_FALSE(trust.Screen(Post("Engineer", kPlainText)).flagged);

  // Odd input classifies without error.
  for (std::string text :
       {std::string(), std::string(300'000, 'a'), std::string("\xff\xfe\x00\x01", 4),
        std::string("Remote \xF0\x9F\x9A\x80 работа 远程 عمل")}) {
    Screening odd = trust.Screen(Post("x", text));
    EXPECT_GE(odd.score, 0);
    EXPECT_LE(odd.score, 1);
  }

  // A challenger in the shadow scores every screened post beside the champion, unserved.
  ASSERT_TRUE(trust.ShadowScamModel(model->Serialize(), "v2").ok());
  Job shadowed = Post("Assistant", kScamText);
  trust.Enrich(&shadowed, nullptr, {.flag = true});
  Job plain = Post("Engineer", kPlainText);
  trust.Enrich(&plain, nullptr, {.flag = true});
  ASSERT_TRUE(trust.status().scam_shadow.has_value());
  const ShadowStats st = *trust.status().scam_shadow;
  EXPECT_EQ(st.version, "v2");
  EXPECT_EQ(st.posts, 2);
  EXPECT_EQ(st.agreements, 2);  // the same model: the same decisions and scores
  EXPECT_EQ(st.abs_score_diff_sum, 0);
  EXPECT_EQ(st.champion_flags, st.challenger_flags);
  EXPECT_FALSE(trust.ShadowScamModel(std::string_view("junk"), "v3").ok());
  ASSERT_TRUE(trust.ShadowScamModel(std::nullopt, "").ok());
  EXPECT_FALSE(trust.status().scam_shadow.has_value());

  // Corrupted bytes are refused; the model that was serving keeps serving.
  std::string bytes = model->Serialize();
  bytes[bytes.size() / 2] ^= 0x5A;
  Status reload = trust.InstallScamModel(bytes, "v2");
  EXPECT_FALSE(reload.ok());
  EXPECT_NE(reload.message().find("previous model keeps serving"), std::string::npos);
  EXPECT_EQ(trust.status().scam_method, "model");
  EXPECT_EQ(trust.status().scam_version, "v1");
  EXPECT_FALSE(trust.status().last_error.empty());
  EXPECT_TRUE(trust.Screen(scam).flagged);
  // So are salary bytes that are not a salary model; no estimates appear.
  EXPECT_FALSE(trust.InstallSalaryModel(model->Serialize(), "v1").ok());
  EXPECT_FALSE(trust.status().salary_model);

  // A model trained with other signals is a mismatch, refused the same way.
  StatusOr<TextClassifier> other = TextClassifier::Train(Corpus(), {"a", "b"}, {});
  ASSERT_FALSE(other.ok());  // the examples carry 8 signals, not 2
  ScamScreener fresh({});
  EXPECT_FALSE(fresh.LoadModel("").ok());
  EXPECT_EQ(fresh.model(), nullptr);
}

// Salaries of backend engineers and designers, junior to senior, times `scale`.
SalaryEstimator TrainSalaries(double scale) {
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 0.1);
  std::vector<SalaryExample> examples;
  const char* roles[] = {"backend engineer", "designer"};
  const char* levels[] = {"junior", "mid", "senior"};
  for (int i = 0; i < 300; ++i) {
    const int r = i % 2, l = (i / 2) % 3;
    SalaryExample e;
    e.input.title = std::string(levels[l]) + " " + roles[r];
    e.input.tags = {roles[r]};
    e.input.regions = {"WW"};
    e.input.employment_type = "FULL_TIME";
    e.annual_usd = scale * std::exp(10.8 + 0.3 * r + 0.25 * l + noise(rng));
    examples.push_back(std::move(e));
  }
  SalaryEstimatorOptions o;
  o.model.folds = 3;
  o.model.trees.rounds = 40;
  o.model.trees.threads = 1;
  auto est = SalaryEstimator::Train(examples, o);
  EXPECT_TRUE(est.ok()) << est.status();
  return std::move(*est);
}

TEST_F(TrustFilesTest, ASalaryChallengerEstimatesInTheShadowAndIsCounted) {
  TrustService trust(*store_, clock_, {});
  ASSERT_TRUE(trust.Start().ok());
  SalaryEstimator champion = TrainSalaries(1.0), same = TrainSalaries(1.0),
                  richer = TrainSalaries(1.6);
  ASSERT_TRUE(trust.InstallSalaryModel(champion.Serialize(), "v1").ok());
  auto post = [&](double given) {
    Job j = Post("Senior backend engineer", kPlainText);
    j.tags = {"backend engineer"};
    j.eligible_areas = {"WW"};
    j.employment_type = "FULL_TIME";
    if (given > 0) {
      j.salary = {.min = given,
                  .max = given,
                  .currency = "USD",
                  .period = "YEAR",
                  .annual_usd_min = given,
                  .annual_usd_max = given,
                  .source = "employer"};
    }
    trust.Enrich(&j, nullptr, {.flag = true});
    return j;
  };
  // The same model in the shadow agrees on every post.
  ASSERT_TRUE(trust.ShadowSalaryModel(same.Serialize(), "v2").ok());
  Job served = post(0);
  ASSERT_TRUE(served.salary_estimate.has_value());
  const double median = served.salary_estimate->median;
  post(median);  // an employer salary inside both bands
  ShadowStats st = *trust.status().salary_shadow;
  EXPECT_EQ(st.version, "v2");
  EXPECT_EQ(st.posts, 2);
  EXPECT_EQ(st.agreements, 2);
  EXPECT_EQ(st.challenger_flags + st.champion_flags, 0);
  EXPECT_NEAR(st.abs_score_diff_sum, 0, 1e-12);
  // One that estimates 60 % more disagrees, and the employer's figure (the champion's
  // median) falls below its band only.
  ASSERT_TRUE(trust.ShadowSalaryModel(richer.Serialize(), "v3").ok());
  Job again = post(median);
  EXPECT_NEAR(again.salary_estimate->median, median, 1e-6) << "the champion still serves";
  st = *trust.status().salary_shadow;
  EXPECT_EQ(st.version, "v3");
  EXPECT_EQ(st.posts, 1);
  EXPECT_EQ(st.agreements, 0);
  EXPECT_EQ(st.challenger_flags, 1);
  EXPECT_EQ(st.champion_flags, 0);
  EXPECT_NEAR(st.abs_score_diff_sum, std::log10(1.6), 0.08);
  EXPECT_FALSE(trust.ShadowSalaryModel(std::string_view("junk"), "v4").ok());
  ASSERT_TRUE(trust.ShadowSalaryModel(std::nullopt, "").ok());
  EXPECT_FALSE(trust.status().salary_shadow.has_value());
}

TEST_F(TrustFilesTest, EnrichFlagsOnlyNonAdminWritesAndKeepsScoresOfUnchangedText) {
  TrustService trust(*store_, clock_, {});
  ASSERT_TRUE(trust.Start().ok());
  Job j = Post("Assistant", kScamText);
  trust.Enrich(&j, nullptr, {.flag = true});
  EXPECT_EQ(j.status, "flagged");
  ASSERT_TRUE(j.scam_score.has_value());
  Job admin = Post("Assistant", kScamText);
  trust.Enrich(&admin, nullptr, {.flag = false});
  EXPECT_EQ(admin.status, "live");
  EXPECT_TRUE(admin.scam_score.has_value());
  // An approved post edited without touching its text is not flagged again.
  Job approved = j;
  approved.status = "live";
  Job edit = approved;
  edit.tags = {"admin"};
  trust.Enrich(&edit, &approved, {.flag = true});
  EXPECT_EQ(edit.status, "live");
}

TEST_F(TrustFilesTest, ModerationRecordsLabelsAndExpiryClosesOldPosts) {
  Job flagged = Post("Assistant", kScamText);
  flagged.status = "flagged";
  flagged.scam_score = 0.9;
  flagged = Stored(flagged);
  Job old = Post("Old role", kPlainText);
  old.valid_through = kNow - 10;
  old = Stored(old);
  Job fresh = Post("Fresh role", std::string(kPlainText) + " Fresh.");
  fresh.valid_through = kNow + 86400;
  fresh = Stored(fresh);

  StatusOr<Job> approved = ModerateJob(*store_, clock_, flagged.slug, {.moderator_id = 0});
  ASSERT_TRUE(approved.ok()) << approved.status().message();
  EXPECT_EQ(approved->status, "live");
  EXPECT_EQ(ModerateJob(*store_, clock_, flagged.slug, {}).status().code(),
            StatusCode::kFailedPrecondition);
  StatusOr<Job> rejected =
      ModerateJob(*store_, clock_, fresh.slug, {.verdict = ModerationVerdict::kReject});
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->status, "rejected");
  EXPECT_EQ(ModerateJob(*store_, clock_, "nope", {}).status().code(), StatusCode::kNotFound);

  StatusOr<std::vector<ModerationLabel>> labels = store_->ListModerationLabels(0, 10);
  ASSERT_TRUE(labels.ok());
  ASSERT_EQ(labels->size(), 2u);
  EXPECT_EQ((*labels)[0].label, "legit");
  EXPECT_EQ((*labels)[0].description, kScamText);
  EXPECT_EQ((*labels)[0].score, 0.9);
  EXPECT_EQ((*labels)[1].label, "scam");

  StatusOr<size_t> expired = ExpireDueJobs(*store_, kNow);
  ASSERT_TRUE(expired.ok());
  EXPECT_EQ(*expired, 1u);
  EXPECT_EQ(store_->GetJob(old.slug)->status, "expired");
  EXPECT_EQ(store_->GetJob(approved->slug)->status, "live");  // no valid_through
  EXPECT_EQ(*ExpireDueJobs(*store_, kNow), 0u);

  // Training refuses too few labels, naming what is missing.
  TrustService trust(*store_, clock_, {});
  ASSERT_TRUE(trust.Start().ok());
  StatusOr<std::vector<LabeledText>> examples = ScamExamplesFromStore(*store_, trust);
  ASSERT_TRUE(examples.ok());
  EXPECT_EQ(examples->size(), 2u);
  ScamTrainingReport report;
  EXPECT_EQ(TrainScamModel(*examples, {}, &report).status().code(),
            StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace meridian
