// ServerProcess: the real trtc-emulator binary, started as a child process for tests.
// Start() blocks until the ready line (no sleeps, no polling) or until the process exits;
// the destructor stops it. Servers always bind 127.0.0.1 and an ephemeral port.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace trtc::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

class ServerProcess {
 public:
  // `args` come after the binary and after "--bind 127.0.0.1 --port 0".
  static ::testing::AssertionResult Start(const std::vector<std::string>& args,
                                          std::unique_ptr<ServerProcess>* out,
                                          const std::map<std::string, std::string>& env = {});
  ~ServerProcess();

  uint16_t port() const { return port_; }
  // The HTTPS port (0 without --https-port) and its ready line, printed before the http one.
  uint16_t https_port() const { return https_port_; }
  const std::string& https_ready_line() const { return https_ready_line_; }
  pid_t pid() const { return pid_; }
  const std::string& ready_line() const { return ready_line_; }
  // Sends the signal and waits; returns the exit code (-1 if a signal ended it).
  int Stop(int signal_number);
  // What the server wrote on stderr so far (its log), once it has exited.
  std::string StderrText() const;

 private:
  ServerProcess() = default;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  uint16_t port_ = 0;
  uint16_t https_port_ = 0;
  std::string ready_line_;
  std::string https_ready_line_;
  std::string stderr_path_;
};

// Runs the binary with `args` (no implicit flags) to completion: for CLI tests of
// options that exit at once (--help, bad flags, bad fixtures).
ProcessResult RunToExit(const std::vector<std::string>& args,
                        const std::map<std::string, std::string>& env = {});

}  // namespace trtc::testing
