#include "platform/trust/trust_service.h"

#include <spdlog/spdlog.h>

#include <system_error>

#include "platform/trust/moderation.h"

namespace meridian {
namespace {

std::optional<std::filesystem::file_time_type> ModTime(const std::string& path) {
  std::error_code ec;
  auto t = std::filesystem::last_write_time(path, ec);
  if (ec) return std::nullopt;
  return t;
}

bool TextChanged(const Job& a, const Job& b) {
  return a.title != b.title || a.description != b.description || a.apply_url != b.apply_url ||
         a.company_slug != b.company_slug || a.eligibility_evidence != b.eligibility_evidence ||
         a.salary.annual_usd_min != b.salary.annual_usd_min ||
         a.salary.annual_usd_max != b.salary.annual_usd_max;
}

}  // namespace

TrustService::TrustService(Store& store, const Clock& clock, TrustOptions options)
    : store_(store), clock_(clock), options_(std::move(options)), screener_(options_.screen) {}

TrustService::~TrustService() {
  Stop();
}

Status TrustService::LoadScam() {
  const std::string& path = options_.scam_model_path;
  if (path.empty() || !std::filesystem::exists(path)) return OkStatus();
  Status s = screener_.LoadModel(path);
  if (!s.ok()) {
    return Status(s.code(), "scam model " + path + ": " + std::string(s.message()) +
                                " (the previous model keeps serving)");
  }
  spdlog::info("trust: scam model loaded from {}", path);
  return OkStatus();
}

Status TrustService::LoadSalary() {
  const std::string& path = options_.salary_model_path;
  if (path.empty() || !std::filesystem::exists(path)) return OkStatus();
  StatusOr<SalaryEstimator> loaded = SalaryEstimator::Load(path);
  if (!loaded.ok()) {
    return Status(loaded.status().code(), "salary model " + path + ": " +
                                              std::string(loaded.status().message()) +
                                              " (the previous model keeps serving)");
  }
  std::lock_guard lock(mu_);
  salary_ = std::make_shared<const SalaryEstimator>(std::move(*loaded));
  spdlog::info("trust: salary model loaded from {}", path);
  return OkStatus();
}

Status TrustService::ReloadModels() {
  Status scam = LoadScam();
  Status salary = LoadSalary();
  Status first = !scam.ok() ? scam : salary;
  std::lock_guard lock(mu_);
  if (!scam.ok() || !salary.ok()) last_error_ = std::string(first.message());
  return first;
}

void TrustService::CheckFiles() {
  auto stamp = [](const std::string& path) -> std::optional<FileStamp> {
    if (path.empty()) return std::nullopt;
    auto t = ModTime(path);
    std::error_code ec;
    const uintmax_t size = std::filesystem::file_size(path, ec);
    if (!t || ec) return std::nullopt;
    return FileStamp{*t, size};
  };
  // A file is loaded again only when its size or time changed since the last attempt.
  auto check = [&](const std::string& path, std::optional<FileStamp>* seen,
                   Status (TrustService::*load)()) {
    const std::optional<FileStamp> now = stamp(path);
    if (!now || now == *seen) return;
    *seen = now;
    if (Status s = (this->*load)(); !s.ok()) {
      spdlog::error("trust: {}", s.message());
      std::lock_guard lock(mu_);
      last_error_ = std::string(s.message());
    }
  };
  check(options_.scam_model_path, &scam_stamp_, &TrustService::LoadScam);
  check(options_.salary_model_path, &salary_stamp_, &TrustService::LoadSalary);
}

Status TrustService::Start() {
  CheckFiles();
  size_t posts = 0;
  RETURN_IF_ERROR(store_.ScanJobs([&](const Job& j) {
    duplicates_.Put(j.id, j.company_slug, DuplicateIndex::Fingerprint(j.description));
    ++posts;
    return OkStatus();
  }));
  spdlog::info("trust: scam screening by {}, salary estimates {}, {} posts fingerprinted",
               screener_.model() ? "model" : "rules", salary_ ? "on" : "off (no model)", posts);
  return OkStatus();
}

void TrustService::StartBackground() {
  std::lock_guard lock(loop_mu_);
  if (loop_.joinable()) return;
  stopping_ = false;
  loop_ = std::thread([this] { Loop(); });
}

void TrustService::Stop() {
  {
    std::lock_guard lock(loop_mu_);
    stopping_ = true;
  }
  loop_cv_.notify_all();
  if (loop_.joinable()) loop_.join();
}

void TrustService::Loop() {
  while (true) {
    StatusOr<size_t> expired = ExpireDueJobs(store_, clock_.Now());
    if (!expired.ok()) {
      spdlog::error("trust: expiring jobs: {}", expired.status().message());
    } else if (*expired > 0) {
      spdlog::info("trust: {} jobs expired (past valid_through)", *expired);
    }
    CheckFiles();
    std::unique_lock lock(loop_mu_);
    if (loop_cv_.wait_for(lock, options_.poll, [this] { return stopping_; })) return;
  }
}

void TrustService::Apply(const std::vector<Change>& batch) {
  for (const Change& c : batch) {
    if (c.entity != EntityName(Entity::kJob)) continue;
    if (c.op == ChangeOp::kDelete) {
      duplicates_.Remove(c.entity_id);
      continue;
    }
    StatusOr<Job> j = store_.GetJob(c.slug);
    if (!j.ok()) continue;  // deleted since
    duplicates_.Put(j->id, j->company_slug, DuplicateIndex::Fingerprint(j->description));
  }
}

std::optional<SalaryRange> TrustService::EstimateSalary(const Job& job) const {
  std::shared_ptr<const SalaryEstimator> model;
  {
    std::lock_guard lock(mu_);
    model = salary_;
  }
  if (!model) return std::nullopt;
  StatusOr<SalaryEstimate> e = model->Estimate(SalaryInputOf(job));
  if (!e.ok()) return std::nullopt;
  return SalaryRange{e->low, e->median, e->high};
}

ScamSignals TrustService::Signals(const Job& job) const {
  SignalContext context;
  StatusOr<Company> company = store_.GetCompany(job.company_slug);
  if (company.ok()) context.company = &*company;
  context.estimate = job.salary_estimate ? job.salary_estimate : EstimateSalary(job);
  context.duplicates = duplicates_.CountOthers(
      job.company_slug, DuplicateIndex::Fingerprint(job.description), job.id);
  return ComputeScamSignals(job, context);
}

Screening TrustService::Screen(const Job& job) const {
  return screener_.Screen(job, Signals(job));
}

void TrustService::Enrich(Job* job, const Job* existing, const EnrichOptions& options) const {
  job->salary_estimate = EstimateSalary(*job);
  if (existing && !TextChanged(*job, *existing) && existing->scam_score) return;
  const Screening s = Screen(*job);
  job->scam_score = s.score;
  job->scam_reasons = s.reasons;
  if (options.flag && s.flagged && (job->status == "live" || job->status == "pending")) {
    job->status = "flagged";
  }
}

TrustStatus TrustService::status() const {
  std::lock_guard lock(mu_);
  return {.scam_method = screener_.model() ? "model" : "rules",
          .salary_model = salary_ != nullptr,
          .last_error = last_error_,
          .fingerprints = duplicates_.size()};
}

}  // namespace meridian
