#include "platform/accounts/policy.h"

namespace meridian {
namespace {

Status Denied(std::string msg) {
  return PermissionDeniedError(std::move(msg));
}

std::string Plural(Entity e) {
  switch (e) {
    case Entity::kCompany:
      return "companies";
    case Entity::kJob:
      return "jobs";
    case Entity::kTalent:
      return "talent profiles";
    case Entity::kCity:
      return "cities";
    case Entity::kArticle:
      return "articles";
    case Entity::kEvent:
      return "events";
  }
  return "records";
}

std::string_view Verb(Action a) {
  switch (a) {
    case Action::kCreate:
      return "create";
    case Action::kUpdate:
      return "edit";
    case Action::kDelete:
      return "delete";
  }
  return "change";
}

Status AuthorizeEmployer(const Principal& who, Entity entity, Action action, const Target& target) {
  if (who.user_id == 0) return Denied("this employer key is not bound to an account");
  switch (entity) {
    case Entity::kCompany:
      if (action == Action::kCreate) {
        if (!who.company_slug.empty()) {
          return FailedPreconditionError("your account already has a company ('" +
                                         who.company_slug + "'); edit it instead");
        }
        return OkStatus();
      }
      if (action == Action::kDelete) {
        return Denied("employers cannot delete company pages; delete your account instead");
      }
      if (who.company_slug.empty() || target.company_slug != who.company_slug) {
        return Denied("employers may edit only their own company page");
      }
      return OkStatus();
    case Entity::kJob:
      if (who.company_slug.empty() && action == Action::kCreate) {
        return FailedPreconditionError("create your company page before posting jobs");
      }
      if (who.company_slug.empty() || target.company_slug != who.company_slug) {
        return Denied("employers may " + std::string(Verb(action)) +
                      " only jobs of their own company");
      }
      return OkStatus();
    default:
      return Denied("employers cannot " + std::string(Verb(action)) + " " + Plural(entity));
  }
}

Status AuthorizeTalent(const Principal& who, Entity entity, Action action, const Target& target) {
  if (who.user_id == 0) return Denied("this talent key is not bound to an account");
  if (entity != Entity::kTalent) {
    return Denied("talent accounts cannot " + std::string(Verb(action)) + " " + Plural(entity));
  }
  if (action == Action::kCreate) {
    if (!who.talent_slug.empty()) {
      return FailedPreconditionError("your account already has a profile ('" + who.talent_slug +
                                     "'); edit it instead");
    }
    return OkStatus();
  }
  if (who.talent_slug.empty() || target.talent_slug != who.talent_slug) {
    return Denied("talent may " + std::string(Verb(action)) + " only their own profile");
  }
  return OkStatus();
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAnonymous:
      return "anonymous";
    case Role::kMember:
      return "member";
    case Role::kTalent:
      return "talent";
    case Role::kEmployer:
      return "employer";
    case Role::kAdmin:
      return "admin";
  }
  return "anonymous";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kMember, Role::kTalent, Role::kEmployer, Role::kAdmin}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

Status Authorize(const Principal& who, Entity entity, Action action, const Target& target) {
  switch (who.role) {
    case Role::kAnonymous:
      return UnauthenticatedError("sign in or send an API key (Authorization: Bearer ...) to " +
                                  std::string(Verb(action)) + " " + Plural(entity));
    case Role::kAdmin:
      return OkStatus();
    case Role::kEmployer:
      return AuthorizeEmployer(who, entity, action, target);
    case Role::kTalent:
      return AuthorizeTalent(who, entity, action, target);
    case Role::kMember:
      return Denied("member accounts cannot " + std::string(Verb(action)) + " " + Plural(entity));
  }
  return Denied("not allowed");
}

bool CanReadTalent(const Principal& who, const Talent& talent) {
  return talent.visibility != "hidden" || who.admin() ||
         (who.role == Role::kTalent && !who.talent_slug.empty() && who.talent_slug == talent.slug);
}

View TalentView(const Principal& who, const Talent& talent) {
  bool owner =
      who.role == Role::kTalent && !who.talent_slug.empty() && who.talent_slug == talent.slug;
  return who.admin() || owner ? View::kPrivate : View::kPublic;
}

View JobView(const Principal& who, const Job& job) {
  bool owner = who.role == Role::kEmployer && !who.company_slug.empty() &&
               who.company_slug == job.company_slug;
  if (who.admin()) return View::kModerator;
  return owner ? View::kPrivate : View::kPublic;
}

bool CanListAll(const Principal& who) {
  return who.admin();
}

Status ApplyJobStatusRules(const Principal& who, bool company_verified, const Job* existing,
                           Job* job) {
  if (who.admin()) return OkStatus();
  if (existing && (existing->status == "flagged" || existing->status == "rejected")) {
    if (job->status != existing->status) {
      return Denied(
          "status: this job is " +
          std::string(existing->status == "flagged" ? "under review" : "rejected by moderation") +
          "; only a moderator can change its status");
    }
    return OkStatus();
  }
  const std::string& s = job->status;
  const std::string was = existing ? existing->status : "";
  if (s == "draft" || s == "pending") return OkStatus();
  if (s == "filled" || s == "expired") {
    // Closing a published job is the employer's call; a job that never went through
    // moderation cannot become public this way.
    if (was == "live" || was == "filled" || was == "expired") return OkStatus();
    return InvalidArgumentError("status: only a published job can be marked " + s, "status");
  }
  if (s == "live") {
    // Every create and edit at an unverified company goes back to moderation.
    if (!company_verified) job->status = "pending";
    return OkStatus();
  }
  return InvalidArgumentError(
      "status: employers may set draft, pending, live, filled or expired, not '" + s + "'",
      "status");
}

}  // namespace meridian
