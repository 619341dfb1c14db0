// The hand-written response head is what Beast's serializer wrote before it, byte for byte.
#include "server/http/response_head.h"

#include <sstream>
#include <string>

#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

namespace trtc::http {
namespace {

namespace bhttp = boost::beast::http;

std::string ByBeast(const Response& response, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> message;
  message.result(response.status);
  message.version(version);
  message.set(bhttp::field::server, "trtc-emulator");
  message.set(bhttp::field::content_type, response.content_type);
  message.keep_alive(keep_alive);
  message.body() = response.body;
  message.prepare_payload();
  std::ostringstream out;
  out << message;
  return out.str();
}

TEST(ResponseHeadTest, MatchesBeastForEveryStatusVersionAndKeepAlive) {
  for (unsigned status : {200u, 400u, 404u, 405u, 409u, 413u, 431u, 500u}) {
    for (unsigned version : {10u, 11u}) {
      for (bool keep_alive : {true, false}) {
        Response response;
        response.status = status;
        response.body = status == 200 ? R"({"ActionStatus":"OK"})" : "";
        std::string head = "left over from the previous response";
        WriteResponseHead(response, version, keep_alive, &head);
        EXPECT_EQ(head + response.body, ByBeast(response, version, keep_alive))
            << status << " HTTP/" << version << " keep-alive " << keep_alive;
      }
    }
  }
}

TEST(ResponseHeadTest, CarriesTheContentTypeAndALargeLength) {
  Response response;
  response.content_type = "text/plain";
  response.body.assign(1234567, 'x');
  std::string head;
  WriteResponseHead(response, 11, true, &head);
  EXPECT_EQ(head,
            "HTTP/1.1 200 OK\r\nServer: trtc-emulator\r\nContent-Type: text/plain\r\n"
            "Content-Length: 1234567\r\n\r\n");
}

}  // namespace
}  // namespace trtc::http
