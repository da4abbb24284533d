// The documents behind the job index and the site-wide index (search_service.h).
#include <string>

#include "engine/search/search_service.h"

namespace meridian {
namespace {

// StatusOr<T> for a get: NotFound becomes "no document".
template <typename T, typename Fn>
StatusOr<std::optional<SearchDoc>> DocOrGone(StatusOr<T> record, Fn to_doc) {
  if (record.ok()) return to_doc(*record);
  if (record.status().code() == StatusCode::kNotFound) return std::optional<SearchDoc>();
  return record.status();
}

SearchDoc CompanyDoc(const Company& c) {
  SearchDoc d;
  d.slug = "company/" + c.slug;
  d.title = c.name;
  d.tags = c.technologies;
  d.description = c.description;
  d.status = "company";
  d.posted_at = c.created_at;
  return d;
}

std::optional<SearchDoc> TalentDoc(const Talent& t) {
  if (t.visibility != "public") return std::nullopt;
  SearchDoc d;
  d.slug = "talent/" + t.slug;
  d.title = t.name;
  for (const TalentSkill& s : t.skills) d.tags.push_back(s.name);
  d.description = t.headline + "\n\n" + t.summary;
  d.seniority = t.seniority;
  d.status = "talent";
  d.posted_at = t.created_at;
  return d;
}

SearchDoc ArticleDoc(const Article& a) {
  SearchDoc d;
  d.slug = "article/" + a.slug;
  d.title = a.title;
  d.tags = a.tags;
  d.description = a.summary + "\n\n" + a.body;
  d.status = "article";
  d.posted_at = a.published_at;
  return d;
}

SearchDoc CityDoc(const City& c) {
  SearchDoc d;
  d.slug = "city/" + c.slug;
  d.title = c.name;
  d.description = c.province + " " + c.country;
  d.status = "city";
  d.posted_at = c.created_at;
  return d;
}

std::function<StatusOr<int64_t>()> HeadSeq(StoreReader& store) {
  return [&store]() { return store.LastChangeSeq(); };
}

std::function<StatusOr<std::vector<Change>>(int64_t, int)> ChangesSince(StoreReader& store) {
  return [&store](int64_t after, int limit) { return store.ChangesSince(after, limit); };
}

}  // namespace

SearchSource JobSearchSource(StoreReader& store) {
  return {
      .key_of = [](const Change& c) { return c.entity == EntityName(Entity::kJob) ? c.slug : ""; },
      .scan =
          [&store](const std::function<void(SearchDoc)>& fn) {
            return store.ScanJobs([&](const Job& j) {
              fn(ToSearchDoc(j));
              return OkStatus();
            });
          },
      .get = [&store](const std::string& slug) -> StatusOr<std::optional<SearchDoc>> {
        return DocOrGone(store.GetJob(slug), [](const Job& j) { return ToSearchDoc(j); });
      },
      .head_seq = HeadSeq(store),
      .changes_since = ChangesSince(store)};
}

SearchSource SiteSearchSource(StoreReader& store) {
  return {.key_of = [](const Change& c) -> std::string {
            for (Entity e : {Entity::kCompany, Entity::kTalent, Entity::kArticle, Entity::kCity}) {
              if (c.entity == EntityName(e) && !c.slug.empty()) {
                return std::string(EntityName(e)) + "/" + c.slug;
              }
            }
            return "";
          },
          .scan = [&store](const std::function<void(SearchDoc)>& fn) -> Status {
            RETURN_IF_ERROR(ForEachPage<Company>(
                [&](const PageRequest& p) { return store.ListCompanies({}, p); },
                [&](const Company& c) { fn(CompanyDoc(c)); }));
            RETURN_IF_ERROR(
                ForEachPage<Talent>([&](const PageRequest& p) { return store.ListTalent({}, p); },
                                    [&](const Talent& t) {
                                      if (auto d = TalentDoc(t)) fn(std::move(*d));
                                    }));
            RETURN_IF_ERROR(ForEachPage<Article>(
                [&](const PageRequest& p) { return store.ListArticles({}, p); },
                [&](const Article& a) { fn(ArticleDoc(a)); }));
            return ForEachPage<City>([&](const PageRequest& p) { return store.ListCities({}, p); },
                                     [&](const City& c) { fn(CityDoc(c)); });
          },
          .get = [&store](const std::string& key) -> StatusOr<std::optional<SearchDoc>> {
            size_t slash = key.find('/');
            std::string kind = key.substr(0, slash), slug = key.substr(slash + 1);
            if (kind == EntityName(Entity::kCompany)) {
              return DocOrGone(store.GetCompany(slug),
                               [](const Company& c) { return std::optional(CompanyDoc(c)); });
            }
            if (kind == EntityName(Entity::kTalent))
              return DocOrGone(store.GetTalent(slug), TalentDoc);
            if (kind == EntityName(Entity::kArticle)) {
              return DocOrGone(store.GetArticle(slug),
                               [](const Article& a) { return std::optional(ArticleDoc(a)); });
            }
            return DocOrGone(store.GetCity(slug),
                             [](const City& c) { return std::optional(CityDoc(c)); });
          },
          .head_seq = HeadSeq(store),
          .changes_since = ChangesSince(store)};
}

}  // namespace meridian
