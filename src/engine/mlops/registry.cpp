#include "engine/mlops/registry.h"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "base/json.h"

namespace meridian::mlops {
namespace {

std::string ParamsJson(const std::map<std::string, std::string>& params) {
  Json j = Json::object();
  for (const auto& [k, v] : params) j[k] = v;
  return DumpJson(j);
}

std::string CountsJson(const std::map<std::string, int64_t>& counts) {
  Json j = Json::object();
  for (const auto& [k, v] : counts) j[k] = v;
  return DumpJson(j);
}

StatusOr<std::optional<ModelVersion>> AliasTarget(Store& store, std::string_view name,
                                                  std::string_view alias) {
  ASSIGN_OR_RETURN(std::vector<ModelAlias> aliases, store.ListModelAliases(name));
  for (const ModelAlias& a : aliases) {
    if (a.alias != alias) continue;
    ASSIGN_OR_RETURN(ModelVersion v, store.GetModelVersion(name, a.version, {}));
    return std::optional<ModelVersion>(std::move(v));
  }
  return std::optional<ModelVersion>();
}

}  // namespace

std::string FormatMetric(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * sizeof digest);
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

StatusOr<std::string> MetricsJson(const std::map<std::string, double>& metrics) {
  Json j = Json::object();
  for (const auto& [k, v] : metrics) {
    if (!std::isfinite(v)) return InvalidArgumentError("metric " + k + " is not finite");
    j[k] = v;
  }
  return DumpJson(j);
}

std::map<std::string, double> ParseMetrics(std::string_view json) {
  std::map<std::string, double> out;
  auto j = ParseJson(json);
  if (!j.ok() || !j->is_object()) return out;
  for (const auto& [k, v] : j->items()) {
    if (v.is_number()) out[k] = v.get<double>();
  }
  return out;
}

std::map<std::string, std::string> ParseParams(std::string_view json) {
  std::map<std::string, std::string> out;
  auto j = ParseJson(json);
  if (!j.ok() || !j->is_object()) return out;
  for (const auto& [k, v] : j->items()) out[k] = v.is_string() ? v.get<std::string>() : v.dump();
  return out;
}

StatusOr<ModelRef> ParseModelRef(std::string_view text) {
  ModelRef ref;
  size_t at = text.find('@');
  ref.name = std::string(text.substr(0, at));
  auto name_ok = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  };
  if (ref.name.empty() || ref.name.size() > 64 ||
      !std::all_of(ref.name.begin(), ref.name.end(), name_ok)) {
    return InvalidArgumentError("model: expected NAME or NAME@VERSION (NAME of a-z, 0-9, _ and -)");
  }
  if (at == std::string_view::npos) return ref;
  std::string_view digits = text.substr(at + 1);
  if (digits.empty() || digits.size() > 12 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return InvalidArgumentError("model: the version after @ must be a positive number");
  }
  ref.version = std::stoll(std::string(digits));
  if (*ref.version < 1) return InvalidArgumentError("model: versions start at 1");
  return ref;
}

GateDecision DecideGate(const ModelVersion& candidate, const ModelVersion* champion,
                        const GateOptions& options) {
  if (options.force) return {.promote = true, .reason = "forced"};
  if (champion == nullptr) return {.promote = true, .reason = "no champion yet"};
  const std::string& metric = candidate.primary_metric;
  if (metric.empty()) return {.promote = false, .reason = "the candidate has no gate metric"};
  if (champion->primary_metric != metric) {
    return {.promote = false,
            .reason = "the champion is measured by " + champion->primary_metric + ", not " +
                      metric + ": promote with --force"};
  }
  auto mine = ParseMetrics(candidate.metrics), theirs = ParseMetrics(champion->metrics);
  if (!mine.count(metric)) return {.promote = false, .reason = "the candidate lacks " + metric};
  if (!theirs.count(metric)) {
    return {.promote = true, .reason = "the champion has no " + metric};
  }
  const double a = mine[metric], b = theirs[metric];
  const double gain = candidate.higher_is_better ? a - b : b - a;
  const char* op = candidate.higher_is_better ? ">" : "<";
  const char* sign = candidate.higher_is_better ? "+" : "-";
  std::string compared = metric + " " + FormatMetric(a) + " vs champion v" +
                         std::to_string(champion->version) + "'s " + FormatMetric(b);
  if (gain > options.tolerance) {
    return {.promote = true,
            .reason = metric + " " + FormatMetric(a) + " " + op + " " + FormatMetric(b) + " " +
                      sign + " " + FormatMetric(options.tolerance) + " (champion v" +
                      std::to_string(champion->version) + ")"};
  }
  return {.promote = false,
          .reason = compared + ": not better by more than " + FormatMetric(options.tolerance)};
}

StatusOr<RegisterOutcome> ModelRegistry::Register(const ModelCandidate& c,
                                                  const GateOptions& gate) {
  RETURN_IF_ERROR(ParseModelRef(c.name).status());
  if (c.artifact.empty()) return InvalidArgumentError("register " + c.name + ": empty artifact");
  if (!c.primary_metric.empty() && !c.metrics.count(c.primary_metric)) {
    return InvalidArgumentError("register " + c.name + ": the gate metric " + c.primary_metric +
                                " is not among the metrics");
  }
  ModelVersion v;
  v.name = c.name;
  v.created_at = clock_.Now();
  v.data_seq = c.data_seq;
  v.data_counts = CountsJson(c.data_counts);
  v.params = ParamsJson(c.params);
  ASSIGN_OR_RETURN(v.metrics, MetricsJson(c.metrics));
  v.primary_metric = c.primary_metric;
  v.higher_is_better = c.higher_is_better;
  v.artifact = c.artifact;
  v.sha256 = Sha256Hex(c.artifact);
  v.reference = c.reference;
  v.note = c.note;

  // One trainer at a time is assumed (issue 9's advisory lock): the champion is read
  // before the write transaction.
  ASSIGN_OR_RETURN(std::optional<ModelVersion> champion, AliasTarget(store_, c.name, kChampion));
  ASSIGN_OR_RETURN(std::optional<ModelVersion> challenger,
                   AliasTarget(store_, c.name, kChallenger));
  RegisterOutcome out;
  if (champion) out.previous_champion = champion->version;
  for (const std::optional<ModelVersion>* same : {&champion, &challenger}) {
    if (!*same || (*same)->sha256 != v.sha256) continue;
    out.registered = false;
    out.version = **same;
    out.decision = {.promote = false,
                    .reason = "unchanged: the same bytes as v" + std::to_string((*same)->version) +
                              ", not stored again"};
    return out;
  }
  RETURN_IF_ERROR(store_.Write([&](StoreWriter& w) -> Status {
    RETURN_IF_ERROR(w.AddModelVersion(&v));
    out.decision = DecideGate(v, champion ? &*champion : nullptr, gate);
    ModelAliasMove why{.reason = out.decision.reason, .actor = gate.actor};
    if (out.decision.promote) {
      RETURN_IF_ERROR(w.MoveModelAlias(c.name, kChampion, v.version, why));
      if (challenger) {
        RETURN_IF_ERROR(
            w.MoveModelAlias(c.name, kChallenger, std::nullopt,
                             {.reason = "superseded by champion v" + std::to_string(v.version),
                              .actor = gate.actor}));
      }
      return OkStatus();
    }
    return w.MoveModelAlias(c.name, kChallenger, v.version, why);
  }));
  v.artifact.clear();
  v.reference.clear();
  out.version = std::move(v);
  return out;
}

StatusOr<GateDecision> ModelRegistry::Promote(std::string_view name, int64_t version,
                                              const GateOptions& gate) {
  ASSIGN_OR_RETURN(ModelVersion v, store_.GetModelVersion(name, version, {}));
  ASSIGN_OR_RETURN(std::optional<ModelVersion> champion, AliasTarget(store_, name, kChampion));
  ASSIGN_OR_RETURN(std::optional<ModelVersion> challenger, AliasTarget(store_, name, kChallenger));
  if (champion && champion->version == version) {
    return FailedPreconditionError(std::string(name) + " v" + std::to_string(version) +
                                   " is already the champion");
  }
  GateDecision d = DecideGate(v, champion ? &*champion : nullptr, gate);
  if (!d.promote) {
    return FailedPreconditionError("gate: " + d.reason + " (use --force to promote anyway)");
  }
  RETURN_IF_ERROR(store_.Write([&](StoreWriter& w) -> Status {
    RETURN_IF_ERROR(w.SetModelStatus(name, version, "ready"));
    RETURN_IF_ERROR(w.MoveModelAlias(name, kChampion, version,
                                     {.reason = "promote: " + d.reason, .actor = gate.actor}));
    if (challenger && challenger->version == version) {
      RETURN_IF_ERROR(w.MoveModelAlias(name, kChallenger, std::nullopt,
                                       {.reason = "promoted to champion", .actor = gate.actor}));
    }
    return OkStatus();
  }));
  return d;
}

StatusOr<int64_t> ModelRegistry::Rollback(std::string_view name, const RollbackOptions& options) {
  ASSIGN_OR_RETURN(std::optional<ModelVersion> champion, AliasTarget(store_, name, kChampion));
  if (!champion) {
    return FailedPreconditionError(std::string(name) + " has no champion to roll back");
  }
  ASSIGN_OR_RETURN(std::vector<ModelAliasMove> moves, store_.ListModelAliasMoves(name));
  ASSIGN_OR_RETURN(std::vector<ModelVersion> versions, store_.ListModelVersions(name, {}));
  std::map<int64_t, std::string> status;
  for (const ModelVersion& v : versions) status[v.version] = v.status;
  // The newest earlier champion that has not been rolled back itself.
  std::optional<int64_t> previous;
  for (auto it = moves.rbegin(); it != moves.rend() && !previous; ++it) {
    if (it->alias != kChampion || !it->to_version) continue;
    const int64_t to = *it->to_version;
    if (to != champion->version && status[to] == "ready") previous = to;
  }
  if (!previous) {
    return FailedPreconditionError(std::string(name) + " v" + std::to_string(champion->version) +
                                   " has no earlier champion to roll back to");
  }
  RETURN_IF_ERROR(store_.Write([&](StoreWriter& w) -> Status {
    RETURN_IF_ERROR(w.SetModelStatus(name, champion->version, "rolled_back"));
    return w.MoveModelAlias(
        name, kChampion, *previous,
        {.reason = "rollback from v" + std::to_string(champion->version), .actor = options.actor});
  }));
  return *previous;
}

StatusOr<int64_t> ModelRegistry::AliasVersion(std::string_view name, std::string_view alias) {
  ASSIGN_OR_RETURN(std::vector<ModelAlias> aliases, store_.ListModelAliases(name));
  for (const ModelAlias& a : aliases) {
    if (a.alias == alias) return a.version;
  }
  return NotFoundError(std::string(name) + " has no " + std::string(alias));
}

StatusOr<ModelVersion> ModelRegistry::Load(std::string_view name, int64_t version) {
  ASSIGN_OR_RETURN(ModelVersion v,
                   store_.GetModelVersion(name, version, {.artifact = true, .reference = true}));
  if (Sha256Hex(v.artifact) != v.sha256) {
    return DataLossError(std::string(name) + " v" + std::to_string(version) +
                         ": the artifact's SHA-256 does not match the registry's");
  }
  return v;
}

StatusOr<ModelVersion> ModelRegistry::LoadChampion(std::string_view name) {
  ASSIGN_OR_RETURN(int64_t version, AliasVersion(name, kChampion));
  return Load(name, version);
}

StatusOr<ModelDiff> ModelRegistry::Diff(std::string_view name, int64_t a, int64_t b) {
  ASSIGN_OR_RETURN(ModelVersion va, store_.GetModelVersion(name, a, {}));
  ASSIGN_OR_RETURN(ModelVersion vb, store_.GetModelVersion(name, b, {}));
  ModelDiff d;
  d.same_artifact = va.sha256 == vb.sha256;
  auto ma = ParseMetrics(va.metrics), mb = ParseMetrics(vb.metrics);
  std::set<std::string> names;
  for (const auto& [k, v] : ma) names.insert(k);
  for (const auto& [k, v] : mb) names.insert(k);
  for (const std::string& k : names) {
    ModelDiff::Metric m{.name = k};
    if (ma.count(k)) m.a = ma[k];
    if (mb.count(k)) m.b = mb[k];
    d.metrics.push_back(m);
  }
  auto differing = [](const std::map<std::string, std::string>& x,
                      const std::map<std::string, std::string>& y) {
    std::vector<ModelDiff::Param> out;
    std::set<std::string> keys;
    for (const auto& [k, v] : x) keys.insert(k);
    for (const auto& [k, v] : y) keys.insert(k);
    for (const std::string& k : keys) {
      std::string vx = x.count(k) ? x.at(k) : "", vy = y.count(k) ? y.at(k) : "";
      if (vx != vy) out.push_back({.name = k, .a = vx, .b = vy});
    }
    return out;
  };
  d.params = differing(ParseParams(va.params), ParseParams(vb.params));
  auto data_of = [](const ModelVersion& v) {
    auto m = ParseParams(v.data_counts);
    m["data_seq"] = std::to_string(v.data_seq);
    return m;
  };
  d.data = differing(data_of(va), data_of(vb));
  return d;
}

}  // namespace meridian::mlops
