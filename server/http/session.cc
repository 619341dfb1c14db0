#include "server/http/session.h"

#include <array>
#include <string>

#include <boost/beast/core/string.hpp>

#include "server/common/json.h"
#include "server/common/log.h"
#include "server/http/request_target.h"
#include "server/http/response_head.h"

namespace trtc::http {
namespace {

// {"error": message}, the message escaped as a JSON string.
std::string TransportError(std::string_view message) {
  std::string body = "{\"error\":";
  json::AppendString(&body, message);
  body.push_back('}');
  return body;
}

// A closing connection drains the client's input for at most this long and this much.
constexpr std::chrono::seconds kLingerTime{2};
constexpr size_t kLingerBytes = 16 * 1024 * 1024;

// The answer to an accepted CONNECT: no Content-Length (RFC 9110 §9.3.6), the tunnel
// starts right after it.
constexpr std::string_view kTunnelEstablished = "HTTP/1.1 200 Connection established\r\n\r\n";
constexpr uint16_t kTunnelPort = 443;

// An event stream: a comment every so often keeps proxies from closing a quiet stream and
// finds a vanished client; the kernel's send buffer for it is kept small, so that a
// client that stops reading is noticed by its queue (EventStream) and cut off.
constexpr std::chrono::seconds kEventKeepAlive{15};
constexpr std::string_view kEventKeepAliveText = ": keep-alive\n\n";
constexpr int kEventSendBuffer = 64 * 1024;

bool IsQuietClose(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
         ec == asio::error::operation_aborted || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == bhttp::error::partial_message ||
         ec.category() == asio::error::get_ssl_category() || ec == ssl::error::stream_truncated;
}

}  // namespace

template <class StreamType>
StreamType Session<StreamType>::MakeStream(PlainStream&& next_layer, ssl::context* tls) {
  if constexpr (kTls) {
    return StreamType(std::move(next_layer), *tls);
  } else {
    (void)tls;
    return std::move(next_layer);
  }
}

template <class StreamType>
Session<StreamType>::Session(PlainStream&& next_layer, ssl::context* tls,
                             beast::flat_buffer buffered, SessionShared& shared)
    : stream_(MakeStream(std::move(next_layer), tls)),
      buffer_(std::move(buffered)),
      shared_(shared) {}

template <class StreamType>
Session<StreamType>::~Session() {
  if (events_) events_->Detach();
  if (counted_in_flight_) shared_.in_flight.fetch_sub(1, std::memory_order_relaxed);
  shared_.connections.fetch_sub(1, std::memory_order_relaxed);
}

template <class StreamType>
void Session<StreamType>::Start() {
  if constexpr (kTls) {
    // A handshake that never finishes is closed at the idle timeout like any stall.
    Socket().expires_after(shared_.limits.idle_timeout);
    stream_.async_handshake(ssl::stream_base::server, buffer_.data(),
                            [self = this->shared_from_this()](beast::error_code ec, size_t used) {
                              if (ec) return self->Close();
                              self->buffer_.consume(used);
                              self->ReadHeader();
                            });
  } else {
    asio::post(stream_.get_executor(), [self = this->shared_from_this()] { self->ReadHeader(); });
  }
}

template <class StreamType>
void Session<StreamType>::ReadHeader() {
  parser_.emplace();
  parser_->header_limit(static_cast<uint32_t>(shared_.limits.header_bytes));
  parser_->body_limit(shared_.limits.body_bytes);
  Socket().expires_after(shared_.limits.idle_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           [self = this->shared_from_this()](beast::error_code ec, size_t) {
                             self->OnHeader(ec);
                           });
}

template <class StreamType>
void Session<StreamType>::OnHeader(beast::error_code ec) {
  if (ec) return RejectTransport(ec);
  const auto& request = parser_->get();
  // A transfer coding that does not end in chunked leaves a request's length unknowable
  // (RFC 9112 §6.3): 400 and close, rather than guess where the next request starts.
  if (request.count(bhttp::field::transfer_encoding) > 0 && !parser_->chunked()) {
    return RejectTransport(bhttp::error::bad_transfer_encoding);
  }
  if (request.method() == bhttp::verb::connect) return OnConnect();
  counted_in_flight_ = true;
  shared_.in_flight.fetch_add(1, std::memory_order_relaxed);
  // Routing, auth and limits run here, before the body is read.
  const OriginForm origin =
      ToOriginForm(request.target(), request[bhttp::field::host], &target_storage_);
  exchange_ = shared_.handler.Begin(RequestHead{request.method(), origin.target, origin.host,
                                                request[bhttp::field::accept]});
  if (beast::iequals(request[bhttp::field::expect], "100-continue")) {
    // curl waits a second for this before sending a large body.
    continue_ = {bhttp::status::continue_, request.version()};
    bhttp::async_write(stream_, continue_,
                       [self = this->shared_from_this()](beast::error_code ec, size_t) {
                         if (ec) return self->Close();
                         self->ReadBody();
                       });
    return;
  }
  ReadBody();
}

template <class StreamType>
void Session<StreamType>::OnConnect() {
  const ProxyDoor& door = shared_.door;
  if (kTls || !door.enabled) {
    return Refuse(405, kTls ? "CONNECT is answered on the HTTP port, not inside TLS"
                            : "the proxy door is closed (--proxy off)");
  }
  const std::optional<Authority> authority = ParseAuthority(parser_->get().target());
  if (!authority || authority->port != kTunnelPort || !door.allows(authority->host)) {
    return Refuse(403,
                  "CONNECT is only for Tencent API hosts on port 443: the emulator serves "
                  "them itself and never connects anywhere");
  }
  StatusOr<ssl::context*> context = door.tls();
  if (!context.ok()) {
    LogError("cannot open a TLS tunnel: " + context.status().message());
    return Refuse(500, "the emulator has no TLS identity: " + context.status().message());
  }
  if constexpr (!kTls) {
    Socket().expires_after(shared_.limits.idle_timeout);
    asio::async_write(stream_, asio::buffer(kTunnelEstablished),
                      [self = this->shared_from_this(), context = *context](beast::error_code ec,
                                                                            size_t) {
                        if (ec) return self->Close();
                        self->OpenTunnel(*context);
                      });
  }
}

template <class StreamType>
void Session<StreamType>::OpenTunnel(ssl::context& context) {
  if constexpr (!kTls) {
    // The TLS session takes this connection over (and its count, which this session
    // gives back when it goes away).
    shared_.connections.fetch_add(1, std::memory_order_relaxed);
    std::make_shared<TlsSession>(std::move(stream_), &context, std::move(buffer_), shared_)
        ->Start();
  }
}

template <class StreamType>
void Session<StreamType>::ReadBody() {
  // A small body usually arrives with its header: parse it from the buffer at once
  // rather than through another asynchronous read.
  if (!parser_->is_done() && buffer_.size() > 0) {
    beast::error_code ec;
    parser_->eager(true);
    buffer_.consume(parser_->put(buffer_.data(), ec));
    if (ec && ec != bhttp::error::need_more) return RejectTransport(ec);
  }
  if (parser_->is_done()) return OnBody({});
  Socket().expires_after(shared_.limits.idle_timeout);
  bhttp::async_read(stream_, buffer_, *parser_,
                    [self = this->shared_from_this()](beast::error_code ec, size_t) {
                      self->OnBody(ec);
                    });
}

template <class StreamType>
void Session<StreamType>::OnBody(beast::error_code ec) {
  if (ec) return RejectTransport(ec);
  const auto& request = parser_->get();
  Response response = exchange_->Finish(request.body());
  exchange_.reset();
  const bool keep_alive =
      request.keep_alive() && !shared_.draining.load(std::memory_order_relaxed);
  Write(std::move(response), request.version(), keep_alive,
        /*send_body=*/request.method() != bhttp::verb::head);
}

template <class StreamType>
void Session<StreamType>::RejectTransport(beast::error_code ec) {
  if (IsQuietClose(ec)) return Close();
  if (ec == bhttp::error::header_limit) {
    return Refuse(431, "request line and headers exceed " +
                           std::to_string(shared_.limits.header_bytes) + " bytes");
  }
  if (ec == bhttp::error::body_limit) {
    return Refuse(413, "request body exceeds " + std::to_string(shared_.limits.body_bytes) +
                           " bytes");
  }
  Refuse(400, "malformed HTTP request: " + ec.message());
}

template <class StreamType>
void Session<StreamType>::Refuse(unsigned status, std::string_view message) {
  Response response;
  response.status = status;
  response.body = TransportError(message);
  const bool head = parser_ && parser_->is_header_done() &&
                    parser_->get().method() == bhttp::verb::head;
  Write(std::move(response), 11, /*keep_alive=*/false, /*send_body=*/!head);
}

template <class StreamType>
void Session<StreamType>::Write(Response response, unsigned version, bool keep_alive,
                                bool send_body) {
  // A response to HEAD is the head GET would get, Content-Length included, and no body
  // (RFC 9110 §9.3.2): a body would be read as the start of the next response.
  if (response.events) {
    keep_alive = false;  // the stream ends with the connection
    if (send_body) {
      events_ = response.events;
    } else {
      response.events->End();
    }
  }
  WriteResponseHead(response, version, keep_alive, &response_head_);
  if (send_body) {
    response_body_ = std::move(response.body);
  } else {
    response_body_.clear();
  }
  if (response.delay.count() > 0) {
    if (!delay_timer_) delay_timer_.emplace(stream_.get_executor());
    delay_timer_->expires_after(response.delay);
    delay_timer_->async_wait([self = this->shared_from_this(), keep_alive](beast::error_code) {
      self->SendResponse(keep_alive);
    });
    return;
  }
  SendResponse(keep_alive);
}

template <class StreamType>
void Session<StreamType>::SendResponse(bool keep_alive) {
  Socket().expires_after(shared_.limits.idle_timeout);
  const std::array<asio::const_buffer, 2> buffers = {asio::buffer(response_head_),
                                                     asio::buffer(response_body_)};
  asio::async_write(stream_, buffers,
                    [self = this->shared_from_this(), keep_alive](beast::error_code ec, size_t) {
                      self->OnWrite(keep_alive, ec);
                    });
}

template <class StreamType>
void Session<StreamType>::OnWrite(bool keep_alive, beast::error_code ec) {
  if (counted_in_flight_) {
    counted_in_flight_ = false;
    shared_.in_flight.fetch_sub(1, std::memory_order_relaxed);
  }
  if (ec) return Close();
  if (events_) return StreamEvents();
  if (!keep_alive) return LingeringClose();
  ReadHeader();
}

template <class StreamType>
void Session<StreamType>::StreamEvents() {
  beast::error_code ignored;
  Socket().expires_never();
  Socket().socket().set_option(asio::socket_base::send_buffer_size(kEventSendBuffer), ignored);
  // A client sends nothing on an event stream: the socket turning readable means it closed.
  Socket().socket().async_wait(tcp::socket::wait_read,
                               [self = this->shared_from_this()](beast::error_code) {
                                 self->Close();
                               });
  events_->Attach([weak = this->weak_from_this(), executor = stream_.get_executor()] {
    asio::post(executor, [weak] {
      if (auto self = weak.lock()) self->PumpEvents();
    });
  });
  KeepAliveLater();
}

template <class StreamType>
void Session<StreamType>::PumpEvents() {
  if (events_writing_) return;  // the write's end pumps again
  events_out_.clear();
  const bool open = events_->Take(&events_out_);
  if (events_out_.empty()) {
    if (!open) Close();
    return;
  }
  events_writing_ = true;
  Socket().expires_after(shared_.limits.idle_timeout);  // a write that stalls this long: gone
  asio::async_write(stream_, asio::buffer(events_out_),
                    [self = this->shared_from_this()](beast::error_code ec, size_t) {
                      self->events_writing_ = false;
                      if (ec) return self->Close();
                      self->PumpEvents();
                    });
}

template <class StreamType>
void Session<StreamType>::KeepAliveLater() {
  if (!delay_timer_) delay_timer_.emplace(stream_.get_executor());
  delay_timer_->expires_after(kEventKeepAlive);
  delay_timer_->async_wait([weak = this->weak_from_this()](beast::error_code ec) {
    auto self = weak.lock();
    if (ec || !self || !self->events_->Push(kEventKeepAliveText)) return;
    self->KeepAliveLater();
  });
}

// Closing a socket with unread input makes the kernel send a reset, which can destroy
// the response (a 413, say) before the client reads it. So: stop sending, then read and
// drop what the client is still sending, for a bounded time and amount, then close.
// Over TLS the same is a close_notify, then waiting (as long) for the client's.
template <class StreamType>
void Session<StreamType>::LingeringClose() {
  Socket().expires_after(kLingerTime);
  if constexpr (kTls) {
    stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->Close(); });
  } else {
    beast::error_code ignored;
    Socket().socket().shutdown(tcp::socket::shutdown_send, ignored);
    Linger(0);
  }
}

template <class StreamType>
void Session<StreamType>::Linger(size_t drained) {
  if (drained >= kLingerBytes) return Close();
  buffer_.consume(buffer_.size());
  Socket().async_read_some(buffer_.prepare(64 * 1024),
                           [self = this->shared_from_this(), drained](beast::error_code ec,
                                                                      size_t n) {
                             if (ec) return self->Close();
                             self->Linger(drained + n);
                           });
}

template <class StreamType>
void Session<StreamType>::Close() {
  if (events_) {
    events_->End();
    if (delay_timer_) delay_timer_->cancel();
  }
  beast::error_code ignored;
  Socket().socket().shutdown(tcp::socket::shutdown_send, ignored);
  Socket().socket().close(ignored);
}

template class Session<PlainStream>;
template class Session<TlsStream>;

}  // namespace trtc::http
