// The embeddings' drift columns (issue 8), beside the trust models' in drift_monitor.cpp.
#include <cmath>
#include <mutex>

#include "engine/text/analyzer.h"
#include "engine/vector/embedding_model.h"
#include "platform/lifecycle/drift_monitor.h"
#include "platform/matching/knn_sources.h"

namespace meridian {

DriftFeatures EmbeddingsDriftFeatures(
    std::function<std::shared_ptr<const EmbeddingModel>()> model) {
  // The analyzer keeps a cache: one caller at a time.
  struct Shared {
    std::mutex mu;
    Analyzer analyzer;
  };
  auto shared = std::make_shared<Shared>();
  return [shared, model = std::move(model)](const Job& job) -> std::optional<DriftRow> {
    if (job.status == "draft") return std::nullopt;
    std::shared_ptr<const EmbeddingModel> m = model ? model() : nullptr;
    if (!m) return std::nullopt;
    Job text_only;
    text_only.title = job.title;
    text_only.description = job.description;
    std::lock_guard lock(shared->mu);
    const EmbeddingDoc full = JobEmbeddingDoc(shared->analyzer, job);
    const EmbeddingDoc text = JobEmbeddingDoc(shared->analyzer, text_only);
    std::vector<float> a = m->Embed(full), b = m->Embed(text);
    double cosine = 0;
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) cosine += a[i] * b[i];
    DriftRow row;
    row.numeric["title_terms"] = static_cast<double>(shared->analyzer.Analyze(job.title).size());
    row.numeric["description_terms"] =
        static_cast<double>(shared->analyzer.Analyze(job.description).size());
    row.numeric["tags"] = static_cast<double>(job.tags.size());
    row.numeric["text_tags_cosine"] = cosine;
    row.categorical["first_tag"] = job.tags.empty() ? "(none)" : job.tags.front();
    row.categorical["seniority"] = job.seniority.empty() ? "(none)" : job.seniority;
    return row;
  };
}

}  // namespace meridian
