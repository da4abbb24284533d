// The articles table.
#include "engine/store/sql/common.h"
#include "engine/store/sql/tables.h"

namespace meridian::sql {
namespace {

#define MERIDIAN_ARTICLE_COLUMNS                                                             \
  "id, slug, title, summary, body, tags, author, published_at, created_at, updated_at FROM " \
  "articles "

const Sql kGetArticle{"get_article", "SELECT " MERIDIAN_ARTICLE_COLUMNS "WHERE slug = ?"};
const Sql kInsertArticle{
    "insert_article",
    "INSERT INTO articles(slug, title, summary, body, tags, author, published_at, created_at, "
    "updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9) RETURNING id"};
const Sql kUpdateArticle{
    "update_article",
    "UPDATE articles SET slug=?1, title=?2, summary=?3, body=?4, tags=?5, author=?6, "
    "published_at=?7, created_at=?8, updated_at=?9 WHERE id=?10"};

Article ReadArticle(const Query& q) {
  Article a;
  a.id = q.Int(0);
  a.slug = q.Text(1);
  a.title = q.Text(2);
  a.summary = q.Text(3);
  a.body = q.Text(4);
  a.tags = DecodeList(q.Text(5));
  a.author = q.Text(6);
  a.published_at = q.Int(7);
  a.created_at = q.Int(8);
  a.updated_at = q.Int(9);
  return a;
}

void BindArticle(Query& q, const Article& a) {
  q.Bind(1, a.slug).Bind(2, a.title).Bind(3, a.summary).Bind(4, a.body).Bind(5, EncodeList(a.tags));
  q.Bind(6, a.author).Bind(7, a.published_at).Bind(8, a.created_at).Bind(9, a.updated_at);
}

}  // namespace

StatusOr<Article> GetArticle(Connection& c, std::string_view slug) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kGetArticle));
  q.Bind(1, slug);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFoundError("no article with slug '" + std::string(slug) + "'");
  return ReadArticle(q);
}

StatusOr<Page<Article>> ListArticles(Connection& c, const ArticleFilter& f, const PageRequest& p) {
  RETURN_IF_ERROR(CheckPage(p));
  std::string sql = "SELECT " MERIDIAN_ARTICLE_COLUMNS "WHERE 1=1";
  if (!f.tag.empty()) sql += " AND " + c.JsonArrayHas("articles.tags");
  Json cursor;
  if (!p.cursor.empty()) {
    ASSIGN_OR_RETURN(cursor, DecodeCursor(p.cursor, "articles", 2));
    if (!cursor[1].is_number_integer())
      return InvalidArgumentError("cursor: is not valid", "cursor");
    sql += " AND (published_at < ? OR (published_at = ? AND id < ?))";
  }
  sql += " ORDER BY published_at DESC, id DESC LIMIT ?";
  ASSIGN_OR_RETURN(Query q, c.PrepareDynamic(sql));
  int i = 1;
  if (!f.tag.empty()) q.Bind(i++, f.tag);
  if (!p.cursor.empty()) {
    q.Bind(i++, cursor[1].get<int64_t>());
    q.Bind(i++, cursor[1].get<int64_t>());
    q.Bind(i++, cursor[2].get<int64_t>());
  }
  q.Bind(i++, p.limit + 1);
  return CollectPage<Article>(q, p.limit, ReadArticle, [](const Article& last) {
    return Json::array({"articles", last.published_at, last.id});
  });
}

StatusOr<PutOutcome> PutArticle(Connection& c, Article* article, PutMode mode, UnixSeconds now) {
  ASSIGN_OR_RETURN(std::optional<ExistingRow> existing,
                   PrepareRowForPut(c, Entity::kArticle, article->slug, mode));
  article->created_at =
      existing ? existing->created_at : (article->created_at ? article->created_at : now);
  article->updated_at = now;
  RETURN_IF_ERROR(WriteRow(
      c, kInsertArticle, kUpdateArticle, 10, existing, {Entity::kArticle, article->slug},
      [&](Query& q) { BindArticle(q, *article); }, &article->id));
  RETURN_IF_ERROR(AppendChange(c, Entity::kArticle, article->id, article->slug,
                               existing ? ChangeOp::kUpdate : ChangeOp::kInsert, now));
  return existing ? PutOutcome::kUpdated : PutOutcome::kInserted;
}

}  // namespace meridian::sql
