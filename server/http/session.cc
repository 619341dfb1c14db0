#include "server/http/session.h"

#include <array>
#include <string>

#include <boost/beast/core/string.hpp>

#include "server/common/json.h"
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

bool IsQuietClose(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
         ec == asio::error::operation_aborted || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == bhttp::error::partial_message;
}

}  // namespace

Session::Session(Stream::socket_type&& socket, SessionShared& shared)
    : stream_(std::move(socket)), shared_(shared) {}

Session::~Session() {
  if (counted_in_flight_) shared_.in_flight.fetch_sub(1, std::memory_order_relaxed);
  shared_.connections.fetch_sub(1, std::memory_order_relaxed);
}

void Session::Start() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
}

void Session::ReadHeader() {
  parser_.emplace();
  parser_->header_limit(static_cast<uint32_t>(shared_.limits.header_bytes));
  parser_->body_limit(shared_.limits.body_bytes);
  stream_.expires_after(shared_.limits.idle_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           [self = shared_from_this()](beast::error_code ec, size_t) {
                             self->OnHeader(ec);
                           });
}

void Session::OnHeader(beast::error_code ec) {
  if (ec) return RejectTransport(ec);
  const auto& request = parser_->get();
  // A transfer coding that does not end in chunked leaves a request's length unknowable
  // (RFC 9112 §6.3): 400 and close, rather than guess where the next request starts.
  if (request.count(bhttp::field::transfer_encoding) > 0 && !parser_->chunked()) {
    return RejectTransport(bhttp::error::bad_transfer_encoding);
  }
  counted_in_flight_ = true;
  shared_.in_flight.fetch_add(1, std::memory_order_relaxed);
  // Routing, auth and limits run here, before the body is read.
  exchange_ = shared_.handler.Begin(request.method(), request.target());
  if (beast::iequals(request[bhttp::field::expect], "100-continue")) {
    // curl waits a second for this before sending a large body.
    continue_ = {bhttp::status::continue_, request.version()};
    bhttp::async_write(stream_, continue_,
                       [self = shared_from_this()](beast::error_code ec, size_t) {
                         if (ec) return self->Close();
                         self->ReadBody();
                       });
    return;
  }
  ReadBody();
}

void Session::ReadBody() {
  // A small body usually arrives with its header: parse it from the buffer at once
  // rather than through another asynchronous read.
  if (!parser_->is_done() && buffer_.size() > 0) {
    beast::error_code ec;
    parser_->eager(true);
    buffer_.consume(parser_->put(buffer_.data(), ec));
    if (ec && ec != bhttp::error::need_more) return RejectTransport(ec);
  }
  if (parser_->is_done()) return OnBody({});
  stream_.expires_after(shared_.limits.idle_timeout);
  bhttp::async_read(stream_, buffer_, *parser_,
                    [self = shared_from_this()](beast::error_code ec, size_t) {
                      self->OnBody(ec);
                    });
}

void Session::OnBody(beast::error_code ec) {
  if (ec) return RejectTransport(ec);
  const auto& request = parser_->get();
  Response response = exchange_->Finish(request.body());
  exchange_.reset();
  const bool keep_alive =
      request.keep_alive() && !shared_.draining.load(std::memory_order_relaxed);
  Write(std::move(response), request.version(), keep_alive,
        /*send_body=*/request.method() != bhttp::verb::head);
}

void Session::RejectTransport(beast::error_code ec) {
  if (IsQuietClose(ec)) return Close();
  Response response;
  if (ec == bhttp::error::header_limit) {
    response.status = 431;
    response.body = TransportError("request line and headers exceed " +
                                   std::to_string(shared_.limits.header_bytes) + " bytes");
  } else if (ec == bhttp::error::body_limit) {
    response.status = 413;
    response.body = TransportError("request body exceeds " +
                                   std::to_string(shared_.limits.body_bytes) + " bytes");
  } else {
    response.status = 400;
    response.body = TransportError("malformed HTTP request: " + ec.message());
  }
  const bool head = parser_ && parser_->is_header_done() &&
                    parser_->get().method() == bhttp::verb::head;
  Write(std::move(response), 11, /*keep_alive=*/false, /*send_body=*/!head);
}

void Session::Write(Response response, unsigned version, bool keep_alive, bool send_body) {
  // A response to HEAD is the head GET would get, Content-Length included, and no body
  // (RFC 9110 §9.3.2): a body would be read as the start of the next response.
  WriteResponseHead(response, version, keep_alive, &response_head_);
  if (send_body) {
    response_body_ = std::move(response.body);
  } else {
    response_body_.clear();
  }
  if (response.delay.count() > 0) {
    if (!delay_timer_) delay_timer_.emplace(stream_.get_executor());
    delay_timer_->expires_after(response.delay);
    delay_timer_->async_wait([self = shared_from_this(), keep_alive](beast::error_code) {
      self->SendResponse(keep_alive);
    });
    return;
  }
  SendResponse(keep_alive);
}

void Session::SendResponse(bool keep_alive) {
  stream_.expires_after(shared_.limits.idle_timeout);
  const std::array<asio::const_buffer, 2> buffers = {asio::buffer(response_head_),
                                                     asio::buffer(response_body_)};
  asio::async_write(stream_, buffers,
                    [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
                      self->OnWrite(keep_alive, ec);
                    });
}

void Session::OnWrite(bool keep_alive, beast::error_code ec) {
  if (counted_in_flight_) {
    counted_in_flight_ = false;
    shared_.in_flight.fetch_sub(1, std::memory_order_relaxed);
  }
  if (ec) return Close();
  if (!keep_alive) return LingeringClose();
  ReadHeader();
}

// Closing a socket with unread input makes the kernel send a reset, which can destroy
// the response (a 413, say) before the client reads it. So: stop sending, then read and
// drop what the client is still sending, for a bounded time and amount, then close.
void Session::LingeringClose() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.expires_after(kLingerTime);
  Linger(0);
}

void Session::Linger(size_t drained) {
  if (drained >= kLingerBytes) return Close();
  buffer_.consume(buffer_.size());
  stream_.async_read_some(buffer_.prepare(64 * 1024),
                          [self = shared_from_this(), drained](beast::error_code ec, size_t n) {
                            if (ec) return self->Close();
                            self->Linger(drained + n);
                          });
}

void Session::Close() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.socket().close(ignored);
}

}  // namespace trtc::http
