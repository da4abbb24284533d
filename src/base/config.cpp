#include "base/config.h"

#include <toml++/toml.h>

#include <cstdio>
#include <functional>
#include <sstream>

#include "base/strings.h"

extern char** environ;

namespace meridian {
namespace {

using Setter = std::function<Status(Settings&, const std::string&)>;
using Getter = std::function<std::string(const Settings&)>;

struct Key {
  const char* name;
  const char* env;
  const char* help;
  Setter set;
  Getter get;
  bool quoted;  // rendered as a TOML string
};

Setter IntSetter(int Settings::*member, int64_t lo, int64_t hi) {
  return [=](Settings& s, const std::string& v) -> Status {
    auto n = ParseInt(Trim(v));
    if (!n || *n < lo || *n > hi) {
      return InvalidArgumentError("expected an integer in [" + std::to_string(lo) + ", " +
                                  std::to_string(hi) + "], got '" + v + "'");
    }
    s.*member = static_cast<int>(*n);
    return OkStatus();
  };
}

Setter Int64Setter(int64_t Settings::*member, int64_t lo, int64_t hi) {
  return [=](Settings& s, const std::string& v) -> Status {
    auto n = ParseInt(Trim(v));
    if (!n || *n < lo || *n > hi) {
      return InvalidArgumentError("expected an integer in [" + std::to_string(lo) + ", " +
                                  std::to_string(hi) + "], got '" + v + "'");
    }
    s.*member = *n;
    return OkStatus();
  };
}

Setter DoubleSetter(double Settings::*member, double lo, double hi) {
  return [=](Settings& s, const std::string& v) -> Status {
    auto d = ParseDouble(Trim(v));
    if (!d || *d < lo || *d > hi) {
      return InvalidArgumentError("expected a number in [" + std::to_string(lo) + ", " +
                                  std::to_string(hi) + "], got '" + v + "'");
    }
    s.*member = *d;
    return OkStatus();
  };
}

Setter BoolSetter(bool Settings::*member) {
  return [=](Settings& s, const std::string& v) -> Status {
    std::string l = AsciiLower(Trim(v));
    if (l == "true" || l == "1" || l == "on" || l == "yes") {
      s.*member = true;
    } else if (l == "false" || l == "0" || l == "off" || l == "no") {
      s.*member = false;
    } else {
      return InvalidArgumentError("expected true or false, got '" + v + "'");
    }
    return OkStatus();
  };
}

Getter BoolGetter(bool Settings::*member) {
  return [=](const Settings& s) { return std::string(s.*member ? "true" : "false"); };
}

template <typename T>
Getter NumberGetter(T Settings::*member) {
  return [=](const Settings& s) { return std::to_string(s.*member); };
}

Setter StringSetter(std::string Settings::*member) {
  return [=](Settings& s, const std::string& v) -> Status {
    s.*member = v;
    return OkStatus();
  };
}

const std::vector<Key>& Keys() {
  static const std::vector<Key> keys = {
      {"db", "MERIDIAN_DB", "the store: a SQLite file (PATH or sqlite:PATH) or postgresql://… URL",
       StringSetter(&Settings::db), [](const Settings& s) { return RedactUrlPassword(s.db); },
       true},
      {"server.host", "MERIDIAN_HOST", "address to listen on", StringSetter(&Settings::host),
       [](const Settings& s) { return s.host; }, true},
      {"server.port", "MERIDIAN_PORT", "TCP port (0 = any free port)",
       IntSetter(&Settings::port, 0, 65535),
       [](const Settings& s) { return std::to_string(s.port); }, false},
      {"server.threads", "MERIDIAN_THREADS", "I/O threads (0 = one per core)",
       IntSetter(&Settings::threads, 0, 256),
       [](const Settings& s) { return std::to_string(s.threads); }, false},
      {"server.admin_token", "MERIDIAN_ADMIN_TOKEN",
       "interim admin bearer token, accepted only when set (prefer API keys: meridian keys create)",
       [](Settings& s, const std::string& v) -> Status {
         if (!v.empty() && v.size() < 16) {
           return InvalidArgumentError("must be at least 16 characters long");
         }
         s.admin_token = v;
         return OkStatus();
       },
       [](const Settings& s) { return s.admin_token.empty() ? "" : "<redacted>"; }, true},
      {"server.base_url", "MERIDIAN_BASE_URL", "public base URL for absolute links",
       [](Settings& s, const std::string& v) -> Status {
         if (!v.empty() && !StartsWith(v, "http://") && !StartsWith(v, "https://")) {
           return InvalidArgumentError("must start with http:// or https://");
         }
         s.base_url = v;
         while (!s.base_url.empty() && s.base_url.back() == '/') s.base_url.pop_back();
         return OkStatus();
       },
       [](const Settings& s) { return s.base_url; }, true},
      {"server.max_header_bytes", "MERIDIAN_MAX_HEADER_BYTES", "largest request header block",
       Int64Setter(&Settings::max_header_bytes, 1024, 1 << 20),
       [](const Settings& s) { return std::to_string(s.max_header_bytes); }, false},
      {"server.max_body_bytes", "MERIDIAN_MAX_BODY_BYTES", "largest request body",
       Int64Setter(&Settings::max_body_bytes, 1024, 1LL << 30),
       [](const Settings& s) { return std::to_string(s.max_body_bytes); }, false},
      {"server.read_timeout_seconds", "MERIDIAN_READ_TIMEOUT", "time to receive a whole request",
       IntSetter(&Settings::read_timeout_seconds, 1, 3600),
       [](const Settings& s) { return std::to_string(s.read_timeout_seconds); }, false},
      {"server.idle_timeout_seconds", "MERIDIAN_IDLE_TIMEOUT", "keep-alive idle limit",
       IntSetter(&Settings::idle_timeout_seconds, 1, 3600),
       [](const Settings& s) { return std::to_string(s.idle_timeout_seconds); }, false},
      {"server.shutdown_grace_seconds", "MERIDIAN_SHUTDOWN_GRACE",
       "time in-flight requests get on shutdown",
       IntSetter(&Settings::shutdown_grace_seconds, 0, 600),
       [](const Settings& s) { return std::to_string(s.shutdown_grace_seconds); }, false},
      {"server.response_cache_entries", "MERIDIAN_RESPONSE_CACHE",
       "public single-record API responses kept in memory (0 = no cache)",
       IntSetter(&Settings::response_cache_entries, 0, 10'000'000),
       [](const Settings& s) { return std::to_string(s.response_cache_entries); }, false},
      {"log.level", "MERIDIAN_LOG_LEVEL", "trace|debug|info|warn|error|off",
       [](Settings& s, const std::string& v) -> Status {
         static const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
         for (const char* l : kLevels) {
           if (v == l) {
             s.log_level = v;
             return OkStatus();
           }
         }
         return InvalidArgumentError("expected trace|debug|info|warn|error|off, got '" + v + "'");
       },
       [](const Settings& s) { return s.log_level; }, true},
      {"log.format", "MERIDIAN_LOG_FORMAT", "text|json",
       [](Settings& s, const std::string& v) -> Status {
         if (v == "text") {
           s.log_format = LogFormat::kText;
         } else if (v == "json") {
           s.log_format = LogFormat::kJson;
         } else {
           return InvalidArgumentError("expected text or json, got '" + v + "'");
         }
         return OkStatus();
       },
       [](const Settings& s) {
         return std::string(s.log_format == LogFormat::kJson ? "json" : "text");
       },
       true},
      {"log.access", "MERIDIAN_ACCESS_LOG", "log one line per HTTP request (true|false)",
       BoolSetter(&Settings::access_log), BoolGetter(&Settings::access_log), false},
      {"server.trust_proxy", "MERIDIAN_TRUST_PROXY",
       "behind a reverse proxy: client address from X-Forwarded-For, scheme from "
       "X-Forwarded-Proto (true|false)",
       BoolSetter(&Settings::trust_proxy), BoolGetter(&Settings::trust_proxy), false},
      {"server.blocking_threads", "MERIDIAN_BLOCKING_THREADS",
       "threads for slow handlers such as password hashing (0 = run them on the I/O threads)",
       IntSetter(&Settings::blocking_threads, 0, 64), NumberGetter(&Settings::blocking_threads),
       false},
      {"server.memory_release_seconds", "MERIDIAN_MEMORY_RELEASE_SECONDS",
       "hand memory the allocator holds free back to the system this often (0 = never)",
       IntSetter(&Settings::memory_release_seconds, 0, 86400),
       NumberGetter(&Settings::memory_release_seconds), false},
      {"search.index_files", "MERIDIAN_SEARCH_INDEX_FILES",
       "keep the search indexes in files beside the database, loaded at start (true|false)",
       BoolSetter(&Settings::search_index_files), BoolGetter(&Settings::search_index_files), false},
      {"search.index_dir", "MERIDIAN_INDEX_DIR",
       "directory of this process's index files (\"\" = beside a SQLite database; var/index for "
       "PostgreSQL); one per replica",
       StringSetter(&Settings::index_dir), [](const Settings& s) { return s.index_dir; }, false},
      {"knn.verify", "MERIDIAN_KNN_VERIFY",
       "debug: check every approximate nearest-neighbour answer against exact search and log "
       "its recall (several times slower) (true|false)",
       BoolSetter(&Settings::knn_verify), BoolGetter(&Settings::knn_verify), false},
      {"knn.min_overlap_hours", "MERIDIAN_KNN_MIN_OVERLAP_HOURS",
       "matching: a job with set working hours needs at least this many hours in common with a "
       "profile's",
       DoubleSetter(&Settings::knn_min_overlap_hours, 0, 12),
       NumberGetter(&Settings::knn_min_overlap_hours), false},
      {"recs.retrain_seconds", "MERIDIAN_RECS_RETRAIN_SECONDS",
       "the \"for you\" feed's recommenders are retrained from the events at most this often "
       "(fold-in takes each event in at once meanwhile)",
       IntSetter(&Settings::recs_retrain_seconds, 1, 7 * 86400),
       NumberGetter(&Settings::recs_retrain_seconds), false},
      {"recs.retrain_min_events", "MERIDIAN_RECS_RETRAIN_MIN_EVENTS",
       "retrain the feed's recommenders only once this many new events arrived",
       IntSetter(&Settings::recs_retrain_min_events, 1, 100'000'000),
       NumberGetter(&Settings::recs_retrain_min_events), false},
      {"trust.scam_threshold", "MERIDIAN_SCAM_THRESHOLD",
       "a job post whose scam score (0-1) is at least this is flagged for review instead of "
       "published",
       DoubleSetter(&Settings::scam_threshold, 0.01, 1), NumberGetter(&Settings::scam_threshold),
       false},
      {"trust.poll_seconds", "MERIDIAN_TRUST_POLL_SECONDS",
       "how often the server expires posts past their valid_through",
       IntSetter(&Settings::trust_poll_seconds, 1, 86400),
       NumberGetter(&Settings::trust_poll_seconds), false},
      {"models.drift_check_seconds", "MERIDIAN_DRIFT_CHECK_SECONDS",
       "how often the server compares recent jobs with the served models' training data and "
       "records drift (0 = never; the first check comes one interval after start)",
       IntSetter(&Settings::drift_check_seconds, 0, 30 * 86400),
       NumberGetter(&Settings::drift_check_seconds), false},
      {"models.drift_window_days", "MERIDIAN_DRIFT_WINDOW_DAYS",
       "drift checks compare the jobs posted in this many last days",
       IntSetter(&Settings::drift_window_days, 1, 3650), NumberGetter(&Settings::drift_window_days),
       false},
      {"models.retrain_check_seconds", "MERIDIAN_RETRAIN_CHECK_SECONDS",
       "how often the server looks for models to retrain (0 = never; the first look comes one "
       "interval after start)",
       IntSetter(&Settings::retrain_check_seconds, 0, 30 * 86400),
       NumberGetter(&Settings::retrain_check_seconds), false},
      {"models.retrain_min_new_rows", "MERIDIAN_RETRAIN_MIN_NEW_ROWS",
       "a model is retrained once this many rows were added to the tables it learns from",
       IntSetter(&Settings::retrain_min_new_rows, 1, 1'000'000'000),
       NumberGetter(&Settings::retrain_min_new_rows), false},
      {"models.retrain_max_age_hours", "MERIDIAN_RETRAIN_MAX_AGE_HOURS",
       "a model whose newest version is older than this is retrained whatever the data (0 = "
       "never)",
       IntSetter(&Settings::retrain_max_age_hours, 0, 24 * 3650),
       NumberGetter(&Settings::retrain_max_age_hours), false},
      {"auth.session_ttl_hours", "MERIDIAN_SESSION_TTL_HOURS", "how long a sign-in lasts",
       IntSetter(&Settings::session_ttl_hours, 1, 24 * 365),
       NumberGetter(&Settings::session_ttl_hours), false},
      {"auth.max_failed_signins", "MERIDIAN_MAX_FAILED_SIGNINS",
       "failed sign-ins in a row before an account is locked for a while",
       IntSetter(&Settings::max_failed_signins, 1, 1000),
       NumberGetter(&Settings::max_failed_signins), false},
      {"auth.lockout_seconds", "MERIDIAN_LOCKOUT_SECONDS",
       "first lockout after too many failed sign-ins (doubles with each further failure)",
       IntSetter(&Settings::lockout_seconds, 1, 86400), NumberGetter(&Settings::lockout_seconds),
       false},
      {"limits.signin_per_minute", "MERIDIAN_SIGNIN_PER_MINUTE",
       "sign-in attempts per client address per minute (0 = no limit)",
       IntSetter(&Settings::signin_per_minute, 0, 1'000'000),
       NumberGetter(&Settings::signin_per_minute), false},
      {"limits.signup_per_minute", "MERIDIAN_SIGNUP_PER_MINUTE",
       "sign-ups per client address per minute (0 = no limit)",
       IntSetter(&Settings::signup_per_minute, 0, 1'000'000),
       NumberGetter(&Settings::signup_per_minute), false},
      {"limits.writes_per_minute", "MERIDIAN_WRITES_PER_MINUTE",
       "catalogue writes per client address and per caller per minute (0 = no limit)",
       IntSetter(&Settings::writes_per_minute, 0, 1'000'000),
       NumberGetter(&Settings::writes_per_minute), false},
  };
  return keys;
}

const Key* FindKey(std::string_view name) {
  for (const Key& k : Keys()) {
    if (name == k.name) return &k;
  }
  return nullptr;
}

std::string TomlScalar(const toml::node& node) {
  if (auto s = node.value<std::string>()) return *s;
  if (auto b = node.value_exact<bool>()) return *b ? "true" : "false";
  if (auto i = node.value_exact<int64_t>()) return std::to_string(*i);
  if (auto d = node.value_exact<double>()) return std::to_string(*d);
  return "";
}

Status ApplyTable(const toml::table& table, const std::string& prefix, const std::string& file,
                  Settings* s) {
  for (const auto& [k, node] : table) {
    std::string name = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const toml::table* sub = node.as_table()) {
      RETURN_IF_ERROR(ApplyTable(*sub, name, file, s));
      continue;
    }
    const Key* key = FindKey(name);
    if (!key) return InvalidArgumentError(file + ": unknown setting '" + name + "'", name);
    if (!node.is_value())
      return InvalidArgumentError(file + ": " + name + ": expected a value", name);
    Status st = key->set(*s, TomlScalar(node));
    if (!st.ok()) return InvalidArgumentError(file + ": " + name + ": " + st.message(), name);
  }
  return OkStatus();
}

std::string TomlQuote(const std::string& v) {
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::vector<ConfigKeyInfo> ConfigKeys() {
  std::vector<ConfigKeyInfo> out;
  for (const Key& k : Keys()) out.push_back({k.name, k.env, k.help});
  return out;
}

std::map<std::string, std::string> EnvironmentVariables() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    if (!StartsWith(kv, "MERIDIAN_")) continue;
    auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return out;
}

StatusOr<Settings> LoadSettings(const ConfigSources& sources) {
  Settings s;
  if (sources.file) {
    toml::parse_result result = toml::parse_file(*sources.file);
    if (!result) {
      const toml::parse_error& err = result.error();
      std::ostringstream msg;
      msg << *sources.file << ":" << err.source().begin.line << ":" << err.source().begin.column
          << ": " << err.description();
      return InvalidArgumentError(msg.str());
    }
    RETURN_IF_ERROR(ApplyTable(result.table(), "", *sources.file, &s));
  }
  for (const auto& [var, value] : sources.env) {
    if (var == "MERIDIAN_CONFIG") continue;
    const Key* key = nullptr;
    for (const Key& k : Keys()) {
      if (var == k.env) key = &k;
    }
    if (!key) continue;  // other tools' MERIDIAN_* variables are not ours to reject
    Status st = key->set(s, value);
    if (!st.ok())
      return InvalidArgumentError("environment " + var + ": " + st.message(), key->name);
  }
  for (const auto& [name, value] : sources.flags) {
    const Key* key = FindKey(name);
    if (!key) return InvalidArgumentError("unknown setting '" + name + "'", name);
    Status st = key->set(s, value);
    if (!st.ok()) return InvalidArgumentError("--" + name + ": " + st.message(), name);
  }
  return s;
}

std::string SettingsToToml(const Settings& settings) {
  std::ostringstream out;
  std::string section;
  for (const Key& k : Keys()) {
    std::string name = k.name;
    auto dot = name.find('.');
    std::string sec = dot == std::string::npos ? "" : name.substr(0, dot);
    std::string leaf = dot == std::string::npos ? name : name.substr(dot + 1);
    if (sec != section) {
      out << "\n[" << sec << "]\n";
      section = sec;
    }
    std::string v = k.get(settings);
    out << leaf << " = " << (k.quoted ? TomlQuote(v) : v);
    out << "  # " << k.help << "\n";
  }
  return out.str();
}

}  // namespace meridian
