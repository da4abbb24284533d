// The PostgreSQL connection of the SQL layer (sql/connection.h), over libpqxx: statements
// rewritten from `?`/`?N` to `$N` and prepared once per connection, transactions as libpqxx
// transaction objects, a savepoint for each Atomic step, and SQLSTATE -> Status.
// Internal to the PostgreSQL backend.
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/store/sql/connection.h"

namespace meridian::postgres {

// Advisory lock keys of the store: (kLockSpace, 0) serializes writers of every process (and
// `meridian migrate`'s copy), (kLockSpace, 1) migrations.
inline constexpr int kLockSpace = 0x4D455249;  // "MERI"

// `?N` -> `$N` and `?` -> `$(highest so far + 1)`, as SQLite numbers them; quoted text is
// left alone.
std::string ToPgParams(std::string_view sql);

class PgStatement;

enum class TxKind {
  kWrite,     // read committed, read-write
  kSnapshot,  // repeatable read, read-only: one snapshot for every statement
};

class PgConnection final : public sql::Connection {
 public:
  // Connects (libpq URL or key=value string). kUnavailable when the server cannot be reached.
  static StatusOr<std::unique_ptr<PgConnection>> Open(const std::string& url);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Status Exec(std::string_view sql) override;
  StatusOr<sql::Query> Prepare(const sql::Sql& sql) override;
  StatusOr<sql::Query> PrepareDynamic(const std::string& sql) override;
  int64_t Changes() const override { return changes_; }
  // A savepoint around `fn` (inside a write transaction; outside one, `fn` alone).
  Status Atomic(const std::function<Status()>& fn) override;
  std::string NoCase(std::string_view expr) const override;
  std::string_view Like() const override { return "ILIKE"; }
  std::string JsonArrayHas(std::string_view column) const override;

  // Transactions: Begin, then Commit or Rollback. Statements outside run in autocommit.
  Status Begin(TxKind kind);
  Status Commit();
  void Rollback();
  bool in_transaction() const { return tx_ != nullptr; }

  // True once the connection broke (or a commit's outcome is unknown): it must not be
  // used again.
  bool broken() const { return broken_; }
  pqxx::connection& raw() { return *conn_; }

 private:
  friend class PgStatement;

  explicit PgConnection(std::unique_ptr<pqxx::connection> conn);
  StatusOr<sql::Query> PrepareText(std::string_view text, const char* name,
                                   std::unique_ptr<PgStatement>* slot);
  Status Failure(const std::exception& e, std::string_view what);
  // The open transaction, or a new autocommit one kept alive by *autocommit.
  pqxx::transaction_base& Current(std::unique_ptr<pqxx::nontransaction>* autocommit);
  // Runs a statement in the current transaction (or autocommit) and keeps its rows.
  Status Run(PgStatement& s);

  std::unique_ptr<pqxx::connection> conn_;
  // The open transaction, if any (at most one).
  std::unique_ptr<pqxx::transaction_base> tx_;
  std::unordered_map<const sql::Sql*, std::unique_ptr<PgStatement>> named_;
  std::unordered_map<std::string, std::unique_ptr<PgStatement>> dynamic_;
  int64_t next_statement_ = 0;
  int64_t changes_ = 0;
  int savepoints_ = 0;  // open Atomic steps
  bool broken_ = false;
};

// Maps a libpqxx exception to a Status (SQLSTATE classes: unique -> kAlreadyExists, foreign
// key -> kFailedPrecondition, other integrity and data errors -> kInvalidArgument, lost
// connections and shutdowns -> kUnavailable, disk full -> kStorageFull).
Status PgError(const std::exception& e, std::string_view what);

}  // namespace meridian::postgres
