#include "engine/store/postgres/pg_test_cluster.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "engine/store/postgres/pg_store.h"

namespace meridian {
namespace {

constexpr char kTemplate[] = "meridian_template";

int FreeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

}  // namespace

StatusOr<std::unique_ptr<PgTestCluster>> PgTestCluster::Start(const PgTestClusterOptions& options) {
  std::string bin = "/usr/lib/postgresql/15/bin";
  if (const char* env = std::getenv("MERIDIAN_PG_BIN"); env && *env) bin = env;
  if (!std::filesystem::exists(bin + "/initdb") || !std::filesystem::exists(bin + "/pg_ctl")) {
    return FailedPreconditionError("PostgreSQL 15 server binaries are not in " + bin +
                                   " (scripts/install-deps installs the postgresql package)");
  }
  auto c = std::unique_ptr<PgTestCluster>(new PgTestCluster());
  c->bin_ = bin;
  std::string tmpl = std::filesystem::temp_directory_path().string() + "/meridian-pg-XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr) return InternalError("mkdtemp failed for " + tmpl);
  c->dir_ = tmpl;
  // PostgreSQL refuses to run as root: run its programs as the postgres user then.
  if (::geteuid() == 0) {
    c->as_pg_ = "runuser -u postgres -- ";
    RETURN_IF_ERROR(c->Run("chown postgres: " + c->dir_));
  }
  c->port_ = FreeLoopbackPort();
  if (c->port_ == 0) return InternalError("no free loopback port for PostgreSQL");
  RETURN_IF_ERROR(c->Run(c->as_pg_ + c->bin_ + "/initdb -D " + c->dir_ +
                         "/data -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 "
                         ">" +
                         c->dir_ + "/initdb.log 2>&1"));
  std::string conf = "listen_addresses = '127.0.0.1'\nport = " + std::to_string(c->port_) +
                     "\nunix_socket_directories = '" + c->dir_ + "'\nmax_connections = 200\n";
  if (options.fast) conf += "fsync = off\nfull_page_writes = off\nsynchronous_commit = off\n";
  RETURN_IF_ERROR(c->Run("printf '%s' \"" + conf + "\" >> " + c->dir_ + "/data/postgresql.conf"));
  RETURN_IF_ERROR(c->Restart());
  return c;
}

PgTestCluster::~PgTestCluster() {
  if (running_) Stop().IgnoreError();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

Status PgTestCluster::Run(const std::string& command) const {
  int rc = std::system(command.c_str());
  if (rc != 0) {
    return InternalError("`" + command + "` failed (status " + std::to_string(rc) + ")");
  }
  return OkStatus();
}

Status PgTestCluster::Psql(const std::string& sql) const {
  return Run(as_pg_ + bin_ + "/psql -X -q -v ON_ERROR_STOP=1 -h " + dir_ + " -p " +
             std::to_string(port_) + " -U postgres -d postgres -c \"" + sql + "\" >/dev/null");
}

Status PgTestCluster::Stop() {
  running_ = false;
  return Run(as_pg_ + bin_ + "/pg_ctl -D " + dir_ + "/data -m fast -w stop >>" + dir_ +
             "/server.log 2>&1");
}

Status PgTestCluster::Restart() {
  RETURN_IF_ERROR(Run(as_pg_ + bin_ + "/pg_ctl -D " + dir_ + "/data -l " + dir_ +
                      "/server.log -w start >/dev/null"));
  running_ = true;
  return OkStatus();
}

std::string PgTestCluster::Url(const std::string& database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

StatusOr<std::string> PgTestCluster::CreateDatabase(const std::string& name) {
  if (!template_ready_) {
    RETURN_IF_ERROR(Psql(std::string("CREATE DATABASE ") + kTemplate));
    // Migrated once; every later database is a file copy of it.
    RETURN_IF_ERROR(OpenPostgresStore({.url = Url(kTemplate)}).status());
    template_ready_ = true;
  }
  RETURN_IF_ERROR(Psql("DROP DATABASE IF EXISTS " + name));
  RETURN_IF_ERROR(Psql("CREATE DATABASE " + name + " TEMPLATE " + kTemplate));
  return Url(name);
}

PgTestCluster* SharedPgTestCluster(std::string* why_not) {
  static StatusOr<std::unique_ptr<PgTestCluster>> cluster = PgTestCluster::Start({});
  if (!cluster.ok()) {
    *why_not = cluster.status().message();
    return nullptr;
  }
  return cluster->get();
}

}  // namespace meridian
