// The request-target forms the transport accepts (RFC 9112 §3.2): origin form as it is,
// absolute form cut to its path and query with its authority as the host, and CONNECT's
// authority form.
#include <gtest/gtest.h>

#include "server/http/request_target.h"

namespace trtc::http {
namespace {

struct Case {
  std::string_view target;
  std::string_view path;
  std::string_view host;
};

TEST(RequestTarget, AbsoluteFormBecomesItsPathAndQueryWithItsAuthorityAsHost) {
  const Case cases[] = {
      {"/v4/a?b=1", "/v4/a?b=1", "header"},
      {"http://console.tim.qq.com/v4/a?b=1", "/v4/a?b=1", "console.tim.qq.com"},
      {"HTTPS://console.tim.qq.com:443/v4/a", "/v4/a", "console.tim.qq.com:443"},
      {"http://h?x=1", "/?x=1", "h"},
      {"http://h", "/", "h"},
      {"http://h/p#fragment", "/p", "h"},
      {"http://[::1]:9000/_emulator/health", "/_emulator/health", "[::1]:9000"},
      {"ftp://h/p", "ftp://h/p", "header"},  // not http(s): left for the router to refuse
      {"*", "*", "header"},
      {"", "", "header"},
  };
  for (const Case& c : cases) {
    std::string storage;
    const OriginForm origin = ToOriginForm(c.target, "header", &storage);
    EXPECT_EQ(origin.target, c.path) << c.target;
    EXPECT_EQ(origin.host, c.host) << c.target;
  }
}

TEST(RequestTarget, ConnectsAuthorityForm) {
  std::optional<Authority> a = ParseAuthority("console.tim.qq.com:443");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "console.tim.qq.com");
  EXPECT_EQ(a->port, 443);
  a = ParseAuthority("[::1]:8443");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "::1");
  EXPECT_EQ(a->port, 8443);
  for (std::string_view bad : {"console.tim.qq.com", "console.tim.qq.com:", ":443", "h:65536",
                               "h:-1", "h:44x", "::1:443", "[::1]443", "[::1", "a/b:443",
                               "user@h:443", "h:443 ", ""}) {
    EXPECT_FALSE(ParseAuthority(bad)) << bad;
  }
}

}  // namespace
}  // namespace trtc::http
