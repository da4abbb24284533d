// The admin dashboard of the ML lifecycle (issue 8): every model's champion and challenger,
// the versions this process serves, each version's metrics and data, the alias history,
// the scam model's shadow scoring and the newest drift checks, with uPlot charts of the
// metrics by version and of drift by check (web/model_charts.h, /static/models.js). Promote
// and rollback are CSRF-checked POST forms that go through the registry's gate.
#include <algorithm>
#include <map>

#include "base/slug.h"
#include "base/strings.h"
#include "engine/mlops/drift.h"
#include "engine/mlops/registry.h"
#include "platform/lifecycle/model_overview.h"
#include "web/format.h"
#include "web/forms.h"
#include "web/model_charts.h"
#include "web/pages.h"

namespace meridian::web {
namespace {

constexpr char kPath[] = "/admin/models";

// What the page says above the models after a promote or a rollback.
struct Notice {
  std::string text;
  bool error = false;
  int status = 200;
};

// "2026-07-01 10:00:00 UTC".
std::string DateTime(UnixSeconds t) {
  std::string s = FormatRfc3339(t);
  if (s.size() == 20 && s[10] == 'T' && s[19] == 'Z')
    return s.substr(0, 10) + " " + s.substr(11, 8) + " UTC";
  return s;
}

std::string Label(std::optional<int64_t> version) {
  return version ? "v" + std::to_string(*version) : std::string("none");
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

// "jobs 300, labels 120" from the data_counts JSON object.
std::string DataCounts(const ModelVersion& v) {
  std::vector<std::string> parts;
  for (const auto& [table, n] : mlops::ParseMetrics(v.data_counts)) {
    parts.push_back(table + " " + std::to_string(static_cast<int64_t>(n)));
  }
  return parts.empty() ? std::string("-") : Join(parts, ", ");
}

Site::Data VersionRow(const ModelOverview& m, const ModelVersion& v, const std::string& csrf) {
  std::map<std::string, double> metrics = mlops::ParseMetrics(v.metrics);
  Site::Data row;
  row.set("name", m.name);
  row.set("version", std::to_string(v.version));
  row.set("created", DateTime(v.created_at));
  row.set("status", v.status);
  row.set("rolled_back", v.status == "rolled_back");
  row.set("aliases", Opt(Join(AliasesOf(m, v.version), ", ")));
  row.set("is_champion", m.champion == v.version);
  std::string gate = "-";
  if (auto it = metrics.find(v.primary_metric); it != metrics.end()) {
    gate = it->first + " " + mlops::FormatMetric(it->second) + " (" +
           (v.higher_is_better ? "higher" : "lower") + " is better)";
    metrics.erase(it);
  }
  row.set("gate", gate);
  std::vector<std::string> others;
  for (const auto& [k, x] : metrics) others.push_back(k + " " + mlops::FormatMetric(x));
  row.set("metrics", others.empty() ? std::string("-") : Join(others, ", "));
  row.set("data", DataCounts(v) + " (change " + std::to_string(v.data_seq) + ")");
  row.set("sha", v.sha256.substr(0, 12));
  row.set("csrf", csrf);
  return row;
}

Site::List HistoryRows(const ModelOverview& m) {
  Site::List rows;
  for (auto it = m.moves.rbegin(); it != m.moves.rend(); ++it) {
    Site::Data row;
    row.set("at", DateTime(it->at));
    row.set("alias", it->alias);
    row.set("from", Label(it->from_version));
    row.set("to", Label(it->to_version));
    row.set("actor", it->actor);
    row.set("reason", it->reason);
    rows.push_back(row);
  }
  return rows;
}

Site::Data ServedData(const ServedModel& s) {
  Site::Data d;
  d.set("serving", s.version ? "v" + std::to_string(s.version) : std::string("nothing"));
  d.set("seen_champion", s.champion ? "v" + std::to_string(s.champion) : std::string("none"));
  d.set("pending", s.champion != s.version);
  d.set("shadowing", Opt(s.shadowing ? "v" + std::to_string(s.shadowing) : std::string()));
  d.set("swapped", Opt(s.swapped_at ? DateTime(s.swapped_at) : std::string()));
  d.set("last_error", Opt(s.last_error));
  return d;
}

Site::Data ShadowData(const ShadowStats& st) {
  const double n = static_cast<double>(std::max<int64_t>(st.posts, 1));
  Site::Data d;
  d.set("version", st.version);
  d.set("posts", std::to_string(st.posts));
  d.set("agreement",
        st.posts ? FormatFixed(100.0 * static_cast<double>(st.agreements) / n, 1) + "%" : "-");
  d.set("challenger_flags", std::to_string(st.challenger_flags));
  d.set("champion_flags", std::to_string(st.champion_flags));
  d.set("score_diff", st.posts ? FormatFixed(st.abs_score_diff_sum / n, 4) : "-");
  return d;
}

Site::Data DriftData(const StoredDriftCheck& check) {
  Site::Data d;
  d.set("at", DateTime(check.at));
  d.set("version", "v" + std::to_string(check.version));
  Site::List rows;
  for (const DriftRecord& r : check.columns) {
    Site::Data row;
    row.set("feature", r.feature);
    row.set("statistic", r.statistic);
    row.set("score", mlops::FormatMetric(r.value));
    row.set("threshold", mlops::FormatMetric(r.threshold));
    row.set("drifted", r.drifted);
    row.set("psi", r.psi ? FormatFixed(*r.psi, 3) : std::string("-"));
    row.set("psi_band",
            r.psi ? std::string(mlops::PsiBandName(mlops::PsiBandOf(*r.psi))) : std::string("-"));
    rows.push_back(row);
  }
  d.set("columns", rows);
  if (const auto& ds = check.dataset) {
    d.set("rows", std::to_string(ds->rows));
    d.set("window", HumanDate(ds->window_from) + " to " + HumanDate(ds->window_to));
    d.set("share", FormatFixed(100 * ds->value, 0) + "%");
    d.set("dataset_drifted", ds->drifted);
    d.set("has_dataset", true);
  } else {
    d.set("has_dataset", false);
  }
  return d;
}

Site::List ChartList(const std::vector<ChartRef>& refs) {
  Site::List out;
  for (const ChartRef& r : refs) {
    Site::Data d;
    d.set("id", r.id);
    d.set("caption", r.caption);
    out.push_back(d);
  }
  return out;
}

Site::Data ModelData(const Site& site, const ModelOverview& m, const std::string& csrf,
                     Json* charts) {
  std::vector<StoredDriftCheck> checks = GroupDriftChecks(m.drift);
  ModelChartRefs refs = AddModelCharts(m, checks, charts);
  Site::Data d;
  d.set("name", m.name);
  d.set("anchor", "model-" + ChartIdPart(m.name));
  d.set("champion", Label(m.champion));
  d.set("challenger", Label(m.challenger));
  d.set("has_champion", m.champion.has_value());
  d.set("csrf", csrf);
  d.set("served", m.served ? ServedData(*m.served) : Site::Data(false));
  Site::List versions;
  for (auto it = m.versions.rbegin(); it != m.versions.rend(); ++it) {
    versions.push_back(VersionRow(m, *it, csrf));
  }
  d.set("versions", versions);
  d.set("has_versions", !versions.empty());
  Site::List history = HistoryRows(m);
  d.set("history", history);
  d.set("has_history", !history.empty());
  d.set("metric_charts", ChartList(refs.metrics));
  d.set("drift_charts", ChartList(refs.drift));
  d.set("drift", checks.empty() ? Site::Data(false) : DriftData(checks.back()));
  d.set("shadow", false);
  if (site.ctx().trust != nullptr) {
    const TrustStatus st = site.ctx().trust->status();
    if (m.name == "scam" && st.scam_shadow) {
      Site::Data s = ShadowData(*st.scam_shadow);
      s.set("flags_label", "flags");
      s.set("diff_label", "mean score difference");
      d.set("shadow", s);
    } else if (m.name == "salary" && st.salary_shadow) {
      Site::Data s = ShadowData(*st.salary_shadow);
      s.set("flags_label", "employer salaries outside the P10-P90 band");
      s.set("diff_label", "mean |log10 ratio| of the medians");
      d.set("shadow", s);
    }
  }
  return d;
}

http::Response Dashboard(const Site& site, const http::Request& req, const AccountRequest& ar,
                         const Notice& notice) {
  StatusOr<std::vector<ModelOverview>> models =
      ListModelOverviews(site.store(), site.ctx().models, {.now = site.Now()});
  if (!models.ok()) return site.Error(req, models.status());
  Json charts = Json::array();
  Site::List list;
  for (const ModelOverview& m : *models)
    list.push_back(ModelData(site, m, ar.who.csrf_token, &charts));
  Site::Data d;
  d.set("models", list);
  d.set("empty", list.empty());
  d.set("charts_json", ScriptSafeJson({{"charts", charts}}));
  d.set("notice", Opt(notice.error ? std::string() : notice.text));
  d.set("refusal", Opt(notice.error ? notice.text : std::string()));
  return NoStore(site.Page(req,
                           {.title = "Models",
                            .path = kPath,
                            .noindex = true,
                            .model_charts = true,
                            .status = notice.status,
                            .who = &ar.who},
                           "models", d));
}

// The notice of a redirect after an action: ?model=scam&champion=3 (promote or rollback).
Notice DoneNotice(const http::Request& req) {
  const std::string model = req.Query("model").value_or("");
  const std::optional<int64_t> champion = ParseInt(req.Query("champion").value_or(""));
  if (!ValidateSlug(model).ok() || !champion) return {};
  const std::string action = req.Query("done").value_or("") == "rollback" ? "Rolled back: " : "";
  return {.text = action + model + " v" + std::to_string(*champion) +
                  " is the champion now; serving processes swap it in within a second."};
}

http::Response Show(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenAdminRequest(site, req, {}, &ar)) return *refused;
  return Dashboard(site, req, ar, DoneNotice(req));
}

// The one place a refused action becomes a response: the registry's own message on the
// page (the gate, nothing to roll back, no such version) with a 4xx; anything else is the
// error page.
http::Response Refused(const Site& site, const http::Request& req, const AccountRequest& ar,
                       const Status& status) {
  int code = 0;
  switch (status.code()) {
    case StatusCode::kFailedPrecondition:
      code = 409;
      break;
    case StatusCode::kNotFound:
      code = 404;
      break;
    case StatusCode::kInvalidArgument:
      code = 400;
      break;
    default:
      return site.Error(req, status);
  }
  return Dashboard(site, req, ar, {.text = status.message(), .error = true, .status = code});
}

std::string Actor(const Principal& who) {
  return who.email.empty() ? std::string("admin") : "admin:" + who.email;
}

std::string DoneLocation(const std::string& name, int64_t champion, std::string_view done) {
  return std::string(kPath) +
         QueryString({{"done", std::string(done)},
                      {"model", name},
                      {"champion", std::to_string(champion)}}) +
         "#model-" + ChartIdPart(name);
}

http::Response Promote(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenAdminRequest(site, req, {.post = true}, &ar)) return *refused;
  const std::string name = req.Param("name");
  if (!ValidateSlug(name).ok()) return site.NotFound(req);
  std::optional<int64_t> version = ParseInt(ar.form.Get("version"));
  if (!version || *version < 1) {
    return Refused(site, req, ar, InvalidArgumentError("version: choose a version to promote"));
  }
  mlops::GateOptions gate{.force = !ar.form.Get("force").empty(), .actor = Actor(ar.who)};
  mlops::ModelRegistry registry(site.store(), *site.ctx().clock);
  StatusOr<mlops::GateDecision> d = registry.Promote(name, *version, gate);
  if (!d.ok()) return Refused(site, req, ar, d.status());
  return SeeOther(DoneLocation(name, *version, "promote"));
}

http::Response Rollback(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenAdminRequest(site, req, {.post = true}, &ar)) return *refused;
  const std::string name = req.Param("name");
  if (!ValidateSlug(name).ok()) return site.NotFound(req);
  mlops::ModelRegistry registry(site.store(), *site.ctx().clock);
  StatusOr<int64_t> back = registry.Rollback(name, {.actor = Actor(ar.who)});
  if (!back.ok()) return Refused(site, req, ar, back.status());
  return SeeOther(DoneLocation(name, *back, "rollback"));
}

}  // namespace

void RegisterModelPages(http::Router& router, std::shared_ptr<const Site> site) {
  using http::Method;
  router.Add(Method::kGet, kPath, [site](http::Request& r) { return Show(*site, r); });
  router.Add(Method::kPost, "/admin/models/{name}/promote",
             [site](http::Request& r) { return Promote(*site, r); });
  router.Add(Method::kPost, "/admin/models/{name}/rollback",
             [site](http::Request& r) { return Rollback(*site, r); });
}

}  // namespace meridian::web
