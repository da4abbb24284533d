// Typed records of the store (DESIGN.md §3). Plain values: the store persists them as they
// are; validation, normalization and enrichment happen in src/platform before a write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace meridian {

enum class Entity { kCompany, kJob, kTalent, kCity, kArticle, kEvent };
std::string_view EntityName(Entity e);  // "company", "job", ...

// Raw salary as given (min/max in `currency` per `period`) plus the derived annual USD range.
struct Salary {
  std::optional<double> min;
  std::optional<double> max;
  std::string currency;  // ISO 4217, e.g. "EUR"
  std::string period;    // HOUR|DAY|WEEK|MONTH|YEAR
  std::optional<double> annual_usd_min;
  std::optional<double> annual_usd_max;
  std::string source;  // "employer" | "estimated" | "" (no salary)

  bool present() const { return min.has_value() || max.has_value(); }
};

// A salary estimate (issue 7): annual USD, the 10th, 50th and 90th percentiles of what
// similar jobs pay. Kept apart from the employer's Salary so the two are never mixed.
struct SalaryRange {
  double low = 0, median = 0, high = 0;
};

// When a job expects people to be online: either a local window in an IANA zone
// ("Europe/Berlin", 09:00-17:00) or a range of acceptable UTC offsets (-5h..+2h).
struct TimezoneWindow {
  std::string zone;      // IANA zone id; empty for the offset form
  int start_minute = 0;  // minutes after local midnight
  int end_minute = 0;
  std::optional<int> utc_min_minutes;  // offset form: UTC-05:00 is -300
  std::optional<int> utc_max_minutes;
};

struct Company {
  int64_t id = 0;
  std::string slug;
  std::string name;
  std::string website;
  std::string description;           // markdown
  std::vector<std::string> regions;  // "WW", ISO 3166-1 alpha-2 or UN M49 codes
  std::string remote_policy;         // fully-remote|remote-first|remote-friendly|hybrid
  std::string size;                  // small|medium|large|enterprise
  std::vector<std::string> technologies;
  bool has_logo = false;
  bool verified = false;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};

struct Job {
  int64_t id = 0;
  std::string slug;
  std::string company_slug;  // the reference written; company_id/name are resolved by the store
  int64_t company_id = 0;
  std::string company_name;
  std::string title;
  std::string description;  // markdown
  std::string apply_url;
  std::vector<std::string> tags;
  std::string seniority;                    // intern|junior|mid|senior|lead|principal
  std::string employment_type;              // schema.org: FULL_TIME, PART_TIME, CONTRACTOR, ...
  std::vector<std::string> eligible_areas;  // "WW", ISO alpha-2 or UN M49 codes
  std::string eligibility_evidence;
  std::optional<TimezoneWindow> timezone;
  Salary salary;
  UnixSeconds posted_at = 0;
  std::optional<UnixSeconds> valid_through;
  std::string status;  // draft|pending|live|flagged|expired|filled
  std::optional<double> scam_score;
  std::vector<std::string> scam_reasons;
  std::optional<UnixSeconds> confirmed_at;     // the employer last said it is still open
  std::optional<SalaryRange> salary_estimate;  // when a salary model is trained
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};

struct TalentSkill {
  std::string name;
  int level = 0;  // 1 (beginner) .. 5 (expert); 0 = not stated
};

struct Talent {
  int64_t id = 0;
  std::string slug;
  std::string name;
  std::string headline;
  std::string summary;  // markdown
  std::vector<TalentSkill> skills;
  std::string seniority;
  std::string city_slug;  // reference; "" = none. city_name is resolved by the store.
  std::string city_name;
  std::string country;   // ISO 3166-1 alpha-2
  std::string timezone;  // IANA zone
  std::optional<int> work_start_minute;
  std::optional<int> work_end_minute;
  Salary desired_salary;
  std::string availability;  // now|2-weeks|1-month|3-months|not-looking
  std::string visibility;    // public|hidden
  std::string email;         // private
  std::string contact;       // private
  std::vector<std::string> links;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};

struct City {
  int64_t id = 0;
  std::string slug;
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2
  std::string province;
  double lat = 0;
  double lng = 0;
  int64_t population = 0;
  std::string timezone;                      // IANA zone
  std::optional<double> cost_of_living_usd;  // monthly, one person
  std::optional<double> internet_mbps;
  std::optional<double> safety_index;  // 0..100
  std::optional<double> nomad_score;   // derived: platform/nomad_score.h
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};

struct Article {
  int64_t id = 0;
  std::string slug;
  std::string title;
  std::string summary;
  std::string body;  // markdown
  std::vector<std::string> tags;
  std::string author;
  UnixSeconds published_at = 0;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};

struct Event {
  int64_t id = 0;
  std::optional<int64_t> user_id;
  std::string session_id;
  Entity entity = Entity::kJob;
  int64_t entity_id = 0;
  std::string kind;  // view|save|apply|click|read|hide
  UnixSeconds at = 0;
  std::string context;  // JSON object text
};

// A moderator's decision on a job (or one the demo generated), with a copy of the post as
// it was judged: the training data of the next scam model.
struct ModerationLabel {
  int64_t id = 0;
  std::optional<int64_t> job_id;
  std::string job_slug, company_slug, title, description, apply_url;
  std::string label;   // scam|legit
  std::string source;  // moderator|generated
  std::optional<int64_t> moderator_id;
  std::optional<double> score;  // the scam score when it was judged
  UnixSeconds at = 0;
};

// Whose events: a signed-in user (user_id > 0), else an anonymous visitor's first-party
// session id.
struct EventOwner {
  int64_t user_id = 0;
  std::string session_id;
};

// An owner's key: "u:<user id>" when user_id > 0, else "s:<session id>". The recommenders
// key histories by it, and the change log names an owner's events by it (the slug of a
// kEventsChangeEntity change).
std::string EventOwnerKey(const EventOwner& owner);

// Accounts (DESIGN.md §3 `users`). Secrets are never stored in the clear: passwords as
// argon2id strings, session ids and API keys as SHA-256 hex digests.
struct User {
  int64_t id = 0;
  std::string email;            // normalized: trimmed, lowercase
  std::string password_hash;    // libsodium crypto_pwhash_str (argon2id)
  std::string role;             // admin|employer|talent|member
  std::string company_slug;     // employer: their company ("" until created); resolved by the store
  std::string talent_slug;      // talent: their profile ("" until created); resolved by the store
  bool events_opt_out = false;  // true: their views, saves and clicks are not recorded
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};

struct Session {
  std::string id_hash;  // SHA-256 hex of the cookie value
  int64_t user_id = 0;
  std::string csrf_token;  // echoed by every state-changing form of this session
  UnixSeconds created_at = 0;
  UnixSeconds expires_at = 0;
};

// Consecutive failed sign-ins for one email address (known or not), by its digest.
struct SigninAttempts {
  std::string email_hash;
  int failures = 0;
  UnixSeconds locked_until = 0;
  UnixSeconds updated_at = 0;
};

struct ApiKey {
  int64_t id = 0;
  std::string prefix;      // public part of the key ("mk_<prefix>_<secret>"), unique
  std::string key_hash;    // SHA-256 hex of the whole key
  std::string role;        // admin|employer|talent
  int64_t user_id = 0;     // 0 = not bound to a user (admin keys only)
  std::string user_email;  // resolved by the store
  std::string label;
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> expires_at;
  std::optional<UnixSeconds> revoked_at;
};

enum class ChangeOp { kInsert, kUpdate, kDelete };
std::string_view ChangeOpName(ChangeOp op);

struct Change {
  int64_t seq = 0;
  std::string entity;  // EntityName()
  int64_t entity_id = 0;
  std::string slug;
  ChangeOp op = ChangeOp::kInsert;
  UnixSeconds at = 0;
};

}  // namespace meridian
