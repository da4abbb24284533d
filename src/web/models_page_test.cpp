// The admin model dashboard (/admin/models) against a real SQLite store and real accounts:
// what it shows (aliases, versions, history, drift, the charts' JSON), who may open it, and
// promote and rollback through CSRF-checked forms with gate refusals shown on the page.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>

#include "base/json.h"
#include "base/strings.h"
#include "engine/mlops/registry.h"
#include "engine/store/sqlite/sqlite_store.h"
#include "platform/accounts/accounts.h"
#include "platform/accounts/authorized_catalog.h"
#include "platform/catalog.h"
#include "platform/lifecycle/model_overview.h"
#include "web/web.h"

namespace meridian::web {
namespace {

constexpr UnixSeconds kNow = 1782900000;  // 2026-07-01T10:00:00Z
constexpr std::string_view kPassword = "correct horse battery";

std::string Header(const http::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (AsciiLower(k) == AsciiLower(name)) return v;
  }
  return "";
}

bool Has(const std::string& body, std::string_view text) {
  return body.find(text) != std::string::npos;
}

class ModelsPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "meridian_models_web_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    Remove();
    auto s = OpenSqliteStore({.path = path_, .clock = &clock_});
    ASSERT_TRUE(s.ok()) << s.status();
    store_ = std::move(*s);
    catalog_ = std::make_unique<Catalog>(*store_, clock_);
    writes_ = std::make_unique<AuthorizedCatalog>(*store_, *catalog_);
    accounts_ = std::make_unique<Accounts>(*store_, clock_,
                                           AccountsOptions{.hash_cost = HashCost::kMinimum});
    WebContext ctx{.store = store_.get(),
                   .clock = &clock_,
                   .accounts = accounts_.get(),
                   .writes = writes_.get()};
    Status st = RegisterPages(router_, ctx);
    ASSERT_TRUE(st.ok()) << st;
    Seed();
  }
  void TearDown() override {
    accounts_.reset();
    writes_.reset();
    catalog_.reset();
    store_.reset();
    Remove();
  }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
  }

  // scam v1 (f1 0.90, champion) and v2 (f1 0.85, challenger: it lost the gate), and two drift
  // checks of v1 an hour apart.
  void Seed() {
    mlops::ModelRegistry registry(*store_, clock_);
    for (double f1 : {0.90, 0.85}) {
      mlops::ModelCandidate c{.name = "scam",
                              .artifact = "bytes-" + std::to_string(f1),
                              .metrics = {{"f1", f1}, {"auc", 0.97}},
                              .primary_metric = "f1",
                              .data_seq = 7,
                              .data_counts = {{"labels", 120}}};
      auto out = registry.Register(c, {});
      ASSERT_TRUE(out.ok()) << out.status();
      clock_.Advance(60);
    }
    for (double p : {0.40, 0.01}) {
      Status st = store_->Write([&](StoreWriter& w) -> Status {
        DriftRecord col{.model = "scam",
                        .version = 1,
                        .window_from = clock_.Now() - 7 * 86400,
                        .window_to = clock_.Now(),
                        .rows = 50,
                        .feature = "chat_app",
                        .statistic = "chisquare",
                        .value = p,
                        .threshold = 0.05,
                        .drifted = p < 0.05,
                        .psi = 0.02};
        RETURN_IF_ERROR(w.AddDrift(&col));
        DriftRecord ds = col;
        ds.feature = kDatasetDriftFeature;
        ds.statistic = "share_drifted";
        ds.value = p < 0.05 ? 1.0 : 0.0;
        ds.threshold = 0.5;
        ds.psi.reset();
        return w.AddDrift(&ds);
      });
      ASSERT_TRUE(st.ok()) << st;
      clock_.Advance(3600);
    }
  }

  // `target` may carry a query string of plain key=value pairs.
  http::Response Send(http::Method method, const std::string& target,
                      const std::string& body = "") {
    http::Request req;
    req.method = method;
    req.target = target;
    req.path = target.substr(0, target.find('?'));
    if (size_t q = target.find('?'); q != std::string::npos) {
      for (const std::string& pair : Split(target.substr(q + 1), '&')) {
        size_t eq = pair.find('=');
        req.query.emplace_back(pair.substr(0, eq),
                               eq == std::string::npos ? "" : pair.substr(eq + 1));
      }
    }
    const std::string& path = req.path;
    req.body = body;
    req.remote = "203.0.113.9";
    req.headers["host"] = "meridian.test";
    if (!body.empty()) req.headers["content-type"] = "application/x-www-form-urlencoded";
    if (!session_.empty()) req.headers["cookie"] = "meridian_session=" + session_;
    req.request_id = "test";
    http::Router::Match m = router_.Find(method, path);
    if (m.outcome != http::Router::Outcome::kFound) {
      m = router_.Find(http::Method::kGet, "/__not_found__");
    }
    req.params = m.params;
    return router_.routes()[static_cast<size_t>(m.route)].handler(req);
  }
  http::Response Get(const std::string& path) { return Send(http::Method::kGet, path); }
  http::Response Post(const std::string& path, const std::string& form) {
    return Send(http::Method::kPost, path, form);
  }

  // Creates an account with `role` and signs it in; returns its CSRF token.
  std::string SignIn(const std::string& email, Role role) {
    auto user = accounts_->CreateUser(email, kPassword, role);
    EXPECT_TRUE(user.ok()) << user.status();
    auto s = accounts_->SignIn(email, kPassword);
    EXPECT_TRUE(s.ok()) << s.status();
    session_ = s->session_id;
    return s->csrf_token;
  }

  int64_t Champion() {
    auto v = mlops::ModelRegistry(*store_, clock_).AliasVersion("scam", mlops::kChampion);
    return v.ok() ? *v : 0;
  }

  std::string path_;
  FakeClock clock_{kNow};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<AuthorizedCatalog> writes_;
  std::unique_ptr<Accounts> accounts_;
  http::Router router_;
  std::string session_;
};

// The JSON of <script type="application/json" id="model-charts">.
Json ChartsOf(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"model-charts\">";
  size_t from = html.find(open);
  if (from == std::string::npos) return nullptr;
  from += open.size();
  auto parsed = ParseJson(html.substr(from, html.find("</script>", from) - from));
  return parsed.ok() ? *parsed : Json(nullptr);
}

TEST_F(ModelsPageTest, AdminSeesAliasesVersionsDriftAndChartData) {
  SignIn("root@meridian.example", Role::kAdmin);
  http::Response r = Get("/admin/models");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Header(r, "Cache-Control"), "private, no-store");
  const std::string& b = r.body;
  EXPECT_TRUE(Has(b, "champion <strong class=\"champion\">v1</strong>"));
  EXPECT_TRUE(Has(b, "challenger <strong class=\"challenger\">v2</strong>"));
  EXPECT_TRUE(Has(b, "f1 0.9 (higher is better)"));
  EXPECT_TRUE(Has(b, "labels 120 (change 7)"));
  EXPECT_TRUE(Has(b, "<tr data-version=\"2\">"));
  EXPECT_TRUE(Has(b, "action=\"/admin/models/scam/promote\""));
  EXPECT_TRUE(Has(b, "action=\"/admin/models/scam/rollback\""));
  EXPECT_TRUE(Has(b, "Not served by this process."));
  // The newest drift check's rows, and the alias history.
  EXPECT_TRUE(Has(b, "<td>chat_app</td><td>chisquare</td><td>0.01</td><td>0.05</td>"));
  EXPECT_TRUE(Has(b, "dataset drift"));
  EXPECT_TRUE(Has(b, "Alias history"));
  // Scripts only from /static: uPlot and the page's own; the data is inert JSON.
  EXPECT_TRUE(Has(b, "<script src=\"/static/uplot.js\" defer></script>"));
  EXPECT_TRUE(Has(b, "<script src=\"/static/models.js\" defer></script>"));
  EXPECT_TRUE(Has(b, "<link rel=\"stylesheet\" href=\"/static/uplot.css\">"));
  EXPECT_FALSE(Has(b, "<script>"));

  Json charts = ChartsOf(b);
  ASSERT_TRUE(charts.is_object()) << "no chart JSON";
  ASSERT_EQ(charts["charts"].size(), 2u) << charts.dump();
  const Json& metrics = charts["charts"][0];
  EXPECT_EQ(metrics["id"], "chart-scam-metrics");
  EXPECT_EQ(metrics["x_kind"], "version");
  EXPECT_EQ(metrics["x"], Json::array({1, 2}));
  EXPECT_EQ(metrics["series"][0]["label"], "f1 (gate)");
  EXPECT_EQ(metrics["series"][0]["values"], Json::array({0.90, 0.85}));
  EXPECT_EQ(metrics["series"][1]["axis"], "right");
  const Json& drift = charts["charts"][1];
  EXPECT_EQ(drift["id"], "chart-scam-drift-p");
  EXPECT_EQ(drift["x_kind"], "time");
  EXPECT_EQ(drift["x"].size(), 2u);
  EXPECT_EQ(drift["series"][0]["label"], "chat_app");
  EXPECT_EQ(drift["series"][0]["values"], Json::array({0.40, 0.01}));
  EXPECT_EQ(drift["lines"][0]["value"], 0.05);
  EXPECT_TRUE(Has(b, "id=\"chart-scam-metrics\""));
  EXPECT_TRUE(Has(b, "id=\"chart-scam-drift-p\""));
}

TEST_F(ModelsPageTest, OnlyAdminsOpenItOrAct) {
  http::Response anonymous = Get("/admin/models");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(Header(anonymous, "Location"), "/signin?next=%2Fadmin%2Fmodels");
  std::string csrf = SignIn("boss@acme.example", Role::kEmployer);
  http::Response r = Get("/admin/models");
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(Has(r.body, "This page is for admin accounts"));
  r = Post("/admin/models/scam/promote", "csrf=" + csrf + "&version=2&force=1");
  EXPECT_EQ(r.status, 403);
  r = Post("/admin/models/scam/rollback", "csrf=" + csrf);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Champion(), 1);
}

TEST_F(ModelsPageTest, PromoteGoesThroughTheGateUnlessForced) {
  std::string csrf = SignIn("root@meridian.example", Role::kAdmin);
  // v2 is worse: the gate refuses, said on the page (not an error page), nothing moves.
  http::Response r = Post("/admin/models/scam/promote", "csrf=" + csrf + "&version=2");
  EXPECT_EQ(r.status, 409);
  EXPECT_TRUE(Has(r.body, "id=\"models-refusal\"")) << r.body;
  EXPECT_TRUE(Has(r.body, "gate: f1")) << r.body;
  EXPECT_EQ(Champion(), 1);
  // No such version: 404 with the message, on the page.
  r = Post("/admin/models/scam/promote", "csrf=" + csrf + "&version=9");
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(Has(r.body, "id=\"models-refusal\""));
  r = Post("/admin/models/scam/promote", "csrf=" + csrf + "&version=two");
  EXPECT_EQ(r.status, 400);
  // A forged token changes nothing.
  r = Post("/admin/models/scam/promote", "csrf=forged&version=2&force=1");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Champion(), 1);

  r = Post("/admin/models/scam/promote", "csrf=" + csrf + "&version=2&force=1");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(Header(r, "Location"), "/admin/models?done=promote&model=scam&champion=2#model-scam");
  EXPECT_EQ(Champion(), 2);
  r = Get("/admin/models?done=promote&model=scam&champion=2");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "scam v2 is the champion now"));
  EXPECT_TRUE(Has(r.body, "champion <strong class=\"champion\">v2</strong>"));
  EXPECT_TRUE(Has(r.body, "admin:root@meridian.example"));
}

TEST_F(ModelsPageTest, RollbackPutsThePreviousChampionBack) {
  std::string csrf = SignIn("root@meridian.example", Role::kAdmin);
  ASSERT_EQ(Post("/admin/models/scam/promote", "csrf=" + csrf + "&version=2&force=1").status, 303);
  EXPECT_EQ(Post("/admin/models/scam/rollback", "csrf=nope").status, 403);
  EXPECT_EQ(Champion(), 2);
  http::Response r = Post("/admin/models/scam/rollback", "csrf=" + csrf);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(Header(r, "Location"), "/admin/models?done=rollback&model=scam&champion=1#model-scam");
  EXPECT_EQ(Champion(), 1);
  r = Get("/admin/models?done=rollback&model=scam&champion=1");
  EXPECT_TRUE(Has(r.body, "Rolled back: scam v1 is the champion now"));
  EXPECT_TRUE(Has(r.body, "rolled_back"));
  // Nothing earlier to go back to: a clear 409 on the page.
  r = Post("/admin/models/scam/rollback", "csrf=" + csrf);
  EXPECT_EQ(r.status, 409);
  EXPECT_TRUE(Has(r.body, "id=\"models-refusal\""));
  // A model that does not exist.
  r = Post("/admin/models/nope/rollback", "csrf=" + csrf);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(Champion(), 1);
}

TEST_F(ModelsPageTest, UplotIsEmbeddedAndServed) {
  for (const char* file : {"uplot.js", "uplot.css", "models.js"}) {
    http::Response r = Get(std::string("/static/") + file);
    EXPECT_EQ(r.status, 200) << file;
    EXPECT_FALSE(r.body.empty()) << file;
  }
  EXPECT_TRUE(Has(Get("/static/uplot.js").body, "uPlot"));
  EXPECT_EQ(Get("/static/uplot.css").content_type, "text/css; charset=utf-8");
}

TEST(ModelOverviewTest, DriftRowsGroupIntoChecksClosedByTheirDatasetRow) {
  auto row = [](std::string feature, UnixSeconds at) {
    return DriftRecord{.model = "scam", .version = 3, .feature = std::move(feature), .at = at};
  };
  // The second check's rows straddle a second.
  std::vector<StoredDriftCheck> checks =
      GroupDriftChecks({row("a", 10), row("b", 10), row(kDatasetDriftFeature, 10), row("a", 20),
                        row("b", 21), row(kDatasetDriftFeature, 21), row("a", 30)});
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0].columns.size(), 2u);
  ASSERT_TRUE(checks[1].dataset.has_value());
  EXPECT_EQ(checks[1].at, 21);
  EXPECT_EQ(checks[1].columns.size(), 2u);
  EXPECT_FALSE(checks[2].dataset.has_value());
  EXPECT_EQ(checks[2].version, 3);
  EXPECT_TRUE(GroupDriftChecks({}).empty());
}

}  // namespace
}  // namespace meridian::web
