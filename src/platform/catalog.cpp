#include "platform/catalog.h"

#include "base/slug.h"
#include "base/strings.h"

namespace meridian {
namespace {

template <typename T>
struct Ops;

template <>
struct Ops<Company> {
  static StatusOr<Company> Decode(const Json& j, const DecodeOptions& o) {
    return CompanyFromJson(j, o);
  }
  static Json Encode(const Company& c, View v) { return CompanyToJson(c, v); }
  static StatusOr<Company> Get(StoreReader& s, std::string_view slug) { return s.GetCompany(slug); }
  static StatusOr<PutOutcome> Put(StoreWriter& w, Company* c, PutMode m) {
    return w.PutCompany(c, m);
  }
  static std::string SlugBase(const Company& c) { return Slugify(c.name); }
};

template <>
struct Ops<Job> {
  static StatusOr<Job> Decode(const Json& j, const DecodeOptions& o) { return JobFromJson(j, o); }
  static Json Encode(const Job& x, View v) { return JobToJson(x, v); }
  static StatusOr<Job> Get(StoreReader& s, std::string_view slug) { return s.GetJob(slug); }
  static StatusOr<PutOutcome> Put(StoreWriter& w, Job* x, PutMode m) { return w.PutJob(x, m); }
  static std::string SlugBase(const Job& x) { return Slugify(x.title + " " + x.company_slug, 90); }
};

template <>
struct Ops<Talent> {
  static StatusOr<Talent> Decode(const Json& j, const DecodeOptions& o) {
    return TalentFromJson(j, o);
  }
  static Json Encode(const Talent& x, View v) { return TalentToJson(x, v); }
  static StatusOr<Talent> Get(StoreReader& s, std::string_view slug) { return s.GetTalent(slug); }
  static StatusOr<PutOutcome> Put(StoreWriter& w, Talent* x, PutMode m) {
    return w.PutTalent(x, m);
  }
  static std::string SlugBase(const Talent& x) { return Slugify(x.name); }
};

template <>
struct Ops<City> {
  static StatusOr<City> Decode(const Json& j, const DecodeOptions& o) { return CityFromJson(j, o); }
  static Json Encode(const City& x, View v) { return CityToJson(x, v); }
  static StatusOr<City> Get(StoreReader& s, std::string_view slug) { return s.GetCity(slug); }
  static StatusOr<PutOutcome> Put(StoreWriter& w, City* x, PutMode m) { return w.PutCity(x, m); }
  static std::string SlugBase(const City& x) { return Slugify(x.name + " " + x.country); }
};

template <>
struct Ops<Article> {
  static StatusOr<Article> Decode(const Json& j, const DecodeOptions& o) {
    return ArticleFromJson(j, o);
  }
  static Json Encode(const Article& x, View v) { return ArticleToJson(x, v); }
  static StatusOr<Article> Get(StoreReader& s, std::string_view slug) { return s.GetArticle(slug); }
  static StatusOr<PutOutcome> Put(StoreWriter& w, Article* x, PutMode m) {
    return w.PutArticle(x, m);
  }
  static std::string SlugBase(const Article& x) { return Slugify(x.title); }
};

// Fields the server owns (not in the writable view): a patch keeps them as they were.
template <typename T>
void KeepServerFields(const T&, T*) {}
template <>
void KeepServerFields(const Job& existing, Job* job) {
  job->scam_score = existing.scam_score;
  job->scam_reasons = existing.scam_reasons;
  job->confirmed_at = existing.confirmed_at;
  job->salary_estimate = existing.salary_estimate;
}

template <typename T>
std::string BaseSlug(const T& record) {
  std::string base = Ops<T>::SlugBase(record);
  if (base.empty()) {
    base =
        std::string(EntityName(EntityOf<T>::value)) + "-" +
        Base64UrlEncode(std::to_string(Fnv1a64(DumpJson(Ops<T>::Encode(record, View::kWritable)))))
            .substr(0, 8);
    base = AsciiLower(base);
    for (char& c : base) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) c = '-';
    }
  }
  return base;
}

}  // namespace

template <typename T>
std::string Catalog::DerivedSlug(const T& record) {
  return BaseSlug(record);
}

template <typename T>
StatusOr<T> DecodeRecord(const Json& j, const DecodeOptions& options) {
  return Ops<T>::Decode(j, options);
}

template <typename T>
Json EncodeRecord(const T& record, View view) {
  return Ops<T>::Encode(record, view);
}

template <typename T>
StatusOr<T> GetRecord(StoreReader& store, std::string_view slug) {
  return Ops<T>::Get(store, slug);
}

template <typename T>
StatusOr<T> Catalog::Create(const Json& body, const WriteHooks<T>& hooks) {
  ASSIGN_OR_RETURN(T record, Ops<T>::Decode(body, {.now = clock_.Now()}));
  if (hooks.before) RETURN_IF_ERROR(hooks.before(&record, nullptr));
  RETURN_IF_ERROR(store_.Write([&](StoreWriter& w) -> Status {
    if (record.slug.empty()) {
      std::string base = BaseSlug(record);
      std::string candidate = base;
      for (int n = 2;; ++n) {
        ASSIGN_OR_RETURN(bool taken, w.SlugExists(EntityOf<T>::value, candidate));
        if (!taken) break;
        candidate = base + "-" + std::to_string(n);
      }
      record.slug = candidate;
    }
    RETURN_IF_ERROR(Ops<T>::Put(w, &record, PutMode::kCreate).status());
    return hooks.after ? hooks.after(w, record) : OkStatus();
  }));
  return record;
}

template <typename T>
StatusOr<T> Catalog::Patch(std::string_view slug, const Json& patch, const WriteHooks<T>& hooks) {
  if (!patch.is_object()) {
    return InvalidArgumentError("body: expected a JSON object (a merge patch), got " +
                                std::string(JsonTypeName(patch)));
  }
  if (patch.contains("slug") &&
      !(patch["slug"].is_string() && patch["slug"].get<std::string>() == slug)) {
    return InvalidArgumentError("slug: cannot be changed", "slug");
  }
  // Read, decode, check and write under the write lock: a concurrent write (a moderator
  // flagging the job) cannot slip between the read and the write.
  T record;
  RETURN_IF_ERROR(store_.Write([&](StoreWriter& w) -> Status {
    ASSIGN_OR_RETURN(T existing, Ops<T>::Get(store_, slug));
    Json doc = Ops<T>::Encode(existing, View::kWritable);
    doc.merge_patch(patch);
    doc["slug"] = std::string(slug);
    ASSIGN_OR_RETURN(record, Ops<T>::Decode(doc, {.now = clock_.Now()}));
    KeepServerFields(existing, &record);
    if (hooks.before) RETURN_IF_ERROR(hooks.before(&record, &existing));
    RETURN_IF_ERROR(Ops<T>::Put(w, &record, PutMode::kUpdate).status());
    return hooks.after ? hooks.after(w, record) : OkStatus();
  }));
  return record;
}

Status Catalog::Delete(Entity entity, std::string_view slug) {
  return store_.Write([&](StoreWriter& w) { return w.Delete(entity, slug); });
}

template <typename T>
StatusOr<PutOutcome> Catalog::Upsert(StoreWriter& writer, T* record) {
  if (record->slug.empty()) record->slug = BaseSlug(*record);
  return Ops<T>::Put(writer, record, PutMode::kUpsert);
}

#define MERIDIAN_INSTANTIATE(T)                                                                \
  template StatusOr<T> Catalog::Create<T>(const Json&, const WriteHooks<T>&);                  \
  template StatusOr<T> Catalog::Patch<T>(std::string_view, const Json&, const WriteHooks<T>&); \
  template StatusOr<PutOutcome> Catalog::Upsert<T>(StoreWriter&, T*);                          \
  template std::string Catalog::DerivedSlug<T>(const T&);                                      \
  template StatusOr<T> DecodeRecord<T>(const Json&, const DecodeOptions&);                     \
  template Json EncodeRecord<T>(const T&, View);                                               \
  template StatusOr<T> GetRecord<T>(StoreReader&, std::string_view);

MERIDIAN_INSTANTIATE(Company)
MERIDIAN_INSTANTIATE(Job)
MERIDIAN_INSTANTIATE(Talent)
MERIDIAN_INSTANTIATE(City)
MERIDIAN_INSTANTIATE(Article)

}  // namespace meridian
