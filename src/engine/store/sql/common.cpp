#include "engine/store/sql/common.h"

#include "base/strings.h"

namespace meridian::sql {

std::string EncodeList(const std::vector<std::string>& items) {
  return DumpJson(Json(items));
}

std::vector<std::string> DecodeList(std::string_view json_text) {
  std::vector<std::string> out;
  Json j = Json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (!j.is_array()) return out;
  for (const Json& e : j) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

std::string EncodeCursor(const Json& keys) {
  return Base64UrlEncode(DumpJson(keys));
}

StatusOr<Json> DecodeCursor(std::string_view cursor, std::string_view tag, size_t arity) {
  auto bad = [] {
    return InvalidArgumentError("cursor: is not a cursor returned by this list", "cursor");
  };
  if (cursor.size() > 1024) return bad();
  auto raw = Base64UrlDecode(cursor);
  if (!raw) return bad();
  Json j = Json::parse(raw->begin(), raw->end(), nullptr, false);
  if (!j.is_array() || j.size() != arity + 1 || !j[0].is_string() ||
      j[0].get<std::string>() != tag) {
    return bad();
  }
  for (size_t i = 1; i < j.size(); ++i) {
    if (!j[i].is_number_integer() && !j[i].is_string() && !j[i].is_number_float()) return bad();
  }
  if (!j.back().is_number_integer()) return bad();
  return j;
}

Status CheckPage(const PageRequest& p) {
  if (p.limit < 1 || p.limit > kMaxPageSize) {
    return InvalidArgumentError("limit: must be between 1 and " + std::to_string(kMaxPageSize),
                                "limit");
  }
  return OkStatus();
}

std::string LikePattern(std::string_view needle) {
  std::string out = "%";
  for (char c : needle) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

namespace {
const Sql kAppendChange{"append_change",
                        "INSERT INTO changes(entity, entity_id, slug, op, at) VALUES (?,?,?,?,?)"};
const Sql kFindCompany{"find_company", "SELECT id, created_at FROM companies WHERE slug = ?"};
const Sql kFindJob{"find_job", "SELECT id, created_at FROM jobs WHERE slug = ?"};
const Sql kFindTalent{"find_talent", "SELECT id, created_at FROM talent WHERE slug = ?"};
const Sql kFindCity{"find_city", "SELECT id, created_at FROM cities WHERE slug = ?"};
const Sql kFindArticle{"find_article", "SELECT id, created_at FROM articles WHERE slug = ?"};
}  // namespace

Status AppendChange(Connection& c, Entity entity, int64_t id, std::string_view slug, ChangeOp op,
                    UnixSeconds at) {
  return AppendChange(c, EntityName(entity), id, slug, op, at);
}

Status AppendChange(Connection& c, std::string_view entity, int64_t id, std::string_view slug,
                    ChangeOp op, UnixSeconds at) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kAppendChange));
  q.Bind(1, entity).Bind(2, id).Bind(3, slug).Bind(4, ChangeOpName(op)).Bind(5, at);
  return q.Run();
}

std::string_view TableName(Entity entity) {
  switch (entity) {
    case Entity::kCompany:
      return "companies";
    case Entity::kJob:
      return "jobs";
    case Entity::kTalent:
      return "talent";
    case Entity::kCity:
      return "cities";
    case Entity::kArticle:
      return "articles";
    case Entity::kEvent:
      return "events";
  }
  return "";
}

StatusOr<std::optional<ExistingRow>> FindBySlug(Connection& c, Entity entity,
                                                std::string_view slug) {
  const Sql* sql = nullptr;
  switch (entity) {
    case Entity::kCompany:
      sql = &kFindCompany;
      break;
    case Entity::kJob:
      sql = &kFindJob;
      break;
    case Entity::kTalent:
      sql = &kFindTalent;
      break;
    case Entity::kCity:
      sql = &kFindCity;
      break;
    case Entity::kArticle:
      sql = &kFindArticle;
      break;
    case Entity::kEvent:
      return InvalidArgumentError("events have no slug");
  }
  ASSIGN_OR_RETURN(Query q, c.Prepare(*sql));
  q.Bind(1, slug);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<ExistingRow>();
  return std::optional<ExistingRow>(ExistingRow{q.Int(0), q.Int(1)});
}

StatusOr<int64_t> InsertedId(Query& q) {
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return InternalError("an insert returned no id");
  return q.Int(0);
}

Status SlugTaken(const RowKey& key) {
  return AlreadyExistsError("slug: a " + std::string(EntityName(key.entity)) + " with slug '" +
                                std::string(key.slug) + "' already exists",
                            "slug");
}

StatusOr<std::optional<ExistingRow>> PrepareRowForPut(Connection& c, Entity entity,
                                                      std::string_view slug, PutMode mode) {
  if (slug.empty()) return InvalidArgumentError("slug: must not be empty", "slug");
  // A create needs no lookup: the unique index rejects a taken slug (see WriteRow).
  if (mode == PutMode::kCreate) return std::optional<ExistingRow>();
  ASSIGN_OR_RETURN(std::optional<ExistingRow> existing, FindBySlug(c, entity, slug));
  if (!existing && mode == PutMode::kUpdate) {
    return NotFoundError("no " + std::string(EntityName(entity)) + " with slug '" +
                         std::string(slug) + "'");
  }
  return existing;
}

}  // namespace meridian::sql
