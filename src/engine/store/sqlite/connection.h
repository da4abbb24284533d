// The SQLite connection of the SQL layer (sql/connection.h): cached prepared statements and
// a result-code -> Status mapping. Internal to the SQLite backend.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "engine/store/sql/connection.h"

namespace meridian::sqlite {

// Maps an SQLite result code to a Status. `what` says which operation failed.
Status SqliteError(sqlite3* db, int rc, std::string_view what);

struct ConnectionOptions {
  bool read_only = false;
  int busy_timeout_ms = 5000;
};

// A prepared SQLite statement, reset (bindings cleared) between uses.
class SqliteStatement final : public sql::Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, const char* name)
      : db_(db), stmt_(stmt), name_(name) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void BindInt(int index, int64_t v) override { Check(sqlite3_bind_int64(stmt_, index, v)); }
  void BindDouble(int index, double v) override { Check(sqlite3_bind_double(stmt_, index, v)); }
  void BindText(int index, std::string_view v) override {
    Check(sqlite3_bind_text64(stmt_, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  void BindBlob(int index, std::string_view bytes) override {
    // A zero-length blob must still be a blob, not NULL: sqlite3_bind_zeroblob.
    Check(bytes.empty()
              ? sqlite3_bind_zeroblob(stmt_, index, 0)
              : sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
  }
  void BindNull(int index) override { Check(sqlite3_bind_null(stmt_, index)); }

  StatusOr<bool> Step() override {
    if (!bind_status_.ok()) return bind_status_;
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    int ext = sqlite3_extended_errcode(db_);
    return SqliteError(db_, ext ? ext : rc, name_);
  }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    bind_status_ = OkStatus();
  }

  bool IsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t Int(int col) const override { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const override { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const override {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    if (!p) return {};
    return std::string(reinterpret_cast<const char*>(p),
                       static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  std::string Blob(int col) const override {
    const void* p = sqlite3_column_blob(stmt_, col);
    if (!p) return {};
    return std::string(static_cast<const char*>(p),
                       static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK && bind_status_.ok()) bind_status_ = SqliteError(db_, rc, name_);
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  const char* name_;
  Status bind_status_;
};

class SqliteConnection final : public sql::Connection {
 public:
  static StatusOr<std::unique_ptr<SqliteConnection>> Open(const std::string& path,
                                                          const ConnectionOptions& options);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Status Exec(std::string_view sql) override;
  StatusOr<sql::Query> Prepare(const sql::Sql& sql) override;
  StatusOr<sql::Query> PrepareDynamic(const std::string& sql) override;
  int64_t Changes() const override { return sqlite3_changes64(db_); }
  // A failed statement leaves an SQLite transaction usable: nothing to do.
  Status Atomic(const std::function<Status()>& fn) override { return fn(); }
  std::string NoCase(std::string_view expr) const override;
  std::string_view Like() const override { return "LIKE"; }
  std::string JsonArrayHas(std::string_view column) const override;

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  StatusOr<std::unique_ptr<SqliteStatement>> PrepareRaw(const char* text, const char* name);

  sqlite3* db_;
  std::unordered_map<const sql::Sql*, std::unique_ptr<SqliteStatement>> named_;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> dynamic_;
};

}  // namespace meridian::sqlite
