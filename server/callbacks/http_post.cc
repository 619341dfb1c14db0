#include "server/callbacks/http_post.h"

#include <memory>
#include <type_traits>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include "server/domain/callback_rules.h"
#include "server/tls/openssl_ptr.h"

namespace trtc::callbacks {
namespace {

using namespace trtc::http;  // asio, beast, bhttp, ssl, tcp
using domain::StartsWithNoCase;
using Clock = std::chrono::steady_clock;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// A reply larger than this is an error, not something to keep reading.
constexpr size_t kMaxReadReply = 64 * 1024;

// Readies one TLS connection to `host`: SNI for a name (never for an IP address, RFC 6066),
// and, when the context verifies, the name or address the certificate must carry, checked
// by OpenSSL during the handshake (so a mismatch fails it with its own reason). Returns
// why it could not, or "".
std::string PrepareTls(SSL* ssl, const std::string& host) {
  beast::error_code not_an_address;
  asio::ip::make_address(host, not_an_address);
  const bool address = !not_an_address;
  const bool verify = (SSL_get_verify_mode(ssl) & SSL_VERIFY_PEER) != 0;
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  bool ready = true;
  if (address) {
    ready = !verify || X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) == 1;
  } else {
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    ready = SSL_set_tlsext_host_name(ssl, host.c_str()) == 1 &&
            (!verify || X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0) == 1);
  }
  return ready ? "" : tls::OpenSslError("preparing TLS for " + host);
}

// Why a handshake failed: OpenSSL's reason, and for a certificate that did not verify,
// the verifier's own ("certificate verify failed (self-signed certificate)").
std::string HandshakeError(SSL* ssl, beast::error_code ec) {
  std::string error = ec.message();
  const long verdict = SSL_get_verify_result(ssl);
  if (verdict != X509_V_OK) error += std::string(" (") + X509_verify_cert_error_string(verdict) + ")";
  return error;
}

// One POST in flight, over a plain TCP stream or a TLS one. Owns everything its handlers
// touch; the last handler to run releases it.
template <typename Stream>
class Post : public std::enable_shared_from_this<Post<Stream>> {
 public:
  // `stream_args` follow the io_context into the stream's constructor (TLS: the context).
  template <typename... StreamArgs>
  Post(asio::io_context& io, HttpUrl url, std::string body, std::chrono::milliseconds timeout,
       std::function<void(PostResult)> done, StreamArgs&... stream_args)
      : resolver_(io),
        stream_(io, stream_args...),
        deadline_(io),
        url_(std::move(url)),
        timeout_(timeout),
        done_(std::move(done)),
        started_(Clock::now()) {
    request_.method(bhttp::verb::post);
    request_.target(url_.target);
    request_.version(11);
    request_.set(bhttp::field::host, HostHeader(url_));
    request_.set(bhttp::field::user_agent, "trtc-emulator/" TRTC_EMULATOR_VERSION);
    request_.set(bhttp::field::content_type, "application/json; charset=utf-8");
    request_.set(bhttp::field::connection, "close");
    request_.body() = std::move(body);
    request_.prepare_payload();
    parser_.body_limit(kMaxReadReply);
  }

  void Start() {
    deadline_.expires_after(timeout_);
    deadline_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (ec || self->finished_) return;
      self->timed_out_ = true;
      self->resolver_.cancel();
      beast::get_lowest_layer(self->stream_).cancel();
    });
    resolver_.async_resolve(url_.host, url_.port,
                            [self = this->shared_from_this()](beast::error_code ec,
                                                              tcp::resolver::results_type results) {
                              if (ec) return self->Fail("resolving " + self->url_.host, ec);
                              self->Connect(results);
                            });
  }

 private:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  void Connect(const tcp::resolver::results_type& results) {
    beast::get_lowest_layer(stream_).async_connect(
        results, [self = this->shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
          if (ec) return self->Fail("connecting", ec);
          self->Handshake();
        });
  }

  void Handshake() {
    if constexpr (kTls) {
      const std::string problem = PrepareTls(stream_.native_handle(), url_.host);
      if (!problem.empty()) return FailWith(problem);
      stream_.async_handshake(ssl::stream_base::client,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) {
                                  return self->FailWith(
                                      "TLS handshake with " + self->url_.host + ": " +
                                      HandshakeError(self->stream_.native_handle(), ec));
                                }
                                self->Write();
                              });
    } else {
      Write();
    }
  }

  void Write() {
    bhttp::async_write(stream_, request_,
                       [self = this->shared_from_this()](beast::error_code ec, size_t) {
                         if (ec) return self->Fail("sending", ec);
                         self->Read();
                       });
  }

  void Read() {
    bhttp::async_read(stream_, buffer_, parser_,
                      [self = this->shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) return self->Fail("reading the reply", ec);
                        const auto& response = self->parser_.get();
                        PostResult result;
                        result.http_status = static_cast<int>(response.result_int());
                        result.reply = response.body().substr(0, kMaxKeptReply);
                        self->Finish(std::move(result));
                      });
  }

  void Fail(const std::string& what, beast::error_code ec) {
    FailWith(what + ": " + ec.message());
  }

  void FailWith(std::string error) {
    PostResult result;
    result.error = timed_out_ ? "no reply within " + std::to_string(timeout_.count()) + " ms"
                              : std::move(error);
    Finish(std::move(result));
  }

  // The request said "Connection: close": the connection ends here, without a TLS
  // close_notify (the reply is complete; nothing more is read or sent).
  void Finish(PostResult result) {
    if (finished_) return;
    finished_ = true;
    deadline_.cancel();
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    result.latency_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_).count();
    done_(std::move(result));
  }

  tcp::resolver resolver_;
  Stream stream_;
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

std::string HostHeader(const HttpUrl& url) {
  const std::string host = url.host.find(':') == std::string::npos ? url.host : "[" + url.host + "]";
  return url.port == (url.tls ? "443" : "80") ? host : host + ":" + url.port;
}

std::optional<HttpUrl> ParseHttpUrl(std::string_view url, std::string* error) {
  HttpUrl out;
  if (StartsWithNoCase(url, "https://")) {
    out.tls = true;
    url.remove_prefix(8);
  } else if (StartsWithNoCase(url, "http://")) {
    url.remove_prefix(7);
  } else {
    *error = "the callback URL is not http:// or https://";
    return std::nullopt;
  }
  const char* default_port = out.tls ? "443" : "80";
  const size_t path_start = url.find_first_of("/?#");
  std::string_view authority = url.substr(0, path_start);
  std::string_view rest = path_start == std::string_view::npos ? "" : url.substr(path_start);
  rest = rest.substr(0, rest.find('#'));  // a fragment is never sent
  if (authority.find('@') != std::string_view::npos) authority.remove_prefix(authority.rfind('@') + 1);
  out.port = default_port;
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
  if (out.port.empty()) out.port = default_port;
  out.target = rest.empty() || rest.front() == '?' ? "/" + std::string(rest) : std::string(rest);
  return out;
}

void PostJson(asio::io_context& io, ssl::context& tls, const std::string& url, std::string body,
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
  if (parsed->tls) {
    std::make_shared<Post<TlsStream>>(io, std::move(*parsed), std::move(body), timeout,
                                      std::move(done), tls)
        ->Start();
  } else {
    std::make_shared<Post<beast::tcp_stream>>(io, std::move(*parsed), std::move(body), timeout,
                                              std::move(done))
        ->Start();
  }
}

}  // namespace trtc::callbacks
