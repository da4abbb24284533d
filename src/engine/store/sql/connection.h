// The SQL layer the store's tables are written against, once, for both backends (SQLite,
// PostgreSQL). Internal to the store: use store.h.
//
// Statements are written with SQLite-style parameters (`?` or `?N`, 1-based); the PostgreSQL
// connection rewrites them to `$N`. The few spots where the dialects differ (case-insensitive
// order and match, JSON array membership) ask the connection for the fragment.
//
//   ASSIGN_OR_RETURN(Query q, c.Prepare(kGetJob));
//   q.Bind(1, slug);
//   ASSIGN_OR_RETURN(bool row, q.Step());
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/statusor.h"

namespace meridian::sql {

// A named SQL constant; backends cache its prepared form per connection by its address.
struct Sql {
  const char* name;
  const char* text;
};

// A backend's prepared statement. One is in use by at most one Query at a time.
class Statement {
 public:
  virtual ~Statement() = default;
  virtual void BindInt(int index, int64_t v) = 0;
  virtual void BindDouble(int index, double v) = 0;
  virtual void BindText(int index, std::string_view v) = 0;
  virtual void BindBlob(int index, std::string_view bytes) = 0;
  virtual void BindNull(int index) = 0;
  // Runs the statement on the first call; true while a row is available.
  virtual StatusOr<bool> Step() = 0;
  // Forgets bindings and results so that the statement can be used again.
  virtual void Reset() = 0;

  virtual bool IsNull(int col) const = 0;
  virtual int64_t Int(int col) const = 0;
  virtual double Double(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  virtual std::string Blob(int col) const = 0;
};

// A statement in use: binds parameters (1-based), steps through rows and reads columns
// (0-based). Resets the statement when destroyed, so that no read stays open after a query.
class Query {
 public:
  explicit Query(Statement* s) : s_(s) {}
  Query(Query&& other) noexcept : s_(other.s_) { other.s_ = nullptr; }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query() {
    if (s_) s_->Reset();
  }

  Query& Bind(int index, int64_t v) {
    s_->BindInt(index, v);
    return *this;
  }
  Query& Bind(int index, int v) { return Bind(index, static_cast<int64_t>(v)); }
  Query& Bind(int index, double v) {
    s_->BindDouble(index, v);
    return *this;
  }
  Query& Bind(int index, std::string_view v) {
    s_->BindText(index, v);
    return *this;
  }
  Query& Bind(int index, const std::string& v) { return Bind(index, std::string_view(v)); }
  Query& Bind(int index, const char* v) { return Bind(index, std::string_view(v)); }
  Query& BindNull(int index) {
    s_->BindNull(index);
    return *this;
  }
  // Binds bytes as a BLOB / bytea (Bind(string_view) binds text).
  Query& BindBlob(int index, std::string_view bytes) {
    s_->BindBlob(index, bytes);
    return *this;
  }
  template <typename T>
  Query& Bind(int index, const std::optional<T>& v) {
    return v ? Bind(index, *v) : BindNull(index);
  }

  // Advances to the next row: true when a row is available, false when done.
  StatusOr<bool> Step() { return s_->Step(); }
  // Runs a statement that returns no rows.
  Status Run() {
    auto r = Step();
    return r.ok() ? OkStatus() : r.status();
  }

  bool IsNull(int col) const { return s_->IsNull(col); }
  int64_t Int(int col) const { return s_->Int(col); }
  double Double(int col) const { return s_->Double(col); }
  std::string Text(int col) const { return s_->Text(col); }
  std::string Blob(int col) const { return s_->Blob(col); }
  std::optional<double> OptDouble(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<double>(Double(col));
  }
  std::optional<int64_t> OptInt(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<int64_t>(Int(col));
  }

 private:
  Statement* s_;
};

// One database connection. Not thread-safe: a connection is used by one thread at a time
// (the backends pool them).
class Connection {
 public:
  virtual ~Connection() = default;

  // Executes one or more statements without parameters or results (DDL, transactions).
  virtual Status Exec(std::string_view sql) = 0;
  // A cached prepared statement for a named constant.
  virtual StatusOr<Query> Prepare(const Sql& sql) = 0;
  // A cached prepared statement for SQL assembled at run time (filters).
  virtual StatusOr<Query> PrepareDynamic(const std::string& sql) = 0;
  // Rows inserted, updated or deleted by the last statement that ran.
  virtual int64_t Changes() const = 0;
  // Runs `fn` inside the current transaction so that its failure undoes only its own
  // statements and leaves the transaction usable (PostgreSQL aborts a whole transaction on
  // an error; SQLite does not need this).
  virtual Status Atomic(const std::function<Status()>& fn) = 0;

  // Dialect fragments.
  // `expr` compared and ordered case-insensitively (ASCII), bytewise otherwise.
  virtual std::string NoCase(std::string_view expr) const = 0;
  // The case-insensitive LIKE operator.
  virtual std::string_view Like() const = 0;
  // A condition true when the JSON array of strings in `column` holds the next parameter.
  virtual std::string JsonArrayHas(std::string_view column) const = 0;
};

}  // namespace meridian::sql
