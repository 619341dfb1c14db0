// Small process helpers for integration tests: a process's resident memory, the open-file
// limit, and running a command line (a real client: node, curl, python3) for its output.
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace trtc::testing {

// The process's resident memory in kB, from /proc (-1 when unknown).
inline long RssKb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// Raises this process's soft open-file limit to the hard one; returns the new limit.
inline rlim_t RaiseOpenFileLimit() {
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &limit);
  return limit.rlim_cur;
}

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout; stderr goes to the test's own
};

// Runs `command` with /bin/sh and collects its standard output.
inline CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return result;
  char chunk[4096];
  for (size_t n; (n = std::fread(chunk, 1, sizeof chunk, pipe)) > 0;) result.out.append(chunk, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace trtc::testing
