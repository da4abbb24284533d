// Opens the store a database URL names: a SQLite file (`var/meridian.db` or
// `sqlite:var/meridian.db`) or a PostgreSQL database (`postgresql://user@host:5432/db`,
// also `postgres://`; libpq's URL syntax, so `?sslmode=require` and the like work).
//
//   ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenStore({.url = settings.db}));
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/time.h"
#include "engine/store/store.h"

namespace meridian {

enum class StoreKind { kSqlite, kPostgres };

struct StoreUrl {
  StoreKind kind = StoreKind::kSqlite;
  std::string target;  // the SQLite file path, or the PostgreSQL URL as given
};

// Which backend and what target a --db value names.
StoreUrl ParseStoreUrl(std::string_view url);

// The URL with any password replaced by "***", for logs and messages.
std::string RedactStoreUrl(std::string_view url);

struct OpenStoreOptions {
  std::string url;
  const Clock* clock = nullptr;  // nullptr = system clock
  bool create = true;            // SQLite: create the file when missing
};

StatusOr<std::unique_ptr<Store>> OpenStore(const OpenStoreOptions& options);

// The schema version this binary migrates to (the same for both backends).
int StoreSchemaVersion();

}  // namespace meridian
