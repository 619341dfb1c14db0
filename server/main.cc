// trtc-emulator: parse the options, start everything, print the ready line, serve until
// SIGINT/SIGTERM. Exit status 0 after a signal, 2 when anything fails to start.
// With --healthcheck it asks a running server instead: exit 0 ready, 1 not.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string_view>

#include "server/app/emulator.h"
#include "server/app/healthcheck.h"

int main(int argc, char** argv) {
  using namespace trtc::app;
  Options options;
  std::string error;
  switch (ParseOptions(argc, argv, [](const char* name) { return std::getenv(name); }, &options,
                       &error)) {
    case ParseResult::kHelp:
      std::cout << HelpText();
      return 0;
    case ParseResult::kVersion:
      std::cout << "trtc-emulator " TRTC_EMULATOR_VERSION "\n";
      return 0;
    case ParseResult::kError: {
      std::cerr << "trtc-emulator: " << error << "\n";
      // Docker reserves healthcheck status 2; any failure of a check is "unhealthy" (1).
      const bool healthcheck = std::any_of(
          argv + 1, argv + argc, [](const char* arg) { return std::string_view(arg) == "--healthcheck"; });
      return healthcheck ? 1 : 2;
    }
    case ParseResult::kHealthcheck: {
      const std::string problem = CheckHealth(options, std::chrono::seconds(2));
      if (problem.empty()) return 0;
      std::cerr << "trtc-emulator: healthcheck failed: " << problem << "\n";
      return 1;
    }
    case ParseResult::kRun:
      break;
  }
  std::unique_ptr<Emulator> emulator;
  trtc::Status status = Emulator::Create(options, &emulator);
  if (!status.ok()) {
    std::cerr << "trtc-emulator: " << status.message() << "\n";
    return 2;
  }
  emulator->StopOnSignals();
  // The http line comes last: it still means "ready" for both ports.
  if (const std::optional<std::string> https = emulator->https_url()) {
    std::printf("trtc-emulator listening on %s\n", https->c_str());
  }
  std::printf("trtc-emulator listening on %s\n", emulator->url().c_str());
  std::fflush(stdout);
  emulator->Run();
  return 0;
}
