#include "engine/store/postgres/pg_store.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <pqxx/pqxx>
#include <vector>

#include "engine/store/postgres/pg_connection.h"
#include "engine/store/sql/sql_store.h"

namespace meridian {
namespace {

using postgres::PgConnection;
using postgres::TxKind;
using sql::Query;
using sql::Sql;

using postgres::kLockSpace;
// Named locks (Store::TryLock) are (kNamedLockSpace, hashtext(name)).
constexpr int kNamedLockSpace = 0x4D45524A;
constexpr char kChangesChannel[] = "meridian_changes";

const Sql kSchemaVersion{"schema_version", "SELECT COALESCE(MAX(version), 0) FROM meridian_schema"};
const Sql kTryLock{"try_lock", "SELECT pg_try_advisory_lock(1296388682, hashtext(?))"};
static_assert(kNamedLockSpace == 1296388682);

// Connections of one process: idle ones are reused; at most `max` open at once.
class PgPool {
 public:
  PgPool(std::string url, int max) : url_(std::move(url)), max_(max) {}

  class Lease {
   public:
    Lease(PgPool* pool, std::unique_ptr<PgConnection> c, bool fresh)
        : pool_(pool), conn_(std::move(c)), fresh_(fresh) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (conn_) pool_->Return(std::move(conn_));
    }
    PgConnection& operator*() { return *conn_; }
    PgConnection* operator->() { return conn_.get(); }
    // A new connection, not one that waited in the pool (and may have died there).
    bool fresh() const { return fresh_; }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> conn_;
    bool fresh_;
  };

  StatusOr<Lease> Acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    if (!cv_.wait_for(lock, std::chrono::seconds(10),
                      [&] { return !idle_.empty() || open_ < max_; })) {
      return UnavailableError("all " + std::to_string(max_) +
                              " PostgreSQL connections of this process are busy");
    }
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(c), false);
    }
    ++open_;
    lock.unlock();
    StatusOr<std::unique_ptr<PgConnection>> c = PgConnection::Open(url_);
    if (!c.ok()) {
      std::lock_guard<std::mutex> relock(mu_);
      --open_;
      cv_.notify_one();
      return c.status();
    }
    return Lease(this, std::move(*c), true);
  }

 private:
  void Return(std::unique_ptr<PgConnection> c) {
    std::lock_guard<std::mutex> lock(mu_);
    if (c->broken() || c->in_transaction()) {
      // One broken connection means the server went away: the idle ones are dead too.
      open_ -= 1 + static_cast<int>(idle_.size());
      idle_.clear();
      c.reset();
    } else {
      idle_.push_back(std::move(c));
    }
    cv_.notify_one();
  }

  std::string url_;
  int max_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0;
};

// A session-level advisory lock, held by a connection of its own: closing it releases the
// lock, and so does the server when the process dies.
class PgLock final : public StoreLock {
 public:
  explicit PgLock(std::unique_ptr<PgConnection> conn) : conn_(std::move(conn)) {}

 private:
  std::unique_ptr<PgConnection> conn_;
};

class ChangeCounter final : public pqxx::notification_receiver {
 public:
  ChangeCounter(pqxx::connection_base& c, const std::string& channel)
      : pqxx::notification_receiver(c, channel) {}
  void operator()(const std::string&, int) override { ++count_; }

 private:
  int64_t count_ = 0;
};

// LISTEN meridian_changes on a connection of its own.
class PgNotifier final : public ChangeNotifier {
 public:
  static StatusOr<std::unique_ptr<ChangeNotifier>> Open(const std::string& url) {
    ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> conn, PgConnection::Open(url));
    auto n = std::unique_ptr<PgNotifier>(new PgNotifier(std::move(conn)));
    try {
      n->counter_ = std::make_unique<ChangeCounter>(n->conn_->raw(), kChangesChannel);
    } catch (const std::exception& e) {
      return postgres::PgError(e, "listening for changes");
    }
    return std::unique_ptr<ChangeNotifier>(std::move(n));
  }
  ~PgNotifier() override {
    try {
      counter_.reset();
    } catch (...) {
    }
  }

  StatusOr<bool> Wait(std::chrono::milliseconds timeout) override {
    try {
      const long ms = static_cast<long>(timeout.count());
      return conn_->raw().await_notification(ms / 1000, (ms % 1000) * 1000) > 0;
    } catch (const std::exception& e) {
      return postgres::PgError(e, "waiting for changes");
    }
  }

 private:
  explicit PgNotifier(std::unique_ptr<PgConnection> conn) : conn_(std::move(conn)) {}
  std::unique_ptr<PgConnection> conn_;
  std::unique_ptr<ChangeCounter> counter_;
};

class PgBackend final : public sql::SqlBackend {
 public:
  PgBackend(std::string url, int max_connections)
      : url_(url), pool_(std::move(url), max_connections) {}

  Status Read(const Fn& fn) override {
    return WithConnection([&](PgConnection& c) { return fn(c); });
  }

  Status ReadSnapshot(const Fn& fn) override {
    return WithConnection([&](PgConnection& c) -> Status {
      RETURN_IF_ERROR(c.Begin(TxKind::kSnapshot));
      Status st = fn(c);
      if (st.ok()) return c.Commit();
      c.Rollback();
      return st;
    });
  }

  Status Write(const Fn& fn, const WriteOptions& options) override {
    // One writer per process waits on the database lock; the others wait here without
    // holding a connection.
    std::lock_guard<std::mutex> lock(write_mu_);
    for (int attempt = 0;; ++attempt) {
      ASSIGN_OR_RETURN(PgPool::Lease lease, pool_.Acquire());
      PgConnection& c = *lease;
      Status st = c.Begin(TxKind::kWrite);
      if (st.ok()) {
        st = c.Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kLockSpace) + ", 0)");
      }
      if (st.ok() && !options.durable) st = c.Exec("SET LOCAL synchronous_commit = off");
      if (!st.ok()) {
        c.Rollback();
        // Nothing was written yet: a pooled connection that died may be replaced once.
        if (c.broken() && !lease.fresh() && attempt == 0) continue;
        return st;
      }
      st = fn(c);
      if (st.ok()) return c.Commit();
      c.Rollback();
      return st;
    }
  }

  StatusOr<std::unique_ptr<StoreLock>> TryLock(std::string_view name) override {
    ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> conn, PgConnection::Open(url_));
    {
      ASSIGN_OR_RETURN(Query q, conn->Prepare(kTryLock));
      q.Bind(1, name);
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row || q.Int(0) == 0) return std::unique_ptr<StoreLock>();
    }
    return std::unique_ptr<StoreLock>(new PgLock(std::move(conn)));
  }

  StatusOr<std::unique_ptr<ChangeNotifier>> WatchChanges() override {
    return PgNotifier::Open(url_);
  }
  std::string_view Kind() const override { return "postgresql"; }

 private:
  // Runs `fn` on a pooled connection; once more on a new connection when a pooled one
  // turns out to have died (the server restarted since it was last used).
  Status WithConnection(const std::function<Status(PgConnection&)>& fn) {
    for (int attempt = 0;; ++attempt) {
      ASSIGN_OR_RETURN(PgPool::Lease lease, pool_.Acquire());
      Status st = fn(*lease);
      if (lease->broken() && !lease.fresh() && attempt == 0) continue;
      return st;
    }
  }

  std::string url_;
  PgPool pool_;
  std::mutex write_mu_;
};

Status Migrate(PgConnection& c) {
  std::vector<sql::Migration> migrations = sql::EmbeddedMigrations("postgres");
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  RETURN_IF_ERROR(c.Begin(TxKind::kWrite));
  Status st = [&]() -> Status {
    // Replicas starting together: one migrates, the others wait and then find nothing to do.
    RETURN_IF_ERROR(c.Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kLockSpace) + ", 1)"));
    RETURN_IF_ERROR(c.Exec("CREATE TABLE IF NOT EXISTS meridian_schema (version BIGINT NOT NULL)"));
    int current = 0;
    {
      ASSIGN_OR_RETURN(Query q, c.Prepare(kSchemaVersion));
      ASSIGN_OR_RETURN(bool row, q.Step());
      current = row ? static_cast<int>(q.Int(0)) : 0;
    }
    if (current > latest) {
      return FailedPreconditionError("database schema version " + std::to_string(current) +
                                     " is newer than this binary supports (" +
                                     std::to_string(latest) + "); upgrade meridian");
    }
    if (current == latest) return OkStatus();
    for (const sql::Migration& m : migrations) {
      if (m.version <= current) continue;
      Status s = c.Exec(m.sql);
      if (!s.ok()) return s.Annotate("migration " + m.name);
    }
    return c.Exec("DELETE FROM meridian_schema; INSERT INTO meridian_schema VALUES (" +
                  std::to_string(latest) + ")");
  }();
  if (st.ok()) return c.Commit();
  c.Rollback();
  return st;
}

SystemClock kSystemClock;

}  // namespace

int PostgresSchemaVersion() {
  auto m = sql::EmbeddedMigrations("postgres");
  return m.empty() ? 0 : m.back().version;
}

StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const PostgresStoreOptions& options) {
  if (options.url.empty()) return InvalidArgumentError("db: a PostgreSQL URL is required");
  {
    ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> c, PgConnection::Open(options.url));
    RETURN_IF_ERROR(Migrate(*c));
  }
  const Clock* clock = options.clock ? options.clock : &kSystemClock;
  return sql::MakeSqlStore(
      std::make_unique<PgBackend>(options.url, std::max(2, options.max_connections)), clock);
}

}  // namespace meridian
