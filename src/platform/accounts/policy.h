// Who may do what: the one authorization policy of Meridian (issue 3). Every write of the API
// and the web pages asks this module; nothing else decides.
//
//   Principal who = ...;                          // from accounts.h Authenticate()
//   RETURN_IF_ERROR(Authorize(who, Entity::kJob, Action::kUpdate, {.company_slug =
//   job.company_slug}));
//
// Rules:
//   - reads of public data are open to everyone (hidden talent profiles and private fields
//     only to their owner and admins: CanReadTalent, TalentView);
//   - anonymous callers may not write anything (kUnauthenticated -> 401);
//   - employers create and edit their own company and its jobs, nothing else;
//   - talent create and edit their own profile, nothing else;
//   - members write nothing in the catalogue;
//   - admins (accounts, admin keys, the interim admin token) may do everything.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "engine/store/records.h"
#include "platform/codec.h"

namespace meridian {

enum class Role { kAnonymous, kMember, kTalent, kEmployer, kAdmin };

// "admin", "employer", "talent", "member", "anonymous".
std::string_view RoleName(Role role);
// The roles an account may have (not "anonymous"); nullopt for anything else.
std::optional<Role> ParseRole(std::string_view name);

// How the caller proved who they are.
enum class Via { kNone, kSession, kApiKey, kAdminToken };

// The caller of one request.
struct Principal {
  Role role = Role::kAnonymous;
  Via via = Via::kNone;
  int64_t user_id = 0;  // 0 for anonymous, unbound admin keys and the interim admin token
  std::string email;
  std::string company_slug;    // employer: their company ("" until they create it)
  std::string talent_slug;     // talent: their profile ("" until they create it)
  int64_t key_id = 0;          // Via::kApiKey
  std::string session_hash;    // Via::kSession: the stored session id digest
  std::string csrf_token;      // Via::kSession: the token state-changing forms must echo
  bool stale_session = false;  // a session cookie was sent but is unknown or expired

  bool anonymous() const { return role == Role::kAnonymous; }
  bool admin() const { return role == Role::kAdmin; }
};

enum class Action { kCreate, kUpdate, kDelete };

// What a write touches: the owner fields of the record before and after the write.
struct Target {
  std::string company_slug;  // company: its slug; job: the company it belongs to
  std::string talent_slug;   // talent: its slug
};

// OK when `who` may perform `action` on an `entity` record identified by `target`;
// kUnauthenticated for anonymous callers, kPermissionDenied otherwise, with a message that
// says why.
Status Authorize(const Principal& who, Entity entity, Action action, const Target& target);

// Hidden profiles are visible only to their owner and admins.
bool CanReadTalent(const Principal& who, const Talent& talent);
// The view of a talent profile for `who`: kPrivate for its owner and admins.
View TalentView(const Principal& who, const Talent& talent);
// The view of a job for `who`: kPrivate (scam score and reasons) for admins and the employer.
View JobView(const Principal& who, const Job& job);
// Lists of records in other than the public state (jobs that are not live, hidden talent).
bool CanListAll(const Principal& who);

// Applies the status rules for a job an employer writes: employers may choose draft or
// pending; filled or expired only for a job that was published; asking for "live" (also
// implicitly, by editing a live job) gives "live" when their company is verified and
// "pending" (awaiting moderation) otherwise; a flagged job stays flagged. Admins may set any
// status. `existing` is the stored job on updates, nullptr on creates.
Status ApplyJobStatusRules(const Principal& who, bool company_verified, const Job* existing,
                           Job* job);

}  // namespace meridian
