// Drift monitoring of the trust models (issue 8): at training time the distributions of a
// model's inputs and output over the stored jobs are saved with the version (its drift
// reference); later, the jobs posted in a recent window are compared with it column by
// column with Evidently's rules (engine/mlops/drift.h), and the results go to the store's
// `drift` table.
//
//   DriftFeatures f = SalaryDriftFeatures();
//   ASSIGN_OR_RETURN(std::string ref, BuildDriftReference(jobs, f));       // at training
//   ASSIGN_OR_RETURN(DriftReport r, CompareDriftWindow(ref, recent, f, {}));
//   RETURN_IF_ERROR(RecordDrift(store, "salary", 3, window, r));
//
// Columns are read from the job as stored: the model's output is the score or estimate the
// write path stored (so a window measures what was served), the inputs are recomputed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/statusor.h"
#include "engine/mlops/drift.h"
#include "engine/store/store.h"

namespace meridian {

class EmbeddingModel;
class SalaryEstimator;
class ScamScreener;
class TrustService;

// One job's monitored columns; a column absent from a row is missing for that row.
struct DriftRow {
  std::map<std::string, double> numeric;
  std::map<std::string, std::string> categorical;
};
// nullopt: the job is not one the model sees (a draft, or no estimate stored).
using DriftFeatures = std::function<std::optional<DriftRow>(const Job&)>;

// scam: the 8 signals and the description's length (inputs) and the scam score (output):
// the score `screener` gives when given (a reference built at training: a screener holding
// the candidate model, so the rules' floor is applied as when serving), else the stored one.
DriftFeatures ScamDriftFeatures(const TrustService& trust, const ScamScreener* screener = nullptr);
// salary: seniority, employment type, first region and first tag (categorical), title words
// and experience (numeric) as inputs; log10 of the median estimate as the output: `model`'s
// when given, else the stored one.
DriftFeatures SalaryDriftFeatures(const SalaryEstimator* model = nullptr);
// embeddings: the job's title and description lengths in analyzed terms and its tag count
// (numeric), its first tag and seniority (categorical) as inputs; as the output, the cosine
// between the job's text-only embedding and its full one (how far its tags agree with its
// text in the model's space), by the model `model` returns when called (null: the job is
// skipped). In drift_embeddings.cpp.
DriftFeatures EmbeddingsDriftFeatures(std::function<std::shared_ptr<const EmbeddingModel>()> model);

// Serialized mlops::ReferenceColumn list (empty string when no job qualifies).
StatusOr<std::string> BuildDriftReference(const std::vector<Job>& jobs, const DriftFeatures& f);
// The same over every stored job but drafts, read one at a time (training: the jobs are
// not all held in memory, only their monitored columns).
StatusOr<std::string> BuildDriftReference(Store& store, const DriftFeatures& f);

struct DriftReport {
  std::vector<mlops::ColumnDrift> columns;
  mlops::DatasetDriftResult dataset;
  int64_t rows = 0;  // jobs of the window the model sees
};
// kFailedPrecondition when the reference is empty or the window has no qualifying job.
StatusOr<DriftReport> CompareDriftWindow(std::string_view reference, const std::vector<Job>& window,
                                         const DriftFeatures& f,
                                         const mlops::DriftOptions& options);

struct DriftWindow {
  UnixSeconds from = 0, to = 0;
};
// Jobs posted within the window (inclusive), drafts left out.
StatusOr<std::vector<Job>> JobsPostedIn(Store& store, DriftWindow window);
// One `drift` row per column and one "dataset" row (value = share of drifted columns).
Status RecordDrift(Store& store, std::string_view model, int64_t version, DriftWindow window,
                   const DriftReport& report);

// Rows built elsewhere (the recommenders' events): a reference from them, and a window of
// them compared with a reference (kFailedPrecondition as CompareDriftWindow).
StatusOr<std::string> BuildDriftReference(const std::vector<DriftRow>& rows);
StatusOr<DriftReport> CompareDriftRows(std::string_view reference,
                                       const std::vector<DriftRow>& rows,
                                       const mlops::DriftOptions& options);

// A monitored model: its registry name and how it sees a job, or, for a model that does not
// learn from jobs, the rows of a window (drift_recs.h: the recommenders' events).
struct MonitoredModel {
  std::string name;
  DriftFeatures features;
  std::function<StatusOr<std::vector<DriftRow>>(Store&, DriftWindow)> window_rows;
};
// The scam and salary models as `trust` serves them.
std::vector<MonitoredModel> MonitoredTrustModels(const TrustService& trust);

struct DriftCheckOptions {
  int window_days = 7;  // jobs posted in the last N days
  mlops::DriftOptions drift;
};
struct DriftCheck {
  std::string model;
  int64_t version = 0;  // the champion checked (0 = none)
  StatusOr<DriftReport> report = InternalError("not checked");
};
// Compares the jobs of the window with each model's champion reference, records the results
// (RecordDrift) and logs one line per model (a warning for a dataset drift). A model without a
// champion or without jobs in the window is reported in its DriftCheck, not an error.
StatusOr<std::vector<DriftCheck>> RunDriftChecks(Store& store, const Clock& clock,
                                                 const std::vector<MonitoredModel>& models,
                                                 const DriftCheckOptions& options);

// Runs RunDriftChecks every `interval` on its own thread (the first after one interval).
class DriftScheduler {
 public:
  DriftScheduler(Store& store, const Clock& clock, std::vector<MonitoredModel> models,
                 DriftCheckOptions options, std::chrono::seconds interval);
  ~DriftScheduler();
  DriftScheduler(const DriftScheduler&) = delete;
  DriftScheduler& operator=(const DriftScheduler&) = delete;
  void Start();
  void Stop();

 private:
  Store& store_;
  const Clock& clock_;
  std::vector<MonitoredModel> models_;
  DriftCheckOptions options_;
  std::chrono::seconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace meridian
