// Per-entity row mapping and queries of the SQLite backend. Internal: use store.h.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>

#include "engine/store/sqlite/connection.h"
#include "engine/store/store.h"

namespace meridian::sqlite {

StatusOr<Company> GetCompany(Connection& c, std::string_view slug);
StatusOr<Page<Company>> ListCompanies(Connection& c, const CompanyFilter& f, const PageRequest& p);
StatusOr<PutOutcome> PutCompany(Connection& c, Company* company, PutMode mode, UnixSeconds now);

// Company id and name by slug, remembered for the length of one write transaction (which
// holds the write lock, so nothing else can change companies meanwhile). Bulk loads resolve
// the same few hundred companies for every job.
struct CompanyRefs {
  std::unordered_map<std::string, std::pair<int64_t, std::string>> by_slug;
};

StatusOr<Job> GetJob(Connection& c, std::string_view slug);
StatusOr<Page<Job>> ListJobs(Connection& c, const JobFilter& f, const PageRequest& p);
StatusOr<PutOutcome> PutJob(Connection& c, Job* job, PutMode mode, UnixSeconds now,
                            CompanyRefs* refs);

StatusOr<Talent> GetTalent(Connection& c, std::string_view slug);
StatusOr<Page<Talent>> ListTalent(Connection& c, const TalentFilter& f, const PageRequest& p);
StatusOr<PutOutcome> PutTalent(Connection& c, Talent* talent, PutMode mode, UnixSeconds now);

StatusOr<City> GetCity(Connection& c, std::string_view slug);
StatusOr<Page<City>> ListCities(Connection& c, const CityFilter& f, const PageRequest& p);
StatusOr<PutOutcome> PutCity(Connection& c, City* city, PutMode mode, UnixSeconds now);

StatusOr<Article> GetArticle(Connection& c, std::string_view slug);
StatusOr<Page<Article>> ListArticles(Connection& c, const ArticleFilter& f, const PageRequest& p);
StatusOr<PutOutcome> PutArticle(Connection& c, Article* article, PutMode mode, UnixSeconds now);

}  // namespace meridian::sqlite
