// Trust and estimation at serving time (issue 7): every job write is screened for scams
// and given a salary estimate before it is stored; a background thread expires posts past
// their valid_through and swaps in model files that changed on disk. A model file that is
// corrupted or does not match is refused with an error in the log, and the previous model
// keeps serving.
//
//   TrustService trust(store, clock, {.scam_model_path = db + ".scam"});
//   RETURN_IF_ERROR(trust.Start());
//   changes.Subscribe([&](const auto& batch) { trust.Apply(batch); });
//   trust.Enrich(&job, existing, {.flag = true});   // inside the write
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
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
  std::string scam_model_path;    // "" = rules only
  std::string salary_model_path;  // "" = no estimates
  ScreenOptions screen;
  // How often the background thread expires posts and looks for new model files.
  std::chrono::milliseconds poll{std::chrono::seconds(30)};
};

struct EnrichOptions {
  // Non-admin writes: a post scoring at or above the threshold becomes "flagged" instead of
  // live or pending. Admin writes are scored but never flagged.
  bool flag = true;
};

// What the service serves, for the operator's pages.
struct TrustStatus {
  std::string scam_method;  // "model" or "rules"
  bool salary_model = false;
  std::string last_error;  // the last refused model file, "" = none
  size_t fingerprints = 0;
};

class TrustService {
 public:
  TrustService(Store& store, const Clock& clock, TrustOptions options);
  ~TrustService();
  TrustService(const TrustService&) = delete;
  TrustService& operator=(const TrustService&) = delete;

  // Loads the model files that exist (a refused one is logged, not fatal) and fingerprints
  // every stored post for the duplicate-text signal.
  Status Start();
  // The freshness and model-file thread; Stop() (or the destructor) ends it.
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

  // Loads both model files now; the first error, if any (the previous models stay).
  Status ReloadModels();
  TrustStatus status() const;
  const ScamScreener& screener() const { return screener_; }

 private:
  struct FileStamp {
    std::filesystem::file_time_type time{};
    uintmax_t size = 0;
    bool operator==(const FileStamp&) const = default;
  };
  Status LoadScam();
  Status LoadSalary();
  void Loop();
  void CheckFiles();

  Store& store_;
  const Clock& clock_;
  TrustOptions options_;
  ScamScreener screener_;
  DuplicateIndex duplicates_;

  mutable std::mutex mu_;
  std::shared_ptr<const SalaryEstimator> salary_;
  std::string last_error_;
  std::optional<FileStamp> scam_stamp_, salary_stamp_;

  std::mutex loop_mu_;
  std::condition_variable loop_cv_;
  bool stopping_ = false;
  std::thread loop_;
};

}  // namespace meridian
