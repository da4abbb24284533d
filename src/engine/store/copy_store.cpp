#include "engine/store/copy_store.h"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "base/strings.h"
#include "engine/store/open_store.h"
#include "engine/store/postgres/pg_connection.h"
#include "engine/store/postgres/pg_store.h"
#include "engine/store/sql/connection.h"
#include "engine/store/sqlite/connection.h"
#include "engine/store/sqlite/sqlite_store.h"

namespace meridian {

struct CopyRowDigest::State {
  crypto_hash_sha256_state sha;
};

CopyRowDigest::CopyRowDigest() : state_(std::make_unique<State>()) {
  crypto_hash_sha256_init(&state_->sha);
}
CopyRowDigest::~CopyRowDigest() = default;

void CopyRowDigest::Field(char tag, std::string_view payload) {
  std::string head(1, tag);
  head += std::to_string(payload.size());
  head += ':';
  crypto_hash_sha256_update(&state_->sha, reinterpret_cast<const unsigned char*>(head.data()),
                            head.size());
  crypto_hash_sha256_update(&state_->sha, reinterpret_cast<const unsigned char*>(payload.data()),
                            payload.size());
}

void CopyRowDigest::Null() {
  const unsigned char tag = 'N';
  crypto_hash_sha256_update(&state_->sha, &tag, 1);
}

void CopyRowDigest::Integer(int64_t v) {
  Field('I', std::to_string(v));
}

void CopyRowDigest::Real(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);  // shortest form that reads back exactly
  Field('R', std::string_view(buf, static_cast<size_t>(r.ptr - buf)));
}

void CopyRowDigest::Text(std::string_view v) {
  Field('T', v);
}

void CopyRowDigest::Blob(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  Field('B', hex);
}

void CopyRowDigest::EndRow() {
  const unsigned char end = '\n';
  crypto_hash_sha256_update(&state_->sha, &end, 1);
}

std::string CopyRowDigest::Finish() {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state_->sha, digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : digest) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

const std::vector<std::string>& CopyTableOrder() {
  // Parents before children: jobs -> companies; job_tags -> jobs; talent -> cities;
  // talent_skills -> talent; users -> companies, talent; sessions and api_keys -> users;
  // moderation_labels -> jobs; model_aliases -> models. The rest reference nothing.
  static const std::vector<std::string> kOrder = {
      "companies",
      "cities",
      "jobs",
      "job_tags",
      "talent",
      "talent_skills",
      "articles",
      "users",
      "sessions",
      "api_keys",
      "signin_attempts",
      "events",
      "changes",
      "meta",
      "moderation_labels",
      "models",
      "model_aliases",
      "model_alias_log",
      "drift",
      "model_impressions",
      "model_shadow",
  };
  return kOrder;
}

namespace {

using postgres::PgConnection;
using postgres::TxKind;
using sql::Query;
using sqlite::SqliteConnection;
using SteadyClock = std::chrono::steady_clock;

// Rows per INSERT (PostgreSQL takes at most 65,535 parameters a statement), or fewer when
// their values pass kBatchBytes (model artifacts are megabytes).
constexpr size_t kBatchRows = 500;
constexpr size_t kMaxParams = 65535;
constexpr size_t kBatchBytes = 4 << 20;
// Rows per page when reading the destination back; tables with blobs (model artifacts: tens of
// megabytes, and twice that as hex on the wire) one row at a time.
constexpr int kPageRows = 1000;
constexpr int kBlobPageRows = 1;

enum class ColumnType { kInteger, kReal, kText, kBlob };

struct Column {
  std::string name;
  ColumnType type = ColumnType::kText;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::vector<size_t> key;  // indexes into columns, in primary-key order
  bool has_blob = false;
};

struct Value {
  bool null = true;
  int64_t i = 0;
  double d = 0;
  std::string s;  // text or blob bytes
};
using Row = std::vector<Value>;

std::string Quote(std::string_view id) {
  std::string out = "\"";
  for (char c : id) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string_view SqliteTypeName(ColumnType t) {
  switch (t) {
    case ColumnType::kInteger:
      return "integer";
    case ColumnType::kReal:
      return "real";
    case ColumnType::kText:
      return "text";
    case ColumnType::kBlob:
      return "blob";
  }
  return "";
}

std::string ColumnList(const Table& t) {
  std::string out;
  for (const Column& c : t.columns) out += (out.empty() ? "" : ", ") + Quote(c.name);
  return out;
}

// The primary key's columns, text ones compared bytewise (`collation`: the backend's name
// for it), so that both backends order the rows the same way.
std::string KeyColumns(const Table& t, std::string_view collation) {
  std::string out;
  for (size_t k : t.key) {
    if (!out.empty()) out += ", ";
    out += Quote(t.columns[k].name);
    if (t.columns[k].type == ColumnType::kText) out += " COLLATE " + std::string(collation);
  }
  return out;
}

void ReadRow(const Query& q, const Table& t, Row* row) {
  row->resize(t.columns.size());
  for (size_t c = 0; c < t.columns.size(); ++c) {
    Value& v = (*row)[c];
    const int col = static_cast<int>(c);
    v.null = q.IsNull(col);
    if (v.null) continue;
    switch (t.columns[c].type) {
      case ColumnType::kInteger:
        v.i = q.Int(col);
        break;
      case ColumnType::kReal:
        v.d = q.Double(col);
        break;
      case ColumnType::kText:
        v.s = q.Text(col);
        break;
      case ColumnType::kBlob:
        v.s = q.Blob(col);
        break;
    }
  }
}

void DigestRow(const Table& t, const Row& row, CopyRowDigest* d) {
  for (size_t c = 0; c < t.columns.size(); ++c) {
    const Value& v = row[c];
    if (v.null) {
      d->Null();
      continue;
    }
    switch (t.columns[c].type) {
      case ColumnType::kInteger:
        d->Integer(v.i);
        break;
      case ColumnType::kReal:
        d->Real(v.d);
        break;
      case ColumnType::kText:
        d->Text(v.s);
        break;
      case ColumnType::kBlob:
        d->Blob(v.s);
        break;
    }
  }
  d->EndRow();
}

void BindValue(Query& q, int index, ColumnType type, const Value& v) {
  if (v.null) {
    q.BindNull(index);
    return;
  }
  switch (type) {
    case ColumnType::kInteger:
      q.Bind(index, v.i);
      break;
    case ColumnType::kReal:
      q.Bind(index, v.d);
      break;
    case ColumnType::kText:
      q.Bind(index, std::string_view(v.s));
      break;
    case ColumnType::kBlob:
      q.BindBlob(index, v.s);
      break;
  }
}

// --- The source (SQLite) ---

// The table's columns and primary key from PRAGMA table_info.
StatusOr<Table> SourceTable(SqliteConnection& c, const std::string& name) {
  Table t{.name = name};
  std::vector<std::pair<int64_t, size_t>> key;  // (position in the key, column)
  ASSIGN_OR_RETURN(Query q, c.PrepareDynamic("SELECT name, upper(type), pk FROM "
                                             "pragma_table_info(?) ORDER BY cid"));
  q.Bind(1, name);
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    Column col{.name = q.Text(0)};
    const std::string type = q.Text(1);
    if (type == "INTEGER") {
      col.type = ColumnType::kInteger;
    } else if (type == "REAL") {
      col.type = ColumnType::kReal;
    } else if (type == "TEXT") {
      col.type = ColumnType::kText;
    } else if (type == "BLOB") {
      col.type = ColumnType::kBlob;
      t.has_blob = true;
    } else {
      return FailedPreconditionError("source table '" + name + "': column '" + col.name +
                                     "' has type '" + type + "', which migrate cannot copy");
    }
    if (q.Int(2) > 0) key.emplace_back(q.Int(2), t.columns.size());
    t.columns.push_back(std::move(col));
  }
  if (key.empty()) {
    return FailedPreconditionError("source table '" + name +
                                   "' has no primary key to copy its rows in order by");
  }
  std::sort(key.begin(), key.end());
  for (const auto& [pos, col] : key) t.key.push_back(col);
  return t;
}

// Every table of the source, in copy order; a table CopyTableOrder does not know is an
// error, so that a table added by a later migration is never left behind.
StatusOr<std::vector<Table>> SourceSchema(SqliteConnection& c) {
  std::set<std::string> present;
  {
    ASSIGN_OR_RETURN(Query q, c.PrepareDynamic("SELECT name FROM sqlite_master WHERE type = "
                                               "'table' AND substr(name, 1, 7) <> 'sqlite_'"));
    while (true) {
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      present.insert(q.Text(0));
    }
  }
  const std::vector<std::string>& order = CopyTableOrder();
  for (const std::string& name : present) {
    if (std::find(order.begin(), order.end(), name) == order.end()) {
      return FailedPreconditionError("source table '" + name +
                                     "' is not in migrate's table list (CopyTableOrder in "
                                     "engine/store/copy_store.cpp): this binary cannot copy it");
    }
  }
  std::vector<Table> tables;
  for (const std::string& name : order) {
    if (!present.count(name)) {
      return FailedPreconditionError("the source has no table '" + name +
                                     "' although its schema version says it should");
    }
    ASSIGN_OR_RETURN(Table t, SourceTable(c, name));
    tables.push_back(std::move(t));
  }
  return tables;
}

// SQLite's AUTOINCREMENT high-water marks (table -> the largest id ever used, deleted rows
// included): the destination's sequences must not hand those ids out again.
StatusOr<std::map<std::string, int64_t>> AutoincrementHighWater(SqliteConnection& c) {
  std::map<std::string, int64_t> out;
  {
    ASSIGN_OR_RETURN(Query q, c.PrepareDynamic("SELECT COUNT(*) FROM sqlite_master WHERE type = "
                                               "'table' AND name = 'sqlite_sequence'"));
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row || q.Int(0) == 0) return out;
  }
  ASSIGN_OR_RETURN(Query q, c.PrepareDynamic("SELECT name, seq FROM sqlite_sequence"));
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out[q.Text(0)] = q.Int(1);
  }
  return out;
}

// A table that is not STRICT may hold a value of another type than its column's (SQLite's
// type affinity); such a value would be converted on the way, so it is refused instead.
Status CheckSourceTypes(SqliteConnection& c, const Table& t) {
  std::string where;
  for (const Column& col : t.columns) {
    if (!where.empty()) where += " OR ";
    where += "typeof(" + Quote(col.name) + ") NOT IN ('null', '" +
             std::string(SqliteTypeName(col.type)) + "')";
  }
  ASSIGN_OR_RETURN(Query q,
                   c.PrepareDynamic("SELECT COUNT(*) FROM " + Quote(t.name) + " WHERE " + where));
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (row && q.Int(0) > 0) {
    return FailedPreconditionError("source table '" + t.name + "': " + std::to_string(q.Int(0)) +
                                   " rows hold a value of another type than their column's");
  }
  return OkStatus();
}

// The source file exists and is a Meridian database of this binary's schema version (an
// older one is migrated first).
Status PrepareSource(const std::string& path, const std::function<void(std::string)>& say) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return NotFoundError("source database '" + path + "' does not exist");
  }
  int version = 0;
  {
    ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> c,
                     SqliteConnection::Open(path, {.read_only = true}));
    ASSIGN_OR_RETURN(Query q, c->PrepareDynamic("PRAGMA user_version"));
    ASSIGN_OR_RETURN(bool row, q.Step());
    version = row ? static_cast<int>(q.Int(0)) : 0;
  }
  const int latest = SqliteSchemaVersion();
  if (version == 0) {
    return FailedPreconditionError("'" + path + "' is not a Meridian database (schema version 0)");
  }
  if (version > latest) {
    return FailedPreconditionError("source schema version " + std::to_string(version) +
                                   " is newer than this binary's (" + std::to_string(latest) +
                                   "); migrate with the meridian that wrote it");
  }
  if (version < latest) {
    say("migrating the source from schema version " + std::to_string(version) + " to " +
        std::to_string(latest));
    RETURN_IF_ERROR(OpenSqliteStore({.path = path, .create = false}).status());
  }
  return OkStatus();
}

// --- The destination (PostgreSQL) ---

struct DestinationColumns {
  std::map<std::string, std::set<std::string>> columns;      // table -> its columns
  std::map<std::string, std::vector<std::string>> identity;  // table -> identity columns
};

StatusOr<DestinationColumns> ReadDestinationColumns(PgConnection& c) {
  DestinationColumns out;
  ASSIGN_OR_RETURN(Query q,
                   c.PrepareDynamic("SELECT table_name::text, column_name::text, is_identity::text "
                                    "FROM information_schema.columns "
                                    "WHERE table_schema = current_schema()"));
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    const std::string table = q.Text(0), column = q.Text(1);
    out.columns[table].insert(column);
    if (q.Text(2) == "YES") out.identity[table].push_back(column);
  }
  return out;
}

// The destination's table has the source's columns and no rows.
Status CheckDestinationTable(PgConnection& c, const Table& t, const DestinationColumns& dest) {
  std::set<std::string> want;
  for (const Column& col : t.columns) want.insert(col.name);
  auto it = dest.columns.find(t.name);
  if (it == dest.columns.end()) {
    return FailedPreconditionError("the destination has no table '" + t.name + "'");
  }
  for (const std::string& col : want) {
    if (!it->second.count(col)) {
      return FailedPreconditionError("destination table '" + t.name + "' has no column '" + col +
                                     "'");
    }
  }
  for (const std::string& col : it->second) {
    if (!want.count(col)) {
      return FailedPreconditionError("destination table '" + t.name + "' has a column '" + col +
                                     "' that the source lacks");
    }
  }
  ASSIGN_OR_RETURN(Query q,
                   c.PrepareDynamic("SELECT EXISTS (SELECT 1 FROM " + Quote(t.name) + ")"));
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (row && q.Int(0) != 0) {
    return FailedPreconditionError("destination table '" + t.name +
                                   "' is not empty: migrate copies into an empty database only");
  }
  return OkStatus();
}

Status InsertRows(PgConnection& c, const Table& t, const std::vector<Row>& rows) {
  std::string one = "(";
  for (size_t i = 0; i < t.columns.size(); ++i) one += i ? ", ?" : "?";
  one += ")";
  std::string sql = "INSERT INTO " + Quote(t.name) + " (" + ColumnList(t) + ") VALUES ";
  for (size_t r = 0; r < rows.size(); ++r) sql += (r ? ", " : "") + one;
  ASSIGN_OR_RETURN(Query q, c.PrepareDynamic(sql));
  int index = 1;
  for (const Row& row : rows) {
    for (size_t col = 0; col < t.columns.size(); ++col) {
      BindValue(q, index++, t.columns[col].type, row[col]);
    }
  }
  RETURN_IF_ERROR(q.Run());
  if (c.Changes() != static_cast<int64_t>(rows.size())) {
    return InternalError("inserted " + std::to_string(c.Changes()) + " rows of " +
                         std::to_string(rows.size()));
  }
  return OkStatus();
}

// Reads the table back in primary-key order, page by page (keyset), into `digest`; returns
// the rows read.
StatusOr<int64_t> DigestDestination(PgConnection& c, const Table& t, CopyRowDigest* digest) {
  const int page = t.has_blob ? kBlobPageRows : kPageRows;
  const std::string select = "SELECT " + ColumnList(t) + " FROM " + Quote(t.name);
  const std::string order =
      " ORDER BY " + KeyColumns(t, "\"C\"") + " LIMIT " + std::to_string(page);
  std::string after;
  for (size_t k : t.key) {
    after += after.empty() ? "" : ", ";
    after += t.columns[k].type == ColumnType::kText      ? "?::text"
             : t.columns[k].type == ColumnType::kInteger ? "?::bigint"
             : t.columns[k].type == ColumnType::kReal    ? "?::double precision"
                                                         : "?::bytea";
  }
  const std::string first_page = select + order;
  const std::string next_page =
      select + " WHERE (" + KeyColumns(t, "\"C\"") + ") > (" + after + ")" + order;
  int64_t rows = 0;
  Row last;
  for (bool first = true;; first = false) {
    ASSIGN_OR_RETURN(Query q, c.PrepareDynamic(first ? first_page : next_page));
    if (!first) {
      int index = 1;
      for (size_t k : t.key) BindValue(q, index++, t.columns[k].type, last[k]);
    }
    int n = 0;
    while (true) {
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      ReadRow(q, t, &last);
      DigestRow(t, last, digest);
      ++n;
    }
    rows += n;
    if (n < page) return rows;
  }
}

StatusOr<TableCopy> CopyTable(SqliteConnection& src, PgConnection& dst, const Table& t) {
  RETURN_IF_ERROR(CheckSourceTypes(src, t));
  CopyRowDigest source_digest;
  int64_t rows = 0;
  {
    ASSIGN_OR_RETURN(Query q,
                     src.PrepareDynamic("SELECT " + ColumnList(t) + " FROM " + Quote(t.name) +
                                        " ORDER BY " + KeyColumns(t, "BINARY")));
    const size_t max_rows = std::min(kBatchRows, kMaxParams / t.columns.size());
    std::vector<Row> batch;
    size_t bytes = 0;
    while (true) {
      ASSIGN_OR_RETURN(bool more, q.Step());
      if (more) {
        Row row;
        ReadRow(q, t, &row);
        DigestRow(t, row, &source_digest);
        for (const Value& v : row) bytes += v.s.size() + 16;
        batch.push_back(std::move(row));
        ++rows;
      }
      if (!batch.empty() && (!more || batch.size() >= max_rows || bytes >= kBatchBytes)) {
        RETURN_IF_ERROR(InsertRows(dst, t, batch));
        batch.clear();
        bytes = 0;
      }
      if (!more) break;
    }
  }
  TableCopy copy{.table = t.name, .rows = rows, .source_sha256 = source_digest.Finish()};
  CopyRowDigest destination_digest;
  ASSIGN_OR_RETURN(int64_t read_back, DigestDestination(dst, t, &destination_digest));
  copy.destination_sha256 = destination_digest.Finish();
  if (read_back != rows || copy.destination_sha256 != copy.source_sha256) {
    return DataLossError("table '" + t.name +
                         "' does not read back as it was copied: " + std::to_string(rows) +
                         " rows, sha256 " + copy.source_sha256 + " in the source; " +
                         std::to_string(read_back) + " rows, sha256 " + copy.destination_sha256 +
                         " in the destination (rolled back: nothing was written)");
  }
  return copy;
}

// Every identity column's sequence continues after the largest id copied, or SQLite's
// AUTOINCREMENT high-water mark when that is larger (rows deleted at the end).
Status ResetSequences(PgConnection& c, const std::vector<Table>& tables,
                      const DestinationColumns& dest,
                      const std::map<std::string, int64_t>& high_water) {
  for (const Table& t : tables) {
    auto it = dest.identity.find(t.name);
    if (it == dest.identity.end()) continue;
    auto hw = high_water.find(t.name);
    const int64_t floor = hw == high_water.end() ? 0 : hw->second;
    for (const std::string& col : it->second) {
      RETURN_IF_ERROR(c.Exec("SELECT setval(pg_get_serial_sequence('" + Quote(t.name) + "', '" +
                             col + "'), GREATEST(COALESCE(MAX(" + Quote(col) + "), 0), " +
                             std::to_string(floor) + ") + 1, false) FROM " + Quote(t.name)));
    }
  }
  return OkStatus();
}

struct Endpoints {
  std::string source_path;
  std::string destination_url;
};

// "postgresql" of "postgresql://…", "" when the value has no scheme.
std::string Scheme(std::string_view url) {
  size_t p = url.find("://");
  return p == std::string_view::npos ? "" : AsciiLower(url.substr(0, p));
}

StatusOr<Endpoints> ParseEndpoints(const CopyOptions& o) {
  if (o.from_url.empty()) return InvalidArgumentError("a source database is required", "from");
  if (o.to_url.empty()) return InvalidArgumentError("a destination database is required", "to");
  const StoreUrl from = ParseStoreUrl(o.from_url), to = ParseStoreUrl(o.to_url);
  if (from.kind == StoreKind::kPostgres) {
    return InvalidArgumentError(
        "copying from PostgreSQL is not supported: migrate copies a SQLite database "
        "(sqlite:PATH) into PostgreSQL",
        "from");
  }
  const std::string from_scheme = Scheme(o.from_url), to_scheme = Scheme(o.to_url);
  if (!from_scheme.empty() && from_scheme != "sqlite") {
    return InvalidArgumentError("unknown database URL scheme '" + from_scheme +
                                    "://': the source is sqlite:PATH or a file path",
                                "from");
  }
  if (to.kind != StoreKind::kPostgres) {
    if (!to_scheme.empty() && to_scheme != "sqlite") {
      return InvalidArgumentError("unknown database URL scheme '" + to_scheme +
                                      "://': the destination is a postgresql:// URL",
                                  "to");
    }
    return InvalidArgumentError(
        "copying into SQLite is not supported: the destination is a postgresql:// URL", "to");
  }
  return Endpoints{.source_path = from.target, .destination_url = to.target};
}

// The copy itself, inside the source's snapshot and one destination transaction.
Status CopyAll(SqliteConnection& src, PgConnection& dst,
               const std::function<void(std::string)>& say, CopyReport* report) {
  ASSIGN_OR_RETURN(std::vector<Table> tables, SourceSchema(src));
  ASSIGN_OR_RETURN(auto high_water, AutoincrementHighWater(src));
  // Writers of the destination wait for the copy to commit (pg_store.cpp takes the same
  // lock); floats are read back exactly whatever the server's setting.
  RETURN_IF_ERROR(dst.Exec("SELECT pg_advisory_xact_lock(" + std::to_string(postgres::kLockSpace) +
                           ", 0); SET LOCAL extra_float_digits = 3"));
  ASSIGN_OR_RETURN(DestinationColumns dest, ReadDestinationColumns(dst));
  for (const Table& t : tables) RETURN_IF_ERROR(CheckDestinationTable(dst, t, dest));
  for (const Table& t : tables) {
    say("copying " + t.name);
    StatusOr<TableCopy> copy = CopyTable(src, dst, t);
    if (!copy.ok()) {
      return copy.status().code() == StatusCode::kDataLoss
                 ? copy.status()
                 : copy.status().Annotate("copying table '" + t.name + "'");
    }
    report->rows += copy->rows;
    report->tables.push_back(std::move(*copy));
  }
  say("setting the identity sequences");
  RETURN_IF_ERROR(ResetSequences(dst, tables, dest, high_water));
  say("committing");
  return OkStatus();
}

}  // namespace

StatusOr<CopyReport> CopyDatabase(const CopyOptions& options) {
  const auto start = SteadyClock::now();
  auto say = [&](const std::string& line) {
    if (options.progress) options.progress(line);
  };
  ASSIGN_OR_RETURN(Endpoints e, ParseEndpoints(options));
  RETURN_IF_ERROR(PrepareSource(e.source_path, say));
  // The destination's schema, by the store's own migrations.
  say("migrating the destination " + RedactStoreUrl(e.destination_url));
  RETURN_IF_ERROR(OpenPostgresStore({.url = e.destination_url}).status());

  ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> src,
                   SqliteConnection::Open(e.source_path, {.read_only = true}));
  ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> dst, PgConnection::Open(e.destination_url));
  // One snapshot of the source for every read that follows.
  RETURN_IF_ERROR(src->Exec("BEGIN"));
  CopyReport report;
  Status st = dst->Begin(TxKind::kWrite);
  if (st.ok()) {
    st = CopyAll(*src, *dst, say, &report);
    if (st.ok()) {
      st = dst->Commit();
    } else {
      dst->Rollback();
    }
  }
  src->Exec("ROLLBACK").IgnoreError();
  if (!st.ok()) return st;
  report.seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
  return report;
}

}  // namespace meridian
