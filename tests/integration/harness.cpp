#include "harness.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "base/strings.h"
#include "engine/store/postgres/pg_test_cluster.h"

#ifndef MERIDIAN_BINARY
#error "MERIDIAN_BINARY must point at the meridian executable"
#endif

namespace meridian::testing {
namespace {

std::atomic<int> counter{0};

pid_t Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env, int* out_fd,
            int* err_fd, const std::string& stdin_text = "") {
  int out_pipe[2], err_pipe[2], in_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0 || pipe(in_pipe) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    // A test binary that dies (an assertion abort, a sanitizer report) takes its servers
    // with it instead of leaving them running.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    dup2(in_pipe[0], 0);
    close(in_pipe[1]);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    close(out_pipe[0]);
    close(err_pipe[0]);
    for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> argv;
    std::string bin = MERIDIAN_BINARY;
    argv.push_back(bin.data());
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  close(in_pipe[0]);
  // Small inputs only (a password line): they fit the pipe buffer.
  if (!stdin_text.empty()) {
    ssize_t written = write(in_pipe[1], stdin_text.data(), stdin_text.size());
    (void)written;
  }
  close(in_pipe[1]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  *out_fd = out_pipe[0];
  *err_fd = err_pipe[0];
  return pid;
}

void Collect(int fd, const std::shared_ptr<ServerProcess::LogBuffer>& log) {
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    std::lock_guard<std::mutex> lock(log->mu);
    log->text.append(buf, static_cast<size_t>(n));
  }
  close(fd);
}

std::string ReadAll(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  close(fd);
  return out;
}

int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

HttpResult ParseResponse(const std::string& raw) {
  HttpResult r;
  size_t head_end = raw.find("\r\n\r\n");
  if (raw.size() < 12 || head_end == std::string::npos) return r;
  r.status = std::atoi(raw.substr(9, 3).c_str());
  std::istringstream head(raw.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    r.headers[AsciiLower(line.substr(0, colon))] = std::string(Trim(line.substr(colon + 1)));
  }
  r.body = raw.substr(head_end + 4);
  return r;
}

}  // namespace

bool PostgresBackendRequested() {
  const char* v = std::getenv("MERIDIAN_TEST_STORE");
  return v != nullptr && std::string_view(v) == "postgres";
}

Json HttpResult::json() const {
  auto j = ParseJson(body);
  return j.ok() ? *j : Json();
}

std::string TempPath(const std::string& stem) {
  return ::testing::TempDir() + "meridian_it_" + std::to_string(getpid()) + "_" +
         std::to_string(counter++) + "_" + stem;
}

void RemoveDb(const std::string& path) {
  for (const char* s : {"", "-wal", "-shm", ".jobs.idx", ".site.idx"})
    std::remove((path + s).c_str());
}

void RemoveDbAndModels(const std::string& path) {
  RemoveDb(path);
  for (const char* suffix : {".embeddings", ".vec.jobs", ".vec.talent", ".vec.articles",
                             ".vec.companies", ".vec.cities", ".scam", ".salary"}) {
    std::remove((path + suffix).c_str());
    std::remove((path + suffix + ".hnsw").c_str());
  }
}

bool WaitForLog(const ServerProcess& server, const std::string& text) {
  for (int i = 0; i < 1800; ++i) {
    if (server.Log().find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

CommandResult RunMeridian(const std::vector<std::string>& args, const std::string& stdin_text,
                          const std::vector<std::string>& env) {
  int out_fd, err_fd;
  pid_t pid = Spawn(args, env, &out_fd, &err_fd, stdin_text);
  CommandResult r;
  std::thread err_reader([&] { r.err = ReadAll(err_fd); });
  r.out = ReadAll(out_fd);
  err_reader.join();
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

KilledCommand RunMeridianKilledAfter(const std::vector<std::string>& args, int kill_after_ms) {
  int out_fd, err_fd;
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = Spawn(args, {}, &out_fd, &err_fd);
  KilledCommand k;
  std::thread out_reader([&] { k.result.out = ReadAll(out_fd); });
  std::thread err_reader([&] { k.result.err = ReadAll(err_fd); });
  const auto deadline = start + std::chrono::milliseconds(kill_after_ms);
  int status = 0;
  while (true) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      k.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
      break;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  k.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out_reader.join();
  err_reader.join();
  k.result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return k;
}

ServerProcess::ServerProcess(Options options) {
  db_ = options.db;
  if (db_.empty() && PostgresBackendRequested()) {
    // MERIDIAN_TEST_STORE=postgres (make test-integration-postgres): every server of the
    // suite on a fresh database of one throwaway PostgreSQL cluster.
    std::string why;
    PgTestCluster* cluster = SharedPgTestCluster(&why);
    if (cluster == nullptr) {
      ADD_FAILURE() << "MERIDIAN_TEST_STORE=postgres: " << why;
      return;
    }
    static std::atomic<int> next{0};
    auto url =
        cluster->CreateDatabase("it" + std::to_string(getpid()) + "_" + std::to_string(next++));
    if (!url.ok()) {
      ADD_FAILURE() << url.status();
      return;
    }
    db_ = *url;
    options.extra_args.insert(options.extra_args.begin(), {"--index-dir", TempPath("index")});
  }
  if (db_.empty()) {
    db_ = TempPath("server.db");
    own_db_ = true;
  }
  std::vector<std::string> args = {
      "serve", "--db", db_, "--port", "0", "--admin-token", kAdminToken, "--access-log", "false",
      "--threads", "2", "--log-level", "warn",
      // Rate limits are off unless a test turns them on (extra_args come later and win).
      "--signin-per-minute", "0", "--signup-per-minute", "0", "--writes-per-minute", "0"};
  for (const auto& a : options.extra_args) args.push_back(a);
  int err_fd;
  pid_ = Spawn(args, options.env, &stdout_fd_, &err_fd);
  // Drain stderr in the background so the server never blocks on it, keeping what it says.
  std::thread([err_fd, log = log_] { Collect(err_fd, log); }).detach();
  std::string line;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{stdout_fd_, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char c;
    ssize_t n = read(stdout_fd_, &c, 1);
    if (n <= 0) break;
    if (c != '\n') {
      line += c;
      continue;
    }
    size_t at = line.find("listening on http://");
    if (at != std::string::npos) {
      size_t colon = line.find(':', at + 20);
      port_ = std::atoi(line.c_str() + colon + 1);
      break;
    }
    line.clear();
  }
  // From here on stdout is drained (and kept) in the background as well; the reader owns
  // the descriptor and closes it at end of file, when the process is gone.
  std::thread([fd = stdout_fd_, log = log_] { Collect(fd, log); }).detach();
  stdout_fd_ = -1;
}

std::string ServerProcess::Log() const {
  std::lock_guard<std::mutex> lock(log_->mu);
  return log_->text;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
  if (own_db_) RemoveDb(db_);
}

int ServerProcess::Terminate(int timeout_seconds) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string ServerProcess::Raw(const std::string& bytes, int timeout_ms) const {
  return RawTo(port_, bytes, timeout_ms);
}

std::string RawTo(int port, const std::string& bytes, int timeout_ms) {
  int fd = Connect(port);
  if (fd < 0) return {};
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) {
      // Stop once a whole response has arrived.
      size_t head = out.find("\r\n\r\n");
      if (head != std::string::npos) {
        HttpResult r = ParseResponse(out);
        auto it = r.headers.find("content-length");
        if (it != r.headers.end() &&
            r.body.size() >= static_cast<size_t>(std::atoll(it->second.c_str())))
          break;
      }
      continue;
    }
    char buf[65536];
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return out;
}

HttpResult ServerProcess::Send(const std::string& method, const std::string& target,
                               const std::string& body,
                               const std::map<std::string, std::string>& headers) const {
  return SendTo(port_, method, target, body, headers);
}

HttpResult SendTo(int port, const std::string& method, const std::string& target,
                  const std::string& body, const std::map<std::string, std::string>& headers) {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  bool has_type = false;
  for (const auto& [k, v] : headers) {
    req += k + ": " + v + "\r\n";
    has_type = has_type || AsciiLower(k) == "content-type";
  }
  if (!body.empty() && !has_type) req += "Content-Type: application/json\r\n";
  if (!body.empty() || method == "POST" || method == "PATCH")
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  req += "\r\n" + body;
  return ParseResponse(RawTo(port, req, 3000));
}

HttpResult ServerProcess::Get(const std::string& target,
                              const std::map<std::string, std::string>& headers) const {
  return Send("GET", target, "", headers);
}

HttpResult ServerProcess::Write(const std::string& method, const std::string& target,
                                const std::string& body) const {
  return Send(method, target, body, {{"Authorization", std::string("Bearer ") + kAdminToken}});
}

}  // namespace meridian::testing
