// A throwaway PostgreSQL 15 cluster for tests (../shared/STACK.md): initdb in a temporary
// directory, a server on a free loopback port, stopped and removed when the object goes.
// Test support only; not part of the binary.
//
//   ASSIGN_OR_RETURN(auto cluster, PgTestCluster::Start({}));
//   ASSIGN_OR_RETURN(std::string url, cluster->CreateDatabase("store_test_1"));
#pragma once

#include <memory>
#include <string>

#include "base/statusor.h"

namespace meridian {

struct PgTestClusterOptions {
  // Durability off (fsync, full page writes) for speed; integration tests that restart the
  // server under load keep it on.
  bool fast = true;
};

class PgTestCluster {
 public:
  // kFailedPrecondition (with what to install) when PostgreSQL 15's server binaries are
  // missing: tests skip with that message.
  static StatusOr<std::unique_ptr<PgTestCluster>> Start(const PgTestClusterOptions& options);
  ~PgTestCluster();
  PgTestCluster(const PgTestCluster&) = delete;
  PgTestCluster& operator=(const PgTestCluster&) = delete;

  // Creates an empty database (from a migrated template after the first call: fast).
  StatusOr<std::string> CreateDatabase(const std::string& name);
  // A database's URL.
  std::string Url(const std::string& database) const;
  int port() const { return port_; }

  // Stops the server (fast shutdown: clients are disconnected) and starts it again on the
  // same port; for tests of what replicas do while the database is away.
  Status Stop();
  Status Restart();

 private:
  PgTestCluster() = default;
  Status Run(const std::string& command) const;
  Status Psql(const std::string& sql) const;

  std::string dir_;
  std::string bin_;
  std::string as_pg_;  // prefix that runs a command as the postgres user (when root)
  int port_ = 0;
  bool template_ready_ = false;
  bool running_ = false;
};

// One cluster for the whole test binary, started on first use and removed at exit; nullptr
// with the reason in *why_not when it cannot start (tests skip with that message).
PgTestCluster* SharedPgTestCluster(std::string* why_not);

}  // namespace meridian
