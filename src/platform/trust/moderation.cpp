#include "platform/trust/moderation.h"

namespace meridian {

ModerationLabel LabelOf(const Job& job, std::string_view label, std::string_view source,
                        UnixSeconds at) {
  ModerationLabel l;
  if (job.id > 0) l.job_id = job.id;  // a post never stored (generated labels) has none
  l.job_slug = job.slug;
  l.company_slug = job.company_slug;
  l.title = job.title;
  l.description = job.description;
  l.apply_url = job.apply_url;
  l.label = std::string(label);
  l.source = std::string(source);
  l.score = job.scam_score;
  l.at = at;
  return l;
}

StatusOr<Job> ModerateJob(Store& store, const Clock& clock, std::string_view slug,
                          const ModerationDecision& decision) {
  Job job;
  const bool approve = decision.verdict == ModerationVerdict::kApprove;
  RETURN_IF_ERROR(store.Write([&](StoreWriter& w) -> Status {
    ASSIGN_OR_RETURN(job, store.GetJob(slug));
    const std::string& s = job.status;
    if (approve && s != "flagged" && s != "rejected") {
      return FailedPreconditionError(
          "only a flagged or rejected job can be approved; this one is " + s);
    }
    if (!approve && s != "flagged" && s != "pending" && s != "live") {
      return FailedPreconditionError(
          "only a flagged, pending or live job can be rejected; this one is " + s);
    }
    const UnixSeconds now = clock.Now();
    ModerationLabel label = LabelOf(job, approve ? "legit" : "scam", "moderator", now);
    if (decision.moderator_id > 0) label.moderator_id = decision.moderator_id;
    job.status = approve ? "live" : "rejected";
    if (approve && job.valid_through && *job.valid_through < now) {
      job.valid_through = now + kConfirmExtendsSeconds;
    }
    RETURN_IF_ERROR(w.PutJob(&job, PutMode::kUpdate).status());
    return w.AddModerationLabel(&label);
  }));
  return job;
}

StatusOr<size_t> ExpireDueJobs(Store& store, UnixSeconds now) {
  size_t total = 0;
  while (true) {
    std::vector<std::string> slugs;
    RETURN_IF_ERROR(store.Write([&](StoreWriter& w) -> Status {
      ASSIGN_OR_RETURN(slugs, w.ExpireJobs(now, 500));
      return OkStatus();
    }));
    total += slugs.size();
    if (slugs.size() < 500) return total;
  }
}

}  // namespace meridian
