// The charts of the admin model dashboard (/admin/models) as data: the page embeds them as
// JSON in <script type="application/json" id="model-charts"> and /static/models.js draws each
// with uPlot into the element of its id. No numbers are drawn on the server.
//
// JSON of one chart (what models.js reads):
//   {"id": "chart-scam-metrics", "x_kind": "version" | "time", "x": [1, 2],
//    "series": [{"label": "f1 (gate)", "values": [0.91, 0.93], "axis": "left" | "right"}],
//    "lines": [{"label": "threshold", "value": 0.05}], "y_label": "metric"}
// Values are numbers or null (a column missing from a check); x is ascending (versions, or
// Unix seconds for "time").
#pragma once

#include <string>
#include <vector>

#include "base/json.h"
#include "platform/lifecycle/model_overview.h"

namespace meridian::web {

struct ChartRef {
  std::string id;       // the element models.js draws into
  std::string caption;  // what the chart shows, for the page (and screen readers)
};

struct ModelChartRefs {
  std::vector<ChartRef> metrics;  // the gate metric and the other metrics by version
  std::vector<ChartRef> drift;    // drift score per column by check, one per kind of score
};

// Appends the charts of `model` to `charts` (a JSON array): one of its metrics by version when
// it has a version, and one per kind of drift score (p-values, distances) of `checks`.
ModelChartRefs AddModelCharts(const ModelOverview& model,
                              const std::vector<StoredDriftCheck>& checks, Json* charts);

// "scam" -> "scam", "a b/c" -> "a-b-c": a model name as part of an element id.
std::string ChartIdPart(const std::string& name);

}  // namespace meridian::web
