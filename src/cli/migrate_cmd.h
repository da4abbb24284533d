// `meridian migrate --from sqlite:PATH --to postgresql://…` (migrate_cmd.cpp): copies a whole
// SQLite database into an empty PostgreSQL database and verifies every table by its row count
// and checksum (engine/store/copy_store.h), one line per table.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "cli/common.h"

namespace meridian::cli {

class MigrateCommand {
 public:
  explicit MigrateCommand(CLI::App& app);
  // Runs the command after parsing; nullopt when `migrate` was not chosen.
  std::optional<int> RunIfChosen();

 private:
  CommonFlags flags_;
  CLI::App* command_ = nullptr;
  std::string from_, to_;
};

}  // namespace meridian::cli
