// Shared pieces of the CLI subcommands (internal to src/cli).
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "base/config.h"
#include "base/statusor.h"
#include "engine/store/store.h"

namespace meridian::cli {

// Flags every command accepts; values are applied on top of file and environment.
struct CommonFlags {
  std::optional<std::string> config;
  std::map<std::string, std::string> overrides;  // config key -> value from flags
};

// Adds --config, --db, --log-level, --log-format to a subcommand.
void AddCommonFlags(CLI::App* app, CommonFlags* flags);
// Adds "--flag VALUE" that lands in overrides[key].
void AddSettingFlag(CLI::App* app, CommonFlags* flags, const std::string& flag,
                    const std::string& key, const std::string& help);

// Loads settings (defaults < file < env < flags) and sets up logging.
StatusOr<Settings> LoadAndSetup(const CommonFlags& flags);

// Opens the SQLite store at settings.db, creating its directory when needed.
StatusOr<std::unique_ptr<Store>> OpenStore(const Settings& settings);

// Prints "error: ..." to stderr and returns 1.
int Fail(const Status& status);

int RunServe(const Settings& settings);

}  // namespace meridian::cli
