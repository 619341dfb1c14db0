// `trtc-emulator --healthcheck` against a real server (exit 0) and against a port where
// nothing listens (exit 1 with one line on stderr): what Docker's HEALTHCHECK relies on.
#include <string>

#include "server/http/asio.h"
#include "tests/integration/support/server_process.h"

namespace trtc::testing {
namespace {

TEST(HealthcheckCliTest, ARunningServerIsHealthy) {
  std::unique_ptr<ServerProcess> server;
  ASSERT_TRUE(ServerProcess::Start({"--in-memory"}, &server));
  const std::string port = std::to_string(server->port());

  ProcessResult result = RunToExit({"--healthcheck", "--port", port});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "");

  // As in the container: the environment names the port, and a wildcard bind is asked on
  // loopback.
  result = RunToExit({"--healthcheck"}, {{"TRTC_EMULATOR_PORT", port}, {"TRTC_EMULATOR_BIND", "0.0.0.0"}});
  EXPECT_EQ(result.exit_code, 0) << result.err;

  EXPECT_EQ(server->Stop(SIGTERM), 0);
}

TEST(HealthcheckCliTest, NoServerIsUnhealthyWithOneLine) {
  // A socket bound but not listening: its port is ours (no other process can take it) and
  // connecting to it is refused at once.
  http::asio::io_context io;
  http::tcp::socket holder(io);
  holder.open(http::tcp::v4());
  holder.bind(http::tcp::endpoint(http::asio::ip::make_address("127.0.0.1"), 0));
  const std::string port = std::to_string(holder.local_endpoint().port());

  ProcessResult result = RunToExit({"--healthcheck", "--port", port});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  ASSERT_FALSE(result.err.empty());
  EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << result.err;
  EXPECT_NE(result.err.find(port), std::string::npos) << result.err;
}

TEST(HealthcheckCliTest, ABadOptionIsUnhealthyNotStatus2) {
  // Docker reserves status 2 of a healthcheck; a misconfigured check is simply unhealthy.
  ProcessResult result = RunToExit({"--healthcheck", "--port", "http"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("--port"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace trtc::testing
