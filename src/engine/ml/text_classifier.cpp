#include "engine/ml/text_classifier.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>

#include "base/checksum.h"
#include "base/file.h"
#include "engine/ml/byte_io.h"

namespace meridian {
namespace {

constexpr char kMagic[8] = {'M', 'R', 'D', 'N', 'C', 'L', 'F', '\0'};
constexpr size_t kHeader = 8 + 4 + 8;  // magic, version, contents size

double Logit(float p) {
  const double q = std::clamp(static_cast<double>(p), 1e-7, 1 - 1e-7);
  return std::log(q / (1 - q));
}

std::string Joined(std::span<const std::string> names) {
  std::string s = "[";
  for (size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
  return s + "]";
}

// Row indices split per class: a `fraction` of each class (at least one row of each when
// the class has two or more) goes to `held`, the rest to `kept`.
void StratifiedSplit(std::span<const LabeledText> examples, double fraction, uint64_t seed,
                     std::vector<size_t>* kept, std::vector<size_t>* held) {
  std::mt19937_64 rng(seed);
  for (bool cls : {false, true}) {
    std::vector<size_t> rows;
    for (size_t i = 0; i < examples.size(); ++i) {
      if (examples[i].positive == cls) rows.push_back(i);
    }
    for (size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[rng() % i]);
    size_t n = static_cast<size_t>(std::llround(fraction * static_cast<double>(rows.size())));
    if (rows.size() >= 2) n = std::clamp<size_t>(n, 1, rows.size() - 1);
    held->insert(held->end(), rows.begin(), rows.begin() + static_cast<ptrdiff_t>(n));
    kept->insert(kept->end(), rows.begin() + static_cast<ptrdiff_t>(n), rows.end());
  }
  std::sort(kept->begin(), kept->end());
  std::sort(held->begin(), held->end());
}

}  // namespace

std::pair<double, double> FitPlatt(std::span<const double> margins, std::span<const bool> labels) {
  double prior1 = 0, prior0 = 0;
  for (bool y : labels) (y ? prior1 : prior0) += 1;
  const double hi = (prior1 + 1) / (prior1 + 2), lo = 1 / (prior0 + 2);
  std::vector<double> t(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) t[i] = labels[i] ? hi : lo;
  double a = 0, b = std::log((prior0 + 1) / (prior1 + 1));
  auto objective = [&](double aa, double bb) {
    double f = 0;
    for (size_t i = 0; i < t.size(); ++i) {
      const double z = margins[i] * aa + bb;
      f += z >= 0 ? t[i] * z + std::log1p(std::exp(-z)) : (t[i] - 1) * z + std::log1p(std::exp(z));
    }
    return f;
  };
  double f = objective(a, b);
  for (int it = 0; it < 100; ++it) {
    double h11 = 1e-12, h22 = 1e-12, h21 = 0, g1 = 0, g2 = 0;
    for (size_t i = 0; i < t.size(); ++i) {
      const double z = margins[i] * a + b;
      const double p = z >= 0 ? std::exp(-z) / (1 + std::exp(-z)) : 1 / (1 + std::exp(z));
      const double q = 1 - p, d2 = p * q, d1 = t[i] - p;
      h11 += margins[i] * margins[i] * d2;
      h22 += d2;
      h21 += margins[i] * d2;
      g1 += margins[i] * d1;
      g2 += d1;
    }
    if (std::abs(g1) < 1e-5 && std::abs(g2) < 1e-5) break;
    const double det = h11 * h22 - h21 * h21;
    const double da = -(h22 * g1 - h21 * g2) / det, db = -(-h21 * g1 + h11 * g2) / det;
    const double gd = g1 * da + g2 * db;
    double step = 1;
    while (step >= 1e-10) {
      const double na = a + step * da, nb = b + step * db, nf = objective(na, nb);
      if (nf < f + 1e-4 * step * gd) {
        a = na, b = nb, f = nf;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return {a, b};
}

void TextClassifier::AddRow(std::string_view text, std::span<const float> signals,
                            xgb::SparseRows* x) const {
  AppendRow(features_, signal_names_.size(), text, signals, x);
}

void AppendRow(const TextFeatures& features, size_t signal_count, std::string_view text,
               std::span<const float> signals, xgb::SparseRows* x) {
  const SparseVector v = features.Transform(text);
  std::vector<std::pair<uint32_t, float>> row;
  row.reserve(v.columns.size() + signals.size());
  for (size_t i = 0; i < v.columns.size(); ++i) row.emplace_back(v.columns[i], v.values[i]);
  const auto base = static_cast<uint32_t>(features.columns());
  for (size_t s = 0; s < signals.size(); ++s) {
    if (!std::isnan(signals[s])) row.emplace_back(base + static_cast<uint32_t>(s), signals[s]);
  }
  x->Add(row);
  // Every row spans all columns, so that XGBoost sees the same width in training and serving.
  x->cols = std::max(x->cols, features.columns() + signal_count);
}

double TextClassifier::Calibrate(double margin) const {
  const double z = platt_a_ * margin + platt_b_;
  return z >= 0 ? std::exp(-z) / (1 + std::exp(-z)) : 1 / (1 + std::exp(z));
}

StatusOr<TextClassifier> TextClassifier::Train(std::span<const LabeledText> examples,
                                               std::vector<std::string> signal_names,
                                               const TextClassifierOptions& options) {
  size_t positives = 0;
  for (const LabeledText& e : examples) {
    if (e.signals.size() != signal_names.size()) {
      return InvalidArgumentError("classifier: an example has " + std::to_string(e.signals.size()) +
                                  " signals, expected " + std::to_string(signal_names.size()));
    }
    positives += e.positive ? 1 : 0;
  }
  if (positives < 2 || examples.size() - positives < 2) {
    return InvalidArgumentError("classifier: training needs two examples of each class");
  }
  std::vector<std::string_view> texts;
  std::unique_ptr<bool[]> labels(new bool[examples.size()]);
  for (size_t i = 0; i < examples.size(); ++i) {
    texts.push_back(examples[i].text);
    labels[i] = examples[i].positive;
  }
  const std::span<const bool> label_span(labels.get(), examples.size());
  ASSIGN_OR_RETURN(TextFeatures features, TextFeatures::Fit(texts, label_span, options.features));
  xgb::SparseRows all;
  for (const LabeledText& e : examples) {
    AppendRow(features, signal_names.size(), e.text, e.signals, &all);
  }
  std::vector<float> y(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) y[i] = examples[i].positive ? 1.0f : 0.0f;

  {
    std::vector<float> caps(features.columns(), 0.0f);
    for (size_t k = 0; k < all.indices.size(); ++k) {
      if (all.indices[k] < caps.size())
        caps[all.indices[k]] = std::max(caps[all.indices[k]], all.values[k]);
    }
    RETURN_IF_ERROR(features.SetCaps(caps));
  }
  std::vector<size_t> kept, held;
  StratifiedSplit(examples, options.calibration_fraction, options.seed, &kept, &held);
  std::vector<float> y_kept;
  for (size_t i : kept) y_kept.push_back(y[i]);
  xgb::SparseRows x_kept = all.Slice(kept), x_held = all.Slice(held);
  x_kept.cols = x_held.cols = all.cols;
  ASSIGN_OR_RETURN(xgb::Booster first, xgb::Booster::Train(x_kept, y_kept, options.boost));
  ASSIGN_OR_RETURN(std::vector<float> p_held, first.Predict(x_held));
  std::vector<double> margins;
  std::unique_ptr<bool[]> held_labels(new bool[held.size()]);
  for (size_t i = 0; i < held.size(); ++i) {
    margins.push_back(Logit(p_held[i]));
    held_labels[i] = examples[held[i]].positive;
  }
  const auto [a, b] = FitPlatt(margins, std::span<const bool>(held_labels.get(), held.size()));
  if (options.refit_on_all) {
    // The final trees are fitted on the text columns the first ones used (plus every
    // signal): SHAP costs trees x columns per prediction in XGBoost, and the columns no tree
    // split on carry nothing.
    ASSIGN_OR_RETURN(std::vector<uint32_t> used, first.UsedFeatures());
    const size_t text_cols = features.columns();
    std::vector<int32_t> remap(text_cols + signal_names.size(), -1);
    std::vector<uint32_t> keep;
    for (uint32_t c : used) {
      if (c >= text_cols) continue;
      remap[c] = static_cast<int32_t>(keep.size());
      keep.push_back(c);
    }
    for (size_t k = 0; k < signal_names.size(); ++k) {
      remap[text_cols + k] = static_cast<int32_t>(keep.size() + k);
    }
    RETURN_IF_ERROR(features.Restrict(keep));
    xgb::SparseRows compact;
    std::vector<std::pair<uint32_t, float>> row;
    for (size_t r = 0; r < all.rows(); ++r) {
      row.clear();
      for (size_t k = all.indptr[r]; k < all.indptr[r + 1]; ++k) {
        if (remap[all.indices[k]] >= 0) {
          row.emplace_back(static_cast<uint32_t>(remap[all.indices[k]]), all.values[k]);
        }
      }
      compact.Add(row);
    }
    compact.cols = keep.size() + signal_names.size();
    ASSIGN_OR_RETURN(first, xgb::Booster::Train(compact, y, options.boost));
  }
  TextClassifier model(std::move(features), std::move(signal_names), std::move(first));
  model.platt_a_ = a;
  model.platt_b_ = b;
  return model;
}

StatusOr<Prediction> TextClassifier::Predict(std::string_view text, std::span<const float> signals,
                                             const ExplainOptions& explain) const {
  if (signals.size() != signal_names_.size()) {
    return InvalidArgumentError("classifier: " + std::to_string(signals.size()) +
                                " signals given, the model takes " +
                                std::to_string(signal_names_.size()));
  }
  xgb::SparseRows x;
  AddRow(text, signals, &x);
  Prediction out;
  if (explain.top_n == 0) {
    ASSIGN_OR_RETURN(std::vector<float> p, booster_.Predict(x));
    out.margin = Logit(p[0]);
    out.probability = Calibrate(out.margin);
    return out;
  }
  ASSIGN_OR_RETURN(std::vector<float> contributions, booster_.Contributions(x));
  double margin = 0;
  for (float c : contributions) margin += c;
  out.margin = margin;
  out.probability = Calibrate(margin);
  // Only the row's own columns (and signals) can be reasons; the bias is not one.
  std::vector<std::pair<double, uint32_t>> candidates;
  const size_t text_cols = features_.columns();
  for (size_t k = x.indptr[0]; k < x.indptr[1]; ++k) {
    const uint32_t c = x.indices[k];
    if (c < text_cols && c < contributions.size() - 1) {
      candidates.emplace_back(contributions[c], c);
    }
  }
  for (size_t s = 0; s < signals.size(); ++s) {
    const size_t c = text_cols + s;
    if (c < contributions.size() - 1 && !std::isnan(signals[s])) {
      candidates.emplace_back(contributions[c], static_cast<uint32_t>(c));
    }
  }
  auto key = [&](double v) {
    switch (explain.direction) {
      case ReasonDirection::kTowardPositive:
        return v;
      case ReasonDirection::kTowardNegative:
        return -v;
      case ReasonDirection::kEither:
        return std::abs(v);
    }
    return v;
  };
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](const auto& a, const auto& b) { return key(a.first) > key(b.first); });
  for (const auto& [value, c] : candidates) {
    if (out.reasons.size() >= explain.top_n || key(value) <= 0) break;
    Reason r;
    r.contribution = value;
    if (c < text_cols) {
      r.feature = features_.name(c);
      r.kind = ReasonKind::kWord;
    } else {
      r.feature = signal_names_[c - text_cols];
      r.kind = ReasonKind::kSignal;
    }
    out.reasons.push_back(std::move(r));
  }
  return out;
}

StatusOr<std::vector<double>> TextClassifier::PredictProbabilities(
    std::span<const LabeledText> examples) const {
  xgb::SparseRows x;
  for (const LabeledText& e : examples) {
    if (e.signals.size() != signal_names_.size()) {
      return InvalidArgumentError("classifier: an example has the wrong number of signals");
    }
    AddRow(e.text, e.signals, &x);
  }
  if (examples.empty()) return std::vector<double>{};
  ASSIGN_OR_RETURN(std::vector<float> p, booster_.Predict(x));
  std::vector<double> out;
  out.reserve(p.size());
  for (float q : p) out.push_back(Calibrate(Logit(q)));
  return out;
}

Status TextClassifier::CheckCompatible(std::span<const std::string> signal_names) const {
  if (std::equal(signal_names.begin(), signal_names.end(), signal_names_.begin(),
                 signal_names_.end())) {
    return OkStatus();
  }
  return FailedPreconditionError(
      "mismatched model artifact: the classifier was trained with "
      "signals " +
      Joined(signal_names_) + ", the caller supplies " + Joined(signal_names) + "; train it again");
}

std::string TextClassifier::Serialize() const {
  ml::ByteWriter w;
  w.PutString(features_.Serialize());
  w.PutStrings(signal_names_);
  w.Put(platt_a_);
  w.Put(platt_b_);
  StatusOr<std::string> model = booster_.Save();
  w.PutString(model.ok() ? *model : std::string());
  const std::string contents = w.Take();
  ml::ByteWriter out;
  out.Put(kMagic, sizeof kMagic);
  out.Put(kFormatVersion);
  out.Put(uint64_t{contents.size()});
  out.Put(contents.data(), contents.size());
  std::string bytes = out.Take();
  const uint64_t sum = Checksum64(0, bytes.data(), bytes.size());
  bytes.append(reinterpret_cast<const char*>(&sum), sizeof sum);
  return bytes;
}

StatusOr<TextClassifier> TextClassifier::Deserialize(std::string_view bytes) {
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    return DataLossError("classifier artifact: not a Meridian classifier (wrong magic)");
  }
  if (bytes.size() < kHeader + 8) return DataLossError("classifier artifact: truncated header");
  uint32_t version = 0;
  uint64_t size = 0;
  std::memcpy(&version, bytes.data() + 8, 4);
  std::memcpy(&size, bytes.data() + 12, 8);
  if (version != kFormatVersion) {
    return FailedPreconditionError("classifier artifact: format version " +
                                   std::to_string(version) + "; this build reads version " +
                                   std::to_string(kFormatVersion) + " only: train it again");
  }
  if (size != bytes.size() - kHeader - 8) {
    return DataLossError("classifier artifact: truncated (" + std::to_string(bytes.size()) +
                         " bytes, the header announces " + std::to_string(size + kHeader + 8) +
                         ")");
  }
  uint64_t sum = 0;
  std::memcpy(&sum, bytes.data() + kHeader + size, 8);
  if (sum != Checksum64(0, bytes.data(), kHeader + size)) {
    return DataLossError("classifier artifact: checksum mismatch (corrupt file)");
  }
  ml::ByteReader r(bytes.substr(kHeader, size));
  const std::string_view features_bytes = r.GetString();
  std::vector<std::string> signal_names;
  r.GetStrings(&signal_names);
  const auto a = r.Get<double>(), b = r.Get<double>();
  const std::string_view model_bytes = r.GetString();
  if (!r.done()) return DataLossError("classifier artifact: malformed contents");
  ASSIGN_OR_RETURN(TextFeatures features, TextFeatures::Deserialize(features_bytes));
  StatusOr<xgb::Booster> booster = xgb::Booster::Load(model_bytes);
  if (!booster.ok()) return DataLossError("classifier artifact: " + booster.status().message());
  if (booster->features() != features.columns() + signal_names.size()) {
    return DataLossError("classifier artifact: the trees take " +
                         std::to_string(booster->features()) + " columns, the features give " +
                         std::to_string(features.columns() + signal_names.size()));
  }
  TextClassifier model(std::move(features), std::move(signal_names), std::move(*booster));
  model.platt_a_ = a;
  model.platt_b_ = b;
  return model;
}

Status TextClassifier::Save(const std::string& path) const {
  const std::string bytes = Serialize();
  return ReplaceFile(path, [&](std::FILE* f) {
    return std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  });
}

StatusOr<TextClassifier> TextClassifier::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("classifier artifact: " + path + " cannot be opened");
  std::ostringstream ss;
  ss << in.rdbuf();
  StatusOr<TextClassifier> model = Deserialize(ss.str());
  if (!model.ok()) return model.status().Annotate(path);
  return model;
}

}  // namespace meridian
