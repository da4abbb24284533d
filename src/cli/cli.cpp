#include "cli/cli.h"

#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "base/progress.h"
#include "base/strings.h"
#include "cli/classifier_eval_cmd.h"
#include "cli/common.h"
#include "cli/migrate_cmd.h"
#include "cli/models_cmd.h"
#include "cli/salary_cmd.h"
#include "cli/trust_cmd.h"
#include "platform/demo/demo.h"
#include "platform/import/importer.h"

#ifndef MERIDIAN_VERSION
#define MERIDIAN_VERSION "dev"
#endif

namespace meridian::cli {
namespace {

StatusOr<Entity> EntityFromName(const std::string& name) {
  if (name == "companies") return Entity::kCompany;
  if (name == "jobs") return Entity::kJob;
  if (name == "talent") return Entity::kTalent;
  if (name == "cities") return Entity::kCity;
  if (name == "articles") return Entity::kArticle;
  return InvalidArgumentError("expected companies|jobs|talent|cities|articles, got '" + name + "'");
}

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot read '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int RunImport(const Settings& settings, const std::string& kind, const std::string& file,
              const std::string& format, bool strict, int batch) {
  auto entity = EntityFromName(kind);
  if (!entity.ok()) return Fail(entity.status());
  auto fmt = ParseImportFormat(format);
  if (!fmt.ok()) return Fail(fmt.status());
  auto text = ReadFile(file);
  if (!text.ok()) return Fail(text.status());
  auto store = OpenStore(settings);
  if (!store.ok()) return Fail(store.status());
  SystemClock clock;
  Progress bar({.label = kind});
  ImportOptions options{.entity = *entity,
                        .format = *fmt,
                        .strict = strict,
                        .batch_size = batch,
                        .now = clock.Now(),
                        .progress = [&](int64_t done, int64_t total) {
                          bar.SetTotal(total);
                          bar.Add(done - bar.count());
                        }};
  auto report = ImportText(**store, *text, options);
  bar.Finish();
  if (!report.ok()) return Fail(report.status());
  const size_t kShown = 100;
  for (size_t i = 0; i < report->errors.size() && i < kShown; ++i) {
    const RowError& e = report->errors[i];
    // Reasons name their field already ("salary.min: must not exceed max").
    bool named = !e.field.empty() && StartsWith(e.reason, e.field);
    std::cerr << file << ":" << e.line << ": " << (named || e.field.empty() ? "" : e.field + ": ")
              << e.reason << "\n";
  }
  if (report->errors.size() > kShown)
    std::cerr << "... and " << report->errors.size() - kShown << " more\n";
  double secs = bar.ElapsedSeconds();
  double rate = secs > 0 ? static_cast<double>(report->rows) / secs : 0;
  std::printf(
      "import %s %s: %s rows, %s inserted, %s updated, %s invalid%s in %.2f s (%s rows/s)\n",
      kind.c_str(), file.c_str(), WithThousands(report->rows).c_str(),
      WithThousands(report->inserted).c_str(), WithThousands(report->updated).c_str(),
      WithThousands(report->invalid).c_str(),
      report->written ? "" : "; strict mode: nothing written", secs,
      WithThousands(static_cast<int64_t>(rate)).c_str());
  return report->invalid > 0 ? 1 : 0;
}

int RunDemo(const Settings& settings, const DemoOptions& base) {
  auto store = OpenStore(settings);
  if (!store.ok()) return Fail(store.status());
  SystemClock clock;
  DemoOptions options = base;
  options.now = clock.Now();
  std::unique_ptr<Progress> bar;
  std::string stage;
  options.progress = [&](std::string_view s, int64_t done, int64_t total) {
    if (s != stage) {
      if (bar) bar->Finish();
      stage = std::string(s);
      bar = std::make_unique<Progress>(ProgressOptions{.label = stage, .total = total});
    }
    bar->Add(done - bar->count());
  };
  auto summary = SeedDemo(**store, options);
  if (bar) bar->Finish();
  if (!summary.ok()) return Fail(summary.status());
  if (Status s = TrainDemoModels(settings, **store); !s.ok()) return Fail(s);
  double jobs_rate =
      summary->jobs_seconds > 0 ? static_cast<double>(summary->jobs) / summary->jobs_seconds : 0;
  std::printf(
      "demo seeded %s: %s companies, %s cities, %s jobs, %s talent, %s articles, %s visitor events "
      "in %.2f s (jobs: %s jobs/s)\n",
      RedactUrlPassword(settings.db).c_str(), WithThousands(summary->companies).c_str(),
      WithThousands(summary->cities).c_str(), WithThousands(summary->jobs).c_str(),
      WithThousands(summary->talent).c_str(), WithThousands(summary->articles).c_str(),
      WithThousands(summary->events).c_str(), summary->seconds,
      WithThousands(static_cast<int64_t>(jobs_rate)).c_str());
  return 0;
}

}  // namespace

int Run(int argc, char** argv) {
  CLI::App app{"Meridian: a self-hosted remote-work platform with a machine-learning engine"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("meridian ") + MERIDIAN_VERSION);

  CommonFlags serve_flags;
  CLI::App* serve = app.add_subcommand("serve", "Serve the web pages and the JSON API");
  AddCommonFlags(serve, &serve_flags);
  AddSettingFlag(serve, &serve_flags, "--host", "server.host",
                 "address to listen on (MERIDIAN_HOST)");
  AddSettingFlag(serve, &serve_flags, "--port", "server.port",
                 "TCP port, 0 = any free (MERIDIAN_PORT)");
  AddSettingFlag(serve, &serve_flags, "--threads", "server.threads",
                 "I/O threads, 0 = one per core");
  AddSettingFlag(serve, &serve_flags, "--admin-token", "server.admin_token",
                 "interim admin bearer token, off unless set (MERIDIAN_ADMIN_TOKEN)");
  AddSettingFlag(serve, &serve_flags, "--blocking-threads", "server.blocking_threads",
                 "threads for password hashing, 0 = on the I/O threads");
  AddSettingFlag(serve, &serve_flags, "--trust-proxy", "server.trust_proxy",
                 "take client address and scheme from X-Forwarded-*: true|false");
  AddSettingFlag(serve, &serve_flags, "--signin-per-minute", "limits.signin_per_minute",
                 "sign-in attempts per address per minute, 0 = no limit");
  AddSettingFlag(serve, &serve_flags, "--signup-per-minute", "limits.signup_per_minute",
                 "sign-ups per address per minute, 0 = no limit");
  AddSettingFlag(serve, &serve_flags, "--writes-per-minute", "limits.writes_per_minute",
                 "writes per address and per caller per minute, 0 = no limit");
  AddSettingFlag(serve, &serve_flags, "--base-url", "server.base_url",
                 "public base URL for absolute links");
  AddSettingFlag(serve, &serve_flags, "--max-body-bytes", "server.max_body_bytes",
                 "largest request body");
  AddSettingFlag(serve, &serve_flags, "--access-log", "log.access",
                 "log every request: true|false");
  AddSettingFlag(serve, &serve_flags, "--trust-poll-seconds", "trust.poll_seconds",
                 "expire posts past valid_through and reload changed model files this often");
  AddSettingFlag(serve, &serve_flags, "--response-cache", "server.response_cache_entries",
                 "cached public record responses, 0 = off");
  AddSettingFlag(serve, &serve_flags, "--memory-release-seconds", "server.memory_release_seconds",
                 "hand free heap memory back to the system this often, 0 = never");

  CommonFlags import_flags;
  std::string import_kind, import_file, import_format = "auto";
  bool import_strict = false;
  int import_batch = 1000;
  CLI::App* import = app.add_subcommand(
      "import", "Import companies, jobs, talent, cities or articles from a file");
  AddCommonFlags(import, &import_flags);
  import->add_option("kind", import_kind, "companies|jobs|talent|cities|articles")->required();
  import
      ->add_option("file", import_file,
                   "NDJSON, JSON array, CSV, JSON Resume or schema.org JobPosting file")
      ->required();
  import->add_option("--format", import_format, "auto|ndjson|csv|jsonresume|jobposting");
  import->add_flag("--strict", import_strict,
                   "all-or-nothing: write nothing if any row is invalid");
  import->add_option("--batch", import_batch, "rows per transaction")->check(CLI::Range(1, 100000));

  CommonFlags demo_flags;
  DemoOptions demo_options;
  CLI::App* demo = app.add_subcommand("demo", "Create and seed a database with demo data");
  AddCommonFlags(demo, &demo_flags);
  demo->add_option("--jobs", demo_options.jobs, "generated jobs")->check(CLI::Range(0, 5'000'000));
  demo->add_option("--talent", demo_options.talent, "generated talent profiles")
      ->check(CLI::Range(0, 1'000'000));
  demo->add_option("--articles", demo_options.articles, "generated articles")
      ->check(CLI::Range(0, 100'000));
  demo->add_option("--visitors", demo_options.visitors,
                   "fictional visitors whose job views, saves and applications are generated")
      ->check(CLI::Range(0, 1'000'000));
  demo->add_option("--labels", demo_options.labels,
                   "generated posts recorded as moderation labels (a fifth of them scams) for "
                   "the scam model")
      ->check(CLI::Range(0, 1'000'000));
  demo->add_option("--seed", demo_options.seed, "random seed (same seed, same data)");

  CommonFlags config_flags;
  bool list_keys = false;
  CLI::App* config = app.add_subcommand("config", "Print the effective settings as TOML");
  AddCommonFlags(config, &config_flags);
  config->add_flag("--keys", list_keys, "list every setting with its environment variable");

  CommonFlags reindex_flags;
  CLI::App* reindex = app.add_subcommand(
      "reindex", "Rebuild the search indexes from the database and write their files");
  AddCommonFlags(reindex, &reindex_flags);

  CommonFlags train_flags;
  TrainOptions train_options;
  CLI::App* train = app.add_subcommand("train", "Train a model from the database");
  CLI::App* train_embeddings = train->add_subcommand(
      "embeddings", "Train the embedding model behind related items and matching");
  CLI::App* train_recommenders = train->add_subcommand(
      "recommenders",
      "Train the \"for you\" recommenders from the stored events and print their holdout "
      "metrics");
  AddCommonFlags(train_recommenders, &train_flags);
  train_recommenders->add_option("--seed", train_options.seed, "random seed of the holdout split");
  // `train --all` or `train NAME…` (several models, registered through the gate), or one
  // model's subcommand with its own options.
  CommonFlags train_all_flags;
  TrainManyOptions train_many;
  bool train_all = false;
  AddCommonFlags(train, &train_all_flags);
  train->add_flag("--all", train_all,
                  "train every model (salary, scam, embeddings, recommenders) and register each");
  train->add_option("--models", train_many.names, "train these models (comma-separated)")
      ->delimiter(',');
  AddGateFlags(train, &train_many.gate);
  AddCommonFlags(train_embeddings, &train_flags);
  train_embeddings->add_option("--dims", train_options.dims, "embedding dimensions")
      ->check(CLI::Range(8, 1024));
  train_embeddings->add_option("--seed", train_options.seed, "random seed (same data, same model)");
  AddGateFlags(train_embeddings, &train_options.gate);
  AddGateFlags(train_recommenders, &train_options.gate);

  RecsysEvalOptions recsys;
  CLI::App* eval = app.add_subcommand("eval", "Evaluate models offline");
  CLI::App* eval_recsys = eval->add_subcommand(
      "recsys", "Rank unseen items for each user of an interactions file and score the lists");
  eval->require_subcommand(1);
  eval_recsys->add_option("--interactions", recsys.interactions,
                          "user item [weight] [timestamp] per line (MovieLens u.data works)");
  eval_recsys->add_option("--format", recsys.format, "movielens|tsv");
  eval_recsys->add_option("--protocol", recsys.protocol, "stratified-75-25|predefined");
  eval_recsys->add_option("--train", recsys.train, "predefined: the training file");
  eval_recsys->add_option("--test", recsys.test,
                          "predefined: the held-out file (train = the rest of --interactions "
                          "when --train is not given)");
  eval_recsys->add_option("--model", recsys.models, "pop,itemknn,itemknn-bm25,als,hybrid")
      ->delimiter(',');
  eval_recsys->add_option("--k", recsys.k, "list length")->check(CLI::Range(1, 1000));
  eval_recsys->add_option("--min-rating", recsys.min_rating, "leave out lower weights");
  eval_recsys->add_option("--seed", recsys.seed, "split seed");
  eval_recsys->add_option("--factors", recsys.als.factors, "als: factors")
      ->check(CLI::Range(1, 1024));
  eval_recsys->add_option("--reg", recsys.als.regularization, "als: regularization");
  eval_recsys->add_option("--alpha", recsys.als.alpha, "als: confidence per unit weight");
  eval_recsys->add_option("--iterations", recsys.als.iterations, "als: alternations")
      ->check(CLI::Range(1, 200));
  eval_recsys
      ->add_option("--half-life-days", recsys.popularity.half_life_days,
                   "pop and the hybrid's popularity: an interaction's weight halves every D "
                   "days before the latest one in training (0: plain counts)")
      ->check(CLI::NonNegativeNumber);
  eval_recsys->add_flag("--tune", recsys.tune,
                        "als and hybrid: choose factors, reg and alpha (then the blend) by NDCG "
                        "on a validation split carved from the training side");

  AccountCommands accounts(app);
  SalaryCommands salary(train, eval);
  TrustCommands trust(train);
  // `train salary scam`: further model names after a model's subcommand train those too.
  std::vector<std::string> train_more;
  for (CLI::App* sub : train->get_subcommands([](CLI::App*) { return true; })) {
    sub->add_option("more", train_more, "more models to train and register in the same run");
  }
  ModelsCommands models(app);
  ClassifierEvalCommand classifier_eval(eval);
  MigrateCommand migrate(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  auto setup = [](const CommonFlags& f) { return LoadAndSetup(f); };
  if (*serve) {
    auto s = setup(serve_flags);
    return s.ok() ? RunServe(*s) : Fail(s.status());
  }
  if (*import) {
    auto s = setup(import_flags);
    return s.ok()
               ? RunImport(*s, import_kind, import_file, import_format, import_strict, import_batch)
               : Fail(s.status());
  }
  if (*demo) {
    auto s = setup(demo_flags);
    return s.ok() ? RunDemo(*s, demo_options) : Fail(s.status());
  }
  if (*reindex) {
    auto s = setup(reindex_flags);
    return s.ok() ? RunReindex(*s) : Fail(s.status());
  }
  if (*eval_recsys) return RunRecsysEval(recsys);
  if (*train_recommenders) {
    auto s = setup(train_flags);
    return s.ok() ? RunTrainRecommenders(*s, train_options) : Fail(s.status());
  }
  if (*train_embeddings) {
    auto s = setup(train_flags);
    return s.ok() ? RunTrainEmbeddings(*s, train_options) : Fail(s.status());
  }
  if (*train && !train_more.empty()) {  // `train salary scam`
    const std::string first = train->get_subcommands().front()->get_name();
    train_many.names = {first};
    train_many.names.insert(train_many.names.end(), train_more.begin(), train_more.end());
    const CommonFlags& flags = first == "salary" ? salary.flags()
                               : first == "scam" ? trust.flags()
                                                 : train_flags;
    auto s = setup(flags);
    return s.ok() ? RunTrainMany(*s, train_many) : Fail(s.status());
  }
  if (*train && train->get_subcommands().empty()) {
    if (!train_all && train_many.names.empty()) {
      return Fail(InvalidArgumentError(
          "train: name a model (train scam, train salary, ...), or --all, or --models a,b"));
    }
    auto s = setup(train_all_flags);
    return s.ok() ? RunTrainMany(*s, train_many) : Fail(s.status());
  }
  if (auto rc = accounts.RunIfChosen()) return *rc;
  if (auto rc = salary.RunIfChosen()) return *rc;
  if (auto rc = trust.RunIfChosen()) return *rc;
  if (auto rc = models.RunIfChosen()) return *rc;
  if (auto rc = classifier_eval.RunIfChosen()) return *rc;
  if (auto rc = migrate.RunIfChosen()) return *rc;
  if (*config) {
    auto s = setup(config_flags);
    if (!s.ok()) return Fail(s.status());
    if (list_keys) {
      for (const auto& k : ConfigKeys())
        std::printf("%-32s %-28s %s\n", k.name.c_str(), k.env.c_str(), k.help.c_str());
    } else {
      std::printf("%s", SettingsToToml(*s).c_str());
    }
    return 0;
  }
  return 2;
}

}  // namespace meridian::cli
