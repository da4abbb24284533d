#include "engine/store/open_store.h"

#include "base/strings.h"
#include "engine/store/postgres/pg_store.h"
#include "engine/store/sqlite/sqlite_store.h"

namespace meridian {

StoreUrl ParseStoreUrl(std::string_view url) {
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    return {StoreKind::kPostgres, std::string(url)};
  }
  if (StartsWith(url, "sqlite:")) return {StoreKind::kSqlite, std::string(url.substr(7))};
  return {StoreKind::kSqlite, std::string(url)};
}

std::string RedactStoreUrl(std::string_view url) {
  return ParseStoreUrl(url).kind == StoreKind::kPostgres ? RedactUrlPassword(url)
                                                         : std::string(url);
}

StatusOr<std::unique_ptr<Store>> OpenStore(const OpenStoreOptions& options) {
  StoreUrl u = ParseStoreUrl(options.url);
  if (u.kind == StoreKind::kPostgres) {
    return OpenPostgresStore({.url = u.target, .clock = options.clock});
  }
  return OpenSqliteStore({.path = u.target, .clock = options.clock, .create = options.create});
}

int StoreSchemaVersion() {
  return SqliteSchemaVersion();
}

}  // namespace meridian
