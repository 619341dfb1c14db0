#include "tests/integration/support/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

extern char** environ;

namespace trtc::testing {
namespace {

constexpr const char kReadyPrefix[] = "trtc-emulator listening on http://";
constexpr const char kHttpsReadyPrefix[] = "trtc-emulator listening on https://";

uint16_t PortOf(const std::string& line) {
  return static_cast<uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
}

// argv and envp prepared before fork(): the child may only call async-signal-safe code.
struct ExecSpec {
  std::vector<std::string> args;
  std::vector<std::string> env;
  std::vector<char*> argv;
  std::vector<char*> envp;

  ExecSpec(const std::vector<std::string>& arguments,
           const std::map<std::string, std::string>& overrides) {
    args.push_back(TRTC_EMULATOR_BINARY);
    args.insert(args.end(), arguments.begin(), arguments.end());
    for (char** e = environ; *e; ++e) {
      std::string entry = *e;
      const std::string name = entry.substr(0, entry.find('='));
      if (!overrides.count(name)) env.push_back(entry);
    }
    for (const auto& [name, value] : overrides) env.push_back(name + "=" + value);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
  }
};

std::string TempPath(const char* what) {
  std::string pattern = std::string("/tmp/trtc-") + what + "-XXXXXX";
  int fd = ::mkstemp(pattern.data());
  if (fd >= 0) ::close(fd);
  return pattern;
}

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int ExitCode(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

// Forks and execs; the child's stdout goes to `stdout_fd`, stderr to `stderr_path`.
pid_t Spawn(ExecSpec& spec, int stdout_fd, const std::string& stderr_path) {
  const int err_fd = ::open(stderr_path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(stdout_fd, STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    ::execve(spec.argv[0], spec.argv.data(), spec.envp.data());
    ::_exit(127);
  }
  ::close(err_fd);
  return pid;
}

}  // namespace

::testing::AssertionResult ServerProcess::Start(const std::vector<std::string>& args,
                                                std::unique_ptr<ServerProcess>* out,
                                                const std::map<std::string, std::string>& env) {
  std::vector<std::string> full = {"--bind", "127.0.0.1", "--port", "0"};
  full.insert(full.end(), args.begin(), args.end());
  ExecSpec spec(full, env);
  std::unique_ptr<ServerProcess> server(new ServerProcess());
  server->stderr_path_ = TempPath("stderr");
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return ::testing::AssertionFailure() << "pipe failed";
  server->pid_ = Spawn(spec, fds[1], server->stderr_path_);
  ::close(fds[1]);
  server->stdout_fd_ = fds[0];
  // Blocking reads until the http line: the server prints it (last) when it is ready, or
  // exits. With --https-port the https line comes first.
  auto read_line = [&] {
    std::string line;
    char c;
    while (::read(server->stdout_fd_, &c, 1) == 1 && c != '\n') line.push_back(c);
    return line;
  };
  std::string line = read_line();
  if (line.rfind(kHttpsReadyPrefix, 0) == 0) {
    server->https_ready_line_ = line;
    server->https_port_ = PortOf(line);
    line = read_line();
  }
  if (line.rfind(kReadyPrefix, 0) != 0) {
    int status = 0;
    ::waitpid(server->pid_, &status, 0);
    server->pid_ = -1;
    return ::testing::AssertionFailure()
           << "server did not become ready (exit " << ExitCode(status) << "), stdout: \"" << line
           << "\", stderr: " << server->StderrText();
  }
  server->ready_line_ = line;
  server->port_ = PortOf(line);
  *out = std::move(server);
  return ::testing::AssertionSuccess();
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop(SIGKILL);
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  if (!stderr_path_.empty()) ::unlink(stderr_path_.c_str());
}

int ServerProcess::Stop(int signal_number) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, signal_number);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return ExitCode(status);
}

std::string ServerProcess::StderrText() const { return ReadWhole(stderr_path_); }

ProcessResult RunToExit(const std::vector<std::string>& args,
                        const std::map<std::string, std::string>& env) {
  ExecSpec spec(args, env);
  const std::string out_path = TempPath("stdout");
  const std::string err_path = TempPath("stderr");
  const int out_fd = ::open(out_path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  const pid_t pid = Spawn(spec, out_fd, err_path);
  ::close(out_fd);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ProcessResult result{ExitCode(status), ReadWhole(out_path), ReadWhole(err_path)};
  ::unlink(out_path.c_str());
  ::unlink(err_path.c_str());
  return result;
}

}  // namespace trtc::testing
