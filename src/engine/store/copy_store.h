// Copies a whole store database into an empty database of another backend (`meridian
// migrate`, issue 9): today SQLite -> PostgreSQL, the way from one server to replicas.
//
//   ASSIGN_OR_RETURN(CopyReport report,
//                    CopyDatabase({.from_url = "sqlite:var/meridian.db",
//                                  .to_url = "postgresql://meridian@db/meridian"}));
//   for (const TableCopy& t : report.tables) ...  // rows and both checksums
//
// Contract:
// - The source is read in one snapshot, so a server may keep writing to it meanwhile (what
//   it writes after the snapshot is not copied). A source at an older schema version is
//   migrated first (opened once by OpenSqliteStore); a newer one is refused.
// - The destination is migrated to this binary's schema, then every table is copied in one
//   transaction, with its ids, parents before children; writers of the destination wait
//   for it (they take the same lock). A destination table that already holds rows is
//   refused (kFailedPrecondition naming it), before anything is written.
// - Every table is verified before the commit: its row count and a SHA-256 over its rows in
//   primary-key order (CopyRowDigest), computed on the source while reading and on the
//   destination by reading back. A mismatch is kDataLoss naming the table and both figures,
//   and, like any other failure, leaves the destination as it was.
// - Afterwards every identity column's sequence continues past the copied ids (and past
//   SQLite's AUTOINCREMENT high-water mark), so the next insert gets a fresh id.
// - Every SQLite table must be known (CopyTableOrder): a table added by a later migration
//   and not listed there is an error, never silently left behind.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/statusor.h"

namespace meridian {

struct CopyOptions {
  std::string from_url;  // sqlite:PATH or PATH
  std::string to_url;    // postgresql://… (or postgres://…)
  // Called with one line per step ("copying jobs"); may be empty. Messages carry no
  // passwords.
  std::function<void(std::string_view)> progress;
};

// One copied table.
struct TableCopy {
  std::string table;
  int64_t rows = 0;
  std::string source_sha256;       // hex, over the rows read from the source
  std::string destination_sha256;  // hex, over the rows read back from the destination
};

struct CopyReport {
  std::vector<TableCopy> tables;  // in copy order
  int64_t rows = 0;               // all tables
  double seconds = 0;
};

// Copies `from_url` into `to_url` as described above. kInvalidArgument for a pair of URLs
// other than SQLite -> PostgreSQL (or an unknown scheme); kNotFound when the source file is
// missing; kFailedPrecondition for a source that is not a Meridian database, or is newer than
// this binary, or a destination that is not empty; kDataLoss when verification fails;
// kUnavailable when PostgreSQL cannot be reached.
StatusOr<CopyReport> CopyDatabase(const CopyOptions& options);

// Every table of the schema, parents before children (foreign keys): the copy order.
const std::vector<std::string>& CopyTableOrder();

// The checksum of a table: SHA-256 over its rows in primary-key order, each field as a type
// tag ('N' null, 'I' integer, 'R' real, 'T' text, 'B' blob) followed, unless null, by the
// value's length in decimal, ':' and the value (integers in decimal, reals in the shortest
// form that reads back exactly, text as is, blobs in lowercase hex), and each row ended by
// '\n'. Exposed for tests.
class CopyRowDigest {
 public:
  CopyRowDigest();
  ~CopyRowDigest();
  CopyRowDigest(const CopyRowDigest&) = delete;
  CopyRowDigest& operator=(const CopyRowDigest&) = delete;

  void Null();
  void Integer(int64_t v);
  void Real(double v);
  void Text(std::string_view v);
  void Blob(std::string_view bytes);
  void EndRow();
  // The hex digest; the digest cannot be added to afterwards.
  std::string Finish();

 private:
  void Field(char tag, std::string_view payload);

  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace meridian
