// The companies table.
#include "engine/store/sql/common.h"
#include "engine/store/sql/tables.h"

namespace meridian::sql {
namespace {

#define MERIDIAN_COMPANY_COLUMNS                                                                 \
  "id, slug, name, website, description, regions, remote_policy, size, technologies, has_logo, " \
  "verified, created_at, updated_at FROM companies "

const Sql kGetCompany{"get_company", "SELECT " MERIDIAN_COMPANY_COLUMNS "WHERE slug = ?"};
const Sql kInsertCompany{
    "insert_company",
    "INSERT INTO companies(slug, name, website, description, regions, remote_policy, size, "
    "technologies, has_logo, verified, created_at, updated_at) "
    "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12) RETURNING id"};
const Sql kUpdateCompany{
    "update_company",
    "UPDATE companies SET slug=?1, name=?2, website=?3, description=?4, regions=?5, "
    "remote_policy=?6, size=?7, technologies=?8, has_logo=?9, verified=?10, created_at=?11, "
    "updated_at=?12 WHERE id=?13"};

Company ReadCompany(const Query& q) {
  Company c;
  c.id = q.Int(0);
  c.slug = q.Text(1);
  c.name = q.Text(2);
  c.website = q.Text(3);
  c.description = q.Text(4);
  c.regions = DecodeList(q.Text(5));
  c.remote_policy = q.Text(6);
  c.size = q.Text(7);
  c.technologies = DecodeList(q.Text(8));
  c.has_logo = q.Int(9) != 0;
  c.verified = q.Int(10) != 0;
  c.created_at = q.Int(11);
  c.updated_at = q.Int(12);
  return c;
}

void BindCompany(Query& q, const Company& c) {
  q.Bind(1, c.slug)
      .Bind(2, c.name)
      .Bind(3, c.website)
      .Bind(4, c.description)
      .Bind(5, EncodeList(c.regions));
  q.Bind(6, c.remote_policy).Bind(7, c.size).Bind(8, EncodeList(c.technologies));
  q.Bind(9, static_cast<int64_t>(c.has_logo)).Bind(10, static_cast<int64_t>(c.verified));
  q.Bind(11, c.created_at).Bind(12, c.updated_at);
}

}  // namespace

StatusOr<Company> GetCompany(Connection& c, std::string_view slug) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kGetCompany));
  q.Bind(1, slug);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFoundError("no company with slug '" + std::string(slug) + "'");
  return ReadCompany(q);
}

StatusOr<Page<Company>> ListCompanies(Connection& c, const CompanyFilter& f, const PageRequest& p) {
  RETURN_IF_ERROR(CheckPage(p));
  std::string sql = "SELECT " MERIDIAN_COMPANY_COLUMNS "WHERE 1=1";
  if (!f.region.empty()) sql += " AND " + c.JsonArrayHas("companies.regions");
  if (!f.remote_policy.empty()) sql += " AND remote_policy = ?";
  if (!f.technology.empty()) {
    sql += " AND " + c.JsonArrayHas("companies.technologies");
  }
  if (!f.name_contains.empty()) sql += " AND name " + std::string(c.Like()) + " ? ESCAPE '\\'";
  Json cursor;
  if (!p.cursor.empty()) {
    ASSIGN_OR_RETURN(cursor, DecodeCursor(p.cursor, "companies", 2));
    if (!cursor[1].is_string()) return InvalidArgumentError("cursor: is not valid", "cursor");
    const std::string name = c.NoCase("name"), param = c.NoCase("?");
    sql += " AND (" + name + " > " + param + " OR (" + name + " = " + param + " AND id > ?))";
  }
  sql += " ORDER BY " + c.NoCase("name") + ", id LIMIT ?";
  ASSIGN_OR_RETURN(Query q, c.PrepareDynamic(sql));
  int i = 1;
  if (!f.region.empty()) q.Bind(i++, f.region);
  if (!f.remote_policy.empty()) q.Bind(i++, f.remote_policy);
  if (!f.technology.empty()) q.Bind(i++, f.technology);
  if (!f.name_contains.empty()) q.Bind(i++, LikePattern(f.name_contains));
  if (!p.cursor.empty()) {
    std::string name = cursor[1].get<std::string>();
    q.Bind(i++, name);
    q.Bind(i++, name);
    q.Bind(i++, cursor[2].get<int64_t>());
  }
  q.Bind(i++, p.limit + 1);
  return CollectPage<Company>(q, p.limit, ReadCompany, [](const Company& last) {
    return Json::array({"companies", last.name, last.id});
  });
}

StatusOr<PutOutcome> PutCompany(Connection& c, Company* company, PutMode mode, UnixSeconds now) {
  ASSIGN_OR_RETURN(std::optional<ExistingRow> existing,
                   PrepareRowForPut(c, Entity::kCompany, company->slug, mode));
  company->created_at =
      existing ? existing->created_at : (company->created_at ? company->created_at : now);
  company->updated_at = now;
  RETURN_IF_ERROR(WriteRow(
      c, kInsertCompany, kUpdateCompany, 13, existing, {Entity::kCompany, company->slug},
      [&](Query& q) { BindCompany(q, *company); }, &company->id));
  RETURN_IF_ERROR(AppendChange(c, Entity::kCompany, company->id, company->slug,
                               existing ? ChangeOp::kUpdate : ChangeOp::kInsert, now));
  return existing ? PutOutcome::kUpdated : PutOutcome::kInserted;
}

}  // namespace meridian::sql
