// The talent table, with skills mirrored into talent_skills for filtering.
#include "engine/store/sql/common.h"
#include "engine/store/sql/tables.h"

namespace meridian::sql {
namespace {

#define MERIDIAN_TALENT_COLUMNS                                                                  \
  "t.id, t.slug, t.name, t.headline, t.summary, t.skills, t.seniority, c.slug, c.name, "         \
  "t.country, "                                                                                  \
  "t.timezone, t.work_start_minute, t.work_end_minute, t.salary_min, t.salary_max, "             \
  "t.salary_currency, "                                                                          \
  "t.salary_period, t.salary_usd_min, t.salary_usd_max, t.availability, t.visibility, t.email, " \
  "t.contact, t.links, t.created_at, t.updated_at FROM talent t LEFT JOIN cities c ON c.id = "   \
  "t.city_id "

const Sql kGetTalent{"get_talent", "SELECT " MERIDIAN_TALENT_COLUMNS "WHERE t.slug = ?"};
const Sql kCityRef{"talent_city_ref", "SELECT id, name FROM cities WHERE slug = ?"};
const Sql kInsertTalent{
    "insert_talent",
    "INSERT INTO talent(slug, name, headline, summary, skills, seniority, city_id, country, "
    "timezone, work_start_minute, work_end_minute, salary_min, salary_max, salary_currency, "
    "salary_period, salary_usd_min, salary_usd_max, availability, visibility, email, contact, "
    "links, created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,"
    "?15,?16,?17,?18,?19,?20,?21,?22,?23,?24) RETURNING id"};
const Sql kUpdateTalent{
    "update_talent",
    "UPDATE talent SET slug=?1, name=?2, headline=?3, summary=?4, skills=?5, seniority=?6, "
    "city_id=?7, country=?8, timezone=?9, work_start_minute=?10, work_end_minute=?11, "
    "salary_min=?12, salary_max=?13, salary_currency=?14, salary_period=?15, "
    "salary_usd_min=?16, salary_usd_max=?17, availability=?18, visibility=?19, email=?20, "
    "contact=?21, links=?22, created_at=?23, updated_at=?24 WHERE id=?25"};
const Sql kDeleteSkills{"delete_talent_skills", "DELETE FROM talent_skills WHERE talent_id = ?"};
const Sql kInsertSkill{"insert_talent_skill",
                       "INSERT INTO talent_skills(talent_id, skill, level) VALUES (?, ?, ?) "
                       "ON CONFLICT(skill, talent_id) DO UPDATE SET level = excluded.level"};

std::string EncodeSkills(const std::vector<TalentSkill>& skills) {
  Json arr = Json::array();
  for (const auto& s : skills) arr.push_back({{"name", s.name}, {"level", s.level}});
  return DumpJson(arr);
}

std::vector<TalentSkill> DecodeSkills(const std::string& text) {
  std::vector<TalentSkill> out;
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const Json& e : j) {
    if (!e.is_object() || !e.contains("name") || !e["name"].is_string()) continue;
    TalentSkill s;
    s.name = e["name"].get<std::string>();
    if (e.contains("level") && e["level"].is_number_integer()) s.level = e["level"].get<int>();
    out.push_back(std::move(s));
  }
  return out;
}

Talent ReadTalent(const Query& q) {
  Talent t;
  t.id = q.Int(0);
  t.slug = q.Text(1);
  t.name = q.Text(2);
  t.headline = q.Text(3);
  t.summary = q.Text(4);
  t.skills = DecodeSkills(q.Text(5));
  t.seniority = q.Text(6);
  t.city_slug = q.Text(7);
  t.city_name = q.Text(8);
  t.country = q.Text(9);
  t.timezone = q.Text(10);
  if (!q.IsNull(11)) t.work_start_minute = static_cast<int>(q.Int(11));
  if (!q.IsNull(12)) t.work_end_minute = static_cast<int>(q.Int(12));
  t.desired_salary.min = q.OptDouble(13);
  t.desired_salary.max = q.OptDouble(14);
  t.desired_salary.currency = q.Text(15);
  t.desired_salary.period = q.Text(16);
  t.desired_salary.annual_usd_min = q.OptDouble(17);
  t.desired_salary.annual_usd_max = q.OptDouble(18);
  t.desired_salary.source = t.desired_salary.present() ? "talent" : "";
  t.availability = q.Text(19);
  t.visibility = q.Text(20);
  t.email = q.Text(21);
  t.contact = q.Text(22);
  t.links = DecodeList(q.Text(23));
  t.created_at = q.Int(24);
  t.updated_at = q.Int(25);
  return t;
}

void BindTalent(Query& q, const Talent& t, std::optional<int64_t> city_id) {
  q.Bind(1, t.slug)
      .Bind(2, t.name)
      .Bind(3, t.headline)
      .Bind(4, t.summary)
      .Bind(5, EncodeSkills(t.skills));
  q.Bind(6, t.seniority).Bind(7, city_id).Bind(8, t.country).Bind(9, t.timezone);
  q.Bind(10, t.work_start_minute).Bind(11, t.work_end_minute);
  const Salary& s = t.desired_salary;
  q.Bind(12, s.min)
      .Bind(13, s.max)
      .Bind(14, s.currency)
      .Bind(15, s.period)
      .Bind(16, s.annual_usd_min);
  q.Bind(17, s.annual_usd_max).Bind(18, t.availability).Bind(19, t.visibility).Bind(20, t.email);
  q.Bind(21, t.contact).Bind(22, EncodeList(t.links)).Bind(23, t.created_at).Bind(24, t.updated_at);
}

}  // namespace

StatusOr<Talent> GetTalent(Connection& c, std::string_view slug) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kGetTalent));
  q.Bind(1, slug);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFoundError("no talent profile with slug '" + std::string(slug) + "'");
  return ReadTalent(q);
}

StatusOr<Page<Talent>> ListTalent(Connection& c, const TalentFilter& f, const PageRequest& p) {
  RETURN_IF_ERROR(CheckPage(p));
  std::string sql = "SELECT " MERIDIAN_TALENT_COLUMNS "WHERE 1=1";
  if (!f.include_hidden) sql += " AND t.visibility = 'public'";
  if (!f.skill.empty()) {
    sql += " AND EXISTS (SELECT 1 FROM talent_skills s WHERE s.talent_id = t.id AND s.skill = ?)";
  }
  if (!f.seniority.empty()) sql += " AND t.seniority = ?";
  if (!f.country.empty()) sql += " AND t.country = ?";
  Json cursor;
  if (!p.cursor.empty()) {
    ASSIGN_OR_RETURN(cursor, DecodeCursor(p.cursor, "talent", 1));
    sql += " AND t.id < ?";
  }
  sql += " ORDER BY t.id DESC LIMIT ?";
  ASSIGN_OR_RETURN(Query q, c.PrepareDynamic(sql));
  int i = 1;
  if (!f.skill.empty()) q.Bind(i++, f.skill);
  if (!f.seniority.empty()) q.Bind(i++, f.seniority);
  if (!f.country.empty()) q.Bind(i++, f.country);
  if (!p.cursor.empty()) q.Bind(i++, cursor[1].get<int64_t>());
  q.Bind(i++, p.limit + 1);
  return CollectPage<Talent>(q, p.limit, ReadTalent, [](const Talent& last) {
    return Json::array({"talent", last.id});
  });
}

StatusOr<PutOutcome> PutTalent(Connection& c, Talent* talent, PutMode mode, UnixSeconds now) {
  ASSIGN_OR_RETURN(std::optional<ExistingRow> existing,
                   PrepareRowForPut(c, Entity::kTalent, talent->slug, mode));
  std::optional<int64_t> city_id;
  talent->city_name.clear();
  if (!talent->city_slug.empty()) {
    ASSIGN_OR_RETURN(Query ref, c.Prepare(kCityRef));
    ref.Bind(1, talent->city_slug);
    ASSIGN_OR_RETURN(bool found, ref.Step());
    if (!found)
      return InvalidArgumentError("city: no city with slug '" + talent->city_slug + "'", "city");
    city_id = ref.Int(0);
    talent->city_name = ref.Text(1);
  }
  talent->created_at =
      existing ? existing->created_at : (talent->created_at ? talent->created_at : now);
  talent->updated_at = now;
  RETURN_IF_ERROR(WriteRow(
      c, kInsertTalent, kUpdateTalent, 25, existing, {Entity::kTalent, talent->slug},
      [&](Query& q) { BindTalent(q, *talent, city_id); }, &talent->id));
  if (existing) {
    ASSIGN_OR_RETURN(Query del, c.Prepare(kDeleteSkills));
    del.Bind(1, talent->id);
    RETURN_IF_ERROR(del.Run());
  }
  for (const TalentSkill& s : talent->skills) {
    ASSIGN_OR_RETURN(Query ins, c.Prepare(kInsertSkill));
    ins.Bind(1, talent->id).Bind(2, s.name).Bind(3, s.level);
    RETURN_IF_ERROR(ins.Run());
  }
  RETURN_IF_ERROR(AppendChange(c, Entity::kTalent, talent->id, talent->slug,
                               existing ? ChangeOp::kUpdate : ChangeOp::kInsert, now));
  return existing ? PutOutcome::kUpdated : PutOutcome::kInserted;
}

}  // namespace meridian::sql
