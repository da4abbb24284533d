// SQLite backend of the store: one file, WAL journal, foreign keys on, versioned migrations
// (PRAGMA user_version) compiled into the binary, prepared statements cached per connection.
//
// Threading: reads borrow a connection from a pool (one per concurrent reader; WAL lets them
// run beside the writer); writes are serialized on one writer connection.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenSqliteStore({.path = "var/demo.db"}));
#pragma once

#include <memory>
#include <string>

#include "base/time.h"
#include "engine/store/store.h"

namespace meridian {

struct SqliteStoreOptions {
  std::string path;              // database file; ":memory:" is not supported (pooled readers)
  const Clock* clock = nullptr;  // timestamps of writes; nullptr = system clock
  bool create = true;            // create the file when missing
};

// Opens (and migrates) the database. kFailedPrecondition when the file was written by a newer
// schema than this binary knows; kDataLoss when it is not a SQLite database.
StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const SqliteStoreOptions& options);

// The schema version this binary migrates to.
int SqliteSchemaVersion();

}  // namespace meridian
