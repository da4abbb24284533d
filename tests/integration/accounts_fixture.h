// A running server with an account of every role and a few records each of them owns, for
// the authorization matrix and the attack catalogue.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "integration/harness.h"

namespace meridian::testing {

// How a request authenticates: nothing, a bearer key, or a session cookie (with its CSRF
// token, sent as X-CSRF-Token unless a test leaves it out).
struct Caller {
  std::string bearer;
  std::string session;
  std::string csrf;
};

// The session of a sign-up or sign-in response ("" when none was set).
Caller SessionFrom(const HttpResult& r);

class AccountsFixture {
 public:
  // `extra_args` go to `meridian serve` (e.g. rate limits).
  explicit AccountsFixture(std::vector<std::string> extra_args = {});
  ~AccountsFixture();

  const ServerProcess& server() const { return *server_; }
  const std::string& db() const { return db_; }

  // A JSON request as `who`.
  HttpResult Request(const Caller& who, const std::string& method, const std::string& path,
                     const std::string& body,
                     std::map<std::string, std::string> headers = {}) const;
  // The newest change-log sequence number (from /metrics): refused writes must not move it.
  int64_t LastChangeSeq() const;
  // Signs up through the API; fails the test when it does not answer 201.
  Caller SignUp(const std::string& email, const std::string& role) const;
  // Creates an API key with the CLI; returns the secret and sets *id.
  std::string CreateKey(const std::vector<std::string>& args, int64_t* id = nullptr) const;

  static constexpr const char* kPassword = "matrix-password-123";

  Caller anonymous;
  Caller member;          // member@test.example
  Caller talent;          // tess@test.example, owns talent "tess-talent"
  Caller other_talent;    // uma@test.example, owns the hidden profile "uma-hidden"
  Caller employer_a;      // alpha@test.example, owns company "alpha-co" and job "alpha-job"
  Caller employer_b;      // beta@test.example, owns "beta-co", "beta-job" (pending), "beta-live"
  Caller employer_a_key;  // an employer API key of alpha@
  Caller admin_key;       // an admin API key of admin@test.example
  int64_t employer_b_scratch_key_id = 0;

 private:
  std::string db_;
  std::unique_ptr<ServerProcess> server_;
};

// Counts the requests of the attack catalogue and the matrix; the total is printed when the
// test binary ends ("catalogue: N requests").
void RecordCatalogue(const std::string& what, int requests);

}  // namespace meridian::testing
