#include "engine/store/sqlite/sqlite_store.h"

#include <sys/stat.h>

#include <algorithm>
#include <mutex>
#include <vector>

#include "base/assets.h"
#include "base/strings.h"
#include "engine/store/sqlite/common.h"
#include "engine/store/sqlite/connection.h"
#include "engine/store/sqlite/tables.h"

namespace meridian {
namespace {

using sqlite::Connection;
using sqlite::Query;
using sqlite::Sql;

struct Migration {
  int version;
  std::string name;
  std::string_view sql;
};

std::vector<Migration> Migrations() {
  std::vector<Migration> out;
  for (const EmbeddedAsset& a : EmbeddedAssets()) {
    if (!StartsWith(a.name, "migrations/")) continue;
    std::string name(a.name.substr(11));
    auto version = ParseInt(name.substr(0, name.find('_')));
    if (version) out.push_back({static_cast<int>(*version), name, a.data});
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& x, const Migration& y) { return x.version < y.version; });
  return out;
}

const Sql kUserVersion{"user_version", "PRAGMA user_version"};
const Sql kSetMeta{"set_meta",
                   "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                   "value = excluded.value"};
const Sql kGetMeta{"get_meta", "SELECT value FROM meta WHERE key = ?"};
const Sql kChangesSince{
    "changes_since",
    "SELECT seq, entity, entity_id, slug, op, at FROM changes WHERE seq > ? ORDER BY seq LIMIT ?"};
const Sql kLastSeq{"last_seq", "SELECT COALESCE(MAX(seq), 0) FROM changes"};
const Sql kInsertEvent{
    "insert_event",
    "INSERT INTO events(user_id, session_id, entity, entity_id, kind, at, context) "
    "VALUES (?,?,?,?,?,?,?)"};
const Sql kJobsOfCompany{"jobs_of_company", "SELECT COUNT(*) FROM jobs WHERE company_id = ?"};
const Sql kPing{"ping", "SELECT 1"};

const char* kCountTables[] = {"companies", "jobs",  "talent",  "cities",           "articles",
                              "events",    "users", "changes", "moderation_labels"};

// A read connection on loan from the pool; returned on destruction.
class ReaderPool {
 public:
  explicit ReaderPool(std::string path) : path_(std::move(path)) {}

  class Lease {
   public:
    Lease(ReaderPool* pool, std::unique_ptr<Connection> c) : pool_(pool), conn_(std::move(c)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (conn_) pool_->Return(std::move(conn_));
    }
    Connection& operator*() { return *conn_; }

   private:
    ReaderPool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  StatusOr<Lease> Acquire() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        auto c = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(c));
      }
    }
    ASSIGN_OR_RETURN(std::unique_ptr<Connection> c, Connection::Open(path_, {.read_only = true}));
    RETURN_IF_ERROR(
        c->Exec("PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=268435456;"));
    return Lease(this, std::move(c));
  }

 private:
  void Return(std::unique_ptr<Connection> c) {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(c));
  }

  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

class SqliteWriter final : public StoreWriter {
 public:
  SqliteWriter(Connection& c, UnixSeconds now) : c_(c), now_(now) {}

  StatusOr<PutOutcome> PutCompany(Company* x, PutMode m) override {
    company_refs_.by_slug.clear();
    return sqlite::PutCompany(c_, x, m, now_);
  }
  StatusOr<PutOutcome> PutJob(Job* x, PutMode m) override {
    return sqlite::PutJob(c_, x, m, now_, &company_refs_);
  }
  StatusOr<PutOutcome> PutTalent(Talent* x, PutMode m) override {
    return sqlite::PutTalent(c_, x, m, now_);
  }
  StatusOr<PutOutcome> PutCity(City* x, PutMode m) override {
    return sqlite::PutCity(c_, x, m, now_);
  }
  StatusOr<PutOutcome> PutArticle(Article* x, PutMode m) override {
    return sqlite::PutArticle(c_, x, m, now_);
  }

  Status Delete(Entity entity, std::string_view slug) override {
    if (entity == Entity::kCompany) company_refs_.by_slug.clear();
    ASSIGN_OR_RETURN(std::optional<sqlite::ExistingRow> row, sqlite::FindBySlug(c_, entity, slug));
    std::string what(EntityName(entity));
    if (!row) return NotFoundError("no " + what + " with slug '" + std::string(slug) + "'");
    if (entity == Entity::kCompany) {
      ASSIGN_OR_RETURN(Query q, c_.Prepare(kJobsOfCompany));
      q.Bind(1, row->id);
      ASSIGN_OR_RETURN(bool has, q.Step());
      if (has && q.Int(0) > 0) {
        return FailedPreconditionError("company '" + std::string(slug) + "' still has " +
                                       std::to_string(q.Int(0)) +
                                       " jobs; delete or move them first");
      }
    }
    std::string sql = "DELETE FROM " + std::string(sqlite::TableName(entity)) + " WHERE id = ?";
    ASSIGN_OR_RETURN(Query del, c_.PrepareDynamic(sql));
    del.Bind(1, row->id);
    RETURN_IF_ERROR(del.Run());
    return sqlite::AppendChange(c_, entity, row->id, slug, ChangeOp::kDelete, now_);
  }

  StatusOr<int64_t> AddEvent(const Event& e) override {
    ASSIGN_OR_RETURN(Query q, c_.Prepare(kInsertEvent));
    q.Bind(1, e.user_id).Bind(2, e.session_id).Bind(3, EntityName(e.entity)).Bind(4, e.entity_id);
    q.Bind(5, e.kind)
        .Bind(6, e.at ? e.at : now_)
        .Bind(7, e.context.empty() ? std::string("{}") : e.context);
    RETURN_IF_ERROR(q.Run());
    return c_.LastInsertId();
  }
  StatusOr<int64_t> DeleteEventsOf(const EventOwner& owner) override {
    return sqlite::DeleteEventsOf(c_, owner);
  }
  StatusOr<int64_t> ReassignSessionEvents(std::string_view session_id, int64_t user_id) override {
    return sqlite::ReassignSessionEvents(c_, session_id, user_id);
  }

  Status AddModerationLabel(ModerationLabel* label) override {
    return sqlite::AddModerationLabel(c_, label);
  }
  StatusOr<std::vector<std::string>> ExpireJobs(UnixSeconds now, int limit) override {
    return sqlite::ExpireJobs(c_, now, limit);
  }
  Status SetSalaryEstimate(int64_t job_id, const std::optional<SalaryRange>& range) override {
    return sqlite::SetSalaryEstimate(c_, job_id, range, now_);
  }
  Status AddModelVersion(ModelVersion* v) override { return sqlite::AddModelVersion(c_, v, now_); }
  Status MoveModelAlias(std::string_view name, std::string_view alias,
                        std::optional<int64_t> version, const ModelAliasMove& why) override {
    return sqlite::MoveModelAlias(c_, name, alias, version, why, now_);
  }
  Status SetModelStatus(std::string_view name, int64_t version, std::string_view status) override {
    return sqlite::SetModelStatus(c_, name, version, status);
  }
  Status AddDrift(DriftRecord* record) override { return sqlite::AddDrift(c_, record, now_); }
  Status AddImpressions(const ImpressionCount& counts) override {
    return sqlite::AddImpressions(c_, counts);
  }
  Status AddShadowCounts(const ShadowCount& counts) override {
    return sqlite::AddShadowCounts(c_, counts, now_);
  }

  Status PutUser(User* u, PutMode m) override { return sqlite::PutUser(c_, u, m, now_); }
  Status DeleteUser(int64_t id) override { return sqlite::DeleteUser(c_, id); }
  Status PutSession(const Session& s) override { return sqlite::PutSession(c_, s); }
  Status DeleteSession(std::string_view h) override { return sqlite::DeleteSession(c_, h); }
  Status DeleteSessionsOf(int64_t user_id) override {
    return sqlite::DeleteSessionsOf(c_, user_id);
  }
  StatusOr<int64_t> DeleteExpiredSessions(UnixSeconds now) override {
    return sqlite::DeleteExpiredSessions(c_, now);
  }
  Status PutSigninAttempts(const SigninAttempts& a) override {
    return sqlite::PutSigninAttempts(c_, a);
  }
  Status DeleteSigninAttempts(std::string_view h) override {
    return sqlite::DeleteSigninAttempts(c_, h);
  }
  Status DeleteStaleSigninAttempts(UnixSeconds before) override {
    return sqlite::DeleteStaleSigninAttempts(c_, before);
  }
  Status PutApiKey(ApiKey* k) override { return sqlite::PutApiKey(c_, k, now_); }
  Status RevokeApiKey(int64_t id, UnixSeconds at) override {
    return sqlite::RevokeApiKey(c_, id, at);
  }

  Status SetMeta(std::string_view key, std::string_view value) override {
    ASSIGN_OR_RETURN(Query q, c_.Prepare(kSetMeta));
    q.Bind(1, key).Bind(2, value);
    return q.Run();
  }

  StatusOr<bool> SlugExists(Entity entity, std::string_view slug) override {
    ASSIGN_OR_RETURN(std::optional<sqlite::ExistingRow> row, sqlite::FindBySlug(c_, entity, slug));
    return row.has_value();
  }

 private:
  Connection& c_;
  UnixSeconds now_;
  sqlite::CompanyRefs company_refs_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Connection> writer, std::string path, const Clock* clock)
      : writer_(std::move(writer)), readers_(std::move(path)), clock_(clock) {}

  template <typename Fn>
  auto Read(Fn fn) -> decltype(fn(std::declval<Connection&>())) {
    auto lease = readers_.Acquire();
    if (!lease.ok()) return lease.status();
    return fn(**lease);
  }

  StatusOr<Company> GetCompany(std::string_view s) override {
    return Read([&](Connection& c) { return sqlite::GetCompany(c, s); });
  }
  StatusOr<Job> GetJob(std::string_view s) override {
    return Read([&](Connection& c) { return sqlite::GetJob(c, s); });
  }
  StatusOr<Talent> GetTalent(std::string_view s) override {
    return Read([&](Connection& c) { return sqlite::GetTalent(c, s); });
  }
  StatusOr<City> GetCity(std::string_view s) override {
    return Read([&](Connection& c) { return sqlite::GetCity(c, s); });
  }
  StatusOr<Article> GetArticle(std::string_view s) override {
    return Read([&](Connection& c) { return sqlite::GetArticle(c, s); });
  }
  StatusOr<Page<Company>> ListCompanies(const CompanyFilter& f, const PageRequest& p) override {
    return Read([&](Connection& c) { return sqlite::ListCompanies(c, f, p); });
  }
  StatusOr<Page<Job>> ListJobs(const JobFilter& f, const PageRequest& p) override {
    return Read([&](Connection& c) { return sqlite::ListJobs(c, f, p); });
  }
  StatusOr<Page<Talent>> ListTalent(const TalentFilter& f, const PageRequest& p) override {
    return Read([&](Connection& c) { return sqlite::ListTalent(c, f, p); });
  }
  StatusOr<Page<City>> ListCities(const CityFilter& f, const PageRequest& p) override {
    return Read([&](Connection& c) { return sqlite::ListCities(c, f, p); });
  }
  StatusOr<Page<Article>> ListArticles(const ArticleFilter& f, const PageRequest& p) override {
    return Read([&](Connection& c) { return sqlite::ListArticles(c, f, p); });
  }

  Status ScanJobs(const std::function<Status(const Job&)>& fn) override {
    return Read([&](Connection& c) { return sqlite::ScanJobs(c, fn); });
  }
  StatusOr<User> GetUser(int64_t id) override {
    return Read([&](Connection& c) { return sqlite::GetUser(c, id); });
  }
  StatusOr<User> GetUserByEmail(std::string_view email) override {
    return Read([&](Connection& c) { return sqlite::GetUserByEmail(c, email); });
  }
  StatusOr<std::vector<User>> ListUsers(int64_t after_id, int limit) override {
    return Read([&](Connection& c) { return sqlite::ListUsers(c, after_id, limit); });
  }
  StatusOr<int64_t> CountCompanyUsers(std::string_view company_slug) override {
    return Read([&](Connection& c) { return sqlite::CountCompanyUsers(c, company_slug); });
  }
  StatusOr<Session> GetSession(std::string_view id_hash) override {
    return Read([&](Connection& c) { return sqlite::GetSession(c, id_hash); });
  }
  StatusOr<std::vector<Session>> ListSessions(int64_t user_id) override {
    return Read([&](Connection& c) { return sqlite::ListSessions(c, user_id); });
  }
  StatusOr<SigninAttempts> GetSigninAttempts(std::string_view h) override {
    return Read([&](Connection& c) { return sqlite::GetSigninAttempts(c, h); });
  }
  StatusOr<ApiKey> GetApiKey(std::string_view prefix) override {
    return Read([&](Connection& c) { return sqlite::GetApiKey(c, prefix); });
  }
  StatusOr<std::vector<ApiKey>> ListApiKeys(int64_t user_id) override {
    return Read([&](Connection& c) { return sqlite::ListApiKeys(c, user_id); });
  }
  StatusOr<std::vector<Event>> ListEventsOf(const EventOwner& owner, int limit) override {
    return Read([&](Connection& c) { return sqlite::ListEventsOf(c, owner, limit); });
  }
  StatusOr<std::vector<Event>> ListEvents(int64_t after_id, int limit) override {
    return Read([&](Connection& c) { return sqlite::ListEvents(c, after_id, limit); });
  }
  StatusOr<std::vector<ModerationLabel>> ListModerationLabels(int64_t after_id,
                                                              int limit) override {
    return Read([&](Connection& c) { return sqlite::ListModerationLabels(c, after_id, limit); });
  }

  StatusOr<std::vector<ModelVersion>> ListModelVersions(std::string_view name,
                                                        const ModelReadOptions& o) override {
    return Read([&](Connection& c) { return sqlite::ListModelVersions(c, name, o); });
  }
  StatusOr<ModelVersion> GetModelVersion(std::string_view name, int64_t version,
                                         const ModelReadOptions& o) override {
    return Read([&](Connection& c) { return sqlite::GetModelVersion(c, name, version, o); });
  }
  StatusOr<std::vector<ModelAlias>> ListModelAliases(std::string_view name) override {
    return Read([&](Connection& c) { return sqlite::ListModelAliases(c, name); });
  }
  StatusOr<std::vector<ModelAliasMove>> ListModelAliasMoves(std::string_view name) override {
    return Read([&](Connection& c) { return sqlite::ListModelAliasMoves(c, name); });
  }
  StatusOr<std::vector<DriftRecord>> ListDrift(std::string_view model, UnixSeconds since,
                                               int limit) override {
    return Read([&](Connection& c) { return sqlite::ListDrift(c, model, since, limit); });
  }
  StatusOr<std::vector<ImpressionCount>> ListImpressions(int64_t from_day) override {
    return Read([&](Connection& c) { return sqlite::ListImpressions(c, from_day); });
  }
  StatusOr<std::vector<ShadowCount>> ListShadowCounts(std::string_view model) override {
    return Read([&](Connection& c) { return sqlite::ListShadowCounts(c, model); });
  }

  StatusOr<std::vector<Change>> ChangesSince(int64_t after_seq, int limit) override {
    return Read([&](Connection& c) -> StatusOr<std::vector<Change>> {
      ASSIGN_OR_RETURN(Query q, c.Prepare(kChangesSince));
      q.Bind(1, after_seq).Bind(2, limit);
      std::vector<Change> out;
      while (true) {
        ASSIGN_OR_RETURN(bool row, q.Step());
        if (!row) break;
        Change ch;
        ch.seq = q.Int(0);
        ch.entity = q.Text(1);
        ch.entity_id = q.Int(2);
        ch.slug = q.Text(3);
        std::string op = q.Text(4);
        ch.op = op == "insert"   ? ChangeOp::kInsert
                : op == "update" ? ChangeOp::kUpdate
                                 : ChangeOp::kDelete;
        ch.at = q.Int(5);
        out.push_back(std::move(ch));
      }
      return out;
    });
  }

  StatusOr<int64_t> LastChangeSeq() override {
    return Read([&](Connection& c) -> StatusOr<int64_t> {
      ASSIGN_OR_RETURN(Query q, c.Prepare(kLastSeq));
      ASSIGN_OR_RETURN(bool row, q.Step());
      return row ? q.Int(0) : int64_t{0};
    });
  }

  StatusOr<TableCounts> Counts() override {
    return Read([&](Connection& c) -> StatusOr<TableCounts> {
      TableCounts counts;
      RETURN_IF_ERROR(c.Exec("BEGIN"));
      Status st = [&]() -> Status {
        for (const char* t : kCountTables) {
          ASSIGN_OR_RETURN(Query q, c.PrepareDynamic(std::string("SELECT COUNT(*) FROM ") + t));
          ASSIGN_OR_RETURN(bool row, q.Step());
          counts.rows[t] = row ? q.Int(0) : 0;
        }
        ASSIGN_OR_RETURN(Query q, c.Prepare(kLastSeq));
        ASSIGN_OR_RETURN(bool row, q.Step());
        counts.last_change_seq = row ? q.Int(0) : 0;
        return OkStatus();
      }();
      c.Exec("COMMIT").IgnoreError();
      RETURN_IF_ERROR(st);
      return counts;
    });
  }

  StatusOr<std::optional<std::string>> GetMeta(std::string_view key) override {
    return Read([&](Connection& c) -> StatusOr<std::optional<std::string>> {
      ASSIGN_OR_RETURN(Query q, c.Prepare(kGetMeta));
      q.Bind(1, key);
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) return std::optional<std::string>();
      return std::optional<std::string>(q.Text(0));
    });
  }

  Status Ping() override {
    return Read([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(Query q, c.Prepare(kPing));
      return q.Run();
    });
  }

  Status Write(const std::function<Status(StoreWriter&)>& fn,
               const WriteOptions& options) override {
    std::lock_guard<std::mutex> lock(write_mu_);
    if (!options.durable) RETURN_IF_ERROR(writer_->Exec("PRAGMA synchronous=NORMAL"));
    Status st = writer_->Exec("BEGIN IMMEDIATE");
    if (st.ok()) {
      SqliteWriter w(*writer_, clock_->Now());
      st = fn(w);
      if (st.ok()) {
        st = writer_->Exec("COMMIT");
      }
      if (!st.ok()) writer_->Exec("ROLLBACK").IgnoreError();
    }
    if (!options.durable) writer_->Exec("PRAGMA synchronous=FULL").IgnoreError();
    return st;
  }

 private:
  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;
  ReaderPool readers_;
  const Clock* clock_;
};

Status Migrate(Connection& c) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kUserVersion));
  ASSIGN_OR_RETURN(bool row, q.Step());
  int current = row ? static_cast<int>(q.Int(0)) : 0;
  std::vector<Migration> migrations = Migrations();
  int latest = migrations.empty() ? 0 : migrations.back().version;
  if (current > latest) {
    return FailedPreconditionError("database schema version " + std::to_string(current) +
                                   " is newer than this binary supports (" +
                                   std::to_string(latest) + "); upgrade meridian");
  }
  for (const Migration& m : migrations) {
    if (m.version <= current) continue;
    RETURN_IF_ERROR(c.Exec("BEGIN IMMEDIATE"));
    Status st = c.Exec(m.sql);
    if (st.ok()) st = c.Exec("PRAGMA user_version = " + std::to_string(m.version));
    if (st.ok()) st = c.Exec("COMMIT");
    if (!st.ok()) {
      c.Exec("ROLLBACK").IgnoreError();
      return st.Annotate("migration " + m.name);
    }
  }
  return OkStatus();
}

SystemClock kSystemClock;

}  // namespace

int SqliteSchemaVersion() {
  auto m = Migrations();
  return m.empty() ? 0 : m.back().version;
}

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const SqliteStoreOptions& options) {
  if (options.path.empty() || options.path == ":memory:") {
    return InvalidArgumentError("db: a database file path is required");
  }
  struct stat st;
  if (::stat(options.path.c_str(), &st) != 0 && !options.create) {
    return NotFoundError("database '" + options.path + "' does not exist");
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> writer, Connection::Open(options.path, {}));
  // journal_mode answers with a row; a file that is not a database fails here.
  Status s = writer->Exec("PRAGMA journal_mode=WAL");
  if (!s.ok()) return Status(s.code(), "opening '" + options.path + "': " + s.message());
  // A 64 MiB page cache for the writer: bulk loads touch many index pages.
  RETURN_IF_ERROR(
      writer->Exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; "
                   "PRAGMA cache_size=-65536;"));
  RETURN_IF_ERROR(Migrate(*writer));
  const Clock* clock = options.clock ? options.clock : &kSystemClock;
  return std::unique_ptr<Store>(new SqliteStore(std::move(writer), options.path, clock));
}

}  // namespace meridian
