// Moderation labels and job freshness of the store (issue 7): moderators'
// decisions with a copy of the post judged, and expiring jobs past their valid_through.
#include "engine/store/sql/common.h"
#include "engine/store/sql/tables.h"

namespace meridian::sql {
namespace {

const Sql kInsertLabel{
    "insert_moderation_label",
    "INSERT INTO moderation_labels(job_id, job_slug, company_slug, title, description, "
    "apply_url, label, source, moderator_id, score, at) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
    "RETURNING id"};
const Sql kLabelsAfter{"moderation_labels_after",
                       "SELECT id, job_id, job_slug, company_slug, title, description, apply_url, "
                       "label, source, moderator_id, score, at FROM moderation_labels "
                       "WHERE id > ? ORDER BY id LIMIT ?"};
const Sql kExpiring{"expiring_jobs",
                    "SELECT id, slug FROM jobs WHERE status = 'live' AND valid_through IS NOT NULL "
                    "AND valid_through < ? ORDER BY valid_through, id LIMIT ?"};
const Sql kExpire{"expire_job", "UPDATE jobs SET status = 'expired', updated_at = ? WHERE id = ?"};

const Sql kSetEstimate{"set_salary_estimate",
                       "UPDATE jobs SET salary_est_low = ?, salary_est_median = ?, "
                       "salary_est_high = ? WHERE id = ? RETURNING slug"};

}  // namespace

Status SetSalaryEstimate(Connection& c, int64_t job_id, const std::optional<SalaryRange>& range,
                         UnixSeconds now) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kSetEstimate));
  if (range) {
    q.Bind(1, range->low).Bind(2, range->median).Bind(3, range->high);
  } else {
    q.BindNull(1).BindNull(2).BindNull(3);
  }
  q.Bind(4, job_id);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFoundError("no job with id " + std::to_string(job_id));
  std::string slug = q.Text(0);
  ASSIGN_OR_RETURN(bool more, q.Step());  // runs the statement to its end
  (void)more;
  return AppendChange(c, Entity::kJob, job_id, slug, ChangeOp::kUpdate, now);
}

Status AddModerationLabel(Connection& c, ModerationLabel* label) {
  if (label->label != "scam" && label->label != "legit") {
    return InvalidArgumentError("label: must be scam or legit", "label");
  }
  if (label->source != "moderator" && label->source != "generated") {
    return InvalidArgumentError("source: must be moderator or generated", "source");
  }
  ASSIGN_OR_RETURN(Query q, c.Prepare(kInsertLabel));
  q.Bind(1, label->job_id)
      .Bind(2, label->job_slug)
      .Bind(3, label->company_slug)
      .Bind(4, label->title)
      .Bind(5, label->description);
  q.Bind(6, label->apply_url).Bind(7, label->label).Bind(8, label->source);
  q.Bind(9, label->moderator_id).Bind(10, label->score).Bind(11, label->at);
  ASSIGN_OR_RETURN(label->id, InsertedId(q));
  return OkStatus();
}

StatusOr<std::vector<ModerationLabel>> ListModerationLabels(Connection& c, int64_t after_id,
                                                            int limit) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kLabelsAfter));
  q.Bind(1, after_id).Bind(2, limit);
  std::vector<ModerationLabel> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    ModerationLabel l;
    l.id = q.Int(0);
    l.job_id = q.OptInt(1);
    l.job_slug = q.Text(2);
    l.company_slug = q.Text(3);
    l.title = q.Text(4);
    l.description = q.Text(5);
    l.apply_url = q.Text(6);
    l.label = q.Text(7);
    l.source = q.Text(8);
    l.moderator_id = q.OptInt(9);
    l.score = q.OptDouble(10);
    l.at = q.Int(11);
    out.push_back(std::move(l));
  }
  return out;
}

StatusOr<std::vector<std::string>> ExpireJobs(Connection& c, UnixSeconds now, int limit) {
  std::vector<std::pair<int64_t, std::string>> due;
  {
    ASSIGN_OR_RETURN(Query q, c.Prepare(kExpiring));
    q.Bind(1, now).Bind(2, limit);
    while (true) {
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      due.emplace_back(q.Int(0), q.Text(1));
    }
  }
  std::vector<std::string> slugs;
  for (const auto& [id, slug] : due) {
    ASSIGN_OR_RETURN(Query u, c.Prepare(kExpire));
    u.Bind(1, now).Bind(2, id);
    RETURN_IF_ERROR(u.Run());
    RETURN_IF_ERROR(AppendChange(c, Entity::kJob, id, slug, ChangeOp::kUpdate, now));
    slugs.push_back(slug);
  }
  return slugs;
}

}  // namespace meridian::sql
