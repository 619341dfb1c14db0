// Which address --healthcheck asks: server/app/healthcheck.h.
#include <gtest/gtest.h>

#include "server/app/healthcheck.h"

namespace trtc::app {
namespace {

TEST(HealthcheckTest, WildcardBindAddressesAreAskedOverLoopback) {
  EXPECT_EQ(HealthcheckHost("0.0.0.0"), "127.0.0.1");
  EXPECT_EQ(HealthcheckHost(""), "127.0.0.1");
  EXPECT_EQ(HealthcheckHost("::"), "::1");
}

TEST(HealthcheckTest, OtherBindAddressesAreAskedDirectly) {
  EXPECT_EQ(HealthcheckHost("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(HealthcheckHost("10.1.2.3"), "10.1.2.3");
  EXPECT_EQ(HealthcheckHost("emulator"), "emulator");
}

TEST(HealthcheckTest, PortZeroIsAProblemNotACrash) {
  Options options;
  options.port = 0;
  const std::string problem = CheckHealth(options, std::chrono::seconds(2));
  EXPECT_NE(problem.find("not 0"), std::string::npos) << problem;
}

}  // namespace
}  // namespace trtc::app
