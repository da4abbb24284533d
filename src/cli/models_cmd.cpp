#include "cli/models_cmd.h"

#include <cstdio>
#include <map>

#include "cli/trust_cmd.h"
#include "platform/lifecycle/drift_monitor.h"
#include "platform/lifecycle/drift_recs.h"
#include "platform/lifecycle/online_metrics.h"
#include "platform/lifecycle/trainers.h"

namespace meridian::cli {
namespace {

// "f1=0.9829 precision=0.98 ...": the gate's metric first.
std::string KeyMetrics(const ModelVersion& v) {
  std::map<std::string, double> m = mlops::ParseMetrics(v.metrics);
  std::string out;
  if (auto it = m.find(v.primary_metric); it != m.end()) {
    out = it->first + "=" + mlops::FormatMetric(it->second);
    m.erase(it);
  }
  for (const auto& [k, x] : m) out += (out.empty() ? "" : " ") + k + "=" + mlops::FormatMetric(x);
  return out.empty() ? "-" : out;
}

std::map<std::pair<std::string, int64_t>, std::string> AliasNames(Store& store,
                                                                  std::string_view name) {
  std::map<std::pair<std::string, int64_t>, std::string> out;
  auto aliases = store.ListModelAliases(name);
  if (!aliases.ok()) return out;
  for (const ModelAlias& a : *aliases) {
    std::string& s = out[{a.name, a.version}];
    s += (s.empty() ? "" : ",") + a.alias;
  }
  return out;
}

Status List(Store& store, const std::string& name) {
  ASSIGN_OR_RETURN(std::vector<ModelVersion> versions, store.ListModelVersions(name, {}));
  auto aliases = AliasNames(store, name);
  if (versions.empty()) {
    std::printf("no models registered%s%s; `meridian train --all` trains them\n",
                name.empty() ? "" : " under ", name.c_str());
  }
  for (const ModelVersion& v : versions) {
    std::string alias = aliases.count({v.name, v.version}) ? aliases[{v.name, v.version}] : "-";
    std::printf("%s %lld %s %s (%s%s)\n", v.name.c_str(), static_cast<long long>(v.version),
                alias.c_str(), KeyMetrics(v).c_str(), FormatRfc3339(v.created_at).c_str(),
                v.status == "ready" ? "" : (", " + v.status).c_str());
  }
  return OkStatus();
}

StatusOr<int64_t> VersionOf(Store& store, const mlops::ModelRef& ref) {
  if (ref.version) return *ref.version;
  SystemClock clock;
  return mlops::ModelRegistry(store, clock).AliasVersion(ref.name, mlops::kChampion);
}

Status Show(Store& store, const std::string& text) {
  ASSIGN_OR_RETURN(mlops::ModelRef ref, mlops::ParseModelRef(text));
  ASSIGN_OR_RETURN(int64_t version, VersionOf(store, ref));
  SystemClock clock;
  ASSIGN_OR_RETURN(ModelVersion v, mlops::ModelRegistry(store, clock).Load(ref.name, version));
  auto aliases = AliasNames(store, ref.name);
  std::printf("model: %s\nversion: %lld\naliases: %s\nstatus: %s\ncreated: %s\n", v.name.c_str(),
              static_cast<long long>(v.version),
              aliases.count({v.name, v.version}) ? aliases[{v.name, v.version}].c_str() : "-",
              v.status.c_str(), FormatRfc3339(v.created_at).c_str());
  std::printf("gate metric: %s (%s is better)\nmetrics: %s\nparams: %s\n",
              v.primary_metric.empty() ? "-" : v.primary_metric.c_str(),
              v.higher_is_better ? "higher" : "lower", v.metrics.c_str(), v.params.c_str());
  std::printf("data: change seq %lld, rows %s\nartifact: %lld bytes, sha256 %s (verified)\n",
              static_cast<long long>(v.data_seq), v.data_counts.c_str(),
              static_cast<long long>(v.artifact_size), v.sha256.c_str());
  std::printf("drift reference: %zu bytes\n", v.reference.size());
  if (!v.note.empty()) std::printf("note: %s\n", v.note.c_str());
  ASSIGN_OR_RETURN(std::vector<ModelAliasMove> moves, store.ListModelAliasMoves(ref.name));
  for (const ModelAliasMove& m : moves) {
    if (m.from_version != v.version && m.to_version != v.version) continue;
    std::printf("history: %s %s %s -> %s by %s: %s\n", FormatRfc3339(m.at).c_str(), m.alias.c_str(),
                m.from_version ? ("v" + std::to_string(*m.from_version)).c_str() : "-",
                m.to_version ? ("v" + std::to_string(*m.to_version)).c_str() : "-", m.actor.c_str(),
                m.reason.c_str());
  }
  return OkStatus();
}

Status Diff(Store& store, const std::string& a_text, const std::string& b_text) {
  ASSIGN_OR_RETURN(mlops::ModelRef a, mlops::ParseModelRef(a_text));
  ASSIGN_OR_RETURN(mlops::ModelRef b, mlops::ParseModelRef(b_text));
  if (a.name != b.name) {
    return InvalidArgumentError("diff compares two versions of one model, not " + a.name + " and " +
                                b.name);
  }
  ASSIGN_OR_RETURN(int64_t va, VersionOf(store, a));
  ASSIGN_OR_RETURN(int64_t vb, VersionOf(store, b));
  SystemClock clock;
  ASSIGN_OR_RETURN(mlops::ModelDiff d, mlops::ModelRegistry(store, clock).Diff(a.name, va, vb));
  std::printf("%s v%lld -> v%lld%s\n", a.name.c_str(), static_cast<long long>(va),
              static_cast<long long>(vb), d.same_artifact ? " (identical artifacts)" : "");
  for (const auto& m : d.metrics) {
    std::string delta = m.a && m.b ? " (" + std::string(*m.b >= *m.a ? "+" : "") +
                                         mlops::FormatMetric(*m.b - *m.a) + ")"
                                   : "";
    std::printf("metric %s: %s -> %s%s\n", m.name.c_str(),
                m.a ? mlops::FormatMetric(*m.a).c_str() : "-",
                m.b ? mlops::FormatMetric(*m.b).c_str() : "-", delta.c_str());
  }
  for (const auto& p : d.params) {
    std::printf("param %s: %s -> %s\n", p.name.c_str(), p.a.empty() ? "-" : p.a.c_str(),
                p.b.empty() ? "-" : p.b.c_str());
  }
  for (const auto& p : d.data) {
    std::printf("data %s: %s -> %s\n", p.name.c_str(), p.a.empty() ? "-" : p.a.c_str(),
                p.b.empty() ? "-" : p.b.c_str());
  }
  return OkStatus();
}

// Compares the jobs posted in the last `days` with each champion's drift reference, prints
// one line per column and the dataset verdict; RunDriftChecks records them in the store.
Status CheckDrift(const Settings& settings, Store& store, const std::string& only, int days) {
  SystemClock clock;
  TrustService trust(store, clock, TrustOptionsFor(settings));
  RETURN_IF_ERROR(trust.Start());
  std::vector<MonitoredModel> models;
  // The champions' own view of the jobs and events (what serving processes use).
  mlops::ModelRegistry registry(store, clock);
  std::shared_ptr<const EmbeddingModel> embeddings;
  if (auto champion = registry.LoadChampion(kEmbeddingsModelName); champion.ok()) {
    auto m = EmbeddingModel::Deserialize(champion->artifact);
    if (m.ok()) embeddings = std::make_shared<const EmbeddingModel>(std::move(*m));
  }
  std::shared_ptr<const RecModel> recs;
  if (auto champion = registry.LoadChampion(kRecommendersModelName); champion.ok()) {
    if (auto m = RecModel::Deserialize(champion->artifact); m.ok()) recs = *m;
  }
  std::vector<MonitoredModel> all = MonitoredModels(
      trust, [embeddings] { return embeddings; }, [recs] { return recs; });
  for (MonitoredModel& m : all) {
    if (only.empty() || only == m.name) models.push_back(std::move(m));
  }
  ASSIGN_OR_RETURN(std::vector<DriftCheck> checks,
                   RunDriftChecks(store, clock, models, {.window_days = days}));
  for (const DriftCheck& check : checks) {
    const char* name = check.model.c_str();
    const auto v = static_cast<long long>(check.version);
    if (!check.report.ok()) {
      std::printf("%s%s: %s\n", name, check.version ? (" v" + std::to_string(v)).c_str() : "",
                  std::string(check.report.status().message()).c_str());
      continue;
    }
    const DriftReport& r = *check.report;
    for (const mlops::ColumnDrift& c : r.columns) {
      std::printf("%s v%lld %s %s %.4g (threshold %.4g) %s psi %.3f %s\n", name, v,
                  c.feature.c_str(), std::string(mlops::DriftMethodName(c.method)).c_str(), c.score,
                  c.threshold, c.drifted ? "DRIFT" : "ok", c.psi,
                  std::string(mlops::PsiBandName(c.psi_band)).c_str());
    }
    std::printf(
        "%s v%lld dataset: %zu of %zu columns drifted (%.0f %%) over %lld rows of the last %d "
        "days: %s\n",
        name, v, r.dataset.drifted_columns, r.dataset.columns, 100 * r.dataset.share,
        static_cast<long long>(r.rows), days,
        r.dataset.drifted ? "DATASET DRIFT" : "no dataset drift");
  }
  return OkStatus();
}

// The lists each model version served in the last `days` with what visitors did with them,
// then each challenger's persisted shadow counts.
Status PrintOnline(Store& store, int days) {
  SystemClock clock;
  ASSIGN_OR_RETURN(std::vector<ModelOnlineMetrics> rows,
                   ComputeOnlineMetrics(store, {.since = clock.Now() - int64_t{days} * 86400}));
  if (rows.empty()) std::printf("no recommendation lists served in the last %d days\n", days);
  for (const ModelOnlineMetrics& m : rows) {
    std::printf(
        "%s %s: %lld lists, %lld items shown, %lld clicks (ctr %.4f), %lld saves (%.4f), "
        "%lld applies (%.4f), %lld hides\n",
        m.model.c_str(), m.list.c_str(), static_cast<long long>(m.lists),
        static_cast<long long>(m.items), static_cast<long long>(m.clicks), m.ctr,
        static_cast<long long>(m.saves), m.save_rate, static_cast<long long>(m.applies),
        m.apply_rate, static_cast<long long>(m.hides));
  }
  ASSIGN_OR_RETURN(std::vector<ShadowCount> shadows, store.ListShadowCounts(""));
  for (const ShadowCount& s : shadows) {
    const double n = s.posts > 0 ? static_cast<double>(s.posts) : 1.0;
    std::printf(
        "%s v%lld shadow beside v%lld: %lld posts, agreement %.4f, challenger flags %lld, "
        "champion flags %lld, mean |score diff| %.4f\n",
        s.model.c_str(), static_cast<long long>(s.version), static_cast<long long>(s.champion),
        static_cast<long long>(s.posts), static_cast<double>(s.agreements) / n,
        static_cast<long long>(s.challenger_flags), static_cast<long long>(s.champion_flags),
        s.abs_diff_sum / n);
  }
  return OkStatus();
}

}  // namespace

ModelsCommands::ModelsCommands(CLI::App& app) {
  models_ = app.add_subcommand("models", "List, inspect, promote and roll back model versions");
  models_->require_subcommand(1);
  list_ = models_->add_subcommand("list", "One line per version: NAME VERSION ALIASES metrics");
  list_->add_option("name", name_, "only this model (scam, salary, ...)");
  show_ = models_->add_subcommand("show", "Everything about one version (default: champion)");
  show_->add_option("model", a_, "NAME or NAME@VERSION")->required();
  diff_ = models_->add_subcommand("diff", "Metrics, parameters and data of two versions");
  diff_->add_option("a", a_, "NAME@VERSION")->required();
  diff_->add_option("b", b_, "NAME@VERSION (or NAME: its champion)")->required();
  promote_ = models_->add_subcommand(
      "promote", "Make a version champion if it beats the champion (or with --force)");
  promote_->add_option("model", a_, "NAME@VERSION")->required();
  AddGateFlags(promote_, &gate_);
  rollback_ = models_->add_subcommand(
      "rollback", "Put the previous champion back; the current one is marked rolled_back");
  rollback_->add_option("name", name_, "the model")->required();
  drift_ = models_->add_subcommand(
      "drift", "Compare recent jobs with each champion's training data (Evidently's rules)");
  drift_->add_option("name", name_, "only this model");
  drift_->add_option("--days", days_, "the window: jobs posted in the last N days")
      ->check(CLI::Range(1, 3650));
  online_ = models_->add_subcommand(
      "online",
      "Click-through and apply rates of each version's recommendation lists, and "
      "each challenger's shadow agreement");
  online_->add_option("--days", days_, "lists and events of the last N days")
      ->check(CLI::Range(1, 3650));
  for (CLI::App* c : {list_, show_, diff_, promote_, rollback_, drift_, online_}) {
    AddCommonFlags(c, &flags_);
  }
}

std::optional<int> ModelsCommands::RunIfChosen() {
  if (!*models_) return std::nullopt;
  return Run();
}

int ModelsCommands::Run() {
  auto settings = LoadAndSetup(flags_);
  if (!settings.ok()) return Fail(settings.status());
  auto store = OpenStore(*settings);
  if (!store.ok()) return Fail(store.status());
  Store& s = **store;
  SystemClock clock;
  mlops::ModelRegistry registry(s, clock);
  Status status;
  if (*list_) {
    status = List(s, name_);
  } else if (*show_) {
    status = Show(s, a_);
  } else if (*diff_) {
    status = Diff(s, a_, b_);
  } else if (*promote_) {
    auto ref = mlops::ParseModelRef(a_);
    if (ref.ok() && !ref->version) {
      status = InvalidArgumentError("promote needs NAME@VERSION");
    } else if (!ref.ok()) {
      status = ref.status();
    } else {
      auto d = registry.Promote(ref->name, *ref->version, gate_);
      status = d.status();
      if (d.ok()) {
        std::printf("%s v%lld is champion (%s); serving processes swap it in\n", ref->name.c_str(),
                    static_cast<long long>(*ref->version), d->reason.c_str());
      }
    }
  } else if (*drift_) {
    status = CheckDrift(*settings, s, name_, days_);
  } else if (*online_) {
    status = PrintOnline(s, days_);
  } else if (*rollback_) {
    auto back = registry.Rollback(name_, {});
    status = back.status();
    if (back.ok()) {
      std::printf("%s: champion is v%lld again; serving processes swap it in\n", name_.c_str(),
                  static_cast<long long>(*back));
    }
  }
  return status.ok() ? 0 : Fail(status);
}

}  // namespace meridian::cli
