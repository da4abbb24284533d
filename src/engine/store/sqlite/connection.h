// Thin RAII layer over the SQLite C API: connections, cached prepared statements and a
// result-code -> Status mapping. Internal to the SQLite backend.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/statusor.h"

namespace meridian::sqlite {

// A named SQL constant; statements are cached per connection by the constant's address.
struct Sql {
  const char* name;
  const char* text;
};

// Maps an SQLite result code to a Status. `what` says which operation failed.
Status SqliteError(sqlite3* db, int rc, std::string_view what);

// A prepared statement in use. Resets itself (and clears bindings) when destroyed, so that
// no read transaction stays open after a query.
class Query {
 public:
  Query(sqlite3* db, sqlite3_stmt* stmt, const char* name) : db_(db), stmt_(stmt), name_(name) {}
  Query(Query&& other) noexcept;
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query();

  // Parameters are 1-based, as in SQLite.
  Query& Bind(int index, int64_t v);
  Query& Bind(int index, int v) { return Bind(index, static_cast<int64_t>(v)); }
  Query& Bind(int index, double v);
  Query& Bind(int index, std::string_view v);
  Query& Bind(int index, const std::string& v) { return Bind(index, std::string_view(v)); }
  Query& Bind(int index, const char* v) { return Bind(index, std::string_view(v)); }
  Query& BindNull(int index);
  // Binds bytes as a BLOB (Bind(string_view) binds TEXT).
  Query& BindBlob(int index, std::string_view bytes);
  template <typename T>
  Query& Bind(int index, const std::optional<T>& v) {
    return v ? Bind(index, *v) : BindNull(index);
  }

  // Advances to the next row: true when a row is available, false when done.
  StatusOr<bool> Step();
  // Runs a statement that returns no rows.
  Status Run();

  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const;
  std::string Blob(int col) const;
  std::optional<double> OptDouble(int col) const;
  std::optional<int64_t> OptInt(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  const char* name_;
  Status bind_status_;
};

struct ConnectionOptions {
  bool read_only = false;
  int busy_timeout_ms = 5000;
};

class Connection {
 public:
  static StatusOr<std::unique_ptr<Connection>> Open(const std::string& path,
                                                    const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Executes one or more statements without results (pragmas, DDL, BEGIN/COMMIT).
  Status Exec(std::string_view sql);
  // A cached prepared statement for a named constant.
  StatusOr<Query> Prepare(const Sql& sql);
  // A cached prepared statement for SQL assembled at run time (filters).
  StatusOr<Query> PrepareDynamic(const std::string& sql);
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  sqlite3* raw() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  StatusOr<sqlite3_stmt*> PrepareRaw(const char* text, const char* name);

  sqlite3* db_;
  std::unordered_map<const Sql*, sqlite3_stmt*> named_;
  std::unordered_map<std::string, sqlite3_stmt*> dynamic_;
};

}  // namespace meridian::sqlite
