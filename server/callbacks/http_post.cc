#include "server/callbacks/http_post.h"

#include <memory>

#include "server/domain/callback_rules.h"

namespace trtc::callbacks {
namespace {

using namespace trtc::http;  // asio, beast, bhttp, tcp
using domain::StartsWithNoCase;
using Clock = std::chrono::steady_clock;

// A reply larger than this is an error, not something to keep reading.
constexpr size_t kMaxReadReply = 64 * 1024;

// One POST in flight. Owns everything its handlers touch; the last handler to run
// releases it.
class Post : public std::enable_shared_from_this<Post> {
 public:
  Post(asio::io_context& io, HttpUrl url, std::string body, std::chrono::milliseconds timeout,
       std::function<void(PostResult)> done)
      : resolver_(io),
        stream_(io),
        deadline_(io),
        url_(std::move(url)),
        timeout_(timeout),
        done_(std::move(done)),
        started_(Clock::now()) {
    request_.method(bhttp::verb::post);
    request_.target(url_.target);
    request_.version(11);
    request_.set(bhttp::field::host, url_.port == "80" ? url_.host : url_.host + ":" + url_.port);
    request_.set(bhttp::field::user_agent, "trtc-emulator/" TRTC_EMULATOR_VERSION);
    request_.set(bhttp::field::content_type, "application/json; charset=utf-8");
    request_.set(bhttp::field::connection, "close");
    request_.body() = std::move(body);
    request_.prepare_payload();
    parser_.body_limit(kMaxReadReply);
  }

  void Start() {
    deadline_.expires_after(timeout_);
    deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->finished_) return;
      self->timed_out_ = true;
      self->resolver_.cancel();
      self->stream_.cancel();
    });
    resolver_.async_resolve(url_.host, url_.port,
                            [self = shared_from_this()](beast::error_code ec,
                                                        tcp::resolver::results_type results) {
                              if (ec) return self->Fail("resolving " + self->url_.host, ec);
                              self->Connect(results);
                            });
  }

 private:
  void Connect(const tcp::resolver::results_type& results) {
    stream_.async_connect(results, [self = shared_from_this()](beast::error_code ec,
                                                               const tcp::endpoint&) {
      if (ec) return self->Fail("connecting", ec);
      bhttp::async_write(self->stream_, self->request_,
                         [self](beast::error_code ec, size_t) {
                           if (ec) return self->Fail("sending", ec);
                           self->Read();
                         });
    });
  }

  void Read() {
    bhttp::async_read(stream_, buffer_, parser_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) return self->Fail("reading the reply", ec);
                        const auto& response = self->parser_.get();
                        PostResult result;
                        result.http_status = static_cast<int>(response.result_int());
                        result.reply = response.body().substr(0, kMaxKeptReply);
                        self->Finish(std::move(result));
                      });
  }

  void Fail(const std::string& what, beast::error_code ec) {
    PostResult result;
    result.error = timed_out_ ? "no reply within " + std::to_string(timeout_.count()) + " ms"
                              : what + ": " + ec.message();
    Finish(std::move(result));
  }

  void Finish(PostResult result) {
    if (finished_) return;
    finished_ = true;
    deadline_.cancel();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    result.latency_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_).count();
    done_(std::move(result));
  }

  tcp::resolver resolver_;
  beast::tcp_stream stream_;
  asio::steady_timer deadline_;
  HttpUrl url_;
  std::chrono::milliseconds timeout_;
  std::function<void(PostResult)> done_;
  Clock::time_point started_;
  bhttp::request<bhttp::string_body> request_;
  beast::flat_buffer buffer_;
  bhttp::response_parser<bhttp::string_body> parser_;
  bool timed_out_ = false;
  bool finished_ = false;
};

}  // namespace

std::optional<HttpUrl> ParseHttpUrl(std::string_view url, std::string* error) {
  if (StartsWithNoCase(url, "https://")) {
    *error = "https:// callback URLs cannot be delivered by the emulator; configure http://";
    return std::nullopt;
  }
  if (!StartsWithNoCase(url, "http://")) {
    *error = "the callback URL is not http://";
    return std::nullopt;
  }
  url.remove_prefix(7);
  const size_t path_start = url.find_first_of("/?#");
  std::string_view authority = url.substr(0, path_start);
  std::string_view rest = path_start == std::string_view::npos ? "" : url.substr(path_start);
  rest = rest.substr(0, rest.find('#'));  // a fragment is never sent
  if (authority.find('@') != std::string_view::npos) authority.remove_prefix(authority.rfind('@') + 1);
  HttpUrl out;
  out.port = "80";
  if (authority.starts_with('[')) {  // [IPv6]:port
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      *error = "the callback URL has an unclosed [IPv6 address]";
      return std::nullopt;
    }
    out.host = std::string(authority.substr(1, close - 1));
    authority.remove_prefix(close + 1);
    if (authority.starts_with(':')) out.port = std::string(authority.substr(1));
  } else {
    const size_t colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) out.port = std::string(authority.substr(colon + 1));
  }
  if (out.host.empty()) {
    *error = "the callback URL has no host";
    return std::nullopt;
  }
  if (out.port.empty()) out.port = "80";
  out.target = rest.empty() || rest.front() == '?' ? "/" + std::string(rest) : std::string(rest);
  return out;
}

void PostJson(asio::io_context& io, const std::string& url, std::string body,
              std::chrono::milliseconds timeout, std::function<void(PostResult)> done) {
  std::string error;
  std::optional<HttpUrl> parsed = ParseHttpUrl(url, &error);
  if (!parsed) {
    PostResult result;
    result.error = error;
    asio::post(io, [done = std::move(done), result = std::move(result)]() mutable {
      done(std::move(result));
    });
    return;
  }
  std::make_shared<Post>(io, std::move(*parsed), std::move(body), timeout, std::move(done))
      ->Start();
}

}  // namespace trtc::callbacks
