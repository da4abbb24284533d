#include "web/model_charts.h"

#include <cmath>
#include <map>
#include <set>

#include "engine/mlops/registry.h"

namespace meridian::web {
namespace {

Json Number(double v) {
  return std::isfinite(v) ? Json(v) : Json(nullptr);
}

// The metrics of every version, the gate metric on the left axis and the others on the
// right (they are often on another scale: counts, dollars).
Json MetricsChart(const ModelOverview& model, const std::string& id, std::string* caption) {
  Json x = Json::array();
  std::map<std::string, Json> values;  // metric -> one value per version
  std::string gate;
  for (const ModelVersion& v : model.versions) {
    if (!v.primary_metric.empty()) gate = v.primary_metric;  // the newest version's
  }
  std::vector<std::map<std::string, double>> parsed;
  std::set<std::string> names;
  for (const ModelVersion& v : model.versions) {
    x.push_back(v.version);
    parsed.push_back(mlops::ParseMetrics(v.metrics));
    for (const auto& [k, _] : parsed.back()) names.insert(k);
  }
  for (const std::string& name : names) {
    Json column = Json::array();
    for (const auto& m : parsed) {
      auto it = m.find(name);
      column.push_back(it == m.end() ? Json(nullptr) : Number(it->second));
    }
    values[name] = std::move(column);
  }
  Json series = Json::array();
  if (auto it = values.find(gate); it != values.end()) {
    series.push_back({{"label", gate + " (gate)"}, {"values", it->second}, {"axis", "left"}});
  }
  for (const auto& [name, column] : values) {
    if (name == gate) continue;
    series.push_back({{"label", name}, {"values", column}, {"axis", "right"}});
  }
  *caption = model.name + ": " +
             (gate.empty() ? std::string("metrics") : gate + " (the gate's metric, left axis)") +
             " by version" + (values.size() > 1 ? "; the other metrics on the right axis" : "");
  return {
      {"id", id},         {"x_kind", "version"},    {"x", x},
      {"series", series}, {"lines", Json::array()}, {"y_label", gate.empty() ? "metric" : gate}};
}

bool IsPValue(const std::string& statistic) {
  return statistic == "ks" || statistic == "z" || statistic == "chisquare";
}

}  // namespace

std::string ChartIdPart(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    out += keep ? c : '-';
  }
  return out;
}

ModelChartRefs AddModelCharts(const ModelOverview& model,
                              const std::vector<StoredDriftCheck>& checks, Json* charts) {
  ModelChartRefs refs;
  const std::string base = "chart-" + ChartIdPart(model.name);
  if (!model.versions.empty()) {
    ChartRef ref{.id = base + "-metrics", .caption = ""};
    charts->push_back(MetricsChart(model, ref.id, &ref.caption));
    refs.metrics.push_back(std::move(ref));
  }
  // One chart per kind of score: p-values (drift below the threshold) and distances (drift at
  // or above it) do not share an axis. The threshold is the newest row's of that kind.
  struct Group {
    std::map<std::string, std::map<size_t, double>> columns;  // feature -> check -> score
    double threshold = 0;
  };
  std::map<bool, Group> groups;  // keyed by IsPValue
  for (size_t i = 0; i < checks.size(); ++i) {
    for (const DriftRecord& r : checks[i].columns) {
      Group& g = groups[IsPValue(r.statistic)];
      g.columns[r.feature][i] = r.value;
      g.threshold = r.threshold;
    }
  }
  for (const auto& [p_value, group] : groups) {
    Json x = Json::array();
    std::vector<size_t> used;  // the checks with a column of this kind
    for (size_t i = 0; i < checks.size(); ++i) {
      for (const auto& [feature, by_check] : group.columns) {
        if (by_check.count(i)) {
          used.push_back(i);
          break;
        }
      }
    }
    for (size_t i : used) x.push_back(checks[i].at);
    Json series = Json::array();
    for (const auto& [feature, by_check] : group.columns) {
      Json column = Json::array();
      for (size_t i : used) {
        auto it = by_check.find(i);
        column.push_back(it == by_check.end() ? Json(nullptr) : Number(it->second));
      }
      series.push_back({{"label", feature}, {"values", column}, {"axis", "left"}});
    }
    const std::string threshold = mlops::FormatMetric(group.threshold);
    ChartRef ref{.id = base + (p_value ? "-drift-p" : "-drift-distance"),
                 .caption = model.name + ": " +
                            (p_value ? "p-value of each column's test by check (drift below " +
                                           threshold + ", the dashed line)"
                                     : "distance of each column by check (drift at or above " +
                                           threshold + ", the dashed line)")};
    charts->push_back(
        {{"id", ref.id},
         {"x_kind", "time"},
         {"x", x},
         {"series", series},
         {"lines", Json::array({{{"label", "threshold"}, {"value", group.threshold}}})},
         {"y_label", p_value ? "p-value" : "distance"}});
    refs.drift.push_back(std::move(ref));
  }
  return refs;
}

}  // namespace meridian::web
