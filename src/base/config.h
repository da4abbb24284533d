// Settings for every command, layered: built-in defaults < TOML file < MERIDIAN_* environment
// variables < command-line flags. Every key is declared once (kConfigKeys in config.cpp) with
// its TOML name, environment variable and a typed parser, so all four layers validate alike.
//
//   ConfigSources sources;
//   sources.file = "/etc/meridian.toml";        // optional
//   sources.env = EnvironmentVariables();       // MERIDIAN_PORT=9090 ...
//   sources.flags["server.port"] = "8081";      // from the CLI
//   ASSIGN_OR_RETURN(Settings s, LoadSettings(sources));
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/statusor.h"

namespace meridian {

enum class LogFormat { kText, kJson };

struct Settings {
  // The store: a SQLite file (PATH or sqlite:PATH) or a PostgreSQL URL (postgresql://…).
  std::string db = "var/meridian.db";

  // HTTP server.
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 0;          // io threads; 0 = one per core
  std::string admin_token;  // interim admin bearer token ("" = not accepted)
  std::string base_url;     // public URL for absolute links ("" = from Host)
  int64_t max_header_bytes = 16 * 1024;
  int64_t max_body_bytes = 1024 * 1024;
  int read_timeout_seconds = 30;       // to receive one whole request
  int idle_timeout_seconds = 60;       // keep-alive connection left idle
  int shutdown_grace_seconds = 10;     // in-flight requests may finish within this
  int response_cache_entries = 65536;  // cached public record responses; 0 = no cache
  bool trust_proxy = false;            // X-Forwarded-For/-Proto come from a trusted proxy
  int blocking_threads = 2;            // password hashing off the I/O threads; 0 = inline
  // Hand the allocator's free memory back to the system this often (base/memory.h); 0 = off.
  int memory_release_seconds = 60;

  // Search indexes kept in files beside the database (<db>.jobs.idx, <db>.site.idx), so a
  // restart loads them instead of rebuilding.
  bool search_index_files = true;
  // Where this process keeps those files and the vector indexes ("" = beside a SQLite
  // database file; var/index for PostgreSQL). Each replica needs its own.
  std::string index_dir;

  // Recommendations and matching (issue 5). Their model and vector indexes live beside the
  // database (<db>.embeddings, <db>.vec.<kind>) under the same switch as the search files.
  bool knn_verify = false;           // check each approximate answer against exact search
  double knn_min_overlap_hours = 2;  // a job with set hours needs this much overlap
  int recs_retrain_seconds = 300;    // "for you": retrain at most this often ...
  int recs_retrain_min_events = 20;  // ... once this many new events arrived

  // Trust (issue 7): models beside the database (<db>.scam, <db>.salary).
  double scam_threshold = 0.5;  // a scam score at or above it flags a post for review
  int trust_poll_seconds = 30;  // expire posts this often
  // Drift checks of the served models inside `serve` (0 = off), over the jobs posted in the
  // last drift_window_days.
  int drift_check_seconds = 3600;
  int drift_window_days = 7;
  // Retraining inside `serve` (0 = off): every retrain_check_seconds, each model with at
  // least retrain_min_new_rows new rows in its tables, or whose newest version is older
  // than retrain_max_age_hours (0 = no limit), is trained and registered through the gate.
  int retrain_check_seconds = 6 * 3600;
  int retrain_min_new_rows = 200;
  int retrain_max_age_hours = 7 * 24;

  // Accounts and abuse limits.
  int session_ttl_hours = 14 * 24;
  int max_failed_signins = 5;
  int lockout_seconds = 60;
  int signin_per_minute = 10;  // per client address; 0 = no limit
  int signup_per_minute = 5;
  int writes_per_minute = 120;  // per client address and per caller

  // Logging.
  std::string log_level = "info";  // trace|debug|info|warn|error|off
  LogFormat log_format = LogFormat::kText;
  bool access_log = true;
};

struct ConfigKeyInfo {
  std::string name;  // TOML path, e.g. "server.port"
  std::string env;   // e.g. "MERIDIAN_PORT"
  std::string help;
};

// Every key, for documentation (`meridian config --keys`) and for tests.
std::vector<ConfigKeyInfo> ConfigKeys();

struct ConfigSources {
  std::optional<std::string> file;           // TOML file path; absent = none
  std::map<std::string, std::string> env;    // variable name -> value
  std::map<std::string, std::string> flags;  // key name -> value
};

// The process environment's MERIDIAN_* variables.
std::map<std::string, std::string> EnvironmentVariables();

// Applies the layers in order. Unknown TOML keys, unknown MERIDIAN_* variables (other than
// MERIDIAN_CONFIG) and values that do not parse are errors naming the key and the layer.
StatusOr<Settings> LoadSettings(const ConfigSources& sources);

// The effective settings as TOML (admin_token redacted), for `meridian config`.
std::string SettingsToToml(const Settings& settings);

}  // namespace meridian
