#include "platform/matching/knn_sources.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "platform/geo.h"
#include "platform/vocab.h"

namespace meridian {

namespace {

void AddTerms(Analyzer& analyzer, std::string_view text, int times, EmbeddingDoc* doc) {
  for (Token& t : analyzer.Analyze(text)) {
    for (int i = 1; i < times; ++i) doc->terms.push_back(t.term);
    doc->terms.push_back(std::move(t.term));
  }
}

void AddSkills(Analyzer& analyzer, const std::vector<std::string>& names, EmbeddingDoc* doc) {
  for (const std::string& name : names) {
    if (auto tag = NormalizeTag(name)) doc->skills.push_back(std::move(*tag));
    AddTerms(analyzer, name, 1, doc);
  }
}

std::vector<std::string> NormalizedTags(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& n : names) {
    if (auto t = NormalizeTag(n)) out.push_back(std::move(*t));
  }
  return out;
}

// A get: NotFound becomes "gone".
template <typename T, typename Fn>
StatusOr<std::optional<VectorItem>> ItemOrGone(StatusOr<T> record, Fn to_item) {
  if (record.ok()) return to_item(*record);
  if (record.status().code() == StatusCode::kNotFound) return std::optional<VectorItem>();
  return record.status();
}

// Every source reads the same change log.
void FollowStore(StoreReader& store, VectorSource* s) {
  s->head_seq = [&store]() { return store.LastChangeSeq(); };
  s->changes_since = [&store](int64_t after, int limit) {
    return store.ChangesSince(after, limit);
  };
}

std::function<std::string(const Change&)> KeyOf(Entity entity) {
  return [entity](const Change& c) { return c.entity == EntityName(entity) ? c.slug : ""; };
}

// The fields every text source shares; `item` turns a record into an index entry.
template <typename T>
VectorSource TextSource(StoreReader& store, const std::shared_ptr<const EmbeddingModel>& model,
                        std::string kind, Entity entity,
                        std::function<StatusOr<T>(const std::string&)> get_record,
                        std::function<Status(const std::function<void(const T&)>&)> scan_records,
                        std::function<std::optional<VectorItem>(Analyzer*, const T&)> item) {
  // Each source is used by its own indexer thread; the analyzer keeps a cache.
  auto analyzer = std::make_shared<Analyzer>();
  VectorSource s;
  s.kind = std::move(kind);
  s.dims = model->dims();
  s.model_id = model->id();
  s.key_of = KeyOf(entity);
  s.scan = [=](const VectorScanOptions& o, const std::function<void(VectorItem)>& fn) -> Status {
    return scan_records([&](const T& record) {
      if (auto i = item(o.embed ? analyzer.get() : nullptr, record)) fn(std::move(*i));
    });
  };
  s.get = [=](const std::string& key) -> StatusOr<std::optional<VectorItem>> {
    return ItemOrGone(get_record(key), [&](const T& r) { return item(analyzer.get(), r); });
  };
  FollowStore(store, &s);
  return s;
}

// The standard (winter, northern-hemisphere sense: the smaller) UTC offset of a zone.
int StandardOffsetMinutes(std::string_view zone) {
  constexpr UnixSeconds kJan = 1767225600, kJul = 1782864000;  // 2026-01-01, 2026-07-01
  return std::min(UtcOffsetMinutes(zone, kJan), UtcOffsetMinutes(zone, kJul));
}

// A value in [lo, hi] on a log scale, as a fraction.
double LogFraction(double v, double lo, double hi) {
  v = std::clamp(v, lo, hi);
  return (std::log(v) - std::log(lo)) / (std::log(hi) - std::log(lo));
}

constexpr CityFeatureWeight kCityWeights[] = {
    {"cost of living", 3}, {"internet", 2}, {"climate", 2}, {"safety", 1}, {"timezone", 2}};

// Per feature: the angle of the value, or nullopt when missing.
std::vector<std::optional<double>> CityAngles(const CityFacts& c) {
  constexpr double kQuarter = std::numbers::pi / 2;
  std::vector<std::optional<double>> a(5);
  if (c.cost_of_living_usd) a[0] = kQuarter * LogFraction(*c.cost_of_living_usd, 300, 8000);
  if (c.internet_mbps) a[1] = kQuarter * LogFraction(*c.internet_mbps, 5, 1000);
  a[2] = kQuarter * std::min(std::abs(c.lat), 70.0) / 70.0;
  if (c.safety_index) a[3] = kQuarter * std::clamp(*c.safety_index, 0.0, 100.0) / 100.0;
  if (!c.timezone.empty() && IsValidTimezone(c.timezone)) {
    a[4] = 2 * std::numbers::pi * StandardOffsetMinutes(c.timezone) / (24.0 * 60);
  }
  return a;
}

}  // namespace

JobFacts ToJobFacts(const Job& j) {
  return {.slug = j.slug,
          .title = j.title,
          .company_slug = j.company_slug,
          .company_name = j.company_name,
          .status = j.status,
          .seniority = j.seniority,
          .tags = NormalizedTags(j.tags),
          .eligible_areas = j.eligible_areas,
          .window = j.timezone,
          .salary_min_usd = j.salary.annual_usd_min,
          .salary_max_usd = j.salary.annual_usd_max,
          .valid_through = j.valid_through};
}

TalentFacts ToTalentFacts(const Talent& t) {
  TalentFacts f{.slug = t.slug,
                .name = t.name,
                .headline = t.headline,
                .seniority = t.seniority,
                .country = t.country,
                .timezone = t.timezone,
                .availability = t.availability,
                .salary_min_usd = t.desired_salary.annual_usd_min,
                .salary_max_usd = t.desired_salary.annual_usd_max};
  if (t.work_start_minute && t.work_end_minute) {
    f.work_start_minute = *t.work_start_minute;
    f.work_end_minute = *t.work_end_minute;
  }
  for (const TalentSkill& s : t.skills) {
    if (auto name = NormalizeTag(s.name)) f.skills.push_back({*name, s.level});
  }
  return f;
}

EmbeddingDoc JobEmbeddingDoc(Analyzer& analyzer, const Job& job) {
  EmbeddingDoc d;
  AddTerms(analyzer, job.title, 2, &d);
  AddSkills(analyzer, job.tags, &d);
  AddTerms(analyzer, job.description, 1, &d);
  return d;
}

EmbeddingDoc TalentEmbeddingDoc(Analyzer& analyzer, const Talent& talent) {
  EmbeddingDoc d;
  AddTerms(analyzer, talent.headline, 2, &d);
  std::vector<std::string> names;
  for (const TalentSkill& s : talent.skills) names.push_back(s.name);
  AddSkills(analyzer, names, &d);
  AddTerms(analyzer, talent.summary, 1, &d);
  return d;
}

EmbeddingDoc ArticleEmbeddingDoc(Analyzer& analyzer, const Article& article) {
  EmbeddingDoc d;
  AddTerms(analyzer, article.title, 2, &d);
  AddSkills(analyzer, article.tags, &d);
  AddTerms(analyzer, article.summary, 1, &d);
  AddTerms(analyzer, article.body, 1, &d);
  return d;
}

EmbeddingDoc CompanyEmbeddingDoc(Analyzer& analyzer, const Company& company) {
  EmbeddingDoc d;
  AddSkills(analyzer, company.technologies, &d);
  AddTerms(analyzer, company.description, 1, &d);
  return d;
}

StatusOr<EmbeddingModel> TrainEmbeddings(StoreReader& store, const EmbeddingOptions& options,
                                         size_t min_docs) {
  Analyzer analyzer;
  std::vector<EmbeddingDoc> docs;
  RETURN_IF_ERROR(store.ScanJobs([&](const Job& j) {
    docs.push_back(JobEmbeddingDoc(analyzer, j));
    return OkStatus();
  }));
  RETURN_IF_ERROR(ForEachPage<Talent>(
      [&](const PageRequest& p) { return store.ListTalent({}, p); },
      [&](const Talent& t) { docs.push_back(TalentEmbeddingDoc(analyzer, t)); }));
  RETURN_IF_ERROR(ForEachPage<Article>(
      [&](const PageRequest& p) { return store.ListArticles({}, p); },
      [&](const Article& a) { docs.push_back(ArticleEmbeddingDoc(analyzer, a)); }));
  RETURN_IF_ERROR(ForEachPage<Company>(
      [&](const PageRequest& p) { return store.ListCompanies({}, p); },
      [&](const Company& c) { docs.push_back(CompanyEmbeddingDoc(analyzer, c)); }));
  if (docs.size() < min_docs) {
    return InvalidArgumentError("embeddings: " + std::to_string(docs.size()) +
                                " documents to learn from, at least " + std::to_string(min_docs) +
                                " needed");
  }
  return EmbeddingModel::Train(docs, options);
}

std::span<const CityFeatureWeight> CityFeatureWeights() {
  return kCityWeights;
}

std::vector<float> CityFeatures(const CityFacts& city) {
  std::vector<float> v(kCityFeatureDims, 0.0f);
  std::vector<std::optional<double>> angles = CityAngles(city);
  for (size_t i = 0; i < angles.size(); ++i) {
    if (!angles[i]) continue;
    double r = std::sqrt(static_cast<double>(kCityWeights[i].weight));
    v[2 * i] = static_cast<float>(r * std::cos(*angles[i]));
    v[2 * i + 1] = static_cast<float>(r * std::sin(*angles[i]));
  }
  return v;
}

std::vector<std::pair<std::string, double>> CityFeatureParts(const CityFacts& a,
                                                             const CityFacts& b) {
  std::vector<std::optional<double>> x = CityAngles(a), y = CityAngles(b);
  double wa = 0, wb = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    wa += x[i] ? kCityWeights[i].weight : 0;
    wb += y[i] ? kCityWeights[i].weight : 0;
  }
  std::vector<std::pair<std::string, double>> parts;
  double norm = std::sqrt(wa * wb);
  for (size_t i = 0; i < x.size(); ++i) {
    if (!x[i] || !y[i] || norm == 0) continue;
    parts.emplace_back(kCityWeights[i].name,
                       kCityWeights[i].weight * std::cos(*x[i] - *y[i]) / norm);
  }
  return parts;
}

VectorSource JobVectorSource(StoreReader& store, std::shared_ptr<const EmbeddingModel> model) {
  return TextSource<Job>(
      store, model, "jobs", Entity::kJob,
      [&store](const std::string& slug) { return store.GetJob(slug); },
      [&store](const std::function<void(const Job&)>& fn) {
        return store.ScanJobs([&](const Job& j) {
          fn(j);
          return OkStatus();
        });
      },
      [model](Analyzer* a, const Job& j) -> std::optional<VectorItem> {
        VectorItem item{.key = j.slug, .facts = std::make_shared<const JobFacts>(ToJobFacts(j))};
        if (a != nullptr) item.vector = model->Embed(JobEmbeddingDoc(*a, j));
        return item;
      });
}

VectorSource TalentVectorSource(StoreReader& store, std::shared_ptr<const EmbeddingModel> model) {
  return TextSource<Talent>(
      store, model, "talent", Entity::kTalent,
      [&store](const std::string& slug) { return store.GetTalent(slug); },
      [&store](const std::function<void(const Talent&)>& fn) {
        return ForEachPage<Talent>([&](const PageRequest& p) { return store.ListTalent({}, p); },
                                   fn);
      },
      [model](Analyzer* a, const Talent& t) -> std::optional<VectorItem> {
        if (t.visibility != "public") return std::nullopt;
        VectorItem item{.key = t.slug,
                        .facts = std::make_shared<const TalentFacts>(ToTalentFacts(t))};
        if (a != nullptr) item.vector = model->Embed(TalentEmbeddingDoc(*a, t));
        return item;
      });
}

VectorSource ArticleVectorSource(StoreReader& store, std::shared_ptr<const EmbeddingModel> model) {
  return TextSource<Article>(
      store, model, "articles", Entity::kArticle,
      [&store](const std::string& slug) { return store.GetArticle(slug); },
      [&store](const std::function<void(const Article&)>& fn) {
        return ForEachPage<Article>([&](const PageRequest& p) { return store.ListArticles({}, p); },
                                    fn);
      },
      [model](Analyzer* a, const Article& r) -> std::optional<VectorItem> {
        VectorItem item{.key = r.slug,
                        .facts = std::make_shared<const ArticleFacts>(
                            ArticleFacts{.slug = r.slug,
                                         .title = r.title,
                                         .summary = r.summary,
                                         .tags = NormalizedTags(r.tags),
                                         .published_at = r.published_at})};
        if (a != nullptr) item.vector = model->Embed(ArticleEmbeddingDoc(*a, r));
        return item;
      });
}

VectorSource CompanyVectorSource(StoreReader& store, std::shared_ptr<const EmbeddingModel> model) {
  return TextSource<Company>(
      store, model, "companies", Entity::kCompany,
      [&store](const std::string& slug) { return store.GetCompany(slug); },
      [&store](const std::function<void(const Company&)>& fn) {
        return ForEachPage<Company>(
            [&](const PageRequest& p) { return store.ListCompanies({}, p); }, fn);
      },
      [model](Analyzer* a, const Company& c) -> std::optional<VectorItem> {
        VectorItem item{.key = c.slug,
                        .facts = std::make_shared<const CompanyFacts>(
                            CompanyFacts{.slug = c.slug,
                                         .name = c.name,
                                         .remote_policy = c.remote_policy,
                                         .technologies = NormalizedTags(c.technologies)})};
        if (a != nullptr) item.vector = model->Embed(CompanyEmbeddingDoc(*a, c));
        return item;
      });
}

VectorSource CityVectorSource(StoreReader& store) {
  auto item = [](const City& c) -> std::optional<VectorItem> {
    auto facts =
        std::make_shared<const CityFacts>(CityFacts{.slug = c.slug,
                                                    .name = c.name,
                                                    .country = c.country,
                                                    .timezone = c.timezone,
                                                    .lat = c.lat,
                                                    .cost_of_living_usd = c.cost_of_living_usd,
                                                    .internet_mbps = c.internet_mbps,
                                                    .safety_index = c.safety_index,
                                                    .nomad_score = c.nomad_score});
    std::vector<float> v = CityFeatures(*facts);
    return VectorItem{.key = c.slug, .vector = std::move(v), .facts = std::move(facts)};
  };
  VectorSource s;
  s.kind = "cities";
  s.dims = kCityFeatureDims;
  s.model_id = kCityFeaturesModel;
  s.key_of = KeyOf(Entity::kCity);
  s.scan = [&store, item](const VectorScanOptions&, const std::function<void(VectorItem)>& fn) {
    return ForEachPage<City>([&](const PageRequest& p) { return store.ListCities({}, p); },
                             [&](const City& c) { fn(*item(c)); });
  };
  s.get = [&store, item](const std::string& slug) { return ItemOrGone(store.GetCity(slug), item); };
  FollowStore(store, &s);
  return s;
}

}  // namespace meridian
