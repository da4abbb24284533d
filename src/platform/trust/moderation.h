// Moderation and freshness of job posts (issue 7): a moderator approves or rejects a
// flagged post (the decision is stored as a label, with a copy of the post, for the next
// scam model); employers confirm a post is still open or mark it filled; posts past their
// valid_through expire.
//
//   ASSIGN_OR_RETURN(Job job, ModerateJob(store, clock, slug, {.approve = true, .moderator = 7}));
//   ASSIGN_OR_RETURN(size_t n, ExpireDueJobs(store, clock.Now()));
#pragma once

#include <string_view>
#include <vector>

#include "base/statusor.h"
#include "base/time.h"
#include "engine/store/store.h"

namespace meridian {

enum class ModerationVerdict { kApprove, kReject };

struct ModerationDecision {
  ModerationVerdict verdict = ModerationVerdict::kApprove;
  int64_t moderator_id = 0;  // the admin's user id (0 = the interim admin token)
};

// Approve: a flagged or rejected post goes live and is labelled legit. Reject: a flagged,
// pending or live post becomes "rejected" (off every public list) and is labelled scam.
// kNotFound for an unknown slug; kFailedPrecondition when the status does not allow it.
StatusOr<Job> ModerateJob(Store& store, const Clock& clock, std::string_view slug,
                          const ModerationDecision& decision);

// The label a decision records, with a copy of the post as judged.
ModerationLabel LabelOf(const Job& job, std::string_view label, std::string_view source,
                        UnixSeconds at);

// Every live job whose valid_through has passed becomes expired; returns how many.
StatusOr<size_t> ExpireDueJobs(Store& store, UnixSeconds now);

// How long a confirmation keeps a post open when its valid_through is near or past.
inline constexpr int64_t kConfirmExtendsSeconds = 30 * 86400;

}  // namespace meridian
