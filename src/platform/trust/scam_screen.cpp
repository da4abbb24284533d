#include "platform/trust/scam_screen.h"

#include <algorithm>
#include <numeric>

namespace meridian {
namespace {

// Rough likelihoods that a post carrying the signal is a scam, used only until a model is
// trained: a chat-app interview, a fee or a request for bank or ID details each flag a post
// on their own; a free-mail address, a thin company profile, pay far from the estimate,
// pressure wording and copied text only together with others.
constexpr double kWeights[] = {0.55, 0.6, 0.6, 0.3, 0.1, 0.2, 0.15, 0.25};
static_assert(std::size(kWeights) == kScamSignalCount);

}  // namespace

std::span<const double> ScamRuleWeights() {
  return kWeights;
}

Screening ScreenByRules(const ScamSignals& signals, const ScreenOptions& options) {
  Screening s;
  s.method = "rules";
  double clean = 1.0;
  std::vector<size_t> present;
  for (size_t i = 0; i < kScamSignalCount; ++i) {
    if (signals.values[i] <= 0) continue;
    // Pressure wording counts only when there is more than one phrase of it.
    if (static_cast<ScamSignal>(i) == ScamSignal::kUrgencyWording && signals.values[i] < 2) {
      continue;
    }
    clean *= 1.0 - kWeights[i];
    present.push_back(i);
  }
  s.score = 1.0 - clean;
  std::stable_sort(present.begin(), present.end(),
                   [](size_t a, size_t b) { return kWeights[a] > kWeights[b]; });
  for (size_t i : present) {
    if (s.reasons.size() == options.max_reasons) break;
    s.reasons.push_back(signals.Reason(static_cast<ScamSignal>(i)));
  }
  s.flagged = s.score >= options.threshold;
  return s;
}

Screening ScamScreener::Screen(const Job& job, const ScamSignals& signals) const {
  std::shared_ptr<const TextClassifier> m = model();
  if (!m) return ScreenByRules(signals, options_);
  const std::vector<float> values = signals.vector();
  StatusOr<Prediction> p = m->Predict(ScamText(job), values, {.top_n = options_.max_reasons + 8});
  if (!p.ok()) return ScreenByRules(signals, options_);
  Screening s;
  s.method = "model";
  s.score = p->probability;
  s.flagged = s.score >= options_.threshold;
  // Signals first (they say why in words a person understands), then the words.
  std::vector<std::string> words;
  for (const Reason& r : p->reasons) {
    if (r.contribution <= 0) continue;
    if (r.kind == ReasonKind::kSignal) {
      const auto names = ScamSignalNames();
      auto it = std::find(names.begin(), names.end(), r.feature);
      if (it == names.end()) continue;
      auto which = static_cast<ScamSignal>(it - names.begin());
      if (signals.value(which) <= 0) continue;  // its absence pushed the score up: not a reason
      if (s.reasons.size() < options_.max_reasons) s.reasons.push_back(signals.Reason(which));
    } else if (words.size() < 4 && !r.feature.starts_with("chars:")) {
      // Character n-grams help the model but read as noise ("emov"): only words are shown.
      words.push_back("\u201c" + r.feature + "\u201d");
    }
  }
  std::string wording;
  if (!words.empty()) {
    wording = "Wording that scam posts use: ";
    for (size_t i = 0; i < words.size(); ++i) wording += (i ? ", " : "") + words[i];
  }
  // The rules are a floor under the model: a model trained on few or narrow labels (the
  // demo's generated ones) can miss a post that asks for a fee on Telegram, which should
  // always reach a moderator. Their reasons then lead.
  Screening rules = ScreenByRules(signals, options_);
  if (rules.score > s.score) {
    rules.method = "model+rules";
    if (!wording.empty() && rules.reasons.size() < options_.max_reasons) {
      rules.reasons.push_back(wording);
    }
    return rules;
  }
  if (!wording.empty() && s.reasons.size() < options_.max_reasons) s.reasons.push_back(wording);
  return s;
}

Status ScamScreener::LoadModel(std::string_view bytes) {
  ASSIGN_OR_RETURN(TextClassifier loaded, TextClassifier::Deserialize(bytes));
  std::vector<std::string> names(ScamSignalNames().begin(), ScamSignalNames().end());
  RETURN_IF_ERROR(loaded.CheckCompatible(names));
  SetModel(std::make_shared<const TextClassifier>(std::move(loaded)));
  return OkStatus();
}

void ScamScreener::SetModel(std::shared_ptr<const TextClassifier> model) {
  std::lock_guard lock(mu_);
  model_ = std::move(model);
}

std::shared_ptr<const TextClassifier> ScamScreener::model() const {
  std::lock_guard lock(mu_);
  return model_;
}

LabeledText ScamExample(const Job& job, const ScamSignals& signals, bool scam) {
  return {.text = ScamText(job), .signals = signals.vector(), .positive = scam};
}

}  // namespace meridian
