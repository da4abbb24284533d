#include "engine/store/sqlite/sqlite_store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>
#include <vector>

#include "base/assets.h"
#include "base/strings.h"
#include "engine/store/sql/sql_store.h"
#include "engine/store/sqlite/connection.h"

namespace meridian {
namespace {

using sql::Query;
using sql::Sql;
using sqlite::SqliteConnection;

const Sql kUserVersion{"user_version", "PRAGMA user_version"};

// A read connection on loan from the pool; returned on destruction.
class ReaderPool {
 public:
  explicit ReaderPool(std::string path) : path_(std::move(path)) {}

  class Lease {
   public:
    Lease(ReaderPool* pool, std::unique_ptr<SqliteConnection> c)
        : pool_(pool), conn_(std::move(c)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (conn_) pool_->Return(std::move(conn_));
    }
    SqliteConnection& operator*() { return *conn_; }

   private:
    ReaderPool* pool_;
    std::unique_ptr<SqliteConnection> conn_;
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
    ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> c,
                     SqliteConnection::Open(path_, {.read_only = true}));
    RETURN_IF_ERROR(
        c->Exec("PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=268435456;"));
    return Lease(this, std::move(c));
  }

 private:
  void Return(std::unique_ptr<SqliteConnection> c) {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(c));
  }

  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_;
};

// A lock file beside the database, held with flock(2): the kernel releases it when the
// process dies, so a crashed trainer never leaves it taken.
class FileLock final : public StoreLock {
 public:
  explicit FileLock(int fd) : fd_(fd) {}
  ~FileLock() override {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }

 private:
  int fd_;
};

class SqliteBackend final : public sql::SqlBackend {
 public:
  SqliteBackend(std::unique_ptr<SqliteConnection> writer, std::string path)
      : writer_(std::move(writer)), path_(path), readers_(std::move(path)) {}

  Status Read(const Fn& fn) override {
    ASSIGN_OR_RETURN(ReaderPool::Lease lease, readers_.Acquire());
    return fn(*lease);
  }

  Status ReadSnapshot(const Fn& fn) override {
    ASSIGN_OR_RETURN(ReaderPool::Lease lease, readers_.Acquire());
    RETURN_IF_ERROR((*lease).Exec("BEGIN"));
    Status st = fn(*lease);
    (*lease).Exec("COMMIT").IgnoreError();
    return st;
  }

  Status Write(const Fn& fn, const WriteOptions& options) override {
    std::lock_guard<std::mutex> lock(write_mu_);
    if (!options.durable) RETURN_IF_ERROR(writer_->Exec("PRAGMA synchronous=NORMAL"));
    Status st = writer_->Exec("BEGIN IMMEDIATE");
    if (st.ok()) {
      st = fn(*writer_);
      if (st.ok()) st = writer_->Exec("COMMIT");
      if (!st.ok()) writer_->Exec("ROLLBACK").IgnoreError();
    }
    if (!options.durable) writer_->Exec("PRAGMA synchronous=FULL").IgnoreError();
    return st;
  }

  StatusOr<std::unique_ptr<StoreLock>> TryLock(std::string_view name) override {
    const std::string file = path_ + "-" + std::string(name) + ".lock";
    int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return FailedPreconditionError("cannot open lock file '" + file + "'");
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return std::unique_ptr<StoreLock>();
    }
    return std::unique_ptr<StoreLock>(new FileLock(fd));
  }

  // Followers poll: an SQLite database has no notifications across processes.
  StatusOr<std::unique_ptr<ChangeNotifier>> WatchChanges() override {
    return std::unique_ptr<ChangeNotifier>();
  }
  std::string_view Kind() const override { return "sqlite"; }
  // Every SQLite connection of the process: the library counts globally.
  uint64_t MemoryBytes() const override {
    return static_cast<uint64_t>(std::max<sqlite3_int64>(0, sqlite3_memory_used()));
  }

 private:
  std::mutex write_mu_;
  std::unique_ptr<SqliteConnection> writer_;
  std::string path_;
  ReaderPool readers_;
};

Status Migrate(SqliteConnection& c) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kUserVersion));
  ASSIGN_OR_RETURN(bool row, q.Step());
  int current = row ? static_cast<int>(q.Int(0)) : 0;
  std::vector<sql::Migration> migrations = sql::EmbeddedMigrations("sqlite");
  int latest = migrations.empty() ? 0 : migrations.back().version;
  if (current > latest) {
    return FailedPreconditionError("database schema version " + std::to_string(current) +
                                   " is newer than this binary supports (" +
                                   std::to_string(latest) + "); upgrade meridian");
  }
  for (const sql::Migration& m : migrations) {
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
  auto m = sql::EmbeddedMigrations("sqlite");
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
  ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> writer,
                   SqliteConnection::Open(options.path, {}));
  // journal_mode answers with a row; a file that is not a database fails here.
  Status s = writer->Exec("PRAGMA journal_mode=WAL");
  if (!s.ok()) return Status(s.code(), "opening '" + options.path + "': " + s.message());
  // A 64 MiB page cache for the writer: bulk loads touch many index pages.
  RETURN_IF_ERROR(
      writer->Exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; "
                   "PRAGMA cache_size=-65536;"));
  RETURN_IF_ERROR(Migrate(*writer));
  const Clock* clock = options.clock ? options.clock : &kSystemClock;
  return sql::MakeSqlStore(std::make_unique<SqliteBackend>(std::move(writer), options.path), clock);
}

}  // namespace meridian
