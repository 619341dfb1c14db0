#include "server/app/options.h"

#include <charconv>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <string_view>

#include <boost/program_options.hpp>

#include "server/common/status.h"

namespace trtc::app {
namespace {

namespace po = boost::program_options;

constexpr uint64_t kMaxMillis = 3600000;  // an hour: longer is a typo, not a setting

// How one flag's value reaches Options: `apply` checks a value and stores it, `show`
// spells the current one (--help shows it for a default-constructed Options).
struct Field {
  std::function<Status(std::string_view value, Options* options)> apply;
  std::function<std::string(const Options& options)> show;
  std::string value_name;  // "N", "on|off"; empty: a switch, which takes no value
};

// One flag: everything the parser, the environment and --help know of it.
struct Row {
  const char* name;  // without the leading "--"
  const char* env;   // nullptr: no environment variable
  const char* help;
  Field field;                           // --help and --version have none
  ParseResult ends = ParseResult::kRun;  // --help, --version: stop and say so
};

Status Expected(std::string_view what, std::string_view value) {
  return Status::InvalidArgument("expected " + std::string(what) + ", got \"" +
                                 std::string(value) + "\"");
}

// Free text; `empty_means` names what an empty value stands for, or (nullptr) it must
// not be empty.
Field Text(std::string Options::*member, const char* value_name, const char* noun,
           const char* empty_means = nullptr) {
  return {[=](std::string_view value, Options* options) {
            if (value.empty() && empty_means == nullptr) return Expected(noun, value);
            options->*member = value;
            return Status::Ok();
          },
          [=](const Options& options) {
            const std::string& text = options.*member;
            return text.empty() && empty_means != nullptr ? empty_means : text;
          },
          value_name};
}

// Decimal digits only: no sign, no exponent, no spaces.
std::optional<uint64_t> ParseDigits(std::string_view value) {
  uint64_t number = 0;
  const char* end = value.data() + value.size();
  auto [stop, error] = std::from_chars(value.data(), end, number);
  if (error != std::errc() || stop != end) return std::nullopt;
  return number;
}

template <typename T>
void StoreNumber(T& to, uint64_t number) {
  to = static_cast<T>(number);
}
template <typename T>
void StoreNumber(std::optional<T>& to, uint64_t number) {
  to = static_cast<T>(number);
}
template <typename T>
std::string ShowNumber(const T& number, const char*) {
  return std::to_string(number);
}
template <typename T>
std::string ShowNumber(const std::optional<T>& number, const char* unset) {
  return number ? std::to_string(*number) : unset;
}

// A whole number min..max; `unset` is what --help says when an optional one has none.
template <typename T>
Field Number(T Options::*member, const char* noun, uint64_t min, uint64_t max,
             const char* unset = "") {
  const std::string expected =
      std::string(noun) + " " + std::to_string(min) + ".." + std::to_string(max);
  return {[=](std::string_view value, Options* options) {
            const std::optional<uint64_t> number = ParseDigits(value);
            if (!number || *number < min || *number > max) return Expected(expected, value);
            StoreNumber(options->*member, *number);
            return Status::Ok();
          },
          [=](const Options& options) { return ShowNumber(options.*member, unset); },
          "N"};
}

// One of a few named values; `name` spells each, for parsing, errors and --help alike.
template <typename T>
Field Choice(T Options::*member, std::vector<T> values, std::string_view (*name)(T)) {
  std::string value_name, expected;
  for (size_t i = 0; i < values.size(); ++i) {
    value_name += (i == 0 ? "" : "|") + std::string(name(values[i]));
    expected += (i == 0 ? "" : i + 1 == values.size() ? " or " : ", ") + std::string(name(values[i]));
  }
  return {[=](std::string_view value, Options* options) {
            for (T candidate : values) {
              if (value != name(candidate)) continue;
              options->*member = candidate;
              return Status::Ok();
            }
            return Expected(expected, value);
          },
          [=](const Options& options) { return std::string(name(options.*member)); },
          value_name};
}

// A port, or "off" (or empty) for none, so that an image's default can be switched off.
Field PortOrOff(std::optional<uint16_t> Options::*member) {
  const Field number = Number(member, "off or a port number", 0, 65535, "off");
  return {[=](std::string_view value, Options* options) {
            if (value == "off" || value.empty()) {
              (options->*member).reset();
              return Status::Ok();
            }
            return number.apply(value, options);
          },
          number.show, "N|off"};
}

std::string_view OnOff(bool on) { return on ? "on" : "off"; }
std::string_view StrictOff(api::AuthMode auth) {
  return auth == api::AuthMode::kStrict ? "strict" : "off";
}

// Given on the command line it is on; its environment variable says 1 or 0. Off unless
// given, which goes without saying in --help.
Field Switch(bool Options::*member) {
  return {[=](std::string_view value, Options* options) {
            if (value != "1" && value != "0") return Expected("1 or 0", value);
            options->*member = value == "1";
            return Status::Ok();
          },
          nullptr, ""};
}

const std::vector<Row>& Rows() {
  using api::AuthMode;
  static const std::vector<Row> rows = {
      {"bind", "TRTC_EMULATOR_BIND", "address to listen on",
       Text(&Options::bind, "ADDR", "an address")},
      {"port", "TRTC_EMULATOR_PORT", "port, 0 picks a free one",
       Number(&Options::port, "a port number", 0, 65535)},
      {"db", "TRTC_EMULATOR_DB", "SQLite database; state survives restarts",
       Text(&Options::db, "FILE", "a file name")},
      {"in-memory", "TRTC_EMULATOR_IN_MEMORY", "keep state in memory only (not with --db)",
       Switch(&Options::in_memory)},
      {"fixtures", "TRTC_EMULATOR_FIXTURES", "fixture JSON file or folder; built-in: the default app",
       Text(&Options::fixtures, "PATH", "a path", "built-in")},
      {"rate-limits", "TRTC_EMULATOR_RATE_LIMITS", "enforce documented calling frequencies",
       Choice(&Options::rate_limits, {true, false}, OnOff)},
      {"auth", "TRTC_EMULATOR_AUTH", "verify UserSig and admin identity",
       Choice(&Options::auth, {AuthMode::kStrict, AuthMode::kOff}, StrictOff)},
      {"log-level", "TRTC_EMULATOR_LOG_LEVEL", "debug explains every rejection",
       Choice(&Options::log_level,
              {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError},
              LogLevelName)},
      {"threads", "TRTC_EMULATOR_THREADS", "worker threads, 0 for one per core",
       Number(&Options::threads, "a thread count", 0, 999)},
      {"callback-timeout-ms", "TRTC_EMULATOR_CALLBACK_TIMEOUT_MS",
       "how long a callback receiver may take to answer",
       Number(&Options::callback_timeout_ms, "milliseconds", 0, kMaxMillis)},
      {"callback-retry-unit-ms", "TRTC_EMULATOR_CALLBACK_RETRY_UNIT_MS",
       "v1 callbacks are retried after 0, 1, 1, 2, 3, 5 of these",
       Number(&Options::callback_retry_unit_ms, "milliseconds", 0, kMaxMillis)},
      {"callback-ca", "TRTC_EMULATOR_CALLBACK_CA",
       "extra CA certificates trusted when delivering callbacks to https:// URLs",
       Text(&Options::callback_ca, "FILE", "a file name", "none")},
      {"callback-tls-verify", "TRTC_EMULATOR_CALLBACK_TLS_VERIFY",
       "off accepts any certificate from a callback receiver",
       Choice(&Options::callback_tls_verify, {true, false}, OnOff)},
      {"idle-timeout-ms", "TRTC_EMULATOR_IDLE_TIMEOUT_MS",
       "close a connection idle or stalled mid-request this long",
       Number(&Options::idle_timeout_ms, "milliseconds", 1, kMaxMillis)},
      {"max-connections", "TRTC_EMULATOR_MAX_CONNECTIONS",
       "open connections at most; more are closed at once",
       Number(&Options::max_connections, "a connection count", 1, 1000000)},
      {"seed", "TRTC_EMULATOR_SEED",
       "seed for RequestIds, call ids and random room ids, so a run's ids are reproducible",
       Number(&Options::seed, "a seed", 0, std::numeric_limits<uint64_t>::max(), "random")},
      {"https-port", "TRTC_EMULATOR_HTTPS_PORT",
       "also serve everything over TLS on this port, 0 picks a free one",
       PortOrOff(&Options::https_port)},
      {"tls-dir", "TRTC_EMULATOR_TLS_DIR",
       "folder of the local CA (ca.pem, ca.key), made on first use",
       Text(&Options::tls_dir, "DIR", "a folder", "trtc-emulator-tls beside --db")},
      {"tls-cert", "TRTC_EMULATOR_TLS_CERT",
       "serve this certificate (PEM chain) instead of one from the local CA",
       Text(&Options::tls_cert, "FILE", "a file name", "local CA")},
      {"tls-key", "TRTC_EMULATOR_TLS_KEY", "the private key of --tls-cert (PEM)",
       Text(&Options::tls_key, "FILE", "a file name", "local CA")},
      {"proxy", "TRTC_EMULATOR_PROXY",
       "accept CONNECT for Tencent API hosts on the HTTP port",
       Choice(&Options::proxy, {true, false}, OnOff)},
      {"healthcheck", nullptr,
       "GET /_emulator/health of the server at --bind/--port; exit 0 if ready, 1 if not",
       Switch(&Options::healthcheck)},
      {"help", nullptr, "print this help and exit", {}, ParseResult::kHelp},
      {"version", nullptr, "print the version and exit", {}, ParseResult::kVersion},
  };
  return rows;
}

const Row& RowNamed(std::string_view name) {
  for (const Row& row : Rows()) {
    if (name == row.name) return row;
  }
  std::abort();  // the parser only knows the rows' names
}

std::string Described(const Row& row) {
  const bool is_switch = row.field.value_name.empty();
  if (row.env == nullptr) return row.help;
  return std::string(row.help) + "\n[" + row.env + (is_switch ? "=1" : "") + "]";
}

// How --help shows a flag's value and its default ("--port N (=9000)"). The default is
// for show only: the parser reads the given tokens, never Program_options' defaults.
const po::value_semantic* Semantic(const Field& field) {
  if (field.value_name.empty()) return po::bool_switch();
  auto* semantic = po::value<std::string>()->value_name(field.value_name);
  if (!field.show) return semantic;
  const std::string shown = field.show(Options{});
  return semantic->default_value(shown, shown);
}

// The rows as Program_options sees them: one table for parsing and for --help. An 80
// column help keeps 50 of them for the text; a longer flag has its text on the next line.
po::options_description Describe() {
  po::options_description description("Options (environment variable in brackets)", 80, 50);
  for (const Row& row : Rows()) {
    description.add_options()(row.name, Semantic(row.field), Described(row).c_str());
  }
  return description;
}

// The command line's options in the order given, so a repeated flag's last value wins.
StatusOr<std::vector<po::option>> Tokenize(int argc, const char* const* argv) {
  namespace style = po::command_line_style;
  std::vector<po::option> given;
  try {
    // Long options only, whole names only ("--po" is not "--port").
    given = po::command_line_parser(argc, argv)
                .options(Describe())
                .style(style::allow_long | style::long_allow_adjacent | style::long_allow_next)
                .run()
                .options;
  } catch (const po::error& e) {
    return Status::InvalidArgument(std::string(e.what()) + " (see --help)");
  }
  for (const po::option& option : given) {
    if (option.string_key.empty()) {
      return Status::InvalidArgument("unexpected argument \"" + option.value.front() +
                                     "\" (see --help)");
    }
  }
  return given;
}

Status ApplyEnvironment(const EnvLookup& env, Options* options) {
  for (const Row& row : Rows()) {
    const char* value = row.env ? env(row.env) : nullptr;
    if (value == nullptr) continue;
    Status status = row.field.apply(value, options);
    if (!status.ok()) {
      return Status::InvalidArgument(std::string(row.env) + " (--" + row.name + ": " +
                                     status.message() + ")");
    }
  }
  return Status::Ok();
}

Status ApplyFlags(const std::vector<po::option>& given, Options* options) {
  for (const po::option& option : given) {
    // A switch comes without a value: given is on.
    const std::string value = option.value.empty() ? "1" : option.value.front();
    Status status = RowNamed(option.string_key).field.apply(value, options);
    if (!status.ok()) return status.Prefixed("--" + option.string_key + ": ");
  }
  return Status::Ok();
}

// A --db flag with --in-memory (from either place) is a contradiction; the environment's
// TRTC_EMULATOR_DB is not, so an image's default database gives way to in-memory.
Status CheckCombination(const std::vector<po::option>& given, const Options& options) {
  for (const po::option& option : given) {
    if (option.string_key == "db" && options.in_memory) {
      return Status::InvalidArgument("--db and --in-memory cannot be used together");
    }
  }
  return Status::Ok();
}

Status Apply(const std::vector<po::option>& given, const EnvLookup& env, Options* options) {
  Status status = ApplyEnvironment(env, options);
  if (status.ok()) status = ApplyFlags(given, options);
  if (status.ok()) status = CheckCombination(given, *options);
  return status;
}

std::string Bytes(size_t bytes) {
  if (bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MiB";
  if (bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KiB";
  return std::to_string(bytes) + " bytes";
}

std::string Duration(std::chrono::milliseconds duration) {
  const auto ms = duration.count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

// The figures the transport enforces, from its own constants.
std::string LimitsText() {
  const http::TransportLimits limits;
  return "Limits: request line + headers " + Bytes(limits.header_bytes) + " (431), body " +
         Bytes(limits.body_bytes) + " (413), idle or stalled\nconnection " +
         Duration(limits.idle_timeout) + " (closed), " + std::to_string(limits.max_connections) +
         " open connections (more are closed).\n";
}

// Program_options wraps a long text after a space and leaves that space at the line's end.
std::string WithoutTrailingSpaces(const std::string& text) {
  std::string trimmed;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    line.erase(line.find_last_not_of(' ') + 1);
    trimmed += line + "\n";
  }
  return trimmed;
}

}  // namespace

ParseResult ParseOptions(int argc, const char* const* argv, const EnvLookup& env, Options* options,
                         std::string* error) {
  StatusOr<std::vector<po::option>> given = Tokenize(argc, argv);
  if (!given.ok()) {
    *error = given.status().message();
    return ParseResult::kError;
  }
  // --help and --version answer whatever else is wrong.
  for (const po::option& option : *given) {
    if (ParseResult ends = RowNamed(option.string_key).ends; ends != ParseResult::kRun) return ends;
  }
  if (Status status = Apply(*given, env, options); !status.ok()) {
    *error = status.message();
    return ParseResult::kError;
  }
  return options->healthcheck ? ParseResult::kHealthcheck : ParseResult::kRun;
}

std::string HelpText() {
  std::ostringstream text;
  text << "Usage: trtc-emulator [OPTION]...\n"
          "A local emulator of Tencent Cloud's TRTC / Chat REST APIs.\n\n"
       << Describe() << "\n"
       << LimitsText()
       << "Ready line on stdout: trtc-emulator listening on http://HOST:PORT (last; with\n"
          "--https-port, a line with https://HOST:PORT comes just before it).\n"
          "Exit status: 0 after SIGINT/SIGTERM, 2 on a bad option, fixture or port.\n"
          "--healthcheck asks 127.0.0.1 when --bind is 0.0.0.0 (2 s timeout) and exits 0 when\n"
          "the server answers ready, 1 otherwise (with one line on stderr).\n";
  return WithoutTrailingSpaces(text.str());
}

std::vector<FlagName> FlagNames() {
  std::vector<FlagName> names;
  for (const Row& row : Rows()) names.push_back({std::string("--") + row.name, row.env ? row.env : ""});
  return names;
}

}  // namespace trtc::app
