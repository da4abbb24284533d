// Secrets: argon2id password hashes, random tokens and token digests (libsodium).
//
//   RETURN_IF_ERROR(InitCrypto());                        // once, before anything else
//   ASSIGN_OR_RETURN(std::string hash, HashPassword(pw)); // "$argon2id$v=19$m=..."
//   if (VerifyPassword(hash, pw)) ...
//   std::string id = RandomToken(32);                     // 256 bits, base64url
//   std::string digest = TokenDigest(id);                 // what the store keeps
#pragma once

#include <string>
#include <string_view>

#include "base/statusor.h"

namespace meridian {

// Initializes libsodium. Idempotent and thread-safe; kInternal when it cannot start.
Status InitCrypto();

// How much work each password hash costs (libsodium's named limits).
enum class HashCost {
  kInteractive,  // 64 MiB, the libsodium interactive limits: the default for sign-in
  kMinimum,      // the minimum the library accepts: only for tests
};

// argon2id (crypto_pwhash_str). kResourceExhausted when the machine lacks the memory.
StatusOr<std::string> HashPassword(std::string_view password,
                                   HashCost cost = HashCost::kInteractive);
// True when `password` matches `hash` (constant time in the password).
bool VerifyPassword(std::string_view hash, std::string_view password);
// True when `hash` was made with weaker limits than `cost` asks for (rehash on sign-in).
bool NeedsRehash(std::string_view hash, HashCost cost);

// Password rules: 10 to 256 characters of valid UTF-8, not the email address itself.
Status ValidatePassword(std::string_view password, std::string_view email);
// Trims and lowercases an email address and checks its shape (one '@', a dotted domain,
// at most 254 characters). kInvalidArgument on field "email".
StatusOr<std::string> NormalizeEmail(std::string_view email);

// `bytes` random bytes from the OS CSPRNG, base64url without padding.
std::string RandomToken(size_t bytes);
// SHA-256 of `token` as lowercase hex: how session ids and API keys are stored.
std::string TokenDigest(std::string_view token);

}  // namespace meridian
