// The store: the single source of truth (DESIGN.md §1). Everything else is derived from it.
//
// Reads go through StoreReader and may run concurrently from any thread. Writes happen in
// transactions: Store::Write runs a callback with a StoreWriter; the transaction commits
// when the callback returns OK and rolls back otherwise, so a failed write leaves rows and
// the change log exactly as they were. Every mutation appends one row to the change log in
// the same transaction.
//
//   RETURN_IF_ERROR(store.Write([&](StoreWriter& w) -> Status {
//     ASSIGN_OR_RETURN(PutOutcome out, w.PutJob(&job, PutMode::kCreate));
//     return OkStatus();
//   }));
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/statusor.h"
#include "engine/store/model_records.h"
#include "engine/store/records.h"

namespace meridian {

inline constexpr int kMaxPageSize = 100;

// Keyset pagination: `cursor` is the opaque next_cursor of the previous page ("" = first).
struct PageRequest {
  int limit = 20;  // 1..kMaxPageSize
  std::string cursor;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;  // "" when this is the last page
};

// Calls `fn` on every item of a paged List* call, page after page:
//   ForEachPage<City>([&](const PageRequest& p) { return store.ListCities({}, p); }, fn);
template <typename T, typename List, typename Fn>
Status ForEachPage(List list, Fn fn) {
  PageRequest page{.limit = kMaxPageSize};
  while (true) {
    ASSIGN_OR_RETURN(Page<T> p, list(page));
    for (const T& item : p.items) fn(item);
    if (p.next_cursor.empty()) return OkStatus();
    page.cursor = p.next_cursor;
  }
}

struct CompanyFilter {
  std::string region;  // exact region code
  std::string remote_policy;
  std::string technology;
  std::string name_contains;  // case-insensitive substring of the name
};

struct JobFilter {
  std::string company_slug;
  std::vector<std::string> tags_any;  // at least one of these tags
  std::string seniority;
  std::string employment_type;
  std::vector<std::string> statuses;  // empty = any status
  std::optional<UnixSeconds> posted_since;
  std::optional<UnixSeconds> valid_at;  // exclude jobs whose valid_through is before this
  std::string title_contains;           // case-insensitive substring of the title
};

struct TalentFilter {
  std::string skill;
  std::string seniority;
  std::string country;
  bool include_hidden = false;
};

struct CityFilter {
  std::string country;
  std::string name_contains;
};

struct ArticleFilter {
  std::string tag;
};

struct TableCounts {
  std::map<std::string, int64_t> rows;  // table name -> row count
  int64_t last_change_seq = 0;
};

class StoreReader {
 public:
  virtual ~StoreReader() = default;

  // Get* return kNotFound when no row has the slug.
  virtual StatusOr<Company> GetCompany(std::string_view slug) = 0;
  virtual StatusOr<Job> GetJob(std::string_view slug) = 0;
  virtual StatusOr<Talent> GetTalent(std::string_view slug) = 0;
  virtual StatusOr<City> GetCity(std::string_view slug) = 0;
  virtual StatusOr<Article> GetArticle(std::string_view slug) = 0;
  // The jobs with these slugs (at most kMaxPageSize), in one round trip, keyed by slug; a
  // slug with no job is absent (search results hydrated from the store).
  virtual StatusOr<std::map<std::string, Job>> GetJobs(const std::vector<std::string>& slugs) = 0;

  // List* return kInvalidArgument (field "cursor" or "limit") for a malformed request.
  // Orders: companies by name; jobs newest first; talent newest first; cities by population;
  // articles newest first.
  virtual StatusOr<Page<Company>> ListCompanies(const CompanyFilter& f, const PageRequest& p) = 0;
  virtual StatusOr<Page<Job>> ListJobs(const JobFilter& f, const PageRequest& p) = 0;
  virtual StatusOr<Page<Talent>> ListTalent(const TalentFilter& f, const PageRequest& p) = 0;
  virtual StatusOr<Page<City>> ListCities(const CityFilter& f, const PageRequest& p) = 0;
  virtual StatusOr<Page<Article>> ListArticles(const ArticleFilter& f, const PageRequest& p) = 0;

  // Every job in any status, in id order, one at a time (rebuilding derived indexes). Stops
  // at the first error `fn` returns. Reads one consistent snapshot.
  virtual Status ScanJobs(const std::function<Status(const Job&)>& fn) = 0;

  // Accounts. kNotFound when absent. Emails are matched exactly (callers normalize).
  virtual StatusOr<User> GetUser(int64_t id) = 0;
  virtual StatusOr<User> GetUserByEmail(std::string_view email) = 0;
  // Users by id, at most `limit` after `after_id` (for the CLI and the export).
  virtual StatusOr<std::vector<User>> ListUsers(int64_t after_id, int limit) = 0;
  // How many accounts belong to a company.
  virtual StatusOr<int64_t> CountCompanyUsers(std::string_view company_slug) = 0;
  virtual StatusOr<Session> GetSession(std::string_view id_hash) = 0;
  // kNotFound when the email has no recorded failures.
  virtual StatusOr<SigninAttempts> GetSigninAttempts(std::string_view email_hash) = 0;
  virtual StatusOr<std::vector<Session>> ListSessions(int64_t user_id) = 0;
  virtual StatusOr<ApiKey> GetApiKey(std::string_view prefix) = 0;
  // Every key (user_id 0) or the keys of one user, newest first.
  virtual StatusOr<std::vector<ApiKey>> ListApiKeys(int64_t user_id) = 0;
  // The newest `limit` events of a user or an anonymous session, oldest first.
  virtual StatusOr<std::vector<Event>> ListEventsOf(const EventOwner& owner, int limit) = 0;
  // Every event with id > after_id in id order, at most `limit` (training recommenders).
  virtual StatusOr<std::vector<Event>> ListEvents(int64_t after_id, int limit) = 0;
  // Moderation labels with id > after_id in id order, at most `limit` (training the scam
  // model).
  virtual StatusOr<std::vector<ModerationLabel>> ListModerationLabels(int64_t after_id,
                                                                      int limit) = 0;

  // The model registry (issue 8). Versions of one model (name "" = every model), oldest
  // first; artifact and reference bytes only as `options` asks.
  virtual StatusOr<std::vector<ModelVersion>> ListModelVersions(
      std::string_view name, const ModelReadOptions& options) = 0;
  // kNotFound when the model has no such version.
  virtual StatusOr<ModelVersion> GetModelVersion(std::string_view name, int64_t version,
                                                 const ModelReadOptions& options) = 0;
  // Every alias of one model (name "" = of every model).
  virtual StatusOr<std::vector<ModelAlias>> ListModelAliases(std::string_view name) = 0;
  // The moves of one model's aliases, oldest first.
  virtual StatusOr<std::vector<ModelAliasMove>> ListModelAliasMoves(std::string_view name) = 0;
  // Drift records of one model (name "" = all) measured at or after `since`, oldest first,
  // at most `limit`.
  virtual StatusOr<std::vector<DriftRecord>> ListDrift(std::string_view model, UnixSeconds since,
                                                       int limit) = 0;

  // Lists served per model, list and day from `from_day` on (every model), by day.
  virtual StatusOr<std::vector<ImpressionCount>> ListImpressions(int64_t from_day) = 0;
  // Shadow counts of one model (name "" = all), by version.
  virtual StatusOr<std::vector<ShadowCount>> ListShadowCounts(std::string_view model) = 0;

  // Changes with seq > after_seq, oldest first, at most `limit`.
  virtual StatusOr<std::vector<Change>> ChangesSince(int64_t after_seq, int limit) = 0;
  virtual StatusOr<TableCounts> Counts() = 0;
  // The newest change's sequence number (0 for an empty log); cheap, unlike Counts().
  virtual StatusOr<int64_t> LastChangeSeq() = 0;
  virtual StatusOr<std::optional<std::string>> GetMeta(std::string_view key) = 0;
  // Cheap liveness probe of the underlying database.
  virtual Status Ping() = 0;
};

enum class PutMode {
  kUpsert,  // insert, or update the row with the same slug
  kCreate,  // kAlreadyExists when the slug is taken
  kUpdate,  // kNotFound when the slug is not there
};

enum class PutOutcome { kInserted, kUpdated };

// Operations inside one transaction. A StoreWriter is valid only inside Store::Write.
class StoreWriter {
 public:
  virtual ~StoreWriter() = default;

  // Put* write the record by slug, set its id and timestamps (created_at is kept on update),
  // and append the change. References (job.company_slug, talent.city_slug) must exist: else
  // kInvalidArgument naming the field.
  virtual StatusOr<PutOutcome> PutCompany(Company* c, PutMode mode) = 0;
  virtual StatusOr<PutOutcome> PutJob(Job* j, PutMode mode) = 0;
  virtual StatusOr<PutOutcome> PutTalent(Talent* t, PutMode mode) = 0;
  virtual StatusOr<PutOutcome> PutCity(City* c, PutMode mode) = 0;
  virtual StatusOr<PutOutcome> PutArticle(Article* a, PutMode mode) = 0;

  // kNotFound when absent; kFailedPrecondition when other rows still reference it.
  virtual Status Delete(Entity entity, std::string_view slug) = 0;

  // Records one event. No change is appended (there are too many events): processes that
  // cache histories reread them now and then (FeedServiceOptions::history_refresh).
  virtual StatusOr<int64_t> AddEvent(const Event& e) = 0;
  // Forgets a user's or an anonymous session's history; returns how many events went.
  // Appends a kEventsChangeEntity delete naming the owner (EventOwnerKey), even when none
  // went.
  virtual StatusOr<int64_t> DeleteEventsOf(const EventOwner& owner) = 0;
  // An anonymous session's events become a user's (sign-in after browsing); returns how
  // many moved. When any moved, appends a kEventsChangeEntity update for each owner (the
  // session's key, then the user's).
  virtual StatusOr<int64_t> ReassignSessionEvents(std::string_view session_id, int64_t user_id) = 0;

  // Records a moderation decision and sets label->id; label and source must be one of the
  // allowed values (kInvalidArgument otherwise).
  virtual Status AddModerationLabel(ModerationLabel* label) = 0;
  // Live jobs whose valid_through is before `now` become expired (with their changes), at
  // most `limit` of them, earliest first; returns their slugs.
  virtual StatusOr<std::vector<std::string>> ExpireJobs(UnixSeconds now, int limit) = 0;
  // Replaces a job's salary estimate (a new salary model) without touching updated_at;
  // appends the change. kNotFound when there is no job with the id.
  virtual Status SetSalaryEstimate(int64_t job_id, const std::optional<SalaryRange>& range) = 0;

  // Registers a model version: assigns version (the model's highest + 1), id and
  // created_at (= v->created_at when set); artifact, sha256 and name must be non-empty.
  virtual Status AddModelVersion(ModelVersion* v) = 0;
  // Points `alias` of `name` at `version` (nullopt: removes the alias), logs the move with
  // its reason and actor, and appends a change (entity "model") so that serving processes
  // reload. kNotFound for an unknown version.
  virtual Status MoveModelAlias(std::string_view name, std::string_view alias,
                                std::optional<int64_t> version, const ModelAliasMove& why) = 0;
  // ready | rolled_back.
  virtual Status SetModelStatus(std::string_view name, int64_t version,
                                std::string_view status) = 0;
  virtual Status AddDrift(DriftRecord* record) = 0;
  // Adds the counts to the row of (model, list, day) / (model, version, champion).
  virtual Status AddImpressions(const ImpressionCount& counts) = 0;
  virtual Status AddShadowCounts(const ShadowCount& counts) = 0;

  // Accounts. PutUser with kCreate inserts (kAlreadyExists on field "email" when the email
  // is taken) and sets user->id; kUpdate rewrites the row with user->id. company_slug and
  // talent_slug must name existing records ("" = none).
  virtual Status PutUser(User* user, PutMode mode) = 0;
  // Deletes the user with their sessions, API keys and events, and appends a
  // kEventsChangeEntity delete naming the user's events (EventOwnerKey). kNotFound when
  // absent.
  virtual Status DeleteUser(int64_t id) = 0;
  virtual Status PutSession(const Session& session) = 0;
  virtual Status DeleteSession(std::string_view id_hash) = 0;
  // Removes every session of a user (sign-out everywhere, password change).
  virtual Status DeleteSessionsOf(int64_t user_id) = 0;
  // Removes sessions whose expiry is before `now`; returns how many.
  virtual StatusOr<int64_t> DeleteExpiredSessions(UnixSeconds now) = 0;
  virtual Status PutSigninAttempts(const SigninAttempts& attempts) = 0;
  virtual Status DeleteSigninAttempts(std::string_view email_hash) = 0;
  // Forgets failure counts not updated since `before` (and no longer locking).
  virtual Status DeleteStaleSigninAttempts(UnixSeconds before) = 0;
  // Inserts a key and sets key->id. kAlreadyExists when the prefix is taken.
  virtual Status PutApiKey(ApiKey* key) = 0;
  // Marks a key revoked at `at`. kNotFound when absent; revoking twice keeps the first time.
  virtual Status RevokeApiKey(int64_t id, UnixSeconds at) = 0;
  virtual Status SetMeta(std::string_view key, std::string_view value) = 0;
  virtual StatusOr<bool> SlugExists(Entity entity, std::string_view slug) = 0;
};

// An exclusive named lock (Store::TryLock), held until destroyed.
class StoreLock {
 public:
  virtual ~StoreLock() = default;
};

// Wakes a follower of the change log when any process committed changes (Store::WatchChanges).
class ChangeNotifier {
 public:
  virtual ~ChangeNotifier() = default;
  // Waits up to `timeout` for a notification: true when one came, false on timeout. An error
  // means the notifier is broken (the database went away); make a new one.
  virtual StatusOr<bool> Wait(std::chrono::milliseconds timeout) = 0;
};

struct WriteOptions {
  // Synchronous durability for this transaction (fsync on commit). Bulk loads may relax it.
  bool durable = true;
};

class Store : public StoreReader {
 public:
  // Runs `fn` in one transaction. Writers are serialized; readers are never blocked.
  virtual Status Write(const std::function<Status(StoreWriter&)>& fn,
                       const WriteOptions& options = {}) = 0;

  // An exclusive lock named `name` across every process using this database (one trainer
  // at a time, one run of a scheduled task across replicas): nullptr when someone else holds
  // it now. Released when the returned lock is destroyed or its process dies.
  virtual StatusOr<std::unique_ptr<StoreLock>> TryLock(std::string_view name) = 0;
  // Notifications of committed changes, or nullptr where the backend has none (SQLite:
  // followers poll the change log).
  virtual StatusOr<std::unique_ptr<ChangeNotifier>> WatchChanges() = 0;
  // "sqlite" or "postgresql".
  virtual std::string_view Kind() const = 0;
  // Heap memory the database library holds in this process (SQLite: page caches, prepared
  // statements, schemas; 0 for a database in its own server), for /metrics.
  virtual uint64_t MemoryBytes() const { return 0; }
};

}  // namespace meridian
