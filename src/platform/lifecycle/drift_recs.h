// The recommenders' drift columns (issue 8): they learn from job events, not jobs, so their
// reference and windows are events (drift_monitor.h compares the rows).
//
//   auto f = RecommenderDriftFeatures([&] { return feed.model(); });
//   ASSIGN_OR_RETURN(std::string ref, BuildDriftReference(RecommenderDriftRows(events, f)));
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "platform/lifecycle/drift_monitor.h"
#include "platform/recs/rec_model.h"

namespace meridian {

// Per job event: its kind and whose it is (account | visitor) as categorical inputs, the
// hour of the day (UTC) as a numeric input; as the output, the event's job's place in the
// model's popularity order as a share of its items (0 = the most popular; 1 = a job the
// model does not know: the cold-start share), by the model `model` returns (null: none).
using EventDriftFeatures = std::function<std::optional<DriftRow>(const FeedEvent&)>;
EventDriftFeatures RecommenderDriftFeatures(std::function<std::shared_ptr<const RecModel>()> model);

std::vector<DriftRow> RecommenderDriftRows(const std::vector<FeedEvent>& events,
                                           const EventDriftFeatures& f);

// The job events within the window (events of deleted jobs left out), for
// MonitoredModel::window_rows.
StatusOr<std::vector<FeedEvent>> FeedEventsIn(StoreReader& store, DriftWindow window);

// The recommenders as a MonitoredModel: their window is the job events in it.
MonitoredModel MonitoredRecommenders(std::function<std::shared_ptr<const RecModel>()> model);

// Every model whose drift is checked (serve's scheduler and `models drift` use this one
// list): the trust models as `trust` serves them, and the embeddings and recommenders
// that the getters return.
std::vector<MonitoredModel> MonitoredModels(
    const TrustService& trust, std::function<std::shared_ptr<const EmbeddingModel>()> embeddings,
    std::function<std::shared_ptr<const RecModel>()> recommenders);

}  // namespace meridian
