// The bad-input catalogue over HTTP: every malformed request gets a 4xx whose message names
// the field and the reason, and leaves the store exactly as it was (rows and change log).
#include <gtest/gtest.h>

#include <string>

#include "harness.h"

namespace meridian::testing {
namespace {

class BadInputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess({.extra_args = {"--max-body-bytes", "65536"}});
    ASSERT_TRUE(server_->started());
    ASSERT_EQ(
        server_->Write("POST", "/api/v1/companies", R"({"name":"Acme","slug":"acme"})").status,
        201);
    ASSERT_EQ(server_
                  ->Write("POST", "/api/v1/jobs",
                          R"({"company":"acme","title":"Go dev","slug":"go-dev"})")
                  .status,
              201);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // Row counts and the newest change seq, from /metrics.
  static std::string StoreFingerprint() {
    std::string m = server_->Get("/metrics").body;
    std::string out;
    size_t pos = 0;
    while ((pos = m.find("\nmeridian_store_", pos)) != std::string::npos) {
      size_t end = m.find('\n', pos + 1);
      out += m.substr(pos + 1, end - pos - 1) + ";";
      pos = end;
    }
    return out;
  }

  static void ExpectRejected(const HttpResult& r, int status, const std::string& field,
                             const std::string& reason) {
    EXPECT_EQ(r.status, status) << r.body;
    Json err = r.json()["error"];
    ASSERT_TRUE(err.is_object()) << r.body;
    EXPECT_TRUE(err.contains("code"));
    if (field.empty()) {
      EXPECT_TRUE(err["field"].is_null()) << r.body;
    } else {
      EXPECT_EQ(err["field"], field) << r.body;
    }
    EXPECT_NE(err["message"].get<std::string>().find(reason), std::string::npos) << r.body;
  }

  static ServerProcess* server_;
};
ServerProcess* BadInputTest::server_ = nullptr;

struct Case {
  const char* name;
  const char* method;
  const char* target;
  std::string body;
  int status;
  const char* field;
  const char* reason;
};

TEST_F(BadInputTest, CatalogueOfBadBodies) {
  const Case cases[] = {
      {"malformed JSON", "POST", "/api/v1/jobs", R"({"company":"acme","title":)", 400, "",
       "malformed JSON"},
      {"not an object", "POST", "/api/v1/jobs", "[1,2,3]", 400, "", "expected a JSON object"},
      {"empty body", "POST", "/api/v1/companies", " ", 400, "body", "empty"},
      {"wrong type", "POST", "/api/v1/jobs", R"({"company":"acme","title":["x"]})", 400, "title",
       "expected a string, got array"},
      {"wrong number type", "POST", "/api/v1/cities",
       R"({"name":"X","country":"PT","lat":"north","lng":0,"timezone":"UTC"})", 400, "lat",
       "expected a number"},
      {"missing required", "POST", "/api/v1/jobs", R"({"company":"acme"})", 400, "title",
       "is required"},
      {"missing company", "POST", "/api/v1/jobs", R"({"title":"x"})", 400, "company",
       "is required"},
      {"unknown field", "POST", "/api/v1/jobs", R"({"company":"acme","title":"x","salery":1})", 400,
       "salery", "unknown field"},
      {"unknown nested field", "POST", "/api/v1/jobs",
       R"({"company":"acme","title":"x","salary":{"min":1,"currency":"USD","bonus":2}})", 400,
       "salary.bonus", "unknown field"},
      {"read-only field", "POST", "/api/v1/companies", R"({"name":"X","created_at":"2026-01-01"})",
       400, "created_at", "read-only"},
      {"broken UTF-8", "POST", "/api/v1/companies", "{\"name\":\"Caf\xC3\x28\"}", 400, "",
       "malformed JSON"},
      {"inverted salary", "POST", "/api/v1/jobs",
       R"({"company":"acme","title":"x","salary":{"min":200,"max":100,"currency":"USD"}})", 400,
       "salary.min", "inverted"},
      {"negative salary", "POST", "/api/v1/jobs",
       R"({"company":"acme","title":"x","salary":{"min":-1,"currency":"USD"}})", 400, "salary.min",
       "at least 0"},
      {"unknown currency", "POST", "/api/v1/jobs",
       R"({"company":"acme","title":"x","salary":{"min":1,"currency":"ZZZ"}})", 400,
       "salary.currency", "unknown currency 'ZZZ'"},
      {"invalid IANA zone", "POST", "/api/v1/jobs",
       R"({"company":"acme","title":"x","timezone":{"zone":"Europe/Atlantis"}})", 400,
       "timezone.zone", "not an IANA time zone"},
      {"invalid talent zone", "POST", "/api/v1/talent", R"({"name":"A","timezone":"GMT+25"})", 400,
       "timezone", "not an IANA time zone"},
      {"invalid country", "POST", "/api/v1/cities",
       R"({"name":"X","country":"XX","lat":0,"lng":0,"timezone":"UTC"})", 400, "country",
       "ISO 3166-1"},
      {"invalid eligibility", "POST", "/api/v1/jobs",
       R"({"company":"acme","title":"x","eligibility":{"areas":["QQ"]}})", 400,
       "eligibility.areas[0]", "not a country code"},
      {"SQL metacharacters in a reference", "POST", "/api/v1/jobs",
       R"({"company":"acme' OR '1'='1","title":"x"})", 400, "company", "lowercase letters"},
      {"SQL metacharacters in a slug", "POST", "/api/v1/companies",
       R"({"name":"X","slug":"x'; DROP TABLE jobs; --"})", 400, "slug", "lowercase letters"},
      {"HTML in a title", "POST", "/api/v1/jobs", R"({"company":"acme","title":"<b>Hot</b> job"})",
       400, "title", "HTML tags are not allowed"},
      {"script in a description", "POST", "/api/v1/jobs",
       R"({"company":"acme","title":"x","description":"hi <script>alert(1)</script>"})", 400,
       "description", "active content"},
      {"script in a company name", "POST", "/api/v1/companies", R"({"name":"<script>x</script>"})",
       400, "name", "HTML tags"},
      {"javascript URL", "POST", "/api/v1/companies",
       R"x({"name":"X","website":"javascript:alert(1)"})x", 400, "website", "http"},
      {"unknown reference", "POST", "/api/v1/jobs", R"({"company":"no-such-co","title":"x"})", 400,
       "company", "no company with slug"},
      {"duplicate slug", "POST", "/api/v1/companies", R"({"name":"Acme again","slug":"acme"})", 409,
       "slug", "already exists"},
      {"patch changes slug", "PATCH", "/api/v1/jobs/go-dev", R"({"slug":"other"})", 400, "slug",
       "cannot be changed"},
      {"patch breaks validation", "PATCH", "/api/v1/jobs/go-dev",
       R"({"salary":{"min":5,"max":1,"currency":"USD"}})", 400, "salary.min", "inverted"},
      {"patch with bad type", "PATCH", "/api/v1/jobs/go-dev", R"({"tags":"go"})", 400, "tags",
       "expected an array"},
      {"deleting a referenced company", "DELETE", "/api/v1/companies/acme", "", 409, "",
       "still has 1 jobs"},
      {"patching a missing job", "PATCH", "/api/v1/jobs/nope", R"({"title":"x"})", 404, "",
       "no job"},
      // 30,000 levels in 60 KB: refused before a parser would recurse into them.
      {"deeply nested", "POST", "/api/v1/jobs",
       R"({"company":"acme","title":"x","tags":)" + std::string(30000, '[') +
           std::string(30000, ']') + "}",
       400, "", "nested deeper than"},
      {"deeply nested objects", "POST", "/api/v1/events",
       [] {
         std::string s;
         for (int i = 0; i < 8000; ++i) s += R"({"a":)";
         return s + "1" + std::string(8000, '}');
       }(),
       400, "", "nested deeper than"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string before = StoreFingerprint();
    HttpResult r = server_->Write(c.method, c.target, c.body);
    ExpectRejected(r, c.status, c.field, c.reason);
    EXPECT_EQ(StoreFingerprint(), before) << "store changed";
  }
  EXPECT_EQ(server_->Get("/api/v1/jobs/go-dev").json()["data"]["title"], "Go dev");
}

TEST_F(BadInputTest, WrongContentType) {
  std::string before = StoreFingerprint();
  HttpResult r = server_->Send(
      "POST", "/api/v1/companies", R"({"name":"X"})",
      {{"Content-Type", "text/plain"}, {"Authorization", std::string("Bearer ") + kAdminToken}});
  ExpectRejected(r, 400, "content-type", "expected application/json");
  EXPECT_EQ(StoreFingerprint(), before);
}

TEST_F(BadInputTest, OversizeBodyAndHeaders) {
  std::string before = StoreFingerprint();
  std::string big = R"({"name":"X","description":")" + std::string(70000, 'a') + R"("})";
  HttpResult r = server_->Write("POST", "/api/v1/companies", big);
  ExpectRejected(r, 413, "body", "exceeds 65536 bytes");
  std::string huge_header(20000, 'h');
  HttpResult h = server_->Get("/healthz", {{"X-Padding", huge_header}});
  EXPECT_EQ(h.status, 431);
  EXPECT_EQ(StoreFingerprint(), before);
  EXPECT_EQ(server_->Get("/healthz").status, 200);  // the server is still fine
}

TEST_F(BadInputTest, HostileQueryStrings) {
  struct Q {
    const char* target;
    int status;
    const char* field;
    const char* reason;
  } queries[] = {
      {"/api/v1/jobs?limit=0", 400, "limit", "from 1 to 100"},
      {"/api/v1/jobs?limit=1000000000000000000000", 400, "limit", "from 1 to 100"},
      {"/api/v1/jobs?limit=abc", 400, "limit", "from 1 to 100"},
      {"/api/v1/jobs?cursor=not-a-cursor", 400, "cursor", "not a cursor"},
      {"/api/v1/jobs?cursor=%27%3B%20DROP%20TABLE%20jobs%3B--", 400, "cursor", "not a cursor"},
      {"/api/v1/jobs?seniority=wizard", 400, "seniority", "expected one of"},
      {"/api/v1/jobs?company=acme%27%20OR%201%3D1", 400, "company", "lowercase letters"},
      {"/api/v1/jobs?bogus=1", 400, "bogus", "unknown query parameter"},
      {"/api/v1/jobs?q=%C3%28", 400, "q", "not valid UTF-8"},
      {"/api/v1/jobs?q=%zz", 400, "query", "malformed percent-encoding"},
      {"/api/v1/jobs?posted_since=tomorrow", 400, "posted_since", "expected a date"},
      {"/api/v1/cities?country=Narnia", 400, "country", "ISO 3166-1"},
      {"/api/v1/companies?region=Mordor", 400, "region", "not a country code"},
      {"/api/v1/jobs?status=flagged", 403, "", "only admins"},
  };
  for (const Q& q : queries) {
    SCOPED_TRACE(q.target);
    ExpectRejected(server_->Get(q.target), q.status, q.field, q.reason);
  }
  // SQL metacharacters in free text are just text: no match, no error, tables intact.
  HttpResult sql = server_->Get("/api/v1/jobs?q=%27%20OR%20%271%27%3D%271");
  EXPECT_EQ(sql.status, 200);
  EXPECT_EQ(sql.json()["data"].size(), 0u);
  HttpResult like = server_->Get("/api/v1/jobs?q=%25");
  EXPECT_EQ(like.status, 200);
  EXPECT_EQ(like.json()["data"].size(), 0u);  // '%' is literal, not a wildcard
  EXPECT_EQ(server_->Get("/api/v1/jobs/go-dev").status, 200);
}

TEST_F(BadInputTest, MalformedHttp) {
  std::string garbage = server_->Raw("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_NE(garbage.find("HTTP/1.1 400"), std::string::npos) << garbage;
  std::string bad_path = server_->Raw("GET /api/v1/jobs/%C3%28 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(bad_path.find("HTTP/1.1 400"), std::string::npos) << bad_path;
  std::string weird_slug = server_->Get("/api/v1/jobs/..%2F..%2Fetc%2Fpasswd").body;
  EXPECT_NE(weird_slug.find("not_found"), std::string::npos);
  EXPECT_EQ(server_->Get("/healthz").status, 200);
}

}  // namespace
}  // namespace meridian::testing
