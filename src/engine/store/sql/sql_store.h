// The Store written once over the SQL layer (connection.h); a backend (SQLite, PostgreSQL)
// supplies connections and transactions. Internal to the store: use store.h and the
// backends' Open* functions.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "engine/store/sql/connection.h"
#include "engine/store/store.h"

namespace meridian::sql {

class SqlBackend {
 public:
  using Fn = std::function<Status(Connection&)>;
  virtual ~SqlBackend() = default;

  // Runs `fn` on a connection outside any explicit transaction: each statement sees the
  // newest committed data.
  virtual Status Read(const Fn& fn) = 0;
  // Runs `fn` in a read-only transaction: every statement sees one consistent snapshot.
  virtual Status ReadSnapshot(const Fn& fn) = 0;
  // Runs `fn` in a write transaction that commits when `fn` returns OK and rolls back
  // otherwise. Write transactions are serialized (across processes too: the change log's
  // order is the commit order).
  virtual Status Write(const Fn& fn, const WriteOptions& options) = 0;
  // An exclusive named lock across every process on the database, or nullptr when another
  // holder has it now.
  virtual StatusOr<std::unique_ptr<StoreLock>> TryLock(std::string_view name) = 0;
  // Changes notifications, where the backend has them (PostgreSQL LISTEN/NOTIFY).
  virtual StatusOr<std::unique_ptr<ChangeNotifier>> WatchChanges() = 0;
  virtual std::string_view Kind() const = 0;
  // Store::MemoryBytes.
  virtual uint64_t MemoryBytes() const { return 0; }
};

// A schema migration compiled into the binary (migrations/<backend>/NNNN_name.sql).
struct Migration {
  int version;
  std::string name;
  std::string_view sql;
};
// The backend's migrations ("sqlite", "postgres"), oldest first.
std::vector<Migration> EmbeddedMigrations(std::string_view backend);

std::unique_ptr<Store> MakeSqlStore(std::unique_ptr<SqlBackend> backend, const Clock* clock);

}  // namespace meridian::sql
