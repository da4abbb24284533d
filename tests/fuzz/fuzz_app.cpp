#include "fuzz_app.h"

#include <cstdlib>

#include "base/json.h"
#include "base/time.h"
#include "engine/store/open_store.h"
#include "fuzz_targets.h"
#include "platform/demo/demo.h"

namespace meridian::fuzz {

namespace {

cli::App* app = nullptr;
FuzzSlugs* slugs = nullptr;

void StopApp() {
  delete app;
  app = nullptr;
}

template <typename T, typename List>
std::string FirstSlug(List list) {
  StatusOr<Page<T>> page = list(PageRequest{.limit = 1});
  if (!page.ok() || page->items.empty()) Fail("the fuzz demo database has an empty table");
  return page->items.front().slug;
}

}  // namespace

cli::App& FuzzApp() {
  if (app) return *app;
  const std::string db = ScratchDir() + "/app.db";
  {
    StatusOr<std::unique_ptr<Store>> store = OpenStore({.url = db});
    if (!store.ok()) Fail("open the fuzz database: " + store.status().ToString());
    SystemClock clock;
    StatusOr<DemoSummary> seeded = SeedDemo(**store, {.jobs = 120,
                                                      .talent = 40,
                                                      .articles = 12,
                                                      .visitors = 20,
                                                      .labels = 0,
                                                      .now = clock.Now()});
    if (!seeded.ok()) Fail("seed the fuzz database: " + seeded.status().ToString());
    Store& s = **store;
    slugs = new FuzzSlugs{
        .job = FirstSlug<Job>([&](const PageRequest& p) { return s.ListJobs({}, p); }),
        .company = FirstSlug<Company>([&](const PageRequest& p) { return s.ListCompanies({}, p); }),
        .talent = FirstSlug<Talent>([&](const PageRequest& p) { return s.ListTalent({}, p); }),
        .city = FirstSlug<City>([&](const PageRequest& p) { return s.ListCities({}, p); }),
        .article = FirstSlug<Article>([&](const PageRequest& p) { return s.ListArticles({}, p); })};
  }
  Settings settings;
  settings.db = db;
  settings.index_dir = ScratchDir() + "/index";
  settings.admin_token = kFuzzAdminToken;
  settings.drift_check_seconds = 0;
  settings.retrain_check_seconds = 0;
  settings.writes_per_minute = 0;
  StatusOr<std::unique_ptr<cli::App>> started = cli::App::Start(settings);
  if (!started.ok()) Fail("start the app: " + started.status().ToString());
  app = started->release();
  app->SetReady(true);
  std::atexit(StopApp);  // runs before the scratch folder is removed (registered later)
  return *app;
}

const FuzzSlugs& Slugs() {
  FuzzApp();
  return *slugs;
}

void CheckResponse(const http::Response& r, std::string_view request) {
  auto fail = [&](const std::string& why) {
    Fail(why + "\n--- request (" + std::to_string(request.size()) + " bytes) ---\n" +
         std::string(request.substr(0, 2000)) + "\n--- response ---\n" +
         std::string(r.Body().substr(0, 2000)));
  };
  if (r.status < 100 || r.status > 599) fail("status " + std::to_string(r.status));
  if (r.status >= 500 && r.status != 503) fail("server error " + std::to_string(r.status));
  if (r.content_type.starts_with("application/json") && !r.Body().empty() &&
      !ParseJson(r.Body(), {.max_depth = 256}).ok()) {
    fail("a JSON response that does not parse");
  }
}

}  // namespace meridian::fuzz
