// The scam and spam classifier (issue 7): hashed TF-IDF text features (text_features.h)
// plus named dense "signals" from the platform (e.g. "off-platform contact", "asks for
// payment"), gradient-boosted trees (XGBoost, binary:logistic), a calibrated probability and
// the reasons behind each prediction.
//
// Calibration: Platt scaling, p = 1 / (1 + exp(A * margin + B)), fitted on a held-out part
// of the training examples (`calibration_fraction`, stratified) scored by a booster trained
// on the rest, so the calibrator never sees margins of rows the trees were fitted on. The
// final booster is then trained on all examples with the same settings (as scikit-learn's
// CalibratedClassifierCV with ensemble=False), on only the text columns the first booster
// used (so that explaining a prediction, whose cost in XGBoost grows with trees x columns,
// stays cheap), unless `refit_on_all` is false. Platt rather
// than isotonic: two parameters are stable on a few hundred held-out rows and keep the
// ranking (ROC-AUC) of the margins untouched; isotonic steps need thousands.
//
// Reasons are XGBoost's SHAP contributions (log-odds of the uncalibrated margin) of the
// prediction's columns, named by the text column's most frequent training term or by the
// signal's name; by default the `top_n` pushing toward the positive class, largest first.
//
// Artifact (Serialize/Save), little-endian:
//   magic "MRDNCLF\0", u32 format version, u64 contents size, contents, u64 checksum
//   (Checksum64 over magic, version, size and contents); contents:
//   u64 + bytes text features (TextFeatures::Serialize), u64 n + n strings signal names,
//   f64 Platt A, f64 Platt B, u64 + bytes XGBoost model (UBJSON).
// Deserialize refuses a short, corrupt or foreign artifact (DataLoss) and another format
// version (FailedPrecondition).
//
//   ASSIGN_OR_RETURN(TextClassifier c, TextClassifier::Train(examples, {"asks_payment"}, {}));
//   ASSIGN_OR_RETURN(Prediction p, c.Predict(text, signals, {}));
//
// Thread-safety: a TextClassifier is immutable after Train/Deserialize; Predict may be called
// from several threads (the booster serializes its own calls).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/statusor.h"
#include "engine/ml/text_features.h"
#include "engine/ml/xgb.h"

namespace meridian {

struct LabeledText {
  std::string text;
  std::vector<float> signals;  // one per signal name; NaN = unknown
  bool positive = false;
};

enum class ReasonKind { kWord, kSignal };

struct Reason {
  std::string feature;  // the column's name: a word, "w1 w2", chars:"..." or a signal name
  ReasonKind kind = ReasonKind::kWord;
  double contribution = 0;  // log-odds toward the positive class (negative: away from it)
};

struct Prediction {
  double probability = 0;  // calibrated
  double margin = 0;       // the booster's log-odds before calibration
  std::vector<Reason> reasons;
};

enum class ReasonDirection {
  kTowardPositive,  // the largest positive contributions
  kTowardNegative,  // the most negative ones
  kEither,          // the largest by magnitude
};

struct ExplainOptions {
  size_t top_n = 5;  // 0: no reasons (skips the SHAP pass)
  ReasonDirection direction = ReasonDirection::kTowardPositive;
};

struct TextClassifierOptions {
  TextFeatureOptions features;
  xgb::TrainOptions boost{
      .rounds = 300, .max_depth = 4, .eta = 0.15, .colsample_bytree = 0.5, .max_bin = 32};
  double calibration_fraction = 0.2;
  bool refit_on_all = true;
  uint64_t seed = 7;  // the calibration split
};

class TextClassifier {
 public:
  static constexpr uint32_t kFormatVersion = 1;

  // `examples` need both classes and `signal_names.size()` signals each.
  static StatusOr<TextClassifier> Train(std::span<const LabeledText> examples,
                                        std::vector<std::string> signal_names,
                                        const TextClassifierOptions& options);

  // `signals` has one value per signal name (InvalidArgument otherwise).
  StatusOr<Prediction> Predict(std::string_view text, std::span<const float> signals,
                               const ExplainOptions& explain) const;
  // Calibrated probabilities of many examples in one pass (labels are ignored).
  StatusOr<std::vector<double>> PredictProbabilities(std::span<const LabeledText> examples) const;

  // FailedPrecondition ("mismatched model artifact: ...") unless the model was trained with
  // exactly these signal names, in this order.
  Status CheckCompatible(std::span<const std::string> signal_names) const;

  std::string Serialize() const;
  static StatusOr<TextClassifier> Deserialize(std::string_view bytes);
  Status Save(const std::string& path) const;
  static StatusOr<TextClassifier> Load(const std::string& path);

  const TextFeatures& features() const { return features_; }
  const std::vector<std::string>& signal_names() const { return signal_names_; }
  double platt_a() const { return platt_a_; }
  double platt_b() const { return platt_b_; }

 private:
  TextClassifier(TextFeatures features, std::vector<std::string> signal_names, xgb::Booster booster)
      : features_(std::move(features)),
        signal_names_(std::move(signal_names)),
        booster_(std::move(booster)) {}
  void AddRow(std::string_view text, std::span<const float> signals, xgb::SparseRows* x) const;
  double Calibrate(double margin) const;

  TextFeatures features_;
  std::vector<std::string> signal_names_;
  xgb::Booster booster_;
  double platt_a_ = -1, platt_b_ = 0;
};

// Appends `text` and `signals` as one row of the classifier's columns: the text columns,
// then one per signal (NaN signals left out, i.e. missing to XGBoost).
void AppendRow(const TextFeatures& features, size_t signal_count, std::string_view text,
               std::span<const float> signals, xgb::SparseRows* x);

// Fits Platt's sigmoid to margins and labels (Platt 1999 with Lin et al.'s Newton method and
// target smoothing); returns {A, B} with p = 1 / (1 + exp(A * margin + B)).
std::pair<double, double> FitPlatt(std::span<const double> margins, std::span<const bool> labels);

}  // namespace meridian
