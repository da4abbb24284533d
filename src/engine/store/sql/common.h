// Helpers shared by the entity tables: list columns, keyset cursors, the change log.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/statusor.h"
#include "engine/store/records.h"
#include "engine/store/sql/connection.h"
#include "engine/store/store.h"

namespace meridian::sql {

std::string EncodeList(const std::vector<std::string>& items);
std::vector<std::string> DecodeList(std::string_view json_text);

// Cursors are base64url(JSON array [tag, key..., id]); `tag` guards against a cursor of one
// list being replayed on another.
std::string EncodeCursor(const Json& keys);
StatusOr<Json> DecodeCursor(std::string_view cursor, std::string_view tag, size_t arity);

Status CheckPage(const PageRequest& p);

// Escapes %, _ and \ for a LIKE pattern used with ESCAPE '\'.
std::string LikePattern(std::string_view needle);

Status AppendChange(Connection& c, Entity entity, int64_t id, std::string_view slug, ChangeOp op,
                    UnixSeconds at);
// The same for rows that are not one of the Entity tables (the model registry).
Status AppendChange(Connection& c, std::string_view entity, int64_t id, std::string_view slug,
                    ChangeOp op, UnixSeconds at);

// Existing row's id and created_at for a slug in `table`, if any.
struct ExistingRow {
  int64_t id = 0;
  UnixSeconds created_at = 0;
};
StatusOr<std::optional<ExistingRow>> FindBySlug(Connection& c, Entity entity,
                                                std::string_view slug);

// Shared Put preamble: applies the PutMode rules. Returns the existing row, if any.
StatusOr<std::optional<ExistingRow>> PrepareRowForPut(Connection& c, Entity entity,
                                                      std::string_view slug, PutMode mode);

std::string_view TableName(Entity entity);

// Reads up to `limit` rows with `read`; when one more row exists, sets next_cursor from the
// keys of the last item kept (`cursor_keys` returns the JSON array for EncodeCursor).
template <typename T, typename ReadFn, typename KeysFn>
StatusOr<Page<T>> CollectPage(Query& q, int limit, ReadFn read, KeysFn cursor_keys) {
  Page<T> page;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_cursor = EncodeCursor(cursor_keys(page.items.back()));
      break;
    }
    page.items.push_back(read(q));
  }
  return page;
}

// Runs an INSERT ... RETURNING id and returns the id.
StatusOr<int64_t> InsertedId(Query& q);

// Which row a write is about, for error messages.
struct RowKey {
  Entity entity;
  std::string_view slug;
};

// The error for an insert that hit the unique slug index.
Status SlugTaken(const RowKey& key);

// Inserts or updates one row: `bind` fills the shared parameters of both statements; the
// update statement takes the row id as parameter `id_param`; the insert ends in RETURNING id.
// Sets *id. An insert whose slug
// is taken (PutMode::kCreate skips the lookup and lets the unique index decide) is
// kAlreadyExists on field "slug".
template <typename BindFn>
Status WriteRow(Connection& c, const Sql& insert, const Sql& update, int id_param,
                const std::optional<ExistingRow>& existing, const RowKey& key, BindFn bind,
                int64_t* id) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(existing ? update : insert));
  bind(q);
  if (existing) q.Bind(id_param, existing->id);
  StatusOr<bool> row = q.Step();
  if (row.status().code() == StatusCode::kAlreadyExists && !existing) return SlugTaken(key);
  RETURN_IF_ERROR(row.status());
  if (existing) {
    *id = existing->id;
  } else {
    if (!*row) return InternalError(std::string(insert.name) + ": returned no id");
    *id = q.Int(0);
  }
  return OkStatus();
}

}  // namespace meridian::sql
