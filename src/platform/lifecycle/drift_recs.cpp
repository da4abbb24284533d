#include "platform/lifecycle/drift_recs.h"

#include <mutex>
#include <unordered_map>

#include "platform/lifecycle/trainers.h"
#include "platform/recs/feed_service.h"

namespace meridian {

EventDriftFeatures RecommenderDriftFeatures(
    std::function<std::shared_ptr<const RecModel>()> model) {
  // Each item's place in the popularity order, computed once per model.
  struct Ranks {
    std::mutex mu;
    std::shared_ptr<const RecModel> of;
    std::vector<double> share;  // by item index
  };
  auto ranks = std::make_shared<Ranks>();
  return [ranks, model = std::move(model)](const FeedEvent& e) -> std::optional<DriftRow> {
    std::shared_ptr<const RecModel> m = model ? model() : nullptr;
    if (!m) return std::nullopt;
    DriftRow row;
    row.categorical["kind"] = e.kind;
    row.categorical["owner"] = e.owner.rfind("u:", 0) == 0 ? "account" : "visitor";
    row.numeric["hour_utc"] = static_cast<double>(((e.at % 86400) + 86400) % 86400 / 3600);
    double share = 1;
    if (std::optional<uint32_t> i = m->ItemIndex(e.item)) {
      std::lock_guard lock(ranks->mu);
      if (ranks->of != m) {
        const std::vector<uint32_t>& order = m->ByPopularity();
        ranks->share.assign(m->items(), 1.0);
        const double n = static_cast<double>(std::max<size_t>(order.size(), 1));
        for (size_t r = 0; r < order.size(); ++r) {
          if (order[r] < ranks->share.size()) ranks->share[order[r]] = static_cast<double>(r) / n;
        }
        ranks->of = m;
      }
      if (*i < ranks->share.size()) share = ranks->share[*i];
    }
    row.numeric["popularity_rank_share"] = share;
    return row;
  };
}

std::vector<DriftRow> RecommenderDriftRows(const std::vector<FeedEvent>& events,
                                           const EventDriftFeatures& f) {
  std::vector<DriftRow> rows;
  rows.reserve(events.size());
  for (const FeedEvent& e : events) {
    if (std::optional<DriftRow> r = f(e)) rows.push_back(std::move(*r));
  }
  return rows;
}

StatusOr<std::vector<FeedEvent>> FeedEventsIn(StoreReader& store, DriftWindow window) {
  ASSIGN_OR_RETURN(std::vector<FeedEvent> all, ReadFeedEvents(store));
  std::vector<FeedEvent> out;
  for (FeedEvent& e : all) {
    if (e.at >= window.from && e.at <= window.to) out.push_back(std::move(e));
  }
  return out;
}

MonitoredModel MonitoredRecommenders(std::function<std::shared_ptr<const RecModel>()> model) {
  EventDriftFeatures f = RecommenderDriftFeatures(std::move(model));
  return {.name = kRecommendersModelName,
          .window_rows = [f](Store& store, DriftWindow window) -> StatusOr<std::vector<DriftRow>> {
            ASSIGN_OR_RETURN(std::vector<FeedEvent> events, FeedEventsIn(store, window));
            return RecommenderDriftRows(events, f);
          }};
}

std::vector<MonitoredModel> MonitoredModels(
    const TrustService& trust, std::function<std::shared_ptr<const EmbeddingModel>()> embeddings,
    std::function<std::shared_ptr<const RecModel>()> recommenders) {
  std::vector<MonitoredModel> out = MonitoredTrustModels(trust);
  out.push_back(
      {.name = kEmbeddingsModelName, .features = EmbeddingsDriftFeatures(std::move(embeddings))});
  out.push_back(MonitoredRecommenders(std::move(recommenders)));
  return out;
}

}  // namespace meridian
