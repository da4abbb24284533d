#include "engine/store/sqlite/connection.h"

namespace meridian::sqlite {

Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xFF) {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return AlreadyExistsError(msg);
      }
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) return FailedPreconditionError(msg);
      return InvalidArgumentError(msg);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return UnavailableError(msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return DataLossError(msg);
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return FailedPreconditionError(msg);
    case SQLITE_FULL:
      return StorageFullError(msg);
    case SQLITE_IOERR:
      // The disk refused a read or write (the extended code says which): nothing is
      // committed, and the error may pass (a device that recovers, space that is freed).
      return UnavailableError(msg);
    default:
      return InternalError(msg);
  }
}

StatusOr<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(
    const std::string& path, const ConnectionOptions& options) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  flags |= options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteError(db, rc, "opening database '" + path + "'");
    sqlite3_close(db);
    return s;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  return std::unique_ptr<SqliteConnection>(new SqliteConnection(db));
}

SqliteConnection::~SqliteConnection() {
  named_.clear();
  dynamic_.clear();
  sqlite3_close_v2(db_);
}

Status SqliteConnection::Exec(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    Status s = SqliteError(db_, sqlite3_extended_errcode(db_), "executing SQL");
    return Status(s.code(), "executing SQL: " + msg);
  }
  return OkStatus();
}

StatusOr<std::unique_ptr<SqliteStatement>> SqliteConnection::PrepareRaw(const char* text,
                                                                        const char* name) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, text, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, std::string("preparing ") + name);
  return std::make_unique<SqliteStatement>(db_, stmt, name);
}

StatusOr<sql::Query> SqliteConnection::Prepare(const sql::Sql& sql) {
  auto it = named_.find(&sql);
  if (it == named_.end()) {
    ASSIGN_OR_RETURN(std::unique_ptr<SqliteStatement> stmt, PrepareRaw(sql.text, sql.name));
    it = named_.emplace(&sql, std::move(stmt)).first;
  }
  return sql::Query(it->second.get());
}

StatusOr<sql::Query> SqliteConnection::PrepareDynamic(const std::string& sql) {
  auto it = dynamic_.find(sql);
  if (it == dynamic_.end()) {
    // Filter combinations are few; bound the cache anyway.
    if (dynamic_.size() > 256) dynamic_.clear();
    ASSIGN_OR_RETURN(std::unique_ptr<SqliteStatement> stmt,
                     PrepareRaw(sql.c_str(), "dynamic query"));
    it = dynamic_.emplace(sql, std::move(stmt)).first;
  }
  return sql::Query(it->second.get());
}

std::string SqliteConnection::NoCase(std::string_view expr) const {
  return std::string(expr) + " COLLATE NOCASE";
}

std::string SqliteConnection::JsonArrayHas(std::string_view column) const {
  return "EXISTS (SELECT 1 FROM json_each(" + std::string(column) + ") WHERE value = ?)";
}

}  // namespace meridian::sqlite
