#include "tests/integration/support/http_client.h"

namespace trtc::testing {

namespace bhttp = http::bhttp;
using http::tcp;

rapidjson::Document HttpReply::Json() const {
  rapidjson::Document document;
  document.Parse(body.c_str(), body.size());
  if (document.HasParseError()) document.SetNull();
  return document;
}

HttpClient::HttpClient(uint16_t port) : stream_(io_) {
  stream_.connect(tcp::endpoint(http::asio::ip::make_address("127.0.0.1"), port));
}

HttpClient::~HttpClient() {
  http::beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

HttpReply HttpClient::Send(bhttp::verb method, const std::string& target, const std::string& body,
                           const std::vector<std::pair<std::string, std::string>>& headers) {
  bhttp::request<bhttp::string_body> request{method, target, 11};
  request.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.prepare_payload();
  bhttp::write(stream_, request);
  return Read(method == bhttp::verb::head);
}

std::vector<HttpReply> HttpClient::Raw(const std::string& bytes, int responses) {
  http::asio::write(stream_, http::asio::buffer(bytes));
  std::vector<HttpReply> replies;
  for (int i = 0; i < responses; ++i) replies.push_back(Read());
  return replies;
}

bool HttpClient::ServerClosed() {
  http::beast::error_code ec;
  char byte;
  stream_.socket().read_some(http::asio::buffer(&byte, 1), ec);
  return ec == http::asio::error::eof || ec == http::asio::error::connection_reset;
}

HttpReply HttpClient::Read(bool head) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.skip(head);  // a response to HEAD has no body, whatever its Content-Length says
  http::beast::error_code ec;
  bhttp::read(stream_, buffer_, parser, ec);
  if (ec) return HttpReply{};
  const auto& response = parser.get();
  HttpReply reply;
  reply.status = response.result_int();
  reply.body = response.body();
  reply.content_type = std::string(response[bhttp::field::content_type]);
  reply.keep_alive = response.keep_alive();
  return reply;
}

std::string PercentEncode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string ApiTarget(const std::string& path, uint32_t sdkappid, const std::string& identifier,
                      const std::string& usersig, const std::string& random,
                      const std::string& contenttype) {
  return "/" + path + "?sdkappid=" + std::to_string(sdkappid) +
         "&identifier=" + PercentEncode(identifier) + "&usersig=" + PercentEncode(usersig) +
         "&random=" + random + "&contenttype=" + contenttype;
}

}  // namespace trtc::testing
