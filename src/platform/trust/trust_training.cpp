#include "platform/trust/trust_training.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <memory>
#include <random>
#include <unordered_map>
#include <unordered_set>

namespace meridian {

namespace {

// Every moderation label, in id order.
StatusOr<std::vector<ModerationLabel>> AllLabels(Store& store) {
  std::vector<ModerationLabel> all;
  while (true) {
    const int64_t after = all.empty() ? 0 : all.back().id;
    ASSIGN_OR_RETURN(std::vector<ModerationLabel> page, store.ListModerationLabels(after, 1000));
    if (page.empty()) return all;
    std::move(page.begin(), page.end(), std::back_inserter(all));
  }
}

}  // namespace

std::vector<std::string> ScamSignalNamesList() {
  return {ScamSignalNames().begin(), ScamSignalNames().end()};
}

StatusOr<std::vector<LabeledText>> ScamExamplesFromStore(Store& store, const TrustService& trust) {
  // The newest label of each post: a moderator may approve what they rejected before.
  std::unordered_map<std::string, ModerationLabel> newest;
  std::vector<std::string> order;
  ASSIGN_OR_RETURN(std::vector<ModerationLabel> labels, AllLabels(store));
  for (ModerationLabel& l : labels) {
    const std::string key = l.job_id ? "id:" + std::to_string(*l.job_id) : "label:" + l.job_slug;
    if (!newest.contains(key)) order.push_back(key);
    newest[key] = std::move(l);
  }
  std::vector<LabeledText> out;
  out.reserve(order.size());
  for (const std::string& key : order) {
    const ModerationLabel& l = newest[key];
    // The post as judged; salary and eligibility from the stored job when it still exists.
    Job job;
    if (StatusOr<Job> stored = store.GetJob(l.job_slug);
        stored.ok() && l.job_id && stored->id == *l.job_id) {
      job = std::move(*stored);
    }
    job.company_slug = l.company_slug;
    job.title = l.title;
    job.description = l.description;
    job.apply_url = l.apply_url;
    out.push_back(ScamExample(job, trust.Signals(job), l.label == "scam"));
  }
  return out;
}

StatusOr<TextClassifier> TrainScamModel(std::span<const LabeledText> examples,
                                        const ScamTrainingOptions& options,
                                        ScamTrainingReport* report) {
  std::vector<size_t> pos, neg;
  for (size_t i = 0; i < examples.size(); ++i) (examples[i].positive ? pos : neg).push_back(i);
  if (pos.size() < options.min_per_class || neg.size() < options.min_per_class) {
    return FailedPreconditionError(
        "the scam model needs at least " + std::to_string(options.min_per_class) +
        " labels of each kind; the store has " + std::to_string(pos.size()) + " scam and " +
        std::to_string(neg.size()) +
        " legit (approve or reject flagged posts in the moderation queue first)");
  }
  report->examples = examples.size();
  report->scams = pos.size();
  std::mt19937_64 rng(options.seed);
  std::vector<LabeledText> train, test;
  for (std::vector<size_t>* cls : {&pos, &neg}) {
    std::shuffle(cls->begin(), cls->end(), rng);
    const auto held =
        static_cast<size_t>(static_cast<double>(cls->size()) * options.holdout_fraction);
    for (size_t k = 0; k < cls->size(); ++k) {
      (k < held ? test : train).push_back(examples[(*cls)[k]]);
    }
  }
  ASSIGN_OR_RETURN(TextClassifier held_model,
                   TextClassifier::Train(train, ScamSignalNamesList(), options.model));
  ASSIGN_OR_RETURN(std::vector<double> p, held_model.PredictProbabilities(test));
  // std::vector<bool> is not contiguous: a plain array for the span.
  auto labels = std::make_unique<bool[]>(test.size());
  for (size_t i = 0; i < test.size(); ++i) labels[i] = test[i].positive;
  report->holdout = ScoreBinary(p, std::span<const bool>(labels.get(), test.size()));
  const auto start = std::chrono::steady_clock::now();
  std::vector<LabeledText> all(examples.begin(), examples.end());
  ASSIGN_OR_RETURN(TextClassifier model,
                   TextClassifier::Train(all, ScamSignalNamesList(), options.model));
  report->train_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return model;
}

StatusOr<RescreenReport> RescreenUnreviewed(Store& store, const TrustService& trust) {
  std::unordered_set<int64_t> approved;
  ASSIGN_OR_RETURN(std::vector<ModerationLabel> labels, AllLabels(store));
  for (const ModerationLabel& l : labels) {
    if (l.job_id && l.source == "moderator") approved.insert(*l.job_id);
  }
  std::vector<Job> due;
  RETURN_IF_ERROR(store.ScanJobs([&](const Job& j) {
    if ((j.status == "live" || j.status == "pending") && !approved.contains(j.id)) {
      due.push_back(j);
    }
    return OkStatus();
  }));
  RescreenReport report;
  constexpr size_t kBatch = 500;
  for (size_t begin = 0; begin < due.size(); begin += kBatch) {
    const size_t end = std::min(due.size(), begin + kBatch);
    RETURN_IF_ERROR(store.Write([&](StoreWriter& w) -> Status {
      for (size_t i = begin; i < end; ++i) {
        Job& j = due[i];
        const Screening s = trust.Screen(j);
        ++report.screened;
        const bool changed = j.scam_score != s.score || j.scam_reasons != s.reasons || s.flagged;
        if (!changed) continue;
        j.scam_score = s.score;
        j.scam_reasons = s.reasons;
        if (s.flagged) {
          j.status = "flagged";
          ++report.flagged;
        }
        RETURN_IF_ERROR(w.PutJob(&j, PutMode::kUpdate).status());
      }
      return OkStatus();
    }));
  }
  return report;
}

StatusOr<size_t> ReestimateSalaries(Store& store, const TrustService& trust) {
  std::vector<std::pair<int64_t, std::optional<SalaryRange>>> updates;
  RETURN_IF_ERROR(store.ScanJobs([&](const Job& j) {
    updates.emplace_back(j.id, trust.EstimateSalary(j));
    return OkStatus();
  }));
  size_t estimated = 0;
  constexpr size_t kBatch = 1000;
  for (size_t begin = 0; begin < updates.size(); begin += kBatch) {
    const size_t end = std::min(updates.size(), begin + kBatch);
    RETURN_IF_ERROR(store.Write(
        [&](StoreWriter& w) -> Status {
          for (size_t i = begin; i < end; ++i) {
            RETURN_IF_ERROR(w.SetSalaryEstimate(updates[i].first, updates[i].second));
            if (updates[i].second) ++estimated;
          }
          return OkStatus();
        },
        {.durable = false}));
  }
  return estimated;
}

}  // namespace meridian
