// HTTP helpers without a server: cookies, bearer tokens, form bodies, rate limits.
#include <gtest/gtest.h>

#include "http/message.h"
#include "http/rate_limit.h"

namespace meridian::http {
namespace {

Request WithHeader(const std::string& name, const std::string& value) {
  Request r;
  r.headers[name] = value;
  return r;
}

TEST(MessageTest, BearerTokens) {
  EXPECT_EQ(BearerToken(WithHeader("authorization", "Bearer abc")), "abc");
  EXPECT_EQ(BearerToken(WithHeader("authorization", "bearer  abc ")), "abc");
  EXPECT_EQ(BearerToken(WithHeader("authorization", "Basic abc")), "");
  EXPECT_EQ(BearerToken(WithHeader("authorization", "Bearer")), "");
  EXPECT_EQ(BearerToken(Request{}), "");
}

TEST(MessageTest, Cookies) {
  Request r = WithHeader("cookie", "a=1; meridian_session=xyz; b=\"q\"");
  EXPECT_EQ(Cookie(r, "meridian_session"), "xyz");
  EXPECT_EQ(Cookie(r, "b"), "q");
  EXPECT_EQ(Cookie(r, "c"), "");
  EXPECT_EQ(Cookie(WithHeader("cookie", "xmeridian_session=1"), "meridian_session"), "");
  EXPECT_EQ(Cookie(WithHeader("cookie", ";;=;meridian_session"), "meridian_session"), "");
}

TEST(MessageTest, SetCookieValues) {
  EXPECT_EQ(SetCookieValue("s", "v", {.max_age_seconds = 60, .secure = false, .http_only = true}),
            "s=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax");
  EXPECT_EQ(SetCookieValue("s", "", {.max_age_seconds = 0, .secure = true, .http_only = true}),
            "s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
}

TEST(MessageTest, FormBodies) {
  auto f = ParseForm("email=a%40b.com&password=p+w&empty=&flag&multi=line%0Atwo");
  ASSERT_TRUE(f.has_value());
  ASSERT_EQ(f->size(), 5u);
  EXPECT_EQ((*f)[0], std::make_pair(std::string("email"), std::string("a@b.com")));
  EXPECT_EQ((*f)[1].second, "p w");
  EXPECT_EQ((*f)[2].second, "");
  EXPECT_EQ((*f)[3].first, "flag");
  EXPECT_EQ((*f)[4].second, "line\ntwo");
  EXPECT_FALSE(ParseForm("a=%ZZ").has_value());
  EXPECT_FALSE(ParseForm("a=%FF%FE").has_value());  // not UTF-8
  EXPECT_FALSE(ParseForm("a=%00").has_value());     // control character
  EXPECT_TRUE(ParseForm("")->empty());
}

TEST(RateLimiterTest, TokenBucketRefillsOverTime) {
  double now = 1000;
  RateLimiter limiter([&now] { return now; });
  RateLimit limit{.per_minute = 6, .burst = 3};  // one token every 10 s
  EXPECT_EQ(limiter.Take("k", limit), 0);
  EXPECT_EQ(limiter.Take("k", limit), 0);
  EXPECT_EQ(limiter.Take("k", limit), 0);
  EXPECT_EQ(limiter.Take("k", limit), 10);
  EXPECT_EQ(limiter.Take("other", limit), 0);  // buckets are per key
  now += 5;
  EXPECT_EQ(limiter.Take("k", limit), 5);
  now += 5;
  EXPECT_EQ(limiter.Take("k", limit), 0);
  now += 3600;  // refills up to the burst, not beyond
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Take("k", limit), 0);
  EXPECT_GT(limiter.Take("k", limit), 0);
  EXPECT_EQ(limiter.Take("k", RateLimit{.per_minute = 0, .burst = 0}), 0);  // disabled
}

TEST(RateLimiterTest, ClientKeys) {
  EXPECT_EQ(ClientKey("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(ClientKey("::ffff:203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(ClientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(ClientKey("2001:db8:1:2::9"), ClientKey("2001:db8:1:2:ffff::1"));
  EXPECT_NE(ClientKey("2001:db8:1:2::9"), ClientKey("2001:db8:1:3::9"));
  EXPECT_EQ(ClientKey("not an address"), "not an address");
}

TEST(RateLimiterTest, IdleBucketsArePruned) {
  double now = 0;
  RateLimiter limiter([&now] { return now; });
  RateLimit limit{.per_minute = 60, .burst = 1};
  for (int i = 0; i < 100000; ++i) limiter.Take("k" + std::to_string(i), limit);
  EXPECT_GT(limiter.size(), 60000u);
  now += 120;  // every bucket is full again
  for (int i = 0; i < 100; ++i) limiter.Take("new" + std::to_string(i), limit);
  EXPECT_LT(limiter.size(), 20000u);
}

}  // namespace
}  // namespace meridian::http
