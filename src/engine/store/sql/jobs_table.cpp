// The jobs table: row mapping, filtered keyset listing, upsert with tags and change log.
#include "engine/store/sql/common.h"
#include "engine/store/sql/tables.h"

namespace meridian::sql {
namespace {

#define MERIDIAN_JOB_COLUMNS                                                                       \
  "j.id, j.slug, j.company_id, c.slug, c.name, j.title, j.description, j.apply_url, j.tags, "      \
  "j.seniority, j.employment_type, j.eligible_areas, j.eligibility_evidence, j.tz_zone, "          \
  "j.tz_start_minute, j.tz_end_minute, j.tz_utc_min_minutes, j.tz_utc_max_minutes, j.salary_min, " \
  "j.salary_max, j.salary_currency, j.salary_period, j.salary_usd_min, j.salary_usd_max, "         \
  "j.salary_source, j.posted_at, j.valid_through, j.status, j.scam_score, j.scam_reasons, "        \
  "j.created_at, j.updated_at, j.confirmed_at, j.salary_est_low, j.salary_est_median, "            \
  "j.salary_est_high FROM jobs j JOIN companies c ON c.id = j.company_id "

const Sql kGetJob{"get_job", "SELECT " MERIDIAN_JOB_COLUMNS "WHERE j.slug = ?"};
const Sql kScanJobs{"scan_jobs",
                    "SELECT " MERIDIAN_JOB_COLUMNS "WHERE j.id > ? ORDER BY j.id LIMIT ?"};
const Sql kCompanyRef{"job_company_ref", "SELECT id, name FROM companies WHERE slug = ?"};
const Sql kInsertJob{
    "insert_job",
    "INSERT INTO jobs(slug, company_id, title, description, apply_url, tags, seniority, "
    "employment_type, eligible_areas, eligibility_evidence, tz_zone, tz_start_minute, "
    "tz_end_minute, tz_utc_min_minutes, tz_utc_max_minutes, salary_min, salary_max, "
    "salary_currency, salary_period, salary_usd_min, salary_usd_max, salary_source, "
    "posted_at, valid_through, status, scam_score, scam_reasons, created_at, updated_at, "
    "confirmed_at, salary_est_low, salary_est_median, salary_est_high) "
    "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,"
    "?23,?24,?25,?26,?27,?28,?29,?30,?31,?32,?33) RETURNING id"};
const Sql kUpdateJob{
    "update_job",
    "UPDATE jobs SET slug=?1, company_id=?2, title=?3, description=?4, apply_url=?5, tags=?6, "
    "seniority=?7, employment_type=?8, eligible_areas=?9, eligibility_evidence=?10, "
    "tz_zone=?11, tz_start_minute=?12, tz_end_minute=?13, tz_utc_min_minutes=?14, "
    "tz_utc_max_minutes=?15, salary_min=?16, salary_max=?17, salary_currency=?18, "
    "salary_period=?19, salary_usd_min=?20, salary_usd_max=?21, salary_source=?22, "
    "posted_at=?23, valid_through=?24, status=?25, scam_score=?26, scam_reasons=?27, "
    "created_at=?28, updated_at=?29, confirmed_at=?30, salary_est_low=?31, "
    "salary_est_median=?32, salary_est_high=?33 WHERE id=?34"};
const Sql kDeleteTags{"delete_job_tags", "DELETE FROM job_tags WHERE job_id = ?"};
const Sql kInsertTag{"insert_job_tag",
                     "INSERT INTO job_tags(job_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING"};

Job ReadJob(const Query& q) {
  Job j;
  j.id = q.Int(0);
  j.slug = q.Text(1);
  j.company_id = q.Int(2);
  j.company_slug = q.Text(3);
  j.company_name = q.Text(4);
  j.title = q.Text(5);
  j.description = q.Text(6);
  j.apply_url = q.Text(7);
  j.tags = DecodeList(q.Text(8));
  j.seniority = q.Text(9);
  j.employment_type = q.Text(10);
  j.eligible_areas = DecodeList(q.Text(11));
  j.eligibility_evidence = q.Text(12);
  if (!q.IsNull(13) || !q.IsNull(16)) {
    TimezoneWindow tz;
    tz.zone = q.Text(13);
    tz.start_minute = static_cast<int>(q.Int(14));
    tz.end_minute = static_cast<int>(q.Int(15));
    if (!q.IsNull(16)) tz.utc_min_minutes = static_cast<int>(q.Int(16));
    if (!q.IsNull(17)) tz.utc_max_minutes = static_cast<int>(q.Int(17));
    j.timezone = tz;
  }
  j.salary.min = q.OptDouble(18);
  j.salary.max = q.OptDouble(19);
  j.salary.currency = q.Text(20);
  j.salary.period = q.Text(21);
  j.salary.annual_usd_min = q.OptDouble(22);
  j.salary.annual_usd_max = q.OptDouble(23);
  j.salary.source = q.Text(24);
  j.posted_at = q.Int(25);
  j.valid_through = q.OptInt(26);
  j.status = q.Text(27);
  j.scam_score = q.OptDouble(28);
  j.scam_reasons = DecodeList(q.Text(29));
  j.created_at = q.Int(30);
  j.updated_at = q.Int(31);
  j.confirmed_at = q.OptInt(32);
  if (!q.IsNull(33) && !q.IsNull(34) && !q.IsNull(35)) {
    j.salary_estimate = SalaryRange{q.Double(33), q.Double(34), q.Double(35)};
  }
  return j;
}

void BindJob(Query& q, const Job& j) {
  q.Bind(1, j.slug)
      .Bind(2, j.company_id)
      .Bind(3, j.title)
      .Bind(4, j.description)
      .Bind(5, j.apply_url);
  q.Bind(6, EncodeList(j.tags)).Bind(7, j.seniority).Bind(8, j.employment_type);
  q.Bind(9, EncodeList(j.eligible_areas)).Bind(10, j.eligibility_evidence);
  if (j.timezone && !j.timezone->zone.empty()) {
    q.Bind(11, j.timezone->zone)
        .Bind(12, j.timezone->start_minute)
        .Bind(13, j.timezone->end_minute);
  } else {
    q.BindNull(11).BindNull(12).BindNull(13);
  }
  if (j.timezone && j.timezone->zone.empty()) {
    q.Bind(14, j.timezone->utc_min_minutes).Bind(15, j.timezone->utc_max_minutes);
  } else {
    q.BindNull(14).BindNull(15);
  }
  q.Bind(16, j.salary.min)
      .Bind(17, j.salary.max)
      .Bind(18, j.salary.currency)
      .Bind(19, j.salary.period);
  q.Bind(20, j.salary.annual_usd_min).Bind(21, j.salary.annual_usd_max).Bind(22, j.salary.source);
  q.Bind(23, j.posted_at).Bind(24, j.valid_through).Bind(25, j.status).Bind(26, j.scam_score);
  q.Bind(27, EncodeList(j.scam_reasons)).Bind(28, j.created_at).Bind(29, j.updated_at);
  q.Bind(30, j.confirmed_at);
  if (j.salary_estimate) {
    q.Bind(31, j.salary_estimate->low)
        .Bind(32, j.salary_estimate->median)
        .Bind(33, j.salary_estimate->high);
  } else {
    q.BindNull(31).BindNull(32).BindNull(33);
  }
}

}  // namespace

StatusOr<Job> GetJob(Connection& c, std::string_view slug) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kGetJob));
  q.Bind(1, slug);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFoundError("no job with slug '" + std::string(slug) + "'");
  return ReadJob(q);
}

StatusOr<std::map<std::string, Job>> GetJobs(Connection& c, const std::vector<std::string>& slugs) {
  std::map<std::string, Job> out;
  if (slugs.empty()) return out;
  if (slugs.size() > static_cast<size_t>(kMaxPageSize)) {
    return InvalidArgumentError("slugs: at most " + std::to_string(kMaxPageSize) + " at once");
  }
  std::string sql = "SELECT " MERIDIAN_JOB_COLUMNS "WHERE j.slug IN (?";
  for (size_t i = 1; i < slugs.size(); ++i) sql += ",?";
  sql += ")";
  ASSIGN_OR_RETURN(Query q, c.PrepareDynamic(sql));
  for (size_t i = 0; i < slugs.size(); ++i) q.Bind(static_cast<int>(i + 1), slugs[i]);
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return out;
    Job j = ReadJob(q);
    std::string slug = j.slug;
    out.emplace(std::move(slug), std::move(j));
  }
}

Status ScanJobs(Connection& c, const std::function<Status(const Job&)>& fn) {
  // Batches by id, so that no statement stays open while `fn` runs and no backend holds
  // every row at once; the caller provides the snapshot that makes the batches consistent.
  constexpr int kBatch = 500;
  int64_t after_id = 0;
  while (true) {
    std::vector<Job> batch;
    {
      ASSIGN_OR_RETURN(Query q, c.Prepare(kScanJobs));
      q.Bind(1, after_id).Bind(2, kBatch);
      while (true) {
        ASSIGN_OR_RETURN(bool row, q.Step());
        if (!row) break;
        batch.push_back(ReadJob(q));
      }
    }
    for (const Job& j : batch) RETURN_IF_ERROR(fn(j));
    if (batch.size() < static_cast<size_t>(kBatch)) return OkStatus();
    after_id = batch.back().id;
  }
}

StatusOr<Page<Job>> ListJobs(Connection& c, const JobFilter& f, const PageRequest& p) {
  RETURN_IF_ERROR(CheckPage(p));
  std::string sql = "SELECT " MERIDIAN_JOB_COLUMNS "WHERE 1=1";
  if (!f.company_slug.empty()) sql += " AND c.slug = ?";
  if (!f.tags_any.empty()) {
    sql += " AND EXISTS (SELECT 1 FROM job_tags t WHERE t.job_id = j.id AND t.tag IN (?";
    for (size_t i = 1; i < f.tags_any.size(); ++i) sql += ",?";
    sql += "))";
  }
  if (!f.seniority.empty()) sql += " AND j.seniority = ?";
  if (!f.employment_type.empty()) sql += " AND j.employment_type = ?";
  if (!f.statuses.empty()) {
    sql += " AND j.status IN (?";
    for (size_t i = 1; i < f.statuses.size(); ++i) sql += ",?";
    sql += ")";
  }
  if (f.posted_since) sql += " AND j.posted_at >= ?";
  if (f.valid_at) sql += " AND (j.valid_through IS NULL OR j.valid_through >= ?)";
  if (!f.title_contains.empty()) sql += " AND j.title " + std::string(c.Like()) + " ? ESCAPE '\\'";
  Json cursor;
  if (!p.cursor.empty()) {
    ASSIGN_OR_RETURN(cursor, DecodeCursor(p.cursor, "jobs", 2));
    if (!cursor[1].is_number_integer())
      return InvalidArgumentError("cursor: is not valid", "cursor");
    sql += " AND (j.posted_at < ? OR (j.posted_at = ? AND j.id < ?))";
  }
  sql += " ORDER BY j.posted_at DESC, j.id DESC LIMIT ?";

  ASSIGN_OR_RETURN(Query q, c.PrepareDynamic(sql));
  int i = 1;
  if (!f.company_slug.empty()) q.Bind(i++, f.company_slug);
  for (const auto& t : f.tags_any) q.Bind(i++, t);
  if (!f.seniority.empty()) q.Bind(i++, f.seniority);
  if (!f.employment_type.empty()) q.Bind(i++, f.employment_type);
  for (const auto& s : f.statuses) q.Bind(i++, s);
  if (f.posted_since) q.Bind(i++, *f.posted_since);
  if (f.valid_at) q.Bind(i++, *f.valid_at);
  if (!f.title_contains.empty()) q.Bind(i++, LikePattern(f.title_contains));
  if (!p.cursor.empty()) {
    q.Bind(i++, cursor[1].get<int64_t>());
    q.Bind(i++, cursor[1].get<int64_t>());
    q.Bind(i++, cursor[2].get<int64_t>());
  }
  q.Bind(i++, p.limit + 1);

  return CollectPage<Job>(q, p.limit, ReadJob, [](const Job& last) {
    return Json::array({"jobs", last.posted_at, last.id});
  });
}

StatusOr<PutOutcome> PutJob(Connection& c, Job* job, PutMode mode, UnixSeconds now,
                            CompanyRefs* refs) {
  ASSIGN_OR_RETURN(std::optional<ExistingRow> existing,
                   PrepareRowForPut(c, Entity::kJob, job->slug, mode));
  if (auto it = refs->by_slug.find(job->company_slug); it != refs->by_slug.end()) {
    job->company_id = it->second.first;
    job->company_name = it->second.second;
  } else {
    ASSIGN_OR_RETURN(Query ref, c.Prepare(kCompanyRef));
    ref.Bind(1, job->company_slug);
    ASSIGN_OR_RETURN(bool found, ref.Step());
    if (!found) {
      return InvalidArgumentError("company: no company with slug '" + job->company_slug + "'",
                                  "company");
    }
    job->company_id = ref.Int(0);
    job->company_name = ref.Text(1);
    refs->by_slug.emplace(job->company_slug, std::make_pair(job->company_id, job->company_name));
  }
  job->created_at = existing ? existing->created_at : (job->created_at ? job->created_at : now);
  job->updated_at = now;
  RETURN_IF_ERROR(WriteRow(
      c, kInsertJob, kUpdateJob, 34, existing, {Entity::kJob, job->slug},
      [&](Query& q) { BindJob(q, *job); }, &job->id));
  if (existing) {
    ASSIGN_OR_RETURN(Query del, c.Prepare(kDeleteTags));
    del.Bind(1, job->id);
    RETURN_IF_ERROR(del.Run());
  }
  for (const std::string& tag : job->tags) {
    ASSIGN_OR_RETURN(Query ins, c.Prepare(kInsertTag));
    ins.Bind(1, job->id).Bind(2, tag);
    RETURN_IF_ERROR(ins.Run());
  }
  ChangeOp op = existing ? ChangeOp::kUpdate : ChangeOp::kInsert;
  RETURN_IF_ERROR(AppendChange(c, Entity::kJob, job->id, job->slug, op, now));
  return existing ? PutOutcome::kUpdated : PutOutcome::kInserted;
}

}  // namespace meridian::sql
