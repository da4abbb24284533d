#include "engine/store/sql/sql_store.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "base/assets.h"
#include "base/strings.h"
#include "engine/store/sql/common.h"
#include "engine/store/sql/tables.h"

namespace meridian::sql {
namespace {

Status StatusOf(const Status& s) {
  return s;
}
template <typename T>
Status StatusOf(const StatusOr<T>& s) {
  return s.status();
}

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
    "VALUES (?,?,?,?,?,?,?) RETURNING id"};
const Sql kJobsOfCompany{"jobs_of_company", "SELECT COUNT(*) FROM jobs WHERE company_id = ?"};
const Sql kPing{"ping", "SELECT 1"};

const char* kCountTables[] = {"companies", "jobs",  "talent",  "cities",           "articles",
                              "events",    "users", "changes", "moderation_labels"};

class SqlWriter final : public StoreWriter {
 public:
  SqlWriter(Connection& c, UnixSeconds now) : c_(c), now_(now) {}

  StatusOr<PutOutcome> PutCompany(Company* x, PutMode m) override {
    company_refs_.by_slug.clear();
    return Atomically([&] { return sql::PutCompany(c_, x, m, now_); });
  }
  StatusOr<PutOutcome> PutJob(Job* x, PutMode m) override {
    return Atomically([&] { return sql::PutJob(c_, x, m, now_, &company_refs_); });
  }
  StatusOr<PutOutcome> PutTalent(Talent* x, PutMode m) override {
    return Atomically([&] { return sql::PutTalent(c_, x, m, now_); });
  }
  StatusOr<PutOutcome> PutCity(City* x, PutMode m) override {
    return Atomically([&] { return sql::PutCity(c_, x, m, now_); });
  }
  StatusOr<PutOutcome> PutArticle(Article* x, PutMode m) override {
    return Atomically([&] { return sql::PutArticle(c_, x, m, now_); });
  }

  Status Delete(Entity entity, std::string_view slug) override {
    return Atomically([&] { return DeleteRow(entity, slug); });
  }

  Status DeleteRow(Entity entity, std::string_view slug) {
    if (entity == Entity::kCompany) company_refs_.by_slug.clear();
    ASSIGN_OR_RETURN(std::optional<ExistingRow> row, sql::FindBySlug(c_, entity, slug));
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
    std::string text = "DELETE FROM " + std::string(TableName(entity)) + " WHERE id = ?";
    ASSIGN_OR_RETURN(Query del, c_.PrepareDynamic(text));
    del.Bind(1, row->id);
    RETURN_IF_ERROR(del.Run());
    return sql::AppendChange(c_, entity, row->id, slug, ChangeOp::kDelete, now_);
  }

  StatusOr<int64_t> AddEvent(const Event& e) override {
    return Atomically([&] { return InsertEvent(e); });
  }
  StatusOr<int64_t> InsertEvent(const Event& e) {
    ASSIGN_OR_RETURN(Query q, c_.Prepare(kInsertEvent));
    q.Bind(1, e.user_id).Bind(2, e.session_id).Bind(3, EntityName(e.entity)).Bind(4, e.entity_id);
    q.Bind(5, e.kind)
        .Bind(6, e.at ? e.at : now_)
        .Bind(7, e.context.empty() ? std::string("{}") : e.context);
    return InsertedId(q);
  }
  StatusOr<int64_t> DeleteEventsOf(const EventOwner& owner) override {
    return Atomically([&] { return sql::DeleteEventsOf(c_, owner, now_); });
  }
  StatusOr<int64_t> ReassignSessionEvents(std::string_view session_id, int64_t user_id) override {
    return Atomically([&] { return sql::ReassignSessionEvents(c_, session_id, user_id, now_); });
  }

  Status AddModerationLabel(ModerationLabel* label) override {
    return Atomically([&] { return sql::AddModerationLabel(c_, label); });
  }
  StatusOr<std::vector<std::string>> ExpireJobs(UnixSeconds now, int limit) override {
    return Atomically([&] { return sql::ExpireJobs(c_, now, limit); });
  }
  Status SetSalaryEstimate(int64_t job_id, const std::optional<SalaryRange>& range) override {
    return Atomically([&] { return sql::SetSalaryEstimate(c_, job_id, range, now_); });
  }
  Status AddModelVersion(ModelVersion* v) override {
    return Atomically([&] { return sql::AddModelVersion(c_, v, now_); });
  }
  Status MoveModelAlias(std::string_view name, std::string_view alias,
                        std::optional<int64_t> version, const ModelAliasMove& why) override {
    return Atomically([&] { return sql::MoveModelAlias(c_, name, alias, version, why, now_); });
  }
  Status SetModelStatus(std::string_view name, int64_t version, std::string_view status) override {
    return Atomically([&] { return sql::SetModelStatus(c_, name, version, status); });
  }
  Status AddDrift(DriftRecord* record) override {
    return Atomically([&] { return sql::AddDrift(c_, record, now_); });
  }
  Status AddImpressions(const ImpressionCount& counts) override {
    return Atomically([&] { return sql::AddImpressions(c_, counts); });
  }
  Status AddShadowCounts(const ShadowCount& counts) override {
    return Atomically([&] { return sql::AddShadowCounts(c_, counts, now_); });
  }

  Status PutUser(User* u, PutMode m) override {
    return Atomically([&] { return sql::PutUser(c_, u, m, now_); });
  }
  Status DeleteUser(int64_t id) override {
    return Atomically([&] { return sql::DeleteUser(c_, id, now_); });
  }
  Status PutSession(const Session& s) override {
    return Atomically([&] { return sql::PutSession(c_, s); });
  }
  Status DeleteSession(std::string_view h) override {
    return Atomically([&] { return sql::DeleteSession(c_, h); });
  }
  Status DeleteSessionsOf(int64_t user_id) override {
    return Atomically([&] { return sql::DeleteSessionsOf(c_, user_id); });
  }
  StatusOr<int64_t> DeleteExpiredSessions(UnixSeconds now) override {
    return Atomically([&] { return sql::DeleteExpiredSessions(c_, now); });
  }
  Status PutSigninAttempts(const SigninAttempts& a) override {
    return Atomically([&] { return sql::PutSigninAttempts(c_, a); });
  }
  Status DeleteSigninAttempts(std::string_view h) override {
    return Atomically([&] { return sql::DeleteSigninAttempts(c_, h); });
  }
  Status DeleteStaleSigninAttempts(UnixSeconds before) override {
    return Atomically([&] { return sql::DeleteStaleSigninAttempts(c_, before); });
  }
  Status PutApiKey(ApiKey* k) override {
    return Atomically([&] { return sql::PutApiKey(c_, k, now_); });
  }
  Status RevokeApiKey(int64_t id, UnixSeconds at) override {
    return Atomically([&] { return sql::RevokeApiKey(c_, id, at); });
  }

  Status SetMeta(std::string_view key, std::string_view value) override {
    return Atomically([&] {
      ASSIGN_OR_RETURN(Query q, c_.Prepare(kSetMeta));
      q.Bind(1, key).Bind(2, value);
      return q.Run();
    });
  }

  StatusOr<bool> SlugExists(Entity entity, std::string_view slug) override {
    ASSIGN_OR_RETURN(std::optional<ExistingRow> row, sql::FindBySlug(c_, entity, slug));
    return row.has_value();
  }

 private:
  // Runs one operation so that its failure leaves the transaction usable (Connection::Atomic)
  // and returns what it returned.
  template <typename Fn>
  auto Atomically(Fn fn) -> decltype(fn()) {
    std::optional<decltype(fn())> out;
    Status st = c_.Atomic([&]() -> Status {
      out.emplace(fn());
      return StatusOf(*out);
    });
    if (!out || (!st.ok() && StatusOf(*out).ok())) return st;
    return std::move(*out);
  }

  Connection& c_;
  UnixSeconds now_;
  CompanyRefs company_refs_;
};

class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<SqlBackend> backend, const Clock* clock)
      : backend_(std::move(backend)), clock_(clock) {}

  // Runs `fn` on a backend connection and returns what it returned.
  template <typename Fn>
  auto Read(Fn fn, bool snapshot = false) -> decltype(fn(std::declval<Connection&>())) {
    std::optional<decltype(fn(std::declval<Connection&>()))> out;
    auto body = [&](Connection& c) -> Status {
      out.emplace(fn(c));
      return StatusOf(*out);
    };
    Status st = snapshot ? backend_->ReadSnapshot(body) : backend_->Read(body);
    if (!out || (!st.ok() && StatusOf(*out).ok())) return st;
    return std::move(*out);
  }

  StatusOr<Company> GetCompany(std::string_view s) override {
    return Read([&](Connection& c) { return sql::GetCompany(c, s); });
  }
  StatusOr<Job> GetJob(std::string_view s) override {
    return Read([&](Connection& c) { return sql::GetJob(c, s); });
  }
  StatusOr<Talent> GetTalent(std::string_view s) override {
    return Read([&](Connection& c) { return sql::GetTalent(c, s); });
  }
  StatusOr<City> GetCity(std::string_view s) override {
    return Read([&](Connection& c) { return sql::GetCity(c, s); });
  }
  StatusOr<Article> GetArticle(std::string_view s) override {
    return Read([&](Connection& c) { return sql::GetArticle(c, s); });
  }
  StatusOr<std::map<std::string, Job>> GetJobs(const std::vector<std::string>& slugs) override {
    return Read([&](Connection& c) { return sql::GetJobs(c, slugs); });
  }
  StatusOr<Page<Company>> ListCompanies(const CompanyFilter& f, const PageRequest& p) override {
    return Read([&](Connection& c) { return sql::ListCompanies(c, f, p); });
  }
  StatusOr<Page<Job>> ListJobs(const JobFilter& f, const PageRequest& p) override {
    return Read([&](Connection& c) { return sql::ListJobs(c, f, p); });
  }
  StatusOr<Page<Talent>> ListTalent(const TalentFilter& f, const PageRequest& p) override {
    return Read([&](Connection& c) { return sql::ListTalent(c, f, p); });
  }
  StatusOr<Page<City>> ListCities(const CityFilter& f, const PageRequest& p) override {
    return Read([&](Connection& c) { return sql::ListCities(c, f, p); });
  }
  StatusOr<Page<Article>> ListArticles(const ArticleFilter& f, const PageRequest& p) override {
    return Read([&](Connection& c) { return sql::ListArticles(c, f, p); });
  }

  Status ScanJobs(const std::function<Status(const Job&)>& fn) override {
    return Read([&](Connection& c) { return sql::ScanJobs(c, fn); }, /*snapshot=*/true);
  }
  StatusOr<User> GetUser(int64_t id) override {
    return Read([&](Connection& c) { return sql::GetUser(c, id); });
  }
  StatusOr<User> GetUserByEmail(std::string_view email) override {
    return Read([&](Connection& c) { return sql::GetUserByEmail(c, email); });
  }
  StatusOr<std::vector<User>> ListUsers(int64_t after_id, int limit) override {
    return Read([&](Connection& c) { return sql::ListUsers(c, after_id, limit); });
  }
  StatusOr<int64_t> CountCompanyUsers(std::string_view company_slug) override {
    return Read([&](Connection& c) { return sql::CountCompanyUsers(c, company_slug); });
  }
  StatusOr<Session> GetSession(std::string_view id_hash) override {
    return Read([&](Connection& c) { return sql::GetSession(c, id_hash); });
  }
  StatusOr<std::vector<Session>> ListSessions(int64_t user_id) override {
    return Read([&](Connection& c) { return sql::ListSessions(c, user_id); });
  }
  StatusOr<SigninAttempts> GetSigninAttempts(std::string_view h) override {
    return Read([&](Connection& c) { return sql::GetSigninAttempts(c, h); });
  }
  StatusOr<ApiKey> GetApiKey(std::string_view prefix) override {
    return Read([&](Connection& c) { return sql::GetApiKey(c, prefix); });
  }
  StatusOr<std::vector<ApiKey>> ListApiKeys(int64_t user_id) override {
    return Read([&](Connection& c) { return sql::ListApiKeys(c, user_id); });
  }
  StatusOr<std::vector<Event>> ListEventsOf(const EventOwner& owner, int limit) override {
    return Read([&](Connection& c) { return sql::ListEventsOf(c, owner, limit); });
  }
  StatusOr<std::vector<Event>> ListEvents(int64_t after_id, int limit) override {
    return Read([&](Connection& c) { return sql::ListEvents(c, after_id, limit); });
  }
  StatusOr<std::vector<ModerationLabel>> ListModerationLabels(int64_t after_id,
                                                              int limit) override {
    return Read([&](Connection& c) { return sql::ListModerationLabels(c, after_id, limit); });
  }

  StatusOr<std::vector<ModelVersion>> ListModelVersions(std::string_view name,
                                                        const ModelReadOptions& o) override {
    return Read([&](Connection& c) { return sql::ListModelVersions(c, name, o); });
  }
  StatusOr<ModelVersion> GetModelVersion(std::string_view name, int64_t version,
                                         const ModelReadOptions& o) override {
    return Read([&](Connection& c) { return sql::GetModelVersion(c, name, version, o); });
  }
  StatusOr<std::vector<ModelAlias>> ListModelAliases(std::string_view name) override {
    return Read([&](Connection& c) { return sql::ListModelAliases(c, name); });
  }
  StatusOr<std::vector<ModelAliasMove>> ListModelAliasMoves(std::string_view name) override {
    return Read([&](Connection& c) { return sql::ListModelAliasMoves(c, name); });
  }
  StatusOr<std::vector<DriftRecord>> ListDrift(std::string_view model, UnixSeconds since,
                                               int limit) override {
    return Read([&](Connection& c) { return sql::ListDrift(c, model, since, limit); });
  }
  StatusOr<std::vector<ImpressionCount>> ListImpressions(int64_t from_day) override {
    return Read([&](Connection& c) { return sql::ListImpressions(c, from_day); });
  }
  StatusOr<std::vector<ShadowCount>> ListShadowCounts(std::string_view model) override {
    return Read([&](Connection& c) { return sql::ListShadowCounts(c, model); });
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
    return Read(
        [&](Connection& c) -> StatusOr<TableCounts> {
          TableCounts counts;
          for (const char* t : kCountTables) {
            ASSIGN_OR_RETURN(Query q, c.PrepareDynamic(std::string("SELECT COUNT(*) FROM ") + t));
            ASSIGN_OR_RETURN(bool row, q.Step());
            counts.rows[t] = row ? q.Int(0) : 0;
          }
          ASSIGN_OR_RETURN(Query q, c.Prepare(kLastSeq));
          ASSIGN_OR_RETURN(bool row, q.Step());
          counts.last_change_seq = row ? q.Int(0) : 0;
          return counts;
        },
        /*snapshot=*/true);
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
    return backend_->Write(
        [&](Connection& c) {
          SqlWriter w(c, clock_->Now());
          return fn(w);
        },
        options);
  }

  StatusOr<std::unique_ptr<StoreLock>> TryLock(std::string_view name) override {
    return backend_->TryLock(name);
  }
  StatusOr<std::unique_ptr<ChangeNotifier>> WatchChanges() override {
    return backend_->WatchChanges();
  }
  std::string_view Kind() const override { return backend_->Kind(); }
  uint64_t MemoryBytes() const override { return backend_->MemoryBytes(); }

 private:
  std::unique_ptr<SqlBackend> backend_;
  const Clock* clock_;
};

}  // namespace

std::vector<Migration> EmbeddedMigrations(std::string_view backend) {
  const std::string prefix = "migrations/" + std::string(backend) + "/";
  std::vector<Migration> out;
  for (const EmbeddedAsset& a : EmbeddedAssets()) {
    if (!StartsWith(a.name, prefix)) continue;
    std::string name(a.name.substr(prefix.size()));
    auto version = ParseInt(name.substr(0, name.find('_')));
    if (version) out.push_back({static_cast<int>(*version), name, a.data});
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& x, const Migration& y) { return x.version < y.version; });
  return out;
}

std::unique_ptr<Store> MakeSqlStore(std::unique_ptr<SqlBackend> backend, const Clock* clock) {
  return std::make_unique<SqlStore>(std::move(backend), clock);
}

}  // namespace meridian::sql
