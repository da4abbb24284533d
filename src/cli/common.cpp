#include "cli/common.h"

#include <filesystem>
#include <iostream>

#include "base/logging.h"
#include "engine/store/open_store.h"

namespace meridian::cli {

void AddSettingFlag(CLI::App* app, CommonFlags* flags, const std::string& flag,
                    const std::string& key, const std::string& help) {
  app->add_option_function<std::string>(
         flag, [flags, key](const std::string& v) { flags->overrides[key] = v; }, help)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

void AddCommonFlags(CLI::App* app, CommonFlags* flags) {
  app->add_option_function<std::string>(
      "--config", [flags](const std::string& v) { flags->config = v; },
      "TOML settings file (or MERIDIAN_CONFIG)");
  AddSettingFlag(app, flags, "--db", "db",
                 "SQLite file (sqlite:PATH or PATH) or postgresql://… URL (MERIDIAN_DB)");
  AddSettingFlag(app, flags, "--index-dir", "search.index_dir",
                 "this process's index files (MERIDIAN_INDEX_DIR; one per replica)");
  AddSettingFlag(app, flags, "--log-level", "log.level", "trace|debug|info|warn|error|off");
  AddSettingFlag(app, flags, "--log-format", "log.format", "text|json");
}

StatusOr<Settings> LoadAndSetup(const CommonFlags& flags) {
  ConfigSources sources;
  sources.env = EnvironmentVariables();
  if (flags.config) {
    sources.file = flags.config;
  } else if (auto it = sources.env.find("MERIDIAN_CONFIG");
             it != sources.env.end() && !it->second.empty()) {
    sources.file = it->second;
  }
  sources.flags = flags.overrides;
  ASSIGN_OR_RETURN(Settings s, LoadSettings(sources));
  RETURN_IF_ERROR(SetupLogging({.level = s.log_level, .format = s.log_format}));
  return s;
}

StatusOr<std::unique_ptr<Store>> OpenStore(const Settings& settings) {
  StoreUrl url = ParseStoreUrl(settings.db);
  if (url.kind == StoreKind::kSqlite) {
    std::filesystem::path path(url.target);
    if (path.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(path.parent_path(), ec);
      if (ec) {
        return FailedPreconditionError("cannot create directory '" + path.parent_path().string() +
                                       "': " + ec.message());
      }
    }
  }
  return meridian::OpenStore({.url = settings.db});
}

std::string IndexFilePrefix(const Settings& settings) {
  if (!settings.search_index_files || settings.db.empty()) return "";
  StoreUrl url = ParseStoreUrl(settings.db);
  std::string dir = settings.index_dir;
  if (dir.empty()) {
    if (url.kind == StoreKind::kSqlite) return url.target == ":memory:" ? "" : url.target;
    dir = "var/index";
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);  // a failure shows when a file is written
  // Named after the database, so that one directory can serve several.
  std::string base = url.kind == StoreKind::kSqlite
                         ? std::filesystem::path(url.target).filename().string()
                         : "meridian";
  return (std::filesystem::path(dir) / base).string();
}

int Fail(const Status& status) {
  std::cerr << "error: " << status.message() << "\n";
  return 1;
}

}  // namespace meridian::cli
