#include "integration/accounts_fixture.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>

#include "base/strings.h"

namespace meridian::testing {
namespace {

std::atomic<int> g_catalogue{0};

class CatalogueReport : public ::testing::Environment {
 public:
  void TearDown() override {
    if (g_catalogue > 0)
      std::printf("[catalogue] %d hostile or cross-role requests tried\n", g_catalogue.load());
  }
};

[[maybe_unused]] ::testing::Environment* const kReport =
    ::testing::AddGlobalTestEnvironment(new CatalogueReport);

}  // namespace

void RecordCatalogue(const std::string& what, int requests) {
  g_catalogue += requests;
  std::printf("[catalogue] %s: %d requests\n", what.c_str(), requests);
}

Caller SessionFrom(const HttpResult& r) {
  Caller c;
  auto it = r.headers.find("set-cookie");
  if (it == r.headers.end()) return c;
  std::string v = it->second;
  const std::string name = "meridian_session=";
  if (!StartsWith(v, name)) return c;
  c.session = v.substr(name.size(), v.find(';') - name.size());
  Json j = r.json();
  if (j.contains("data") && j["data"].contains("csrf_token"))
    c.csrf = j["data"]["csrf_token"].get<std::string>();
  return c;
}

HttpResult AccountsFixture::Request(const Caller& who, const std::string& method,
                                    const std::string& path, const std::string& body,
                                    std::map<std::string, std::string> headers) const {
  if (!who.bearer.empty()) headers.emplace("Authorization", "Bearer " + who.bearer);
  if (!who.session.empty()) {
    headers.emplace("Cookie", "meridian_session=" + who.session);
    if (!who.csrf.empty()) headers.emplace("X-CSRF-Token", who.csrf);
  }
  return server_->Send(method, path, body, headers);
}

int64_t AccountsFixture::LastChangeSeq() const {
  std::string text = server_->Get("/metrics").body;
  const std::string key = "\nmeridian_store_last_change_seq ";
  size_t at = text.find(key);
  if (at == std::string::npos) return -1;
  return std::atoll(text.c_str() + at + key.size());
}

Caller AccountsFixture::SignUp(const std::string& email, const std::string& role) const {
  auto r = server_->Send("POST", "/api/v1/auth/signup",
                         Json{{"email", email}, {"password", kPassword}, {"role", role}}.dump());
  EXPECT_EQ(r.status, 201) << r.body;
  return SessionFrom(r);
}

std::string AccountsFixture::CreateKey(const std::vector<std::string>& args, int64_t* id) const {
  std::vector<std::string> all = {"keys", "create"};
  all.insert(all.end(), args.begin(), args.end());
  all.push_back("--db");
  all.push_back(db_);
  CommandResult r = RunMeridian(all);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  if (id) {
    size_t at = r.err.find(" key ");
    *id = at == std::string::npos ? 0 : std::atoll(r.err.c_str() + at + 5);
  }
  return std::string(Trim(r.out));
}

AccountsFixture::AccountsFixture(std::vector<std::string> extra_args) {
  db_ = TempPath("accounts.db");
  CommandResult admin = RunMeridian(
      {"users", "create", "--email", "admin@test.example", "--role", "admin", "--db", db_},
      std::string(kPassword) + "\n");
  EXPECT_EQ(admin.exit_code, 0) << admin.err;
  // Only real credentials: the interim admin token is switched off.
  std::vector<std::string> args = {"--admin-token", ""};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  server_ = std::make_unique<ServerProcess>(ServerProcess::Options{.extra_args = args, .db = db_});
  EXPECT_TRUE(server_->started());
  admin_key.bearer = CreateKey({"--role", "admin", "--user", "admin@test.example"});

  member = SignUp("member@test.example", "member");
  talent = SignUp("tess@test.example", "talent");
  other_talent = SignUp("uma@test.example", "talent");
  employer_a = SignUp("alpha@test.example", "employer");
  employer_b = SignUp("beta@test.example", "employer");
  auto expect_created = [](const HttpResult& r) { EXPECT_EQ(r.status, 201) << r.body; };
  expect_created(
      Request(employer_a, "POST", "/api/v1/companies", R"({"slug":"alpha-co","name":"Alpha Co"})"));
  expect_created(
      Request(employer_b, "POST", "/api/v1/companies", R"({"slug":"beta-co","name":"Beta Co"})"));
  expect_created(Request(employer_a, "POST", "/api/v1/jobs",
                         R"({"slug":"alpha-job","title":"Alpha job","company":"alpha-co"})"));
  expect_created(Request(employer_b, "POST", "/api/v1/jobs",
                         R"({"slug":"beta-job","title":"Beta job","company":"beta-co"})"));
  expect_created(
      Request(admin_key, "POST", "/api/v1/jobs",
              R"({"slug":"beta-live","title":"Beta live","company":"beta-co","status":"live"})"));
  expect_created(Request(talent, "POST", "/api/v1/talent",
                         R"({"slug":"tess-talent","name":"Tess Talent",)"
                         R"("email":"tess.private@example.org"})"));
  expect_created(Request(other_talent, "POST", "/api/v1/talent",
                         R"({"slug":"uma-hidden","name":"Uma Hidden","visibility":"hidden"})"));
  expect_created(Request(admin_key, "POST", "/api/v1/cities",
                         R"({"slug":"test-city","name":"Test City","country":"PT","lat":38.7,)"
                         R"("lng":-9.1,"timezone":"Europe/Lisbon"})"));
  expect_created(Request(admin_key, "POST", "/api/v1/articles",
                         R"({"slug":"test-article","title":"Test article","body":"Text"})"));
  employer_a_key.bearer = CreateKey({"--role", "employer", "--user", "alpha@test.example"});
  CreateKey({"--role", "employer", "--user", "beta@test.example", "--label", "scratch"},
            &employer_b_scratch_key_id);
}

AccountsFixture::~AccountsFixture() {
  server_.reset();
  RemoveDb(db_);
}

}  // namespace meridian::testing
