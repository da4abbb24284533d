#include "cli/migrate_cmd.h"

#include <cstdio>

#include "base/strings.h"
#include "engine/store/copy_store.h"
#include "engine/store/open_store.h"

namespace meridian::cli {

MigrateCommand::MigrateCommand(CLI::App& app) {
  command_ = app.add_subcommand(
      "migrate",
      "Copy a whole SQLite database into an empty PostgreSQL database, verifying every table");
  command_->add_option("--from", from_, "the SQLite database: sqlite:PATH or PATH")->required();
  command_->add_option("--to", to_, "the PostgreSQL database: postgresql://USER@HOST:PORT/DB")
      ->required();
  AddSettingFlag(command_, &flags_, "--log-level", "log.level", "trace|debug|info|warn|error|off");
  AddSettingFlag(command_, &flags_, "--log-format", "log.format", "text|json");
}

std::optional<int> MigrateCommand::RunIfChosen() {
  if (!*command_) return std::nullopt;
  auto settings = LoadAndSetup(flags_);
  if (!settings.ok()) return Fail(settings.status());
  auto report = CopyDatabase(
      {.from_url = from_, .to_url = to_, .progress = [](std::string_view line) {
         std::fprintf(stderr, "migrate: %.*s\n", static_cast<int>(line.size()), line.data());
       }});
  if (!report.ok()) return Fail(report.status());
  for (const TableCopy& t : report->tables) {
    std::printf("%s: %s rows, sha256 %.12s = %.12s\n", t.table.c_str(),
                WithThousands(t.rows).c_str(), t.source_sha256.c_str(),
                t.destination_sha256.c_str());
  }
  std::printf("migrated %s rows in %zu tables from %s to %s in %.2f s\n",
              WithThousands(report->rows).c_str(), report->tables.size(),
              RedactStoreUrl(from_).c_str(), RedactStoreUrl(to_).c_str(), report->seconds);
  return 0;
}

}  // namespace meridian::cli
