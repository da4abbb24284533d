// Trust and estimation at serving time (issue 7): every job write is screened for scams
// and given a salary estimate before it is stored; a background thread expires posts past
// their valid_through. The models come from the registry (issue 8): the serving process's
// ModelWatcher hands each new champion's bytes to InstallScamModel / InstallSalaryModel; bytes
// that are corrupted or do not match are refused with an error and the previous model keeps
// serving.
//
//   TrustService trust(store, clock, {});
//   RETURN_IF_ERROR(trust.Start());
//   changes.Subscribe([&](const auto& batch) { trust.Apply(batch); });
//   RETURN_IF_ERROR(trust.InstallScamModel(champion.artifact, "v3"));
//   trust.Enrich(&job, existing, {.flag = true});   // inside the write
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/statusor.h"
#include "base/time.h"
#include "engine/store/store.h"
#include "platform/trust/duplicates.h"
#include "platform/trust/salary_estimator.h"
#include "platform/trust/scam_screen.h"

namespace meridian {

struct TrustOptions {
  ScreenOptions screen;
  // How often the background thread expires posts.
  std::chrono::milliseconds poll{std::chrono::seconds(30)};
};

// The registry's names of the trust models.
inline constexpr char kScamModelName[] = "scam";
inline constexpr char kSalaryModelName[] = "salary";

struct EnrichOptions {
  // Non-admin writes: a post scoring at or above the threshold becomes "flagged" instead of
  // live or pending. Admin writes are scored but never flagged.
  bool flag = true;
};

// Shadow scoring of a scam challenger (issue 8): every post the champion screens, the
// challenger screens too, unserved; how often the two agree on flagging it, and how far apart
// their scores are.
struct ShadowStats {
  std::string version;  // the challenger, "v4"
  int64_t posts = 0;
  int64_t agreements = 0;  // same flag decision as the champion
  int64_t challenger_flags = 0, champion_flags = 0;
  double abs_score_diff_sum = 0;
};

// What the service serves, for the operator's pages.
struct TrustStatus {
  std::string scam_method;  // "model" or "rules"
  bool salary_model = false;
  std::string scam_version, salary_version;  // as installed ("v3"), "" = none
  std::string last_error;                    // the last refused model, "" = none
  std::optional<ShadowStats> scam_shadow;    // while a challenger scores in the shadow
  // The salary challenger beside the champion: posts = jobs both estimated, agreements =
  // medians within 10 % of each other, flags = employer-given salaries (their midpoint)
  // outside each model's P10-P90 band, abs_score_diff_sum = summed |log10 ratio| of the
  // medians.
  std::optional<ShadowStats> salary_shadow;
  size_t fingerprints = 0;
};

class TrustService {
 public:
  TrustService(Store& store, const Clock& clock, TrustOptions options);
  ~TrustService();
  TrustService(const TrustService&) = delete;
  TrustService& operator=(const TrustService&) = delete;

  // Fingerprints every stored post for the duplicate-text signal.
  Status Start();
  // The freshness thread; Stop() (or the destructor) ends it.
  void StartBackground();
  void Stop();
  // Keeps the duplicate fingerprints current with the change log.
  void Apply(const std::vector<Change>& batch);

  // Inside a job write: the salary estimate, and, when the text or company changed (or the
  // post was never scored), the scam score and reasons, which may flag it.
  void Enrich(Job* job, const Job* existing, const EnrichOptions& options) const;
  // The screening of a post as it would be on a write (train and eval use it).
  Screening Screen(const Job& job) const;
  ScamSignals Signals(const Job& job) const;
  std::optional<SalaryRange> EstimateSalary(const Job& job) const;

  // Swap in a model from its bytes (TextClassifier / SalaryEstimator Serialize()); a
  // refused one leaves the previous model serving, and the error is kept in status().
  Status InstallScamModel(std::string_view bytes, std::string version);
  Status InstallSalaryModel(std::string_view bytes, std::string version);
  // Starts shadow scoring with a scam challenger (fresh counts), or stops it (nullopt).
  Status ShadowScamModel(std::optional<std::string_view> bytes, std::string version);
  // The same for a salary challenger (TrustStatus::salary_shadow says what is counted).
  Status ShadowSalaryModel(std::optional<std::string_view> bytes, std::string version);
  TrustStatus status() const;
  const ScamScreener& screener() const { return screener_; }

 private:
  void Loop();
  // Counts the salary challenger's estimate of `job` beside the champion's `served`.
  void ShadowSalary(const Job& job, const SalaryRange& served) const;
  Status Refused(std::string_view model, const Status& why);

  Store& store_;
  const Clock& clock_;
  TrustOptions options_;
  ScamScreener screener_;
  DuplicateIndex duplicates_;

  mutable std::mutex mu_;
  std::shared_ptr<const SalaryEstimator> salary_;
  std::string last_error_;
  std::string scam_version_, salary_version_;
  std::shared_ptr<const ScamScreener> shadow_;            // guarded by mu_, like shadow_stats_
  mutable ShadowStats shadow_stats_;                      // counted by the const write path
  std::shared_ptr<const SalaryEstimator> salary_shadow_;  // guarded by mu_
  mutable ShadowStats salary_shadow_stats_;

  std::mutex loop_mu_;
  std::condition_variable loop_cv_;
  bool stopping_ = false;
  std::thread loop_;
};

}  // namespace meridian
