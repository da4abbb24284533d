// PostgreSQL backend of the store (DESIGN.md §6): several `meridian serve` replicas share one
// database. The tables and queries are the SQLite backend's (sql/), in PostgreSQL's types
// (migrations/postgres, applied under an advisory lock by whichever process opens the
// database first).
//
// Writes are transactions that first take one transaction-scoped advisory lock, so that
// writers of every process are serialized as SQLite's are: the change log's `seq` order is
// its commit order, which is what lets followers read it by `seq` without missing a row.
// Reads borrow pooled connections; a connection that broke (a server restart) is dropped and
// the read retried once on a new one. Each committed change notifies LISTENers on
// `meridian_changes` (a trigger), so followers need not wait for their next poll.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<Store> store,
//                    OpenPostgresStore({.url = "postgresql://meridian@localhost/meridian"}));
#pragma once

#include <memory>
#include <string>

#include "base/time.h"
#include "engine/store/store.h"

namespace meridian {

struct PostgresStoreOptions {
  std::string url;               // libpq URL (postgresql://…) or key=value connection string
  const Clock* clock = nullptr;  // timestamps of writes; nullptr = system clock
  int max_connections = 32;      // pooled connections of this process (readers + writer)
};

// Connects and migrates. kUnavailable when the server cannot be reached;
// kFailedPrecondition when the schema is newer than this binary knows.
StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const PostgresStoreOptions& options);

// The schema version this binary migrates to (the same numbers as SQLite's).
int PostgresSchemaVersion();

}  // namespace meridian
