#include "platform/accounts/authorized_catalog.h"

#include <type_traits>

namespace meridian {
namespace {

Target TargetOf(const Company& c) {
  return {.company_slug = c.slug, .talent_slug = ""};
}
Target TargetOf(const Job& j) {
  return {.company_slug = j.company_slug, .talent_slug = ""};
}
Target TargetOf(const Talent& t) {
  return {.company_slug = "", .talent_slug = t.slug};
}
Target TargetOf(const City&) {
  return {};
}
Target TargetOf(const Article&) {
  return {};
}

// The caller's own records: passes the role-level check when the role may do `action` on
// `entity` at all, so that wrong-role callers get 403 before any validation error.
Target Own(const Principal& who) {
  return {.company_slug = who.company_slug, .talent_slug = who.talent_slug};
}

// Rules beyond ownership for the record being written.
template <typename T>
Status RecordRules(StoreReader&, const Principal&, T*, const T*) {
  return OkStatus();
}

template <>
Status RecordRules(StoreReader& store, const Principal& who, Job* job, const Job* existing) {
  bool verified = false;
  if (auto c = store.GetCompany(job->company_slug); c.ok()) verified = c->verified;
  return ApplyJobStatusRules(who, verified, existing, job);
}

template <>
Status RecordRules(StoreReader&, const Principal& who, Company* company, const Company* existing) {
  if (who.admin()) return OkStatus();
  bool was = existing ? existing->verified : false;
  if (company->verified != was) {
    return PermissionDeniedError("verified: only admins verify companies");
  }
  return OkStatus();
}

// Inside the write transaction: an employer's first company and a talent's first profile
// become theirs. The account is read again under the write lock, so two concurrent creates
// cannot both claim to be the first.
template <typename T>
Status LinkOwner(StoreWriter&, StoreReader&, const Principal&, const T&) {
  return OkStatus();
}

template <>
Status LinkOwner(StoreWriter& w, StoreReader& r, const Principal& who, const Company& c) {
  if (who.role != Role::kEmployer) return OkStatus();
  ASSIGN_OR_RETURN(User user, r.GetUser(who.user_id));
  if (!user.company_slug.empty()) {
    return FailedPreconditionError("your account already has a company ('" + user.company_slug +
                                   "')");
  }
  user.company_slug = c.slug;
  return w.PutUser(&user, PutMode::kUpdate);
}

template <>
Status LinkOwner(StoreWriter& w, StoreReader& r, const Principal& who, const Talent& t) {
  if (who.role != Role::kTalent) return OkStatus();
  ASSIGN_OR_RETURN(User user, r.GetUser(who.user_id));
  if (!user.talent_slug.empty()) {
    return FailedPreconditionError("your account already has a profile ('" + user.talent_slug +
                                   "')");
  }
  user.talent_slug = t.slug;
  return w.PutUser(&user, PutMode::kUpdate);
}

template <typename T>
Status CheckExisting(StoreReader& store, const Principal& who, Action action,
                     std::string_view slug) {
  constexpr Entity entity = EntityOf<T>::value;
  if (who.admin()) return OkStatus();
  ASSIGN_OR_RETURN(T existing, GetRecord<T>(store, slug));
  return Authorize(who, entity, action, TargetOf(existing));
}

}  // namespace

Status AuthorizedCatalog::MayAttempt(const Principal& who, Entity entity, Action action) {
  Status s = Authorize(who, entity, action, Own(who));
  // "Create your company first" and "you already have one" belong to the write itself.
  if (s.code() == StatusCode::kFailedPrecondition) return OkStatus();
  return s;
}

template <typename T>
StatusOr<T> AuthorizedCatalog::Create(const Principal& who, const Json& body) {
  constexpr Entity entity = EntityOf<T>::value;
  RETURN_IF_ERROR(Authorize(who, entity, Action::kCreate, Own(who)));
  WriteHooks<T> hooks;
  hooks.before = [&](T* record, const T*) -> Status {
    RETURN_IF_ERROR(Authorize(who, entity, Action::kCreate, TargetOf(*record)));
    RETURN_IF_ERROR(RecordRules<T>(store_, who, record, nullptr));
    if constexpr (std::is_same_v<T, Job>) {
      if (enrich_) enrich_(who, record, nullptr);
    }
    return OkStatus();
  };
  hooks.after = [&](StoreWriter& w, const T& record) {
    return LinkOwner<T>(w, store_, who, record);
  };
  return catalog_.Create<T>(body, hooks);
}

template <typename T>
StatusOr<T> AuthorizedCatalog::Patch(const Principal& who, std::string_view slug,
                                     const Json& patch) {
  constexpr Entity entity = EntityOf<T>::value;
  RETURN_IF_ERROR(Authorize(who, entity, Action::kUpdate, Own(who)));
  RETURN_IF_ERROR(CheckExisting<T>(store_, who, Action::kUpdate, slug));
  WriteHooks<T> hooks;
  hooks.before = [&](T* record, const T* existing) -> Status {
    // The stored record may have changed hands since the check above; and an edit may not
    // move a record to another owner.
    RETURN_IF_ERROR(Authorize(who, entity, Action::kUpdate, TargetOf(*existing)));
    RETURN_IF_ERROR(Authorize(who, entity, Action::kUpdate, TargetOf(*record)));
    RETURN_IF_ERROR(RecordRules<T>(store_, who, record, existing));
    if constexpr (std::is_same_v<T, Job>) {
      if (enrich_) enrich_(who, record, existing);
    }
    return OkStatus();
  };
  return catalog_.Patch<T>(slug, patch, hooks);
}

StatusOr<Job> AuthorizedCatalog::ConfirmOpen(const Principal& who, std::string_view slug,
                                             UnixSeconds now) {
  RETURN_IF_ERROR(Authorize(who, Entity::kJob, Action::kUpdate, Own(who)));
  RETURN_IF_ERROR(CheckExisting<Job>(store_, who, Action::kUpdate, slug));
  Job job;
  RETURN_IF_ERROR(store_.Write([&](StoreWriter& w) -> Status {
    ASSIGN_OR_RETURN(job, store_.GetJob(slug));
    RETURN_IF_ERROR(Authorize(who, Entity::kJob, Action::kUpdate, TargetOf(job)));
    if (job.status != "live" && job.status != "expired" && job.status != "pending") {
      return FailedPreconditionError(
          "only a live, pending or expired job can be confirmed open; "
          "this one is " +
          job.status);
    }
    const Job existing = job;
    job.confirmed_at = now;
    constexpr int64_t kWeek = 7 * 86400, kMonth = 30 * 86400;
    if (job.valid_through && *job.valid_through < now + kWeek) job.valid_through = now + kMonth;
    if (job.status == "expired") {
      job.status = "live";
      bool verified = false;
      if (auto c = store_.GetCompany(job.company_slug); c.ok()) verified = c->verified;
      // Reopening is a publication: the same rules as an edit that sets "live".
      Job as_published = existing;
      as_published.status = "live";
      RETURN_IF_ERROR(ApplyJobStatusRules(who, verified, &as_published, &job));
    }
    return w.PutJob(&job, PutMode::kUpdate).status();
  }));
  return job;
}

Status AuthorizedCatalog::Delete(const Principal& who, Entity entity, std::string_view slug) {
  RETURN_IF_ERROR(Authorize(who, entity, Action::kDelete, Own(who)));
  switch (entity) {
    case Entity::kCompany:
      RETURN_IF_ERROR(CheckExisting<Company>(store_, who, Action::kDelete, slug));
      break;
    case Entity::kJob:
      RETURN_IF_ERROR(CheckExisting<Job>(store_, who, Action::kDelete, slug));
      break;
    case Entity::kTalent:
      RETURN_IF_ERROR(CheckExisting<Talent>(store_, who, Action::kDelete, slug));
      break;
    case Entity::kCity:
      RETURN_IF_ERROR(CheckExisting<City>(store_, who, Action::kDelete, slug));
      break;
    case Entity::kArticle:
      RETURN_IF_ERROR(CheckExisting<Article>(store_, who, Action::kDelete, slug));
      break;
    case Entity::kEvent:
      return InvalidArgumentError("events cannot be deleted one by one");
  }
  return catalog_.Delete(entity, slug);
}

#define MERIDIAN_INSTANTIATE(T)                                                     \
  template StatusOr<T> AuthorizedCatalog::Create<T>(const Principal&, const Json&); \
  template StatusOr<T> AuthorizedCatalog::Patch<T>(const Principal&, std::string_view, const Json&);

MERIDIAN_INSTANTIATE(Company)
MERIDIAN_INSTANTIATE(Job)
MERIDIAN_INSTANTIATE(Talent)
MERIDIAN_INSTANTIATE(City)
MERIDIAN_INSTANTIATE(Article)

}  // namespace meridian
