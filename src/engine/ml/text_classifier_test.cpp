// Text features, the scam/spam classifier, its artifact, naive Bayes and the binary
// classification metrics (issue 7). Everything here is synthetic: no corpus files needed.
#include "engine/ml/text_classifier.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/ml/classifier_metrics.h"
#include "engine/ml/naive_bayes.h"
#include "engine/ml/text_features.h"

namespace meridian {
namespace {

TEST(TextFeaturesTest, HashIsStableFnv1a) {
  // Published FNV-1a 64 test vectors.
  EXPECT_EQ(Fnv1a(kFnvOffset, ""), 0xcbf29ce484222325ull);
  EXPECT_EQ(Fnv1a(kFnvOffset, "a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(Fnv1a(kFnvOffset, "foobar"), 0x85944171f73967e8ull);
}

TEST(TextFeaturesTest, TokensAreLowercasedAcrossScriptsAndEmojiStandAlone) {
  const std::vector<std::string> want = {"hello",
                                         "world",
                                         "\xC3\xBC"
                                         "ber",
                                         "привет",
                                         "\xF0\x9F\x9A\x80",
                                         "\xF0\x9F\x9A\x80",
                                         "日本語",
                                         "42"};
  EXPECT_EQ(WordTokens("Hello, WORLD! \xC3\x9C"
                       "ber ПРИВЕТ \xF0\x9F\x9A\x80\xF0\x9F\x9A\x80 日本語 42",
                       1000),
            want);
  // Invalid UTF-8 separates words; nothing is lost or thrown.
  EXPECT_EQ(WordTokens("ab\xFF\xFE"
                       "cd\xC3",
                       1000),
            (std::vector<std::string>{"ab", "cd"}));
  EXPECT_EQ(WordTokens("abcdef", 3), (std::vector<std::string>{"abc"}));
  EXPECT_TRUE(WordTokens("", 100).empty());
}

std::vector<std::string> SmallCorpus() {
  return {"remote backend engineer salary benefits", "send the deposit by telegram now",
          "remote frontend engineer equity",         "telegram deposit urgent earn daily",
          "backend engineer on call rotation",       "earn daily send deposit"};
}

TEST(TextFeaturesTest, AwkwardTextsTransformWithoutError) {
  const std::vector<std::string> corpus = SmallCorpus();
  std::vector<std::string_view> texts(corpus.begin(), corpus.end());
  StatusOr<TextFeatures> f = TextFeatures::Fit(texts, {}, {.hash_bits = 16, .min_df = 1});
  ASSERT_TRUE(f.ok()) << f.status();
  StatusOr<TextFeatures> g = TextFeatures::Fit(texts, {}, {.hash_bits = 16, .min_df = 1});
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(f->BucketOf('w', "telegram"), g->BucketOf('w', "telegram"));
  EXPECT_EQ(f->columns(), g->columns());

  EXPECT_TRUE(f->Transform("").columns.empty());
  std::string junk(5000, '\0');
  std::mt19937 rng(1);
  for (char& c : junk) c = static_cast<char>(rng() & 0xFF);
  std::string huge;
  while (huge.size() < (8u << 20)) huge += "send the deposit by telegram now ";
  const std::string emoji = "🚀🚀 deposit 💰 télégram ПРИВЕТ 日本語 مرحبا \xF0\x9F";
  for (const std::string& text : {junk, huge, emoji, std::string("telegram")}) {
    SparseVector v = f->Transform(text);
    ASSERT_EQ(v.columns.size(), v.values.size());
    EXPECT_TRUE(std::is_sorted(v.columns.begin(), v.columns.end()));
    double norm = 0;
    for (size_t i = 0; i < v.values.size(); ++i) {
      EXPECT_LT(v.columns[i], f->columns());
      EXPECT_TRUE(std::isfinite(v.values[i]));
      norm += v.values[i] * v.values[i];
    }
    if (!v.values.empty()) {
      EXPECT_NEAR(norm, 1.0, 1e-4);
    }
  }
  EXPECT_FALSE(f->Transform(huge).columns.empty());
  EXPECT_FALSE(f->Transform(emoji).columns.empty());
}

// Positives carry the planted word "telegram", the signal "asks_payment", or both;
// negatives neither. Filler words are shared by both classes.
std::vector<LabeledText> Synthetic(size_t n, uint32_t seed) {
  static const char* const kFiller[] = {"remote",  "engineer", "backend",  "team",   "salary",
                                        "europe",  "python",   "benefits", "apply",  "review",
                                        "product", "design",   "kafka",    "growth", "customers"};
  std::mt19937 rng(seed);
  std::vector<LabeledText> out;
  for (size_t i = 0; i < n; ++i) {
    LabeledText e;
    e.positive = i % 2 == 0;
    const uint32_t plant = e.positive ? 1 + rng() % 3 : 0;  // 1 word, 2 signal, 3 both
    for (int w = 0; w < 12; ++w) {
      e.text += kFiller[rng() % 15];
      e.text += ' ';
    }
    if (plant & 1) e.text += " telegram";
    e.signals = {(plant & 2) ? 1.0f : 0.0f};
    out.push_back(std::move(e));
  }
  return out;
}

TextClassifierOptions FastOptions() {
  TextClassifierOptions o;
  o.features.hash_bits = 16;
  o.features.char_min = 0;  // words only, so that reasons are whole words
  o.features.min_df = 2;
  o.boost.rounds = 40;
  o.boost.max_depth = 3;
  o.boost.eta = 0.3;
  o.boost.colsample_bytree = 1.0;
  return o;
}

class TrainedClassifierTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::vector<LabeledText> train = Synthetic(300, 1);
    StatusOr<TextClassifier> c = TextClassifier::Train(train, {"asks_payment"}, FastOptions());
    ASSERT_TRUE(c.ok()) << c.status();
    model_ = new TextClassifier(std::move(*c));
  }
  static void TearDownTestSuite() {
    delete model_;
    model_ = nullptr;
  }
  static TextClassifier* model_;
};
TextClassifier* TrainedClassifierTest::model_ = nullptr;

TEST_F(TrainedClassifierTest, SeparatesHeldOutExamplesAndNamesItsReasons) {
  const std::vector<LabeledText> test = Synthetic(200, 2);
  StatusOr<std::vector<double>> p = model_->PredictProbabilities(test);
  ASSERT_TRUE(p.ok()) << p.status();
  std::unique_ptr<bool[]> labels(new bool[test.size()]);
  for (size_t i = 0; i < test.size(); ++i) labels[i] = test[i].positive;
  const BinaryScores s = ScoreBinary(*p, {labels.get(), test.size()});
  EXPECT_GT(s.roc_auc, 0.97);
  EXPECT_GT(s.f1, 0.9);

  const float yes[] = {1.0f}, no[] = {0.0f};
  StatusOr<Prediction> both = model_->Predict("remote engineer telegram", yes, {.top_n = 5});
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_GT(both->probability, 0.8);
  bool word = false, signal = false;
  for (const Reason& r : both->reasons) {
    EXPECT_GT(r.contribution, 0);
    if (r.kind == ReasonKind::kWord && r.feature.find("telegram") != std::string::npos) word = true;
    if (r.kind == ReasonKind::kSignal && r.feature == "asks_payment") signal = true;
  }
  EXPECT_TRUE(word) << (both->reasons.empty() ? "" : both->reasons[0].feature);
  EXPECT_TRUE(signal);
  StatusOr<Prediction> clean = model_->Predict("remote backend engineer salary review", no, {});
  ASSERT_TRUE(clean.ok());
  EXPECT_LT(clean->probability, 0.2);
  EXPECT_TRUE(model_->Predict("x", {}, {}).status().code() == StatusCode::kInvalidArgument);
}

TEST_F(TrainedClassifierTest, ArtifactRoundTripsAndRefusesDamage) {
  const std::string bytes = model_->Serialize();
  StatusOr<TextClassifier> back = TextClassifier::Deserialize(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->Serialize(), bytes);
  const float yes[] = {1.0f};
  for (const char* text : {"contact me on telegram", "", "remote python team", "🚀 \xFF"}) {
    StatusOr<Prediction> a = model_->Predict(text, yes, {.top_n = 3});
    StatusOr<Prediction> b = back->Predict(text, yes, {.top_n = 3});
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->probability, b->probability);
    ASSERT_EQ(a->reasons.size(), b->reasons.size());
    for (size_t i = 0; i < a->reasons.size(); ++i) {
      EXPECT_EQ(a->reasons[i].feature, b->reasons[i].feature);
    }
  }

  auto code = [](std::string_view b) { return TextClassifier::Deserialize(b).status().code(); };
  EXPECT_EQ(code(bytes.substr(0, bytes.size() - 1)), StatusCode::kDataLoss);
  EXPECT_EQ(code(bytes.substr(0, bytes.size() / 2)), StatusCode::kDataLoss);
  EXPECT_EQ(code(bytes.substr(0, 10)), StatusCode::kDataLoss);
  EXPECT_EQ(code(""), StatusCode::kDataLoss);
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x20;
  EXPECT_EQ(code(flipped), StatusCode::kDataLoss);
  std::string magic = bytes;
  magic[0] = 'X';
  EXPECT_EQ(code(magic), StatusCode::kDataLoss);
  std::string version = bytes;
  version[8] = 9;
  EXPECT_EQ(code(version), StatusCode::kFailedPrecondition);
  EXPECT_NE(TextClassifier::Deserialize(version).status().message().find("version 9"),
            std::string::npos);

  const std::vector<std::string> same = {"asks_payment"}, other = {"free_mail"};
  EXPECT_TRUE(model_->CheckCompatible(same).ok());
  Status mismatch = model_->CheckCompatible(other);
  EXPECT_EQ(mismatch.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(mismatch.message().find("mismatched model artifact"), std::string::npos);
  EXPECT_EQ(model_->CheckCompatible({}).code(), StatusCode::kFailedPrecondition);
}

TEST(TextClassifierTest, RefusesBadTrainingInput) {
  std::vector<LabeledText> one_class = {{"a b", {}, true}, {"a c", {}, true}, {"b c", {}, true}};
  EXPECT_EQ(TextClassifier::Train(one_class, {}, FastOptions()).status().code(),
            StatusCode::kInvalidArgument);
  std::vector<LabeledText> wrong = Synthetic(20, 3);
  EXPECT_EQ(TextClassifier::Train(wrong, {}, FastOptions()).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(NaiveBayesTest, ScoresPlantedWords) {
  const std::vector<std::string> corpus = SmallCorpus();
  std::vector<std::string_view> texts(corpus.begin(), corpus.end());
  const bool labels[] = {false, true, false, true, false, true};
  NaiveBayes nb = NaiveBayes::Train(texts, labels, {});
  EXPECT_GT(nb.Probability("urgent deposit by telegram"), 0.9);
  EXPECT_LT(nb.Probability("backend engineer salary"), 0.1);
  EXPECT_NEAR(nb.Probability(""), 0.5, 1e-9);  // equal priors, no evidence
  const double long_text = nb.Probability(std::string(200000, 'a') + " deposit");
  EXPECT_TRUE(long_text >= 0 && long_text <= 1);
}

TEST(ClassifierMetricsTest, MatchHandComputedValues) {
  const double scores[] = {0.9, 0.8, 0.7, 0.6, 0.55, 0.4};
  const bool labels[] = {true, false, true, true, false, false};
  const BinaryScores s = ScoreBinary(scores, labels);
  EXPECT_DOUBLE_EQ(s.precision, 0.6);  // 3 of the 5 at >= 0.5
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.f1, 0.75);
  EXPECT_DOUBLE_EQ(s.roc_auc, 7.0 / 9);                  // 7 of 9 positive-negative pairs in order
  EXPECT_DOUBLE_EQ(s.pr_auc, (1 + 2.0 / 3 + 0.75) / 3);  // precision at each positive
  // Ties: a tied pair counts one half; tied scores are one threshold.
  const double tied[] = {0.5, 0.5, 0.2, 0.8};
  const bool tied_labels[] = {true, false, false, true};
  EXPECT_DOUBLE_EQ(RocAuc(tied, tied_labels), 3.5 / 4);
  EXPECT_DOUBLE_EQ(AveragePrecision(tied, tied_labels), 0.5 * 1 + 0.5 * 2.0 / 3);
  const bool none[] = {false, false, false, false};
  EXPECT_DOUBLE_EQ(RocAuc(tied, none), 0.5);
  EXPECT_DOUBLE_EQ(ScoreBinary(tied, none).f1, 0);
}

TEST(ClassifierMetricsTest, PlattScalingFollowsTheMargins) {
  std::vector<double> margins;
  std::unique_ptr<bool[]> labels(new bool[400]);
  std::mt19937 rng(5);
  std::normal_distribution<double> noise(0, 1);
  for (int i = 0; i < 400; ++i) {
    labels[i] = i % 2 == 0;
    margins.push_back((labels[i] ? 2.0 : -2.0) + noise(rng));
  }
  const auto [a, b] = FitPlatt(margins, {labels.get(), 400});
  EXPECT_LT(a, 0);  // larger margins, higher probability
  EXPECT_NEAR(b, 0, 0.3);
}

}  // namespace
}  // namespace meridian
