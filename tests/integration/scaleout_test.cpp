// Scale-out (issue 9): two `meridian serve` replicas on one throwaway PostgreSQL 15 cluster
// behind nginx with the shipped proxy settings (deploy/nginx/meridian-proxy.conf), all on
// loopback. A write through one replica is searchable through the other; a replica killed
// with SIGKILL under load costs at most 0.1 % of requests (nginx retries), and when it comes
// back it catches up and serves the same search results; PostgreSQL restarted under load
// makes the replicas not ready until it is back, and no acknowledged write is lost.
//
// Figures (visibility and catch-up times, error counts) are printed, not asserted: timings
// belong in benchmarks (make bench-scaleout).
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "engine/store/postgres/pg_test_cluster.h"
#include "harness.h"

#ifndef MERIDIAN_SOURCE_DIR
#error "MERIDIAN_SOURCE_DIR must point at the source tree (deploy/nginx)"
#endif

namespace meridian::testing {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

int FreePort() {
  // The kernel's next ephemeral port is free now; nginx and the replicas bind it right away.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

// Debian's nginx (nginx-light), outside a non-root user's PATH.
constexpr char kNginx[] = "/usr/sbin/nginx";

// nginx in the foreground with a configuration of its own.
class Nginx {
 public:
  Nginx(const std::string& dir, int port, const std::vector<int>& upstreams) : port_(port) {
    std::filesystem::create_directories(dir + "/logs");
    std::string servers;
    for (int p : upstreams) {
      servers += "    server 127.0.0.1:" + std::to_string(p) + " max_fails=2 fail_timeout=5s;\n";
    }
    // The upstream and locations of deploy/nginx/meridian.conf, on loopback ports.
    WriteFile(dir + "/nginx.conf",
              "worker_processes 1;\ndaemon off;\npid " + dir + "/nginx.pid;\nerror_log " + dir +
                  "/logs/error.log warn;\nevents { worker_connections 1024; }\nhttp {\n"
                  "  access_log off;\n  client_body_temp_path " +
                  dir + "/body;\n  proxy_temp_path " + dir + "/proxy;\n  upstream meridian {\n" +
                  servers + "    keepalive 64;\n  }\n  server {\n    listen 127.0.0.1:" +
                  std::to_string(port) +
                  ";\n    client_max_body_size 1m;\n    location / {\n      include " +
                  MERIDIAN_SOURCE_DIR +
                  "/deploy/nginx/meridian-proxy.conf;\n      proxy_pass http://meridian;\n    }\n"
                  "  }\n}\n");
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      const std::string conf = dir + "/nginx.conf";
      execl(kNginx, "nginx", "-p", dir.c_str(), "-c", conf.c_str(), nullptr);
      _exit(127);
    }
  }
  ~Nginx() {
    if (pid_ > 0) {
      kill(pid_, SIGQUIT);
      waitpid(pid_, nullptr, 0);
    }
  }
  int port() const { return port_; }

 private:
  int port_;
  pid_t pid_ = -1;
};

std::string JobJson(const std::string& slug, const std::string& title) {
  return R"({"slug":")" + slug + R"(","company":"acme","title":")" + title +
         R"(","tags":["go","postgres"],"description":"Generated for the scale-out test.","posted_at":"2026-11-20"})";
}

std::vector<std::string> Slugs(const HttpResult& r) {
  std::vector<std::string> out;
  Json j = r.json();
  if (!j.contains("data")) return out;
  for (const Json& item : j["data"]) out.push_back(item.value("slug", ""));
  return out;
}

class ScaleOutTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (access(kNginx, X_OK) != 0) {
      skip_ = std::string(kNginx) + " is missing (scripts/install-deps installs nginx-light)";
      return;
    }
    auto cluster = PgTestCluster::Start({.fast = false});
    if (!cluster.ok()) {
      skip_ = cluster.status().message();
      return;
    }
    cluster_ = cluster->release();
    auto url = cluster_->CreateDatabase("scaleout");
    ASSERT_TRUE(url.ok()) << url.status();
    url_ = *url;
    dir_ = TempPath("scaleout");
    std::filesystem::create_directories(dir_);
    ports_ = {FreePort(), FreePort()};
    for (int i = 0; i < 2; ++i) StartReplica(i);
    ASSERT_TRUE(replicas_[0]->started() && replicas_[1]->started());
    nginx_ = new Nginx(dir_ + "/nginx", FreePort(), ports_);
    ASSERT_TRUE(WaitUntil([] {
      return SendTo(nginx_->port(), "GET", "/healthz", "").status == 200;
    })) << "nginx did not start";
    ASSERT_EQ(Balanced("POST", "/api/v1/companies", R"({"name":"Acme","slug":"acme"})").status,
              201);
    for (int i = 0; i < 60; ++i) {  // embeddings train on 50 or more
      ASSERT_EQ(
          Balanced("POST", "/api/v1/jobs",
                   JobJson("seed-" + std::to_string(i), "Backend Engineer " + std::to_string(i)))
              .status,
          201);
    }
  }
  static void TearDownTestSuite() {
    delete nginx_;
    for (auto*& r : replicas_) {
      delete r;
      r = nullptr;
    }
    delete cluster_;
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
  }

  static void StartReplica(int i) {
    delete replicas_[i];
    replicas_[i] =
        new ServerProcess({.extra_args = {"--port", std::to_string(ports_[i]), "--index-dir",
                                          dir_ + "/replica" + std::to_string(i)},
                           .db = url_});
  }
  static HttpResult Balanced(const std::string& method, const std::string& target,
                             const std::string& body) {
    return SendTo(nginx_->port(), method, target, body,
                  {{"Authorization", std::string("Bearer ") + kAdminToken}});
  }
  static bool SameSearch(const std::string& target) {
    HttpResult a = replicas_[0]->Get(target), b = replicas_[1]->Get(target);
    return a.status == 200 && b.status == 200 && Slugs(a) == Slugs(b);
  }

  static inline std::string skip_, url_, dir_;
  static inline PgTestCluster* cluster_ = nullptr;
  static inline std::vector<int> ports_;
  static inline ServerProcess* replicas_[2] = {nullptr, nullptr};
  static inline Nginx* nginx_ = nullptr;
};

TEST_F(ScaleOutTest, AWriteThroughOneReplicaIsSearchableThroughTheOther) {
  auto start = Clock::now();
  ASSERT_EQ(
      replicas_[0]->Write("POST", "/api/v1/jobs", JobJson("quokka-1", "Quokka Wrangler")).status,
      201);
  ASSERT_TRUE(WaitUntil([] {
    return Slugs(replicas_[1]->Get("/api/v1/jobs?q=quokka")) ==
           std::vector<std::string>{"quokka-1"};
  }));
  std::printf(
      "[scaleout] a job written through replica 1 was found by replica 2's search after %.3f s\n",
      SecondsSince(start));
  // And the other way round, for a record page.
  ASSERT_EQ(
      replicas_[1]->Write("POST", "/api/v1/jobs", JobJson("quokka-2", "Quokka Keeper")).status,
      201);
  EXPECT_TRUE(WaitUntil([] { return replicas_[0]->Get("/api/v1/jobs/quokka-2").status == 200; }));
  EXPECT_TRUE(WaitUntil([] { return SameSearch("/api/v1/jobs?q=quokka&limit=50"); }));
}

// The registry lives in PostgreSQL: a model trained, promoted or rolled back by any process
// is swapped in by every replica.
TEST_F(ScaleOutTest, EveryReplicaServesTheSameChampionAndSwapsWithIt) {
  auto served = [](ServerProcess* r) -> int64_t {
    Json j = r->Write("GET", "/api/v1/models/embeddings", "").json();
    if (!j.contains("data") || !j["data"]["served"].is_object()) return -1;
    const Json& v = j["data"]["served"]["version"];
    return v.is_number_integer() ? v.get<int64_t>() : 0;
  };
  auto both_serve = [&](int64_t version) {
    return WaitUntil(
        [&] { return served(replicas_[0]) == version && served(replicas_[1]) == version; });
  };
  const std::string index = dir_ + "/cli-index";
  CommandResult first =
      RunMeridian({"train", "embeddings", "--db", url_, "--index-dir", index, "--seed", "1"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_TRUE(both_serve(1)) << served(replicas_[0]) << " " << served(replicas_[1]);
  CommandResult second = RunMeridian(
      {"train", "embeddings", "--db", url_, "--index-dir", index, "--seed", "2", "--force"});
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_TRUE(both_serve(2)) << served(replicas_[0]) << " " << served(replicas_[1]);
  CommandResult back = RunMeridian({"models", "rollback", "embeddings", "--db", url_});
  ASSERT_EQ(back.exit_code, 0) << back.out << back.err;
  EXPECT_TRUE(both_serve(1)) << served(replicas_[0]) << " " << served(replicas_[1]);
}

TEST_F(ScaleOutTest, AKilledReplicaCostsAlmostNoRequestsAndCatchesUpWhenBack) {
  std::atomic<bool> stop{false};
  std::atomic<int64_t> ok{0}, failed{0};
  std::vector<std::thread> clients;
  const char* targets[] = {"/api/v1/jobs?q=engineer", "/api/v1/jobs/seed-3", "/jobs",
                           "/api/v1/jobs?limit=20"};
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&, t] {
      for (int i = 0; !stop; ++i) {
        HttpResult r = SendTo(nginx_->port(), "GET", targets[(t + i) % 4], "");
        (r.status == 200 ? ok : failed)++;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(2));
  replicas_[1]->Kill();
  // Writes while it is away, which it must catch up on.
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(Balanced("POST", "/api/v1/jobs",
                       JobJson("while-away-" + std::to_string(i), "Platform Engineer Away"))
                  .status,
              201);
  }
  // Load goes on for 2 s more, and until 1,000 requests were made in all (sanitizer builds
  // are slow), at most 60 s.
  const int64_t at_kill_end = ok + failed;
  std::this_thread::sleep_for(std::chrono::seconds(2));
  WaitUntil([&] { return ok + failed >= std::max<int64_t>(1000, at_kill_end + 100); },
            std::chrono::seconds(60));
  stop = true;
  for (auto& c : clients) c.join();
  const int64_t total = ok + failed;
  std::printf("[scaleout] replica 2 killed under load: %lld of %lld requests failed (%.4f %%)\n",
              static_cast<long long>(failed.load()), static_cast<long long>(total),
              total ? 100.0 * static_cast<double>(failed) / static_cast<double>(total) : 0.0);
  ASSERT_GE(total, 200);
  EXPECT_LE(static_cast<double>(failed) / static_cast<double>(total), 0.001);

  auto back = Clock::now();
  StartReplica(1);
  ASSERT_TRUE(replicas_[1]->started()) << replicas_[1]->Log();
  ASSERT_TRUE(WaitUntil([] {
    return SameSearch("/api/v1/jobs?q=away&limit=50") &&
           Slugs(replicas_[1]->Get("/api/v1/jobs?q=away&limit=50")).size() == 10;
  })) << replicas_[1]->Log();
  std::printf("[scaleout] the restarted replica served the same results %.3f s after its start\n",
              SecondsSince(back));
  for (const char* q : {"/api/v1/jobs?q=engineer&limit=50", "/api/v1/jobs?limit=50",
                        "/api/v1/jobs?q=quokka&limit=50"}) {
    EXPECT_TRUE(WaitUntil([&] { return SameSearch(q); }, std::chrono::seconds(30))) << q;
  }
}

TEST_F(ScaleOutTest, PostgresRestartMakesReplicasNotReadyAndLosesNoAcknowledgedWrite) {
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::vector<std::string> acknowledged;
  auto acked = [&] {
    std::lock_guard<std::mutex> lock(mu);
    return acknowledged.size();
  };
  std::atomic<int> refused{0};
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      std::string slug = "durable-" + std::to_string(i);
      HttpResult r = Balanced("POST", "/api/v1/jobs", JobJson(slug, "Durable Engineer"));
      if (r.status == 201) {
        std::lock_guard<std::mutex> lock(mu);
        acknowledged.push_back(slug);
      } else {
        ++refused;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::seconds(1));
  ASSERT_TRUE(cluster_->Stop().ok());
  auto down = Clock::now();
  EXPECT_TRUE(WaitUntil([] {
    return replicas_[0]->Get("/readyz").status == 503 && replicas_[1]->Get("/readyz").status == 503;
  })) << "replicas still report ready without their database";
  std::printf("[scaleout] both replicas reported not ready %.3f s after PostgreSQL stopped\n",
              SecondsSince(down));
  EXPECT_EQ(replicas_[0]->Get("/healthz").status, 200);  // alive, just not ready
  std::this_thread::sleep_for(std::chrono::seconds(1));
  ASSERT_TRUE(cluster_->Restart().ok());
  auto up = Clock::now();
  EXPECT_TRUE(WaitUntil([] {
    return replicas_[0]->Get("/readyz").status == 200 && replicas_[1]->Get("/readyz").status == 200;
  }));
  std::printf("[scaleout] both replicas ready again %.3f s after PostgreSQL restarted\n",
              SecondsSince(up));
  const size_t before = acked();
  EXPECT_TRUE(WaitUntil([&] { return acked() >= before + 5; })) << "writes do not succeed again";
  stop = true;
  writer.join();
  std::printf("[scaleout] %zu writes acknowledged, %d refused while PostgreSQL was away\n",
              acknowledged.size(), refused.load());
  ASSERT_FALSE(acknowledged.empty());
  for (const std::string& slug : acknowledged) {
    for (ServerProcess* r : replicas_) {
      EXPECT_TRUE(WaitUntil([&] { return r->Get("/api/v1/jobs/" + slug).status == 200; },
                            std::chrono::seconds(30)))
          << slug << " was acknowledged but is missing";
    }
  }
  // The search indexes followed too.
  EXPECT_TRUE(WaitUntil([] { return SameSearch("/api/v1/jobs?q=durable&limit=100"); }));
}

}  // namespace
}  // namespace meridian::testing
