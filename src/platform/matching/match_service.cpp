#include "platform/matching/match_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>
#include <unordered_map>

#include "base/strings.h"
#include "engine/search/search_service.h"
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

UnixSeconds NowOr(UnixSeconds at) {
  if (at != 0) return at;
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

// The text kinds, made together from one model; replaced whole, never changed in place.
struct MatchService::TextKinds {
  std::shared_ptr<const EmbeddingModel> model;
  std::unique_ptr<VectorService> jobs, talent, articles, companies;
  std::vector<VectorService*> all() const {
    return {jobs.get(), talent.get(), articles.get(), companies.get()};
  }
};

bool LiveAt(const JobFacts& j, UnixSeconds at) {
  return j.status == "live" && (!j.valid_through || *j.valid_through >= at);
}

std::optional<JobContent> MatchService::Job(const std::string& slug,
                                            std::vector<float>* vector) const {
  auto text = Text();
  if (!text.ok()) return std::nullopt;
  auto hit = (*text)->jobs->Lookup(slug, vector);
  if (!hit) return std::nullopt;
  return JobContent{slug, 1, std::static_pointer_cast<const JobFacts>(hit->facts)};
}

std::vector<float> MatchService::TalentVector(const std::string& slug) const {
  std::vector<float> v;
  auto text = Text();
  if (text.ok()) (*text)->talent->Lookup(slug, &v);
  return v;
}

StatusOr<std::vector<JobContent>> MatchService::NearestLiveJobs(
    std::span<const float> vector, size_t k, UnixSeconds at,
    const std::function<bool(const JobFacts&)>& keep) const {
  ASSIGN_OR_RETURN(auto text, Text());
  // Most jobs are live, so an unfiltered graph search for twice as many, filtered after,
  // is much cheaper than a filtered search (which scans every job exactly when fewer than
  // 30,000 pass); it may return fewer than k.
  auto hits = text->jobs->Search(vector, {.k = 2 * k});
  std::vector<JobContent> out;
  out.reserve(k);
  for (VectorMatch& h : hits) {
    if (out.size() >= k) break;
    auto facts = std::static_pointer_cast<const JobFacts>(h.facts);
    if (!LiveAt(*facts, at) || (keep && !keep(*facts))) continue;
    out.push_back({std::move(h.key), h.score, std::move(facts)});
  }
  return out;
}

std::string ItemPath(const MatchItem& item) {
  if (item.kind == "job") return "/jobs/" + item.slug;
  if (item.kind == "talent") return "/talent/" + item.slug;
  if (item.kind == "article") return "/articles/" + item.slug;
  if (item.kind == "company") return "/companies/" + item.slug;
  return "/cities/" + item.slug;
}

MatchService::MatchService(StoreReader& store, MatchServiceOptions options)
    : store_(store), options_(std::move(options)) {}

MatchService::~MatchService() {
  Stop();
}

std::unique_ptr<VectorService> MatchService::MakeService(VectorSource source) const {
  VectorServiceOptions o{.index = options_.index};
  if (!options_.index_prefix.empty()) o.index_path = options_.index_prefix + ".vec." + source.kind;
  return std::make_unique<VectorService>(std::move(source), o);
}

StatusOr<std::shared_ptr<const EmbeddingModel>> MatchService::LoadOrTrainModel(
    std::string* report) {
  {
    std::lock_guard lock(text_mu_);
    if (installed_) {
      *report = "model " + installed_label_ + " (" + installed_->id() + ") from the registry";
      return installed_;
    }
  }
  if (!options_.model_path.empty()) {
    auto loaded = EmbeddingModel::Load(options_.model_path);
    if (loaded.ok()) {
      auto model = std::make_shared<const EmbeddingModel>(std::move(*loaded));
      *report = "model " + model->id() + " from " + options_.model_path;
      return model;
    }
    if (loaded.status().code() != StatusCode::kNotFound) {
      spdlog::warn("embeddings: training again: {}", loaded.status().message());
    }
  }
  auto start = std::chrono::steady_clock::now();
  auto trained = TrainEmbeddings(store_, options_.training, options_.min_training_docs);
  if (!trained.ok()) {
    if (trained.status().code() == StatusCode::kInvalidArgument) {
      *report = "no model (" + trained.status().message() + ")";
      return std::shared_ptr<const EmbeddingModel>();
    }
    return trained.status();
  }
  auto model = std::make_shared<const EmbeddingModel>(std::move(*trained));
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  *report = "model " + model->id() + " trained in " + std::to_string(s).substr(0, 4) + " s";
  if (!options_.model_path.empty()) {
    if (Status w = model->Save(options_.model_path); !w.ok()) {
      spdlog::warn("embeddings: {}", w.message());
    }
  }
  return model;
}

StatusOr<std::shared_ptr<MatchService::TextKinds>> MatchService::StartText(
    std::shared_ptr<const EmbeddingModel> model) {
  auto kinds = std::make_shared<TextKinds>();
  kinds->model = model;
  kinds->jobs = MakeService(JobVectorSource(store_, model));
  kinds->talent = MakeService(TalentVectorSource(store_, model));
  kinds->articles = MakeService(ArticleVectorSource(store_, model));
  kinds->companies = MakeService(CompanyVectorSource(store_, model));
  for (VectorService* s : kinds->all()) RETURN_IF_ERROR(s->Start());
  return kinds;
}

Status MatchService::Start() {
  std::string report;
  ASSIGN_OR_RETURN(std::shared_ptr<const EmbeddingModel> model, LoadOrTrainModel(&report));
  std::shared_ptr<TextKinds> kinds;
  if (model) {
    ASSIGN_OR_RETURN(kinds, StartText(model));
  } else {
    spdlog::warn(
        "embeddings: {}; related items and matching wait for more to learn from (they "
        "start by themselves once enough has been written)",
        report);
  }
  std::shared_ptr<VectorService> cities = MakeService(CityVectorSource(store_));
  RETURN_IF_ERROR(cities->Start());
  std::vector<Change> early;
  {
    std::lock_guard lock(text_mu_);
    cities_ = cities;
    text_ = kinds;
    model_report_ = report;
    started_ = true;
    early.swap(early_);
    if (!kinds) buffered_.insert(buffered_.end(), early.begin(), early.end());
    // A model installed while this one was loading.
    if (installed_ && !stopping_) ScheduleSwapLocked();
  }
  // Changes that arrived while the indexes were being built may postdate their scans.
  cities->Apply(early);
  if (kinds) {
    for (VectorService* s : kinds->all()) s->Apply(early);
  }
  return OkStatus();
}

void MatchService::StartInBackground() {
  start_thread_ = std::thread([this] {
    if (Status s = Start(); !s.ok()) {
      spdlog::error("recommendations are off: {}", s.ToString());
    } else {
      spdlog::info("recommendations: {}", start_report());
    }
  });
}

void MatchService::Stop() {
  if (start_thread_.joinable()) start_thread_.join();  // a first build is not interruptible
  std::thread bootstrap, swap;
  std::shared_ptr<TextKinds> kinds;
  std::shared_ptr<VectorService> cities;
  {
    std::lock_guard lock(text_mu_);
    stopping_ = true;
    bootstrap = std::move(bootstrap_);
    swap = std::move(swap_thread_);
  }
  stop_cv_.notify_all();
  if (bootstrap.joinable()) bootstrap.join();
  if (swap.joinable()) swap.join();  // nor is a swap's build
  {
    std::lock_guard lock(text_mu_);
    kinds = text_;
    cities = cities_;
  }
  if (kinds) {
    for (VectorService* s : kinds->all()) s->Stop();
  }
  if (cities) cities->Stop();
}

void MatchService::Apply(const std::vector<Change>& changes) {
  std::shared_ptr<TextKinds> kinds;
  std::shared_ptr<VectorService> cities;
  {
    std::lock_guard lock(text_mu_);
    if (!started_) {  // Start replays them once its indexes are built
      early_.insert(early_.end(), changes.begin(), changes.end());
      return;
    }
    kinds = text_;
    cities = cities_;
    if (swapping_) swap_buffer_.insert(swap_buffer_.end(), changes.begin(), changes.end());
    if (!kinds && !swapping_) {
      // No model yet: keep the changes for the indexes a later model starts, and try to
      // train now and then as the store fills.
      buffered_.insert(buffered_.end(), changes.begin(), changes.end());
      auto now = std::chrono::steady_clock::now();
      if (!bootstrapping_ && !stopping_ && now - last_try_ >= options_.retrain_interval) {
        bootstrapping_ = true;
        last_try_ = now;
        if (bootstrap_.joinable()) bootstrap_.join();  // the last attempt has finished
        bootstrap_ = std::thread([this] { Bootstrap(); });
      }
    }
  }
  if (cities) cities->Apply(changes);
  if (kinds) {
    for (VectorService* s : kinds->all()) s->Apply(changes);
  }
}

void MatchService::Bootstrap() {
  while (true) {
    size_t seen;
    {
      std::lock_guard lock(text_mu_);
      seen = buffered_.size();
    }
    std::string report;
    auto model = LoadOrTrainModel(&report);
    StatusOr<std::shared_ptr<TextKinds>> kinds = std::shared_ptr<TextKinds>();
    if (model.ok() && *model) kinds = StartText(*model);
    if (!model.ok()) spdlog::warn("embeddings: {}", model.status().message());
    if (!kinds.ok()) spdlog::warn("embeddings: {}", kinds.status().message());
    std::vector<Change> pending;
    {
      std::unique_lock lock(text_mu_);
      if (model.ok() && *model && kinds.ok() && !stopping_) {
        text_ = *kinds;
        model_report_ = report;
        pending.swap(buffered_);
        bootstrapping_ = false;
      } else {
        // Not enough yet. When more was written meanwhile, wait a while and try again;
        // otherwise the next write starts the next attempt.
        stop_cv_.wait_for(lock, options_.retrain_interval, [&] { return stopping_; });
        if (stopping_ || buffered_.size() == seen) {
          bootstrapping_ = false;
          last_try_ = std::chrono::steady_clock::now();
          return;
        }
        continue;
      }
    }
    spdlog::info("recommendations: {}", report);
    // Changes seen while there was no model may postdate the indexes' first scan.
    for (VectorService* s : (*kinds)->all()) s->Apply(pending);
    return;
  }
}

void MatchService::InstallModel(std::shared_ptr<const EmbeddingModel> model, std::string label) {
  std::lock_guard lock(text_mu_);
  installed_ = std::move(model);
  installed_label_ = std::move(label);
  if (started_ && !stopping_) ScheduleSwapLocked();  // before: Start takes it
}

std::string MatchService::model_label() const {
  std::lock_guard lock(text_mu_);
  return installed_label_;
}

void MatchService::ScheduleSwapLocked() {
  if (swapping_ || !installed_ || (text_ && text_->model == installed_)) return;
  swapping_ = true;
  swap_buffer_.clear();
  if (swap_thread_.joinable()) swap_thread_.join();  // the last swap has finished
  swap_thread_ = std::thread([this] { SwapLoop(); });
}

void MatchService::SwapLoop() {
  while (true) {
    std::shared_ptr<const EmbeddingModel> want;
    std::string label;
    {
      std::lock_guard lock(text_mu_);
      if (stopping_ || !installed_ || (text_ && text_->model == installed_)) {
        swapping_ = false;
        return;
      }
      want = installed_;
      label = installed_label_;
      swap_buffer_.clear();  // the new indexes scan the store after this
    }
    auto start = std::chrono::steady_clock::now();
    auto kinds = StartText(want);
    if (!kinds.ok()) {
      spdlog::error("embeddings: {} not served, the previous model still is: {}", label,
                    kinds.status().message());
      std::lock_guard lock(text_mu_);
      swapping_ = false;
      return;
    }
    std::shared_ptr<TextKinds> old;
    std::vector<Change> pending;
    {
      std::lock_guard lock(text_mu_);
      old = std::move(text_);
      if (old) {
        for (VectorService* v : old->all()) generation_base_ += v->generation() + 1;
      }
      text_ = *kinds;
      model_report_ = "model " + label + " (" + want->id() + ") from the registry";
      pending.swap(swap_buffer_);
      buffered_.clear();  // a bootstrap's changes: the new indexes scanned after them
    }
    // Changes that arrived during the build may postdate its scans.
    for (VectorService* v : (*kinds)->all()) v->Apply(pending);
    if (old) {
      for (VectorService* v : old->all()) v->Retire();
    }
    spdlog::info("embeddings: serving {} ({}); indexes built in {:.1f} s", label, want->id(),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
}

std::shared_ptr<const EmbeddingModel> MatchService::model() const {
  std::lock_guard lock(text_mu_);
  return text_ ? text_->model : nullptr;
}

std::string MatchService::model_id() const {
  std::lock_guard lock(text_mu_);
  return text_ ? text_->model->id() : "";
}

std::string MatchService::start_report() const {
  std::lock_guard lock(text_mu_);
  std::string out = model_report_;
  if (text_) {
    for (VectorService* s : text_->all()) out += "; " + s->kind() + " from " + s->start_report();
  }
  if (cities_) out += "; cities from " + cities_->start_report();
  return out;
}

uint64_t MatchService::generation() const {
  std::lock_guard lock(text_mu_);
  uint64_t g = generation_base_ + (cities_ ? cities_->generation() : 0);
  if (text_) {
    for (VectorService* s : text_->all()) g += s->generation();
  }
  return g;
}

std::vector<std::pair<std::string, VerifyStats>> MatchService::verify_stats() const {
  std::lock_guard lock(text_mu_);
  std::vector<std::pair<std::string, VerifyStats>> out;
  if (text_) {
    for (VectorService* s : text_->all()) out.emplace_back(s->kind(), s->verify_stats());
  }
  if (cities_) out.emplace_back(cities_->kind(), cities_->verify_stats());
  return out;
}

std::shared_ptr<const VectorService> MatchService::Cities() const {
  std::lock_guard lock(text_mu_);
  return cities_;
}

StatusOr<std::shared_ptr<const MatchService::TextKinds>> MatchService::Text() const {
  std::lock_guard lock(text_mu_);
  if (!started_) return UnavailableError("recommendations are starting: try again shortly");
  if (!text_) {
    return UnavailableError(
        "recommendations need a trained embedding model: there is not enough text yet, or run "
        "`meridian train embeddings`");
  }
  return std::shared_ptr<const TextKinds>(text_);
}

namespace {

// The common shape of every list: the vector and facts of `slug` in `from`, its nearest
// neighbours in `to` that `keep` accepts, turned into items by `make`, best score first.
template <typename From, typename To, typename Keep, typename Make>
StatusOr<std::vector<MatchItem>> Neighbours(const VectorService& from, const VectorService& to,
                                            const std::string& slug, const std::string& what,
                                            size_t candidates, size_t limit, Keep keep, Make make) {
  std::vector<float> v;
  auto self = from.Lookup(slug, &v);
  if (!self) return NotFoundError("no " + what + " " + slug);
  const From& a = As<From>(*self);
  auto filter = [&](const VectorEntry& e) { return keep(a, e.key, As<To>(e)); };
  std::vector<MatchItem> items;
  for (const VectorMatch& m : to.Search(v, {.k = candidates, .filter = filter})) {
    items.push_back(make(a, As<To>(m), m.score));
  }
  SortAndCut(&items, limit);
  return items;
}

bool HasSkill(const TalentFacts& t, const std::string& skill) {
  return std::any_of(t.skills.begin(), t.skills.end(),
                     [&](const TalentSkill& s) { return s.name == skill; });
}

}  // namespace

size_t MatchService::Candidates(const MatchQuery& q) const {
  return q.limit * options_.config.candidates_per_result;
}

StatusOr<std::vector<MatchItem>> MatchService::SimilarJobs(const std::string& slug,
                                                           const MatchQuery& q) const {
  ASSIGN_OR_RETURN(auto text, Text());
  UnixSeconds at = NowOr(q.at);
  return Neighbours<JobFacts, JobFacts>(
      *text->jobs, *text->jobs, slug, "job", Candidates(q), q.limit,
      [&](const JobFacts&, const std::string& key, const JobFacts& j) {
        return key != slug && LiveAt(j, at) && (q.tag.empty() || Has(j.tags, q.tag)) &&
               (q.seniority.empty() || j.seniority == q.seniority) &&
               (q.country.empty() || OpenTo(j.eligible_areas, q.country)) &&
               (!q.salary_min_usd || (j.salary_max_usd && *j.salary_max_usd >= *q.salary_min_usd));
      },
      [&](const JobFacts& a, const JobFacts& j, float score) {
        return MatchItem{"job",   j.slug,
                         j.title, j.company_name,
                         score,   ExplainSimilar(score, a.tags, j.tags, options_.config.similar)};
      });
}

StatusOr<std::vector<MatchItem>> MatchService::RelatedArticles(const std::string& slug,
                                                               const MatchQuery& q) const {
  ASSIGN_OR_RETURN(auto text, Text());
  return Neighbours<ArticleFacts, ArticleFacts>(
      *text->articles, *text->articles, slug, "article", Candidates(q), q.limit,
      [&](const ArticleFacts&, const std::string& key, const ArticleFacts& r) {
        return key != slug && (q.tag.empty() || Has(r.tags, q.tag));
      },
      [&](const ArticleFacts& a, const ArticleFacts& r, float score) {
        return MatchItem{"article", r.slug,
                         r.title,   r.summary,
                         score,     ExplainSimilar(score, a.tags, r.tags, options_.config.similar)};
      });
}

StatusOr<std::vector<MatchItem>> MatchService::ArticlesForJob(const std::string& slug,
                                                              const MatchQuery& q) const {
  ASSIGN_OR_RETURN(auto text, Text());
  return Neighbours<JobFacts, ArticleFacts>(
      *text->jobs, *text->articles, slug, "job", Candidates(q), q.limit,
      [&](const JobFacts&, const std::string&, const ArticleFacts& r) {
        return q.tag.empty() || Has(r.tags, q.tag);
      },
      [&](const JobFacts& j, const ArticleFacts& r, float score) {
        return MatchItem{"article", r.slug,
                         r.title,   r.summary,
                         score,     ExplainSimilar(score, j.tags, r.tags, options_.config.similar)};
      });
}

StatusOr<std::vector<MatchItem>> MatchService::ArticlesForCity(const std::string& slug,
                                                               const MatchQuery& q) const {
  ASSIGN_OR_RETURN(auto text, Text());
  std::shared_ptr<const VectorService> cities = Cities();
  auto city = cities ? cities->Lookup(slug, nullptr) : std::nullopt;
  if (!city) return NotFoundError("no city " + slug);
  const CityFacts& c = As<CityFacts>(*city);
  std::string place = c.name + ", " + AreaName(c.country);
  EmbeddingDoc doc;
  {
    std::lock_guard lock(analyzer_mu_);
    for (Token& t : query_analyzer_->Analyze(place)) doc.terms.push_back(std::move(t.term));
  }
  std::vector<float> v = text->model->Embed(doc);
  auto filter = [&](const VectorEntry& e) {
    return q.tag.empty() || Has(As<ArticleFacts>(e).tags, q.tag);
  };
  std::vector<MatchItem> items;
  for (const VectorMatch& m : text->articles->Search(v, {.k = Candidates(q), .filter = filter})) {
    if (m.score < options_.config.min_related_similarity) continue;
    const ArticleFacts& r = As<ArticleFacts>(m);
    MatchExplanation e;
    e.factors.push_back({"text", 1, m.score, m.score,
                         "Text " + std::to_string(static_cast<int>(std::lround(m.score * 100))) +
                             "% similar to \u201c" + place + "\u201d"});
    e.score = m.score;
    items.push_back({"article", r.slug, r.title, r.summary, m.score, std::move(e)});
  }
  SortAndCut(&items, q.limit);
  return items;
}

StatusOr<std::vector<MatchItem>> MatchService::SimilarCompanies(const std::string& slug,
                                                                const MatchQuery& q) const {
  ASSIGN_OR_RETURN(auto text, Text());
  return Neighbours<CompanyFacts, CompanyFacts>(
      *text->companies, *text->companies, slug, "company", Candidates(q), q.limit,
      [&](const CompanyFacts&, const std::string& key, const CompanyFacts& c) {
        return key != slug && (q.tag.empty() || Has(c.technologies, q.tag));
      },
      [&](const CompanyFacts& a, const CompanyFacts& c, float score) {
        return MatchItem{
            "company",
            c.slug,
            c.name,
            c.remote_policy,
            score,
            ExplainSimilar(score, a.technologies, c.technologies, options_.config.similar)};
      });
}

StatusOr<std::vector<MatchItem>> MatchService::SimilarCities(const std::string& slug,
                                                             const MatchQuery& q) const {
  std::shared_ptr<const VectorService> cities = Cities();
  if (!cities) return UnavailableError("recommendations are starting: try again shortly");
  // Every city's score is its explained feature similarity: no re-ranking, so exactly
  // `limit` candidates.
  return Neighbours<CityFacts, CityFacts>(
      *cities, *cities, slug, "city", q.limit, q.limit,
      [&](const CityFacts&, const std::string& key, const CityFacts& c) {
        return key != slug && (q.country.empty() || c.country == q.country);
      },
      [&](const CityFacts& a, const CityFacts& c, float score) {
        return MatchItem{"city", c.slug, c.name, AreaName(c.country), score, ExplainCities(a, c)};
      });
}

StatusOr<std::vector<MatchItem>> MatchService::JobsForTalent(const std::string& slug,
                                                             const MatchQuery& q) const {
  ASSIGN_OR_RETURN(auto text, Text());
  MatchOptions mo{
      .config = options_.config, .at = NowOr(q.at), .viewer = q.viewer.value_or(Viewer::kTalent)};
  // Eligibility and hours depend on a job's areas and window only: asked once per kind.
  std::unordered_map<std::string, bool> ok_by_place;
  return Neighbours<TalentFacts, JobFacts>(
      *text->talent, *text->jobs, slug, "public profile", Candidates(q), q.limit,
      [&](const TalentFacts& t, const std::string&, const JobFacts& j) {
        if (!LiveAt(j, mo.at) || (!q.tag.empty() && !Has(j.tags, q.tag)) ||
            (!q.seniority.empty() && j.seniority != q.seniority) ||
            (!q.country.empty() && !OpenTo(j.eligible_areas, q.country)) ||
            (q.salary_min_usd && (!j.salary_max_usd || *j.salary_max_usd < *q.salary_min_usd)) ||
            (t.salary_min_usd && j.salary_max_usd && *j.salary_max_usd < *t.salary_min_usd)) {
          return false;
        }
        auto [it, fresh] =
            ok_by_place.try_emplace(Join(j.eligible_areas, ",") + "#" + WindowKey(j.window));
        if (fresh) {
          JobFacts place{.eligible_areas = j.eligible_areas, .window = j.window};
          it->second = !Dealbreaker(place, t, mo).has_value();
        }
        return it->second;
      },
      [&](const TalentFacts& t, const JobFacts& j, float score) {
        return MatchItem{"job",          j.slug, j.title,
                         j.company_name, score,  ExplainMatch(j, t, score, mo)};
      });
}

StatusOr<std::vector<MatchItem>> MatchService::TalentForJob(const std::string& slug,
                                                            const MatchQuery& q) const {
  ASSIGN_OR_RETURN(auto text, Text());
  MatchOptions mo{
      .config = options_.config, .at = NowOr(q.at), .viewer = q.viewer.value_or(Viewer::kEmployer)};
  // Eligibility and hours depend on a profile's country, zone and hours only.
  std::unordered_map<std::string, bool> ok_by_place;
  return Neighbours<JobFacts, TalentFacts>(
      *text->jobs, *text->talent, slug, "job", Candidates(q), q.limit,
      [&](const JobFacts& j, const std::string&, const TalentFacts& t) {
        if ((!q.tag.empty() && !HasSkill(t, q.tag)) ||
            (!q.seniority.empty() && t.seniority != q.seniority) ||
            (!q.country.empty() && t.country != q.country) ||
            (t.salary_min_usd && j.salary_max_usd && *j.salary_max_usd < *t.salary_min_usd)) {
          return false;
        }
        auto [it, fresh] = ok_by_place.try_emplace(t.country + "#" + t.timezone + "#" +
                                                   std::to_string(t.work_start_minute) + "#" +
                                                   std::to_string(t.work_end_minute));
        if (fresh) {
          JobFacts place{.eligible_areas = j.eligible_areas, .window = j.window};
          it->second = !Dealbreaker(place, t, mo).has_value();
        }
        return it->second;
      },
      [&](const JobFacts& j, const TalentFacts& t, float score) {
        return MatchItem{"talent",   t.slug, t.name,
                         t.headline, score,  ExplainMatch(j, t, score, mo)};
      });
}

}  // namespace meridian
