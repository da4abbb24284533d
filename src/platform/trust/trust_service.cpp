#include "platform/trust/trust_service.h"

#include <spdlog/spdlog.h>

#include <cmath>

#include "platform/trust/moderation.h"

namespace meridian {
namespace {

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

Status TrustService::Refused(std::string_view model, const Status& why) {
  Status s(why.code(), std::string(model) + " model: " + std::string(why.message()) +
                           " (the previous model keeps serving)");
  spdlog::error("trust: {}", s.message());
  std::lock_guard lock(mu_);
  last_error_ = std::string(s.message());
  return s;
}

Status TrustService::InstallScamModel(std::string_view bytes, std::string version) {
  if (Status s = screener_.LoadModel(bytes); !s.ok()) return Refused(kScamModelName, s);
  std::lock_guard lock(mu_);
  scam_version_ = std::move(version);
  spdlog::info("trust: scam model {} installed", scam_version_);
  return OkStatus();
}

Status TrustService::ShadowScamModel(std::optional<std::string_view> bytes, std::string version) {
  std::shared_ptr<ScamScreener> shadow;
  if (bytes) {
    shadow = std::make_shared<ScamScreener>(screener_.options());
    if (Status s = shadow->LoadModel(*bytes); !s.ok()) return Refused("scam challenger", s);
  }
  std::lock_guard lock(mu_);
  shadow_ = std::move(shadow);
  shadow_stats_ = ShadowStats{.version = shadow_ ? std::move(version) : ""};
  return OkStatus();
}

Status TrustService::ShadowSalaryModel(std::optional<std::string_view> bytes, std::string version) {
  std::shared_ptr<const SalaryEstimator> shadow;
  if (bytes) {
    StatusOr<SalaryEstimator> loaded = SalaryEstimator::Deserialize(*bytes);
    if (!loaded.ok()) return Refused("salary challenger", loaded.status());
    shadow = std::make_shared<const SalaryEstimator>(std::move(*loaded));
  }
  std::lock_guard lock(mu_);
  salary_shadow_ = std::move(shadow);
  salary_shadow_stats_ = ShadowStats{.version = salary_shadow_ ? std::move(version) : ""};
  return OkStatus();
}

void TrustService::ShadowSalary(const Job& job, const SalaryRange& served) const {
  std::shared_ptr<const SalaryEstimator> shadow;
  {
    std::lock_guard lock(mu_);
    shadow = salary_shadow_;
  }
  if (!shadow || served.median <= 0) return;
  StatusOr<SalaryEstimate> t = shadow->Estimate(SalaryInputOf(job));
  if (!t.ok() || t->median <= 0) return;
  // The employer's own figure, when the post gives one: its midpoint in annual USD.
  std::optional<double> given;
  const Salary& s = job.salary;
  if (s.source == "employer" && (s.annual_usd_min || s.annual_usd_max)) {
    given = (s.annual_usd_min.value_or(*s.annual_usd_max) +
             s.annual_usd_max.value_or(*s.annual_usd_min)) /
            2;
  }
  auto outside = [&](double low, double high) { return given && (*given < low || *given > high); };
  std::lock_guard lock(mu_);
  if (salary_shadow_ != shadow) return;  // replaced meanwhile (its counts started over)
  ShadowStats& st = salary_shadow_stats_;
  ++st.posts;
  st.agreements += std::fabs(t->median / served.median - 1) <= 0.1;
  st.challenger_flags += outside(t->low, t->high);
  st.champion_flags += outside(served.low, served.high);
  st.abs_score_diff_sum += std::fabs(std::log10(t->median / served.median));
}

Status TrustService::InstallSalaryModel(std::string_view bytes, std::string version) {
  StatusOr<SalaryEstimator> loaded = SalaryEstimator::Deserialize(bytes);
  if (!loaded.ok()) return Refused(kSalaryModelName, loaded.status());
  std::lock_guard lock(mu_);
  salary_ = std::make_shared<const SalaryEstimator>(std::move(*loaded));
  salary_version_ = std::move(version);
  spdlog::info("trust: salary model {} installed", salary_version_);
  return OkStatus();
}

Status TrustService::Start() {
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
  if (job->salary_estimate) ShadowSalary(*job, *job->salary_estimate);
  if (existing && !TextChanged(*job, *existing) && existing->scam_score) return;
  const ScamSignals signals = Signals(*job);
  const Screening s = screener_.Screen(*job, signals);
  // The challenger in the shadow: scored (outside the lock) and counted, never served.
  std::shared_ptr<const ScamScreener> shadow;
  {
    std::lock_guard lock(mu_);
    shadow = shadow_;
  }
  if (shadow) {
    const Screening t = shadow->Screen(*job, signals);
    std::lock_guard lock(mu_);
    if (shadow_ == shadow) {  // not replaced meanwhile (its counts started over)
      ShadowStats& st = shadow_stats_;
      ++st.posts;
      st.agreements += t.flagged == s.flagged;
      st.challenger_flags += t.flagged;
      st.champion_flags += s.flagged;
      st.abs_score_diff_sum += std::fabs(t.score - s.score);
    }
  }
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
          .scam_version = screener_.model() ? scam_version_ : "",
          .salary_version = salary_ ? salary_version_ : "",
          .last_error = last_error_,
          .scam_shadow = shadow_ ? std::optional<ShadowStats>(shadow_stats_) : std::nullopt,
          .salary_shadow =
              salary_shadow_ ? std::optional<ShadowStats>(salary_shadow_stats_) : std::nullopt,
          .fingerprints = duplicates_.size()};
}

}  // namespace meridian
