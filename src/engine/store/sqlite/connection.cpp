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
      return ResourceExhaustedError(msg);
    default:
      return InternalError(msg);
  }
}

Query::Query(Query&& other) noexcept
    : db_(other.db_),
      stmt_(other.stmt_),
      name_(other.name_),
      bind_status_(std::move(other.bind_status_)) {
  other.stmt_ = nullptr;
}

Query::~Query() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Query& Query::Bind(int index, int64_t v) {
  int rc = sqlite3_bind_int64(stmt_, index, v);
  if (rc != SQLITE_OK && bind_status_.ok()) bind_status_ = SqliteError(db_, rc, name_);
  return *this;
}

Query& Query::Bind(int index, double v) {
  int rc = sqlite3_bind_double(stmt_, index, v);
  if (rc != SQLITE_OK && bind_status_.ok()) bind_status_ = SqliteError(db_, rc, name_);
  return *this;
}

Query& Query::Bind(int index, std::string_view v) {
  int rc = sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK && bind_status_.ok()) bind_status_ = SqliteError(db_, rc, name_);
  return *this;
}

Query& Query::BindBlob(int index, std::string_view bytes) {
  // A zero-length blob must still be a blob, not NULL: sqlite3_bind_zeroblob.
  int rc = bytes.empty()
               ? sqlite3_bind_zeroblob(stmt_, index, 0)
               : sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK && bind_status_.ok()) bind_status_ = SqliteError(db_, rc, name_);
  return *this;
}

Query& Query::BindNull(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK && bind_status_.ok()) bind_status_ = SqliteError(db_, rc, name_);
  return *this;
}

StatusOr<bool> Query::Step() {
  if (!bind_status_.ok()) return bind_status_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  int ext = sqlite3_extended_errcode(db_);
  return SqliteError(db_, ext ? ext : rc, name_);
}

Status Query::Run() {
  auto r = Step();
  if (!r.ok()) return r.status();
  return OkStatus();
}

std::string Query::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::string Query::Blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (!p) return {};
  return std::string(static_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::optional<double> Query::OptDouble(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Double(col);
}

std::optional<int64_t> Query::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

StatusOr<std::unique_ptr<Connection>> Connection::Open(const std::string& path,
                                                       const ConnectionOptions& options) {
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
  return std::unique_ptr<Connection>(new Connection(db));
}

Connection::~Connection() {
  for (auto& [k, s] : named_) sqlite3_finalize(s);
  for (auto& [k, s] : dynamic_) sqlite3_finalize(s);
  sqlite3_close_v2(db_);
}

Status Connection::Exec(std::string_view sql) {
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

StatusOr<sqlite3_stmt*> Connection::PrepareRaw(const char* text, const char* name) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, text, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, std::string("preparing ") + name);
  return stmt;
}

StatusOr<Query> Connection::Prepare(const Sql& sql) {
  auto it = named_.find(&sql);
  if (it == named_.end()) {
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, PrepareRaw(sql.text, sql.name));
    it = named_.emplace(&sql, stmt).first;
  }
  return Query(db_, it->second, sql.name);
}

StatusOr<Query> Connection::PrepareDynamic(const std::string& sql) {
  auto it = dynamic_.find(sql);
  if (it == dynamic_.end()) {
    // Filter combinations are few; bound the cache anyway.
    if (dynamic_.size() > 256) {
      for (auto& [k, s] : dynamic_) sqlite3_finalize(s);
      dynamic_.clear();
    }
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, PrepareRaw(sql.c_str(), "dynamic query"));
    it = dynamic_.emplace(sql, stmt).first;
  }
  return Query(db_, it->second, "dynamic query");
}

}  // namespace meridian::sqlite
