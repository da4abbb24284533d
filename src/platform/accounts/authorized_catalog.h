// Catalogue writes on behalf of a caller: the policy (policy.h) applied to Catalog writes,
// plus ownership bookkeeping. An employer's first company becomes theirs, a talent's first
// profile becomes theirs, in the same transaction as the record itself. The API and the web
// forms both write through here, so the rules cannot differ between them.
//
//   AuthorizedCatalog writes(store, catalog);
//   ASSIGN_OR_RETURN(Job job, writes.Create<Job>(who, body));   // 401/403 as Status
#pragma once

#include <functional>
#include <string_view>

#include "base/json.h"
#include "base/statusor.h"
#include "engine/store/store.h"
#include "platform/accounts/policy.h"
#include "platform/catalog.h"

namespace meridian {

// Runs on every job create and edit after the status rules, inside the write: issue 7's
// scam screen (which may flag the post) and salary estimate.
using JobEnricher = std::function<void(const Principal& who, Job* job, const Job* existing)>;

class AuthorizedCatalog {
 public:
  AuthorizedCatalog(Store& store, Catalog& catalog, JobEnricher enrich = nullptr)
      : store_(store), catalog_(catalog), enrich_(std::move(enrich)) {}

  // T is Company, Job, Talent, City or Article. Errors: kUnauthenticated (anonymous),
  // kPermissionDenied (not theirs), kFailedPrecondition (an employer without a company
  // posting a job; a second company or profile), then whatever Catalog returns.
  // The role-level check alone (could `who` do `action` on some `entity` record?), for
  // callers that want 401/403 before reading a request body.
  static Status MayAttempt(const Principal& who, Entity entity, Action action);

  template <typename T>
  StatusOr<T> Create(const Principal& who, const Json& body);
  template <typename T>
  StatusOr<T> Patch(const Principal& who, std::string_view slug, const Json& patch);
  Status Delete(const Principal& who, Entity entity, std::string_view slug);

  // The employer (or an admin) says the job is still open: confirmed_at becomes `now`, a
  // valid_through less than a week away moves to 30 days from now, and an expired job goes
  // back through the status rules as live. kFailedPrecondition for flagged, rejected or
  // filled jobs.
  StatusOr<Job> ConfirmOpen(const Principal& who, std::string_view slug, UnixSeconds now);

 private:
  Store& store_;
  Catalog& catalog_;
  JobEnricher enrich_;
};

}  // namespace meridian
