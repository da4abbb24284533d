#include "platform/accounts/password.h"

#include <sodium.h>

#include <mutex>

#include "base/strings.h"
#include "base/utf8.h"

namespace meridian {
namespace {

struct Limits {
  unsigned long long ops;
  size_t mem;
};

Limits LimitsFor(HashCost cost) {
  if (cost == HashCost::kMinimum) {
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
  }
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

}  // namespace

Status InitCrypto() {
  static std::once_flag once;
  static int rc = 0;
  std::call_once(once, [] { rc = sodium_init(); });
  if (rc < 0) return InternalError("libsodium failed to initialize");
  return OkStatus();
}

StatusOr<std::string> HashPassword(std::string_view password, HashCost cost) {
  RETURN_IF_ERROR(InitCrypto());
  Limits l = LimitsFor(cost);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), l.ops, l.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return ResourceExhaustedError("not enough memory to hash the password; try again");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  if (!InitCrypto().ok()) return false;
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string h(hash);  // NUL-terminated copy
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view hash, HashCost cost) {
  if (!InitCrypto().ok() || hash.size() >= crypto_pwhash_STRBYTES) return true;
  Limits l = LimitsFor(cost);
  std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), l.ops, l.mem) != 0;
}

Status ValidatePassword(std::string_view password, std::string_view email) {
  if (!IsValidUtf8(password) || HasControlChars(password, false)) {
    return InvalidArgumentError("password: must be valid text without control characters",
                                "password");
  }
  size_t n = Utf8Length(password);
  if (n < 10) return InvalidArgumentError("password: must be at least 10 characters", "password");
  if (n > 256) return InvalidArgumentError("password: must be at most 256 characters", "password");
  if (!email.empty() && AsciiLower(password) == AsciiLower(email)) {
    return InvalidArgumentError("password: must not be your email address", "password");
  }
  return OkStatus();
}

StatusOr<std::string> NormalizeEmail(std::string_view email) {
  std::string e = AsciiLower(Trim(email));
  auto bad = [](std::string msg) { return InvalidArgumentError("email: " + msg, "email"); };
  if (e.empty()) return bad("is required");
  if (e.size() > 254) return bad("must be at most 254 characters");
  if (!IsValidUtf8(e) || HasControlChars(e, false)) return bad("is not valid text");
  size_t at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) {
    return bad("must look like name@example.com");
  }
  std::string_view domain = std::string_view(e).substr(at + 1);
  size_t dot = domain.rfind('.');
  if (domain.empty() || dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size() ||
      domain.find("..") != std::string_view::npos) {
    return bad("must look like name@example.com");
  }
  for (char c : e) {
    if (c == ' ' || c == '\t' || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' ||
        c == '(' || c == ')' || c == '[' || c == ']' || c == '\\') {
      return bad("must not contain spaces or the characters <>\",;()[]\\");
    }
  }
  return e;
}

std::string RandomToken(size_t bytes) {
  InitCrypto().IgnoreError();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out = Base64UrlEncode(raw);
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string TokenDigest(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(sizeof digest * 2);
  for (unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace meridian
