// A small blocking HTTP/1.1 client over a real loopback socket, for tests. One
// keep-alive connection per client; Raw() sends bytes as given, for transport tests.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "server/http/asio.h"

namespace trtc::testing {

struct HttpReply {
  unsigned status = 0;
  std::string body;
  std::string content_type;
  bool keep_alive = false;
  // The body parsed as JSON (a null document when it is not JSON).
  rapidjson::Document Json() const;
};

class HttpClient {
 public:
  explicit HttpClient(uint16_t port);
  ~HttpClient();

  HttpReply Send(http::bhttp::verb method, const std::string& target, const std::string& body,
                 const std::vector<std::pair<std::string, std::string>>& headers = {});
  HttpReply Post(const std::string& target, const std::string& body) {
    return Send(http::bhttp::verb::post, target, body);
  }
  // Writes raw bytes, then reads `responses` responses (in order).
  std::vector<HttpReply> Raw(const std::string& bytes, int responses);
  // True when the server has closed the connection (reads EOF or a reset).
  bool ServerClosed();

 private:
  HttpReply Read(bool head = false);

  http::asio::io_context io_;
  http::beast::tcp_stream stream_;
  http::beast::flat_buffer buffer_;
};

// "/PATH?sdkappid=..&identifier=..&usersig=..&random=..&contenttype=json", with the
// values percent-encoded.
std::string ApiTarget(const std::string& path, uint32_t sdkappid, const std::string& identifier,
                      const std::string& usersig, const std::string& random = "12345",
                      const std::string& contenttype = "json");
std::string PercentEncode(const std::string& text);

}  // namespace trtc::testing
