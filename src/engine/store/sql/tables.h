// Per-entity row mapping and queries of the store. Internal: use store.h.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <utility>

#include "engine/store/sql/connection.h"
#include "engine/store/store.h"

namespace meridian::sql {

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
StatusOr<std::map<std::string, Job>> GetJobs(Connection& c, const std::vector<std::string>& slugs);
StatusOr<Page<Job>> ListJobs(Connection& c, const JobFilter& f, const PageRequest& p);
Status ScanJobs(Connection& c, const std::function<Status(const Job&)>& fn);
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

StatusOr<User> GetUser(Connection& c, int64_t id);
StatusOr<User> GetUserByEmail(Connection& c, std::string_view email);
StatusOr<std::vector<User>> ListUsers(Connection& c, int64_t after_id, int limit);
StatusOr<int64_t> CountCompanyUsers(Connection& c, std::string_view company_slug);
Status PutUser(Connection& c, User* user, PutMode mode, UnixSeconds now);
Status DeleteUser(Connection& c, int64_t id, UnixSeconds now);
StatusOr<Session> GetSession(Connection& c, std::string_view id_hash);
StatusOr<std::vector<Session>> ListSessions(Connection& c, int64_t user_id);
Status PutSession(Connection& c, const Session& session);
Status DeleteSession(Connection& c, std::string_view id_hash);
Status DeleteSessionsOf(Connection& c, int64_t user_id);
StatusOr<int64_t> DeleteExpiredSessions(Connection& c, UnixSeconds now);
StatusOr<SigninAttempts> GetSigninAttempts(Connection& c, std::string_view email_hash);
Status PutSigninAttempts(Connection& c, const SigninAttempts& a);
Status DeleteSigninAttempts(Connection& c, std::string_view email_hash);
Status DeleteStaleSigninAttempts(Connection& c, UnixSeconds before);
StatusOr<ApiKey> GetApiKey(Connection& c, std::string_view prefix);
StatusOr<std::vector<ApiKey>> ListApiKeys(Connection& c, int64_t user_id);
Status PutApiKey(Connection& c, ApiKey* key, UnixSeconds now);
Status RevokeApiKey(Connection& c, int64_t id, UnixSeconds at);
StatusOr<std::vector<Event>> ListEventsOf(Connection& c, const EventOwner& owner, int limit);
StatusOr<std::vector<Event>> ListEvents(Connection& c, int64_t after_id, int limit);
// These two append kEventsChangeEntity changes naming the owners whose events went or moved.
StatusOr<int64_t> DeleteEventsOf(Connection& c, const EventOwner& owner, UnixSeconds now);
StatusOr<int64_t> ReassignSessionEvents(Connection& c, std::string_view session_id, int64_t user_id,
                                        UnixSeconds now);

Status AddModerationLabel(Connection& c, ModerationLabel* label);
StatusOr<std::vector<ModerationLabel>> ListModerationLabels(Connection& c, int64_t after_id,
                                                            int limit);
StatusOr<std::vector<std::string>> ExpireJobs(Connection& c, UnixSeconds now, int limit);
Status SetSalaryEstimate(Connection& c, int64_t job_id, const std::optional<SalaryRange>& range,
                         UnixSeconds now);

StatusOr<std::vector<ModelVersion>> ListModelVersions(Connection& c, std::string_view name,
                                                      const ModelReadOptions& options);
StatusOr<ModelVersion> GetModelVersion(Connection& c, std::string_view name, int64_t version,
                                       const ModelReadOptions& options);
StatusOr<std::vector<ModelAlias>> ListModelAliases(Connection& c, std::string_view name);
StatusOr<std::vector<ModelAliasMove>> ListModelAliasMoves(Connection& c, std::string_view name);
StatusOr<std::vector<DriftRecord>> ListDrift(Connection& c, std::string_view model,
                                             UnixSeconds since, int limit);
Status AddModelVersion(Connection& c, ModelVersion* v, UnixSeconds now);
Status MoveModelAlias(Connection& c, std::string_view name, std::string_view alias,
                      std::optional<int64_t> version, const ModelAliasMove& why, UnixSeconds now);
Status SetModelStatus(Connection& c, std::string_view name, int64_t version,
                      std::string_view status);
Status AddDrift(Connection& c, DriftRecord* record, UnixSeconds now);
StatusOr<std::vector<ImpressionCount>> ListImpressions(Connection& c, int64_t from_day);
StatusOr<std::vector<ShadowCount>> ListShadowCounts(Connection& c, std::string_view model);
Status AddImpressions(Connection& c, const ImpressionCount& counts);
Status AddShadowCounts(Connection& c, const ShadowCount& counts, UnixSeconds now);

}  // namespace meridian::sql
