#include "platform/lifecycle/drift_monitor.h"

#include <spdlog/spdlog.h>

#include <cmath>
#include <set>

#include "base/memory.h"
#include "engine/mlops/registry.h"
#include "platform/trust/salary_estimator.h"
#include "platform/trust/scam_screen.h"
#include "platform/trust/scam_signals.h"
#include "platform/trust/trust_service.h"

namespace meridian {

DriftFeatures ScamDriftFeatures(const TrustService& trust, const ScamScreener* screener) {
  return [&trust, screener](const Job& job) -> std::optional<DriftRow> {
    if (job.status == "draft" || (!screener && !job.scam_score)) return std::nullopt;
    DriftRow row;
    const ScamSignals s = trust.Signals(job);
    for (size_t i = 0; i < kScamSignalCount; ++i) {
      row.numeric[std::string(ScamSignalNames()[i])] = s.values[i];
    }
    row.numeric["description_chars"] = static_cast<double>(job.description.size());
    if (screener) {
      row.numeric["scam_score"] = screener->Screen(job, s).score;
    } else {
      row.numeric["scam_score"] = *job.scam_score;
    }
    return row;
  };
}

DriftFeatures SalaryDriftFeatures(const SalaryEstimator* model) {
  return [model](const Job& job) -> std::optional<DriftRow> {
    if (job.status == "draft" || (!model && !job.salary_estimate)) return std::nullopt;
    const SalaryInput in = SalaryInputOf(job);
    DriftRow row;
    row.categorical["seniority"] = in.seniority.empty() ? "(none)" : in.seniority;
    row.categorical["employment_type"] = in.employment_type.empty() ? "(none)" : in.employment_type;
    row.categorical["region"] = in.regions.empty() ? "(none)" : in.regions.front();
    row.categorical["tag"] = in.tags.empty() ? "(none)" : in.tags.front();
    size_t words = 0;
    bool in_word = false;
    for (char c : in.title) {
      const bool alnum = std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80);
      words += alnum && !in_word;
      in_word = alnum;
    }
    row.numeric["title_words"] = static_cast<double>(words);
    if (in.experience_months) row.numeric["experience_months"] = *in.experience_months;
    std::optional<double> median;
    if (model) {
      StatusOr<SalaryEstimate> e = model->Estimate(in);
      if (e.ok()) median = e->median;
    } else {
      median = job.salary_estimate->median;
    }
    if (median && *median > 0) row.numeric["estimate_log10_usd"] = std::log10(*median);
    return row;
  };
}

namespace {

struct Columns {
  std::map<std::string, std::vector<double>> numeric;
  std::map<std::string, std::vector<std::string>> categorical;
  int64_t rows = 0;
};

void AddRow(const DriftRow& row, Columns* c) {
  ++c->rows;
  for (const auto& [k, v] : row.numeric) c->numeric[k].push_back(v);
  for (const auto& [k, v] : row.categorical) c->categorical[k].push_back(v);
}

void Add(const Job& j, const DriftFeatures& f, Columns* c) {
  if (std::optional<DriftRow> row = f(j)) AddRow(*row, c);
}

Columns Collect(const std::vector<Job>& jobs, const DriftFeatures& f) {
  Columns c;
  for (const Job& j : jobs) Add(j, f, &c);
  return c;
}

StatusOr<std::string> Reference(const Columns& c) {
  if (c.rows == 0) return std::string();
  std::vector<mlops::ReferenceColumn> columns;
  for (const auto& [name, values] : c.numeric) {
    ASSIGN_OR_RETURN(mlops::ReferenceColumn col, mlops::ReferenceColumn::Numeric(name, values, {}));
    columns.push_back(std::move(col));
  }
  for (const auto& [name, values] : c.categorical) {
    ASSIGN_OR_RETURN(mlops::ReferenceColumn col,
                     mlops::ReferenceColumn::Categorical(name, values, {}));
    columns.push_back(std::move(col));
  }
  return mlops::SerializeReferences(columns);
}

}  // namespace

StatusOr<std::string> BuildDriftReference(const std::vector<Job>& jobs, const DriftFeatures& f) {
  return Reference(Collect(jobs, f));
}

StatusOr<std::string> BuildDriftReference(Store& store, const DriftFeatures& f) {
  Columns c;
  RETURN_IF_ERROR(store.ScanJobs([&](const Job& j) {
    if (j.status != "draft") Add(j, f, &c);
    return OkStatus();
  }));
  return Reference(c);
}

StatusOr<std::string> BuildDriftReference(const std::vector<DriftRow>& rows) {
  Columns c;
  for (const DriftRow& r : rows) AddRow(r, &c);
  return Reference(c);
}

namespace {

StatusOr<DriftReport> CompareColumns(std::string_view reference, const Columns& c,
                                     const mlops::DriftOptions& options) {
  if (reference.empty()) {
    return FailedPreconditionError("the model version has no drift reference (train it again)");
  }
  ASSIGN_OR_RETURN(std::vector<mlops::ReferenceColumn> refs,
                   mlops::DeserializeReferences(reference));
  if (c.rows == 0) return FailedPreconditionError("no row in the window to compare");
  DriftReport report;
  report.rows = c.rows;
  for (const mlops::ReferenceColumn& ref : refs) {
    StatusOr<mlops::ColumnDrift> d = InvalidArgumentError("absent");
    if (ref.kind() == mlops::ColumnKind::kNumeric) {
      auto it = c.numeric.find(ref.feature());
      if (it == c.numeric.end()) continue;
      d = mlops::CompareColumn(ref, it->second, options);
    } else {
      auto it = c.categorical.find(ref.feature());
      if (it == c.categorical.end()) continue;
      d = mlops::CompareColumn(ref, it->second, options);
    }
    if (d.ok()) report.columns.push_back(std::move(*d));
  }
  report.dataset = mlops::DatasetDrift(report.columns, options);
  return report;
}

}  // namespace

StatusOr<DriftReport> CompareDriftWindow(std::string_view reference, const std::vector<Job>& window,
                                         const DriftFeatures& f,
                                         const mlops::DriftOptions& options) {
  return CompareColumns(reference, Collect(window, f), options);
}

StatusOr<DriftReport> CompareDriftRows(std::string_view reference,
                                       const std::vector<DriftRow>& rows,
                                       const mlops::DriftOptions& options) {
  Columns c;
  for (const DriftRow& r : rows) AddRow(r, &c);
  return CompareColumns(reference, c, options);
}

StatusOr<std::vector<Job>> JobsPostedIn(Store& store, DriftWindow window) {
  std::vector<Job> out;
  RETURN_IF_ERROR(store.ScanJobs([&](const Job& j) {
    if (j.status != "draft" && j.posted_at >= window.from && j.posted_at <= window.to) {
      out.push_back(j);
    }
    return OkStatus();
  }));
  return out;
}

Status RecordDrift(Store& store, std::string_view model, int64_t version, DriftWindow window,
                   const DriftReport& report) {
  return store.Write([&](StoreWriter& w) -> Status {
    for (const mlops::ColumnDrift& c : report.columns) {
      DriftRecord r{.model = std::string(model),
                    .version = version,
                    .window_from = window.from,
                    .window_to = window.to,
                    .rows = report.rows,
                    .feature = c.feature,
                    .statistic = std::string(mlops::DriftMethodName(c.method)),
                    .value = c.score,
                    .threshold = c.threshold,
                    .drifted = c.drifted};
      if (std::isfinite(c.psi)) r.psi = c.psi;
      RETURN_IF_ERROR(w.AddDrift(&r));
    }
    DriftRecord dataset{.model = std::string(model),
                        .version = version,
                        .window_from = window.from,
                        .window_to = window.to,
                        .rows = report.rows,
                        .feature = "(dataset)",
                        .statistic = "share_drifted",
                        .value = report.dataset.share,
                        .threshold = 0.5,
                        .drifted = report.dataset.drifted};
    return w.AddDrift(&dataset);
  });
}

std::vector<MonitoredModel> MonitoredTrustModels(const TrustService& trust) {
  return {{.name = kScamModelName, .features = ScamDriftFeatures(trust)},
          {.name = kSalaryModelName, .features = SalaryDriftFeatures()}};
}

StatusOr<std::vector<DriftCheck>> RunDriftChecks(Store& store, const Clock& clock,
                                                 const std::vector<MonitoredModel>& models,
                                                 const DriftCheckOptions& options) {
  mlops::ModelRegistry registry(store, clock);
  const DriftWindow window{.from = clock.Now() - int64_t{options.window_days} * 86400,
                           .to = clock.Now()};
  ASSIGN_OR_RETURN(std::vector<Job> jobs, JobsPostedIn(store, window));
  std::vector<DriftCheck> out;
  for (const MonitoredModel& m : models) {
    DriftCheck check{.model = m.name};
    StatusOr<ModelVersion> champion = registry.LoadChampion(m.name);
    if (!champion.ok()) {
      check.report = champion.status();
      out.push_back(std::move(check));
      continue;
    }
    check.version = champion->version;
    if (m.window_rows) {
      StatusOr<std::vector<DriftRow>> rows = m.window_rows(store, window);
      check.report = rows.ok() ? CompareDriftRows(champion->reference, *rows, options.drift)
                               : StatusOr<DriftReport>(rows.status());
    } else {
      check.report = CompareDriftWindow(champion->reference, jobs, m.features, options.drift);
    }
    if (check.report.ok()) {
      const DriftReport& r = *check.report;
      spdlog::log(r.dataset.drifted ? spdlog::level::warn : spdlog::level::info,
                  "drift: {} v{}: {} of {} columns drifted over the last {} days ({} rows){}",
                  m.name, check.version, r.dataset.drifted_columns, r.dataset.columns,
                  options.window_days, r.rows, r.dataset.drifted ? ": DATASET DRIFT" : "");
      RETURN_IF_ERROR(RecordDrift(store, m.name, check.version, window, r));
    }
    out.push_back(std::move(check));
  }
  return out;
}

DriftScheduler::DriftScheduler(Store& store, const Clock& clock, std::vector<MonitoredModel> models,
                               DriftCheckOptions options, std::chrono::seconds interval)
    : store_(store),
      clock_(clock),
      models_(std::move(models)),
      options_(options),
      interval_(interval) {}

DriftScheduler::~DriftScheduler() {
  Stop();
}

void DriftScheduler::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    while (true) {
      {
        std::unique_lock wait(mu_);
        if (cv_.wait_for(wait, interval_, [this] { return stopping_; })) return;
      }
      // Replicas share the database: one checks at a time, and none repeats a check that
      // another made within this interval.
      auto turn = store_.TryLock("drift-check");
      if (!turn.ok() || *turn == nullptr) continue;
      auto recent = store_.ListDrift("", clock_.Now() - interval_.count() * 9 / 10, 1);
      if (recent.ok() && !recent->empty()) continue;
      auto checks = RunDriftChecks(store_, clock_, models_, options_);
      ReleaseFreeMemory();
      if (!checks.ok()) spdlog::error("drift: {}", checks.status().message());
    }
  });
}

void DriftScheduler::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace meridian
