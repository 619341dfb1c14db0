#include "server/http/response_head.h"

#include <charconv>

#include <boost/beast/http/status.hpp>

namespace trtc::http {

void WriteResponseHead(const Response& response, unsigned version, bool keep_alive,
                       std::string* head) {
  char number[24];
  head->assign(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  head->append(number, std::to_chars(number, number + sizeof number, response.status).ptr);
  head->push_back(' ');
  const auto reason = boost::beast::http::obsolete_reason(
      static_cast<boost::beast::http::status>(response.status));
  head->append(reason.data(), reason.size());
  head->append("\r\nServer: trtc-emulator\r\nContent-Type: ");
  head->append(response.content_type);
  if (!response.location.empty()) {
    head->append("\r\nLocation: ");
    head->append(response.location);
  }
  if (response.events) {
    // A stream: its end is the connection's close; caches and proxies must not hold it.
    head->append("\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n");
    return;
  }
  if (version == 10 && keep_alive) head->append("\r\nConnection: keep-alive");
  if (version != 10 && !keep_alive) head->append("\r\nConnection: close");
  head->append("\r\nContent-Length: ");
  head->append(number,
               std::to_chars(number, number + sizeof number, response.body.size()).ptr);
  head->append("\r\n\r\n");
}

}  // namespace trtc::http
