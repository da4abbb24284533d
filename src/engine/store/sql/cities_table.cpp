// The cities table.
#include "engine/store/sql/common.h"
#include "engine/store/sql/tables.h"

namespace meridian::sql {
namespace {

#define MERIDIAN_CITY_COLUMNS                                                               \
  "id, slug, name, country, province, lat, lng, population, timezone, cost_of_living_usd, " \
  "internet_mbps, safety_index, nomad_score, created_at, updated_at FROM cities "

const Sql kGetCity{"get_city", "SELECT " MERIDIAN_CITY_COLUMNS "WHERE slug = ?"};
const Sql kInsertCity{
    "insert_city",
    "INSERT INTO cities(slug, name, country, province, lat, lng, population, timezone, "
    "cost_of_living_usd, internet_mbps, safety_index, nomad_score, created_at, updated_at) "
    "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14) RETURNING id"};
const Sql kUpdateCity{
    "update_city",
    "UPDATE cities SET slug=?1, name=?2, country=?3, province=?4, lat=?5, lng=?6, "
    "population=?7, timezone=?8, cost_of_living_usd=?9, internet_mbps=?10, safety_index=?11, "
    "nomad_score=?12, created_at=?13, updated_at=?14 WHERE id=?15"};

City ReadCity(const Query& q) {
  City c;
  c.id = q.Int(0);
  c.slug = q.Text(1);
  c.name = q.Text(2);
  c.country = q.Text(3);
  c.province = q.Text(4);
  c.lat = q.Double(5);
  c.lng = q.Double(6);
  c.population = q.Int(7);
  c.timezone = q.Text(8);
  c.cost_of_living_usd = q.OptDouble(9);
  c.internet_mbps = q.OptDouble(10);
  c.safety_index = q.OptDouble(11);
  c.nomad_score = q.OptDouble(12);
  c.created_at = q.Int(13);
  c.updated_at = q.Int(14);
  return c;
}

void BindCity(Query& q, const City& c) {
  q.Bind(1, c.slug)
      .Bind(2, c.name)
      .Bind(3, c.country)
      .Bind(4, c.province)
      .Bind(5, c.lat)
      .Bind(6, c.lng);
  q.Bind(7, c.population)
      .Bind(8, c.timezone)
      .Bind(9, c.cost_of_living_usd)
      .Bind(10, c.internet_mbps);
  q.Bind(11, c.safety_index).Bind(12, c.nomad_score).Bind(13, c.created_at).Bind(14, c.updated_at);
}

}  // namespace

StatusOr<City> GetCity(Connection& c, std::string_view slug) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kGetCity));
  q.Bind(1, slug);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFoundError("no city with slug '" + std::string(slug) + "'");
  return ReadCity(q);
}

StatusOr<Page<City>> ListCities(Connection& c, const CityFilter& f, const PageRequest& p) {
  RETURN_IF_ERROR(CheckPage(p));
  std::string sql = "SELECT " MERIDIAN_CITY_COLUMNS "WHERE 1=1";
  if (!f.country.empty()) sql += " AND country = ?";
  if (!f.name_contains.empty()) sql += " AND name " + std::string(c.Like()) + " ? ESCAPE '\\'";
  Json cursor;
  if (!p.cursor.empty()) {
    ASSIGN_OR_RETURN(cursor, DecodeCursor(p.cursor, "cities", 2));
    if (!cursor[1].is_number_integer())
      return InvalidArgumentError("cursor: is not valid", "cursor");
    sql += " AND (population < ? OR (population = ? AND id > ?))";
  }
  sql += " ORDER BY population DESC, id LIMIT ?";
  ASSIGN_OR_RETURN(Query q, c.PrepareDynamic(sql));
  int i = 1;
  if (!f.country.empty()) q.Bind(i++, f.country);
  if (!f.name_contains.empty()) q.Bind(i++, LikePattern(f.name_contains));
  if (!p.cursor.empty()) {
    q.Bind(i++, cursor[1].get<int64_t>());
    q.Bind(i++, cursor[1].get<int64_t>());
    q.Bind(i++, cursor[2].get<int64_t>());
  }
  q.Bind(i++, p.limit + 1);
  return CollectPage<City>(q, p.limit, ReadCity, [](const City& last) {
    return Json::array({"cities", last.population, last.id});
  });
}

StatusOr<PutOutcome> PutCity(Connection& c, City* city, PutMode mode, UnixSeconds now) {
  ASSIGN_OR_RETURN(std::optional<ExistingRow> existing,
                   PrepareRowForPut(c, Entity::kCity, city->slug, mode));
  city->created_at = existing ? existing->created_at : (city->created_at ? city->created_at : now);
  city->updated_at = now;
  RETURN_IF_ERROR(WriteRow(
      c, kInsertCity, kUpdateCity, 15, existing, {Entity::kCity, city->slug},
      [&](Query& q) { BindCity(q, *city); }, &city->id));
  RETURN_IF_ERROR(AppendChange(c, Entity::kCity, city->id, city->slug,
                               existing ? ChangeOp::kUpdate : ChangeOp::kInsert, now));
  return existing ? PutOutcome::kUpdated : PutOutcome::kInserted;
}

}  // namespace meridian::sql
