#include "platform/matching/match_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "platform/geo.h"
#include "platform/matching/knn_sources.h"

namespace meridian {

namespace {

template <typename T>
const T& As(const VectorEntry& e) {
  return *static_cast<const T*>(e.facts);
}

template <typename T>
const T& As(const VectorMatch& m) {
  return *static_cast<const T*>(m.facts.get());
}

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool OpenTo(const std::vector<std::string>& areas, const std::string& country) {
  return areas.empty() || std::any_of(areas.begin(), areas.end(), [&](const std::string& a) {
           return AreaContains(a, country);
         });
}

std::string WindowText(const std::optional<TimezoneWindow>& w) {
  if (!w) return "";
  return w->zone + "|" + std::to_string(w->start_minute) + "|" + std::to_string(w->end_minute) +
         "|" + std::to_string(w->utc_min_minutes.value_or(-9999)) + "|" +
         std::to_string(w->utc_max_minutes.value_or(-9999));
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += s + ",";
  return out;
}

// Best score first; equal scores by slug, so answers are stable.
void SortAndCut(std::vector<MatchItem>* items, size_t limit) {
  std::stable_sort(items->begin(), items->end(), [](const MatchItem& a, const MatchItem& b) {
    if (a.explanation.score != b.explanation.score) {
      return a.explanation.score > b.explanation.score;
    }
    return a.slug < b.slug;
  });
  if (items->size() > limit) items->resize(limit);
}

bool LiveAt(const JobFacts& j, UnixSeconds at) {
  return j.status == "live" && (!j.valid_through || *j.valid_through >= at);
}

UnixSeconds NowOr(UnixSeconds at) {
  if (at != 0) return at;
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

MatchService::MatchService(StoreReader& store, MatchServiceOptions options)
    : store_(store), options_(std::move(options)) {}

MatchService::~MatchService() {
  Stop();
}

Status MatchService::LoadOrTrainModel() {
  if (!options_.model_path.empty()) {
    auto loaded = EmbeddingModel::Load(options_.model_path);
    if (loaded.ok()) {
      model_ = std::make_shared<const EmbeddingModel>(std::move(*loaded));
      model_report_ = "model " + model_->id() + " from " + options_.model_path;
      return OkStatus();
    }
    if (loaded.status().code() != StatusCode::kNotFound) {
      spdlog::warn("embeddings: training again: {}", loaded.status().message());
    }
  }
  auto start = std::chrono::steady_clock::now();
  auto trained = TrainEmbeddings(store_, options_.training);
  if (!trained.ok()) {
    if (trained.status().code() == StatusCode::kInvalidArgument) {
      model_report_ = "no model (" + trained.status().message() + ")";
      spdlog::warn(
          "embeddings: nothing to train on yet ({}); related items and matching are "
          "unavailable until `meridian train embeddings` and a restart",
          trained.status().message());
      return OkStatus();
    }
    return trained.status();
  }
  model_ = std::make_shared<const EmbeddingModel>(std::move(*trained));
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  model_report_ = "model " + model_->id() + " trained in " + std::to_string(s).substr(0, 4) + " s";
  if (!options_.model_path.empty()) {
    if (Status w = model_->Save(options_.model_path); !w.ok()) {
      spdlog::warn("embeddings: {}", w.message());
    }
  }
  return OkStatus();
}

Status MatchService::Start() {
  RETURN_IF_ERROR(LoadOrTrainModel());
  auto make = [&](VectorSource source) {
    VectorServiceOptions o{.index = options_.index};
    if (!options_.index_prefix.empty()) {
      o.index_path = options_.index_prefix + ".vec." + source.kind;
    }
    return std::make_unique<VectorService>(std::move(source), o);
  };
  if (model_) {
    jobs_ = make(JobVectorSource(store_, model_));
    talent_ = make(TalentVectorSource(store_, model_));
    articles_ = make(ArticleVectorSource(store_, model_));
    companies_ = make(CompanyVectorSource(store_, model_));
  }
  cities_ = make(CityVectorSource(store_));
  for (auto* s : {&jobs_, &talent_, &articles_, &companies_, &cities_}) {
    if (*s) RETURN_IF_ERROR((*s)->Start());
  }
  return OkStatus();
}

void MatchService::Stop() {
  for (auto* s : {&jobs_, &talent_, &articles_, &companies_, &cities_}) {
    if (*s) (*s)->Stop();
  }
}

void MatchService::Apply(const std::vector<Change>& changes) {
  for (auto* s : {&jobs_, &talent_, &articles_, &companies_, &cities_}) {
    if (*s) (*s)->Apply(changes);
  }
}

std::string MatchService::model_id() const {
  return model_ ? model_->id() : "";
}

std::string MatchService::start_report() const {
  std::string out = model_report_;
  for (const auto* s : {&jobs_, &talent_, &articles_, &companies_, &cities_}) {
    if (*s) out += "; " + (*s)->kind() + " from " + (*s)->start_report();
  }
  return out;
}

uint64_t MatchService::generation() const {
  uint64_t g = 0;
  for (const auto* s : {&jobs_, &talent_, &articles_, &companies_, &cities_}) {
    if (*s) g += (*s)->generation();
  }
  return g;
}

std::vector<std::pair<std::string, VerifyStats>> MatchService::verify_stats() const {
  std::vector<std::pair<std::string, VerifyStats>> out;
  for (const auto* s : {&jobs_, &talent_, &articles_, &companies_, &cities_}) {
    if (*s) out.emplace_back((*s)->kind(), (*s)->verify_stats());
  }
  return out;
}

StatusOr<const VectorService*> MatchService::Text(const std::unique_ptr<VectorService>& s) const {
  if (!s) {
    return UnavailableError(
        "recommendations need a trained embedding model: run `meridian train embeddings`");
  }
  return s.get();
}

StatusOr<std::vector<MatchItem>> MatchService::SimilarJobs(const std::string& slug,
                                                           const MatchQuery& q) const {
  ASSIGN_OR_RETURN(const VectorService* jobs, Text(jobs_));
  std::vector<float> v;
  auto self = jobs->Lookup(slug, &v);
  if (!self) return NotFoundError("no job " + slug);
  const JobFacts& a = As<JobFacts>(*self);
  UnixSeconds at = NowOr(q.at);
  auto filter = [&](const VectorEntry& e) {
    const JobFacts& j = As<JobFacts>(e);
    return e.key != slug && LiveAt(j, at) && (q.tag.empty() || Has(j.tags, q.tag)) &&
           (q.seniority.empty() || j.seniority == q.seniority) &&
           (q.country.empty() || OpenTo(j.eligible_areas, q.country)) &&
           (!q.salary_min_usd || (j.salary_max_usd && *j.salary_max_usd >= *q.salary_min_usd));
  };
  std::vector<MatchItem> items;
  for (const VectorMatch& m :
       jobs->Search(v, {.k = q.limit * options_.config.candidates_per_result, .filter = filter})) {
    const JobFacts& j = As<JobFacts>(m);
    items.push_back({"job", j.slug, j.title, j.company_name, m.score,
                     ExplainSimilar(m.score, a.tags, j.tags, options_.config.similar)});
  }
  SortAndCut(&items, q.limit);
  return items;
}

StatusOr<std::vector<MatchItem>> MatchService::RelatedArticles(const std::string& slug,
                                                               const MatchQuery& q) const {
  ASSIGN_OR_RETURN(const VectorService* articles, Text(articles_));
  std::vector<float> v;
  auto self = articles->Lookup(slug, &v);
  if (!self) return NotFoundError("no article " + slug);
  const ArticleFacts& a = As<ArticleFacts>(*self);
  auto filter = [&](const VectorEntry& e) {
    return e.key != slug && (q.tag.empty() || Has(As<ArticleFacts>(e).tags, q.tag));
  };
  std::vector<MatchItem> items;
  for (const VectorMatch& m : articles->Search(
           v, {.k = q.limit * options_.config.candidates_per_result, .filter = filter})) {
    const ArticleFacts& r = As<ArticleFacts>(m);
    items.push_back({"article", r.slug, r.title, r.summary, m.score,
                     ExplainSimilar(m.score, a.tags, r.tags, options_.config.similar)});
  }
  SortAndCut(&items, q.limit);
  return items;
}

StatusOr<std::vector<MatchItem>> MatchService::ArticlesForJob(const std::string& slug,
                                                              const MatchQuery& q) const {
  ASSIGN_OR_RETURN(const VectorService* jobs, Text(jobs_));
  ASSIGN_OR_RETURN(const VectorService* articles, Text(articles_));
  std::vector<float> v;
  auto self = jobs->Lookup(slug, &v);
  if (!self) return NotFoundError("no job " + slug);
  const JobFacts& j = As<JobFacts>(*self);
  auto filter = [&](const VectorEntry& e) {
    return q.tag.empty() || Has(As<ArticleFacts>(e).tags, q.tag);
  };
  std::vector<MatchItem> items;
  for (const VectorMatch& m : articles->Search(
           v, {.k = q.limit * options_.config.candidates_per_result, .filter = filter})) {
    const ArticleFacts& r = As<ArticleFacts>(m);
    items.push_back({"article", r.slug, r.title, r.summary, m.score,
                     ExplainSimilar(m.score, j.tags, r.tags, options_.config.similar)});
  }
  SortAndCut(&items, q.limit);
  return items;
}

StatusOr<std::vector<MatchItem>> MatchService::SimilarCompanies(const std::string& slug,
                                                                const MatchQuery& q) const {
  ASSIGN_OR_RETURN(const VectorService* companies, Text(companies_));
  std::vector<float> v;
  auto self = companies->Lookup(slug, &v);
  if (!self) return NotFoundError("no company " + slug);
  const CompanyFacts& a = As<CompanyFacts>(*self);
  auto filter = [&](const VectorEntry& e) {
    return e.key != slug && (q.tag.empty() || Has(As<CompanyFacts>(e).technologies, q.tag));
  };
  std::vector<MatchItem> items;
  for (const VectorMatch& m : companies->Search(
           v, {.k = q.limit * options_.config.candidates_per_result, .filter = filter})) {
    const CompanyFacts& c = As<CompanyFacts>(m);
    items.push_back(
        {"company", c.slug, c.name, c.remote_policy, m.score,
         ExplainSimilar(m.score, a.technologies, c.technologies, options_.config.similar)});
  }
  SortAndCut(&items, q.limit);
  return items;
}

StatusOr<std::vector<MatchItem>> MatchService::SimilarCities(const std::string& slug,
                                                             const MatchQuery& q) const {
  std::vector<float> v;
  auto self = cities_ ? cities_->Lookup(slug, &v) : std::nullopt;
  if (!self) return NotFoundError("no city " + slug);
  const CityFacts& a = As<CityFacts>(*self);
  auto filter = [&](const VectorEntry& e) {
    return e.key != slug && (q.country.empty() || As<CityFacts>(e).country == q.country);
  };
  std::vector<MatchItem> items;
  for (const VectorMatch& m : cities_->Search(v, {.k = q.limit, .filter = filter})) {
    const CityFacts& c = As<CityFacts>(m);
    items.push_back({"city", c.slug, c.name, AreaName(c.country), m.score, ExplainCities(a, c)});
  }
  SortAndCut(&items, q.limit);
  return items;
}

StatusOr<std::vector<MatchItem>> MatchService::JobsForTalent(const std::string& slug,
                                                             const MatchQuery& q) const {
  ASSIGN_OR_RETURN(const VectorService* jobs, Text(jobs_));
  ASSIGN_OR_RETURN(const VectorService* talent, Text(talent_));
  std::vector<float> v;
  auto self = talent->Lookup(slug, &v);
  if (!self) return NotFoundError("no public profile " + slug);
  const TalentFacts& t = As<TalentFacts>(*self);
  MatchOptions mo{
      .config = options_.config, .at = NowOr(q.at), .viewer = q.viewer.value_or(Viewer::kTalent)};
  // Eligibility and hours depend on a job's areas and window only: asked once per kind.
  std::unordered_map<std::string, bool> ok_by_place;
  auto filter = [&](const VectorEntry& e) {
    const JobFacts& j = As<JobFacts>(e);
    if (!LiveAt(j, mo.at) || (!q.tag.empty() && !Has(j.tags, q.tag)) ||
        (!q.seniority.empty() && j.seniority != q.seniority) ||
        (!q.country.empty() && !OpenTo(j.eligible_areas, q.country)) ||
        (q.salary_min_usd && (!j.salary_max_usd || *j.salary_max_usd < *q.salary_min_usd)) ||
        (t.salary_min_usd && j.salary_max_usd && *j.salary_max_usd < *t.salary_min_usd)) {
      return false;
    }
    auto [it, fresh] = ok_by_place.try_emplace(Join(j.eligible_areas) + "#" + WindowText(j.window));
    if (fresh) {
      JobFacts place{.eligible_areas = j.eligible_areas, .window = j.window};
      it->second = !Dealbreaker(place, t, mo).has_value();
    }
    return it->second;
  };
  std::vector<MatchItem> items;
  for (const VectorMatch& m :
       jobs->Search(v, {.k = q.limit * options_.config.candidates_per_result, .filter = filter})) {
    const JobFacts& j = As<JobFacts>(m);
    items.push_back(
        {"job", j.slug, j.title, j.company_name, m.score, ExplainMatch(j, t, m.score, mo)});
  }
  SortAndCut(&items, q.limit);
  return items;
}

StatusOr<std::vector<MatchItem>> MatchService::TalentForJob(const std::string& slug,
                                                            const MatchQuery& q) const {
  ASSIGN_OR_RETURN(const VectorService* jobs, Text(jobs_));
  ASSIGN_OR_RETURN(const VectorService* talent, Text(talent_));
  std::vector<float> v;
  auto self = jobs->Lookup(slug, &v);
  if (!self) return NotFoundError("no job " + slug);
  const JobFacts& j = As<JobFacts>(*self);
  MatchOptions mo{
      .config = options_.config, .at = NowOr(q.at), .viewer = q.viewer.value_or(Viewer::kEmployer)};
  JobFacts place{.eligible_areas = j.eligible_areas, .window = j.window};
  std::unordered_map<std::string, bool> ok_by_place;
  auto filter = [&](const VectorEntry& e) {
    const TalentFacts& t = As<TalentFacts>(e);
    bool has_skill =
        q.tag.empty() || std::any_of(t.skills.begin(), t.skills.end(),
                                     [&](const TalentSkill& s) { return s.name == q.tag; });
    if (!has_skill || (!q.seniority.empty() && t.seniority != q.seniority) ||
        (!q.country.empty() && t.country != q.country) ||
        (t.salary_min_usd && j.salary_max_usd && *j.salary_max_usd < *t.salary_min_usd)) {
      return false;
    }
    auto [it, fresh] = ok_by_place.try_emplace(t.country + "#" + t.timezone + "#" +
                                               std::to_string(t.work_start_minute) + "#" +
                                               std::to_string(t.work_end_minute));
    if (fresh) it->second = !Dealbreaker(place, t, mo).has_value();
    return it->second;
  };
  std::vector<MatchItem> items;
  for (const VectorMatch& m : talent->Search(
           v, {.k = q.limit * options_.config.candidates_per_result, .filter = filter})) {
    const TalentFacts& t = As<TalentFacts>(m);
    items.push_back(
        {"talent", t.slug, t.name, t.headline, m.score, ExplainMatch(j, t, m.score, mo)});
  }
  SortAndCut(&items, q.limit);
  return items;
}

}  // namespace meridian
