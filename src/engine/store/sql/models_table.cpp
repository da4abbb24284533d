// The model registry and drift records of the store (issue 8, migration 0005).
#include "engine/store/sql/common.h"
#include "engine/store/sql/tables.h"

namespace meridian::sql {
namespace {

// Listings leave the artifact and reference bytes unread unless asked for (CASE reads a
// column only on the branch taken; length() of a blob reads its header only; substr(x, 1, 0)
// is an empty blob in both dialects).
#define MODEL_COLUMNS                                                                   \
  "SELECT id, name, version, created_at, data_seq, data_counts, params, metrics, "      \
  "primary_metric, higher_is_better, "                                                  \
  "CASE WHEN ?1 <> 0 THEN artifact ELSE substr(artifact, 1, 0) END, length(artifact), " \
  "sha256, CASE WHEN ?2 <> 0 THEN reference ELSE substr(reference, 1, 0) END, status, " \
  "note FROM models "

const Sql kListVersions{"list_model_versions",
                        MODEL_COLUMNS "WHERE ?3 = '' OR name = ?3 ORDER BY name, version"};
const Sql kGetVersion{"get_model_version", MODEL_COLUMNS "WHERE name = ?3 AND version = ?4"};
#undef MODEL_COLUMNS
const Sql kNextVersion{"next_model_version",
                       "SELECT coalesce(max(version), 0) + 1 FROM models WHERE name = ?"};
const Sql kInsertVersion{
    "insert_model_version",
    "INSERT INTO models(name, version, created_at, data_seq, data_counts, params, metrics, "
    "primary_metric, higher_is_better, artifact, sha256, reference, status, note) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id"};
const Sql kVersionExists{"model_version_exists",
                         "SELECT 1 FROM models WHERE name = ? AND version = ?"};
const Sql kListAliases{"list_model_aliases",
                       "SELECT name, alias, version, updated_at FROM model_aliases "
                       "WHERE ?1 = '' OR name = ?1 ORDER BY name, alias"};
const Sql kGetAlias{"get_model_alias",
                    "SELECT version FROM model_aliases WHERE name = ? AND alias = ?"};
const Sql kSetAlias{"set_model_alias",
                    "INSERT INTO model_aliases(name, alias, version, updated_at) VALUES (?,?,?,?) "
                    "ON CONFLICT(name, alias) DO UPDATE SET version = excluded.version, "
                    "updated_at = excluded.updated_at"};
const Sql kDeleteAlias{"delete_model_alias",
                       "DELETE FROM model_aliases WHERE name = ? AND alias = ?"};
const Sql kLogMove{"log_model_alias_move",
                   "INSERT INTO model_alias_log(name, alias, from_version, to_version, reason, "
                   "actor, at) VALUES (?,?,?,?,?,?,?)"};
const Sql kListMoves{"list_model_alias_moves",
                     "SELECT id, name, alias, from_version, to_version, reason, actor, at "
                     "FROM model_alias_log WHERE name = ? ORDER BY id"};
const Sql kSetStatus{"set_model_status",
                     "UPDATE models SET status = ? WHERE name = ? AND version = ?"};
const Sql kInsertDrift{"insert_drift",
                       "INSERT INTO drift(model, version, window_from, window_to, rows, feature, "
                       "statistic, value, threshold, drifted, psi, at) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id"};
const Sql kListDrift{"list_drift",
                     "SELECT id, model, version, window_from, window_to, rows, feature, statistic, "
                     "value, threshold, drifted, psi, at FROM drift "
                     "WHERE (?1 = '' OR model = ?1) AND at >= ?2 ORDER BY at, id LIMIT ?3"};

ModelVersion ReadVersion(const Query& q) {
  ModelVersion v;
  v.id = q.Int(0);
  v.name = q.Text(1);
  v.version = q.Int(2);
  v.created_at = q.Int(3);
  v.data_seq = q.Int(4);
  v.data_counts = q.Text(5);
  v.params = q.Text(6);
  v.metrics = q.Text(7);
  v.primary_metric = q.Text(8);
  v.higher_is_better = q.Int(9) != 0;
  v.artifact = q.Blob(10);
  v.artifact_size = q.Int(11);
  v.sha256 = q.Text(12);
  v.reference = q.Blob(13);
  v.status = q.Text(14);
  v.note = q.Text(15);
  return v;
}

Status CheckAlias(std::string_view alias) {
  if (alias != "champion" && alias != "challenger") {
    return InvalidArgumentError("alias: must be champion or challenger", "alias");
  }
  return OkStatus();
}

}  // namespace

StatusOr<std::vector<ModelVersion>> ListModelVersions(Connection& c, std::string_view name,
                                                      const ModelReadOptions& options) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kListVersions));
  q.Bind(1, int64_t{options.artifact}).Bind(2, int64_t{options.reference}).Bind(3, name);
  std::vector<ModelVersion> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back(ReadVersion(q));
  }
  return out;
}

StatusOr<ModelVersion> GetModelVersion(Connection& c, std::string_view name, int64_t version,
                                       const ModelReadOptions& options) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kGetVersion));
  q.Bind(1, int64_t{options.artifact}).Bind(2, int64_t{options.reference});
  q.Bind(3, name).Bind(4, version);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) {
    return NotFoundError("model " + std::string(name) + " has no version " +
                         std::to_string(version));
  }
  return ReadVersion(q);
}

StatusOr<std::vector<ModelAlias>> ListModelAliases(Connection& c, std::string_view name) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kListAliases));
  q.Bind(1, name);
  std::vector<ModelAlias> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back(
        {.name = q.Text(0), .alias = q.Text(1), .version = q.Int(2), .updated_at = q.Int(3)});
  }
  return out;
}

StatusOr<std::vector<ModelAliasMove>> ListModelAliasMoves(Connection& c, std::string_view name) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kListMoves));
  q.Bind(1, name);
  std::vector<ModelAliasMove> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back({.id = q.Int(0),
                   .name = q.Text(1),
                   .alias = q.Text(2),
                   .from_version = q.OptInt(3),
                   .to_version = q.OptInt(4),
                   .reason = q.Text(5),
                   .actor = q.Text(6),
                   .at = q.Int(7)});
  }
  return out;
}

StatusOr<std::vector<DriftRecord>> ListDrift(Connection& c, std::string_view model,
                                             UnixSeconds since, int limit) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kListDrift));
  q.Bind(1, model).Bind(2, since).Bind(3, limit);
  std::vector<DriftRecord> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    DriftRecord d;
    d.id = q.Int(0);
    d.model = q.Text(1);
    d.version = q.Int(2);
    d.window_from = q.Int(3);
    d.window_to = q.Int(4);
    d.rows = q.Int(5);
    d.feature = q.Text(6);
    d.statistic = q.Text(7);
    d.value = q.Double(8);
    d.threshold = q.Double(9);
    d.drifted = q.Int(10) != 0;
    d.psi = q.OptDouble(11);
    d.at = q.Int(12);
    out.push_back(std::move(d));
  }
  return out;
}

Status AddModelVersion(Connection& c, ModelVersion* v, UnixSeconds now) {
  if (v->name.empty()) return InvalidArgumentError("name: must not be empty", "name");
  if (v->artifact.empty()) return InvalidArgumentError("artifact: must not be empty", "artifact");
  if (v->sha256.size() != 64)
    return InvalidArgumentError("sha256: must be 64 hex digits", "sha256");
  ASSIGN_OR_RETURN(Query next, c.Prepare(kNextVersion));
  next.Bind(1, v->name);
  ASSIGN_OR_RETURN(bool row, next.Step());
  if (!row) return InternalError("registry: no next version");
  v->version = next.Int(0);
  if (v->created_at == 0) v->created_at = now;
  if (v->status.empty()) v->status = "ready";
  auto json_or_empty = [](const std::string& s) { return s.empty() ? std::string("{}") : s; };
  ASSIGN_OR_RETURN(Query q, c.Prepare(kInsertVersion));
  q.Bind(1, v->name).Bind(2, v->version).Bind(3, v->created_at).Bind(4, v->data_seq);
  q.Bind(5, json_or_empty(v->data_counts))
      .Bind(6, json_or_empty(v->params))
      .Bind(7, json_or_empty(v->metrics));
  q.Bind(8, v->primary_metric).Bind(9, int64_t{v->higher_is_better});
  q.BindBlob(10, v->artifact).Bind(11, v->sha256).BindBlob(12, v->reference);
  q.Bind(13, v->status).Bind(14, v->note);
  ASSIGN_OR_RETURN(v->id, InsertedId(q));
  v->artifact_size = static_cast<int64_t>(v->artifact.size());
  return AppendChange(c, kModelChangeEntity, v->version, v->name, ChangeOp::kInsert, now);
}

Status MoveModelAlias(Connection& c, std::string_view name, std::string_view alias,
                      std::optional<int64_t> version, const ModelAliasMove& why, UnixSeconds now) {
  RETURN_IF_ERROR(CheckAlias(alias));
  if (version) {
    ASSIGN_OR_RETURN(Query exists, c.Prepare(kVersionExists));
    exists.Bind(1, name).Bind(2, *version);
    ASSIGN_OR_RETURN(bool row, exists.Step());
    if (!row) {
      return NotFoundError("model " + std::string(name) + " has no version " +
                           std::to_string(*version));
    }
  }
  std::optional<int64_t> from;
  {
    ASSIGN_OR_RETURN(Query q, c.Prepare(kGetAlias));
    q.Bind(1, name).Bind(2, alias);
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (row) from = q.Int(0);
  }
  if (version) {
    ASSIGN_OR_RETURN(Query q, c.Prepare(kSetAlias));
    q.Bind(1, name).Bind(2, alias).Bind(3, *version).Bind(4, now);
    RETURN_IF_ERROR(q.Run());
  } else {
    ASSIGN_OR_RETURN(Query q, c.Prepare(kDeleteAlias));
    q.Bind(1, name).Bind(2, alias);
    RETURN_IF_ERROR(q.Run());
  }
  ASSIGN_OR_RETURN(Query log, c.Prepare(kLogMove));
  log.Bind(1, name).Bind(2, alias).Bind(3, from).Bind(4, version);
  log.Bind(5, why.reason).Bind(6, why.actor).Bind(7, now);
  RETURN_IF_ERROR(log.Run());
  return AppendChange(c, kModelChangeEntity, version.value_or(0), name, ChangeOp::kUpdate, now);
}

Status SetModelStatus(Connection& c, std::string_view name, int64_t version,
                      std::string_view status) {
  if (status != "ready" && status != "rolled_back") {
    return InvalidArgumentError("status: must be ready or rolled_back", "status");
  }
  ASSIGN_OR_RETURN(Query q, c.Prepare(kSetStatus));
  q.Bind(1, status).Bind(2, name).Bind(3, version);
  RETURN_IF_ERROR(q.Run());
  if (c.Changes() == 0) {
    return NotFoundError("model " + std::string(name) + " has no version " +
                         std::to_string(version));
  }
  return OkStatus();
}

Status AddDrift(Connection& c, DriftRecord* d, UnixSeconds now) {
  if (d->at == 0) d->at = now;
  ASSIGN_OR_RETURN(Query q, c.Prepare(kInsertDrift));
  q.Bind(1, d->model).Bind(2, d->version).Bind(3, d->window_from).Bind(4, d->window_to);
  q.Bind(5, d->rows).Bind(6, d->feature).Bind(7, d->statistic).Bind(8, d->value);
  q.Bind(9, d->threshold).Bind(10, int64_t{d->drifted}).Bind(11, d->psi).Bind(12, d->at);
  ASSIGN_OR_RETURN(d->id, InsertedId(q));
  return OkStatus();
}

}  // namespace meridian::sql

namespace meridian::sql {

namespace {

const Sql kListImpressions{"list_impressions",
                           "SELECT model, list, day, lists, items FROM model_impressions "
                           "WHERE day >= ?1 ORDER BY day, model, list"};
const Sql kAddImpressions{"add_impressions",
                          "INSERT INTO model_impressions (model, list, day, lists, items) "
                          "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (model, list, day) DO UPDATE "
                          "SET lists = model_impressions.lists + excluded.lists, "
                          "items = model_impressions.items + excluded.items"};
const Sql kListShadow{"list_shadow",
                      "SELECT model, version, champion, posts, agreements, challenger_flags, "
                      "champion_flags, abs_diff_sum, updated_at FROM model_shadow "
                      "WHERE (?1 = '' OR model = ?1) ORDER BY model, version, champion"};
const Sql kAddShadow{
    "add_shadow",
    "INSERT INTO model_shadow (model, version, champion, posts, agreements, challenger_flags, "
    "champion_flags, abs_diff_sum, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT (model, version, champion) DO UPDATE SET "
    "posts = model_shadow.posts + excluded.posts, "
    "agreements = model_shadow.agreements + excluded.agreements, "
    "challenger_flags = model_shadow.challenger_flags + excluded.challenger_flags, "
    "champion_flags = model_shadow.champion_flags + excluded.champion_flags, "
    "abs_diff_sum = model_shadow.abs_diff_sum + excluded.abs_diff_sum, "
    "updated_at = excluded.updated_at"};

}  // namespace

StatusOr<std::vector<ImpressionCount>> ListImpressions(Connection& c, int64_t from_day) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kListImpressions));
  q.Bind(1, from_day);
  std::vector<ImpressionCount> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back({.model = q.Text(0),
                   .list = q.Text(1),
                   .day = q.Int(2),
                   .lists = q.Int(3),
                   .items = q.Int(4)});
  }
  return out;
}

Status AddImpressions(Connection& c, const ImpressionCount& counts) {
  if (counts.model.empty() || counts.list.empty()) {
    return InvalidArgumentError("impressions: model and list must not be empty", "model");
  }
  if (counts.lists < 0 || counts.items < 0) {
    return InvalidArgumentError("impressions: counts must not be negative", "lists");
  }
  ASSIGN_OR_RETURN(Query q, c.Prepare(kAddImpressions));
  q.Bind(1, counts.model).Bind(2, counts.list).Bind(3, counts.day);
  q.Bind(4, counts.lists).Bind(5, counts.items);
  return q.Run();
}

StatusOr<std::vector<ShadowCount>> ListShadowCounts(Connection& c, std::string_view model) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kListShadow));
  q.Bind(1, model);
  std::vector<ShadowCount> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back({.model = q.Text(0),
                   .version = q.Int(1),
                   .champion = q.Int(2),
                   .posts = q.Int(3),
                   .agreements = q.Int(4),
                   .challenger_flags = q.Int(5),
                   .champion_flags = q.Int(6),
                   .abs_diff_sum = q.Double(7),
                   .updated_at = q.Int(8)});
  }
  return out;
}

Status AddShadowCounts(Connection& c, const ShadowCount& counts, UnixSeconds now) {
  if (counts.model.empty() || counts.version <= 0) {
    return InvalidArgumentError("shadow: model and version must be set", "model");
  }
  ASSIGN_OR_RETURN(Query q, c.Prepare(kAddShadow));
  q.Bind(1, counts.model).Bind(2, counts.version).Bind(3, counts.champion);
  q.Bind(4, counts.posts).Bind(5, counts.agreements).Bind(6, counts.challenger_flags);
  q.Bind(7, counts.champion_flags).Bind(8, counts.abs_diff_sum);
  q.Bind(9, counts.updated_at != 0 ? counts.updated_at : now);
  return q.Run();
}

}  // namespace meridian::sql
