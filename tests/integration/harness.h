// Black-box harness: starts the real `meridian` binary on an ephemeral port with a temporary
// database and talks HTTP to it over loopback.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/json.h"

namespace meridian::testing {

inline constexpr const char* kAdminToken = "integration-admin-token-0123456789";

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lowercase names
  Json json() const;
};

// A running `meridian serve` process.
class ServerProcess {
 public:
  struct Options {
    std::vector<std::string> extra_args;
    std::vector<std::string> env;  // "NAME=value"
    std::string db;                // "" = a fresh temporary file
  };
  explicit ServerProcess(Options options);
  ServerProcess() : ServerProcess(Options{}) {}
  ~ServerProcess();

  bool started() const { return port_ > 0; }
  int port() const { return port_; }
  const std::string& db() const { return db_; }
  // Sends SIGTERM and waits; returns the exit status (or -1 on timeout).
  int Terminate(int timeout_seconds = 15);
  // kill -9, and waits for the process to be gone.
  void Kill();
  pid_t pid() const { return pid_; }

  HttpResult Get(const std::string& target,
                 const std::map<std::string, std::string>& headers = {}) const;
  HttpResult Send(const std::string& method, const std::string& target, const std::string& body,
                  const std::map<std::string, std::string>& headers = {}) const;
  // Admin-authenticated JSON write.
  HttpResult Write(const std::string& method, const std::string& target,
                   const std::string& body) const;
  // Raw bytes in, raw response text out (for malformed requests).
  std::string Raw(const std::string& bytes, int timeout_ms = 3000) const;
  // Everything the server wrote to stdout and stderr so far (logs, access log).
  std::string Log() const;

  struct LogBuffer {
    std::mutex mu;
    std::string text;
  };

 private:
  std::shared_ptr<LogBuffer> log_ = std::make_shared<LogBuffer>();
  std::string db_;
  bool own_db_ = false;
  pid_t pid_ = -1;
  int port_ = 0;
  int stdout_fd_ = -1;
};

// The same requests to any HTTP server on a loopback port (a balancer in front of servers).
HttpResult SendTo(int port, const std::string& method, const std::string& target,
                  const std::string& body, const std::map<std::string, std::string>& headers = {});
std::string RawTo(int port, const std::string& bytes, int timeout_ms);

// MERIDIAN_TEST_STORE=postgres: servers started without a database use a fresh PostgreSQL
// database (of a throwaway cluster) instead of a temporary SQLite file.
bool PostgresBackendRequested();

// Runs the meridian binary with arguments; returns exit code and captures output.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
// `stdin_text` is written to the command's standard input (e.g. a password line); `env`
// ("NAME=value") is added to its environment.
CommandResult RunMeridian(const std::vector<std::string>& args, const std::string& stdin_text = "",
                          const std::vector<std::string>& env = {});

// Runs the meridian binary and kills it with SIGKILL `kill_after_ms` after it started, unless
// it finished first (`killed` says which; `result` holds what it printed until then).
struct KilledCommand {
  bool killed = false;
  double seconds = 0;  // how long it ran
  CommandResult result;
};
KilledCommand RunMeridianKilledAfter(const std::vector<std::string>& args, int kill_after_ms);

std::string TempPath(const std::string& stem);
void RemoveDb(const std::string& path);
// The database and the model and index files a server wrote beside it.
void RemoveDbAndModels(const std::string& path);
// Polls `done` every 50 ms for up to `limit` (generous: sanitizer builds are slow); returns
// whether it became true. Never a timing assertion.
template <typename Fn>
bool WaitUntil(Fn done, std::chrono::seconds limit = std::chrono::seconds(120)) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// Waits (never a timing assertion: up to 3 minutes, for sanitizer builds) for `text` in
// the server's log.
bool WaitForLog(const ServerProcess& server, const std::string& text);
void WriteFile(const std::string& path, const std::string& text);

}  // namespace meridian::testing
