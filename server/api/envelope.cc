#include "server/api/envelope.h"

#include <charconv>

#include "server/common/json.h"

namespace trtc::api {
namespace {

// Every API response goes through here, so the envelope is appended to one string
// reserved up front rather than built through a JSON writer (see json_string.h).
std::string Start(const ApiReply& reply, std::string_view request_id) {
  std::string out;
  out.reserve(96 + request_id.size() + reply.payload.size() +
              (reply.ok() ? 0 : std::string_view(reply.message_or_detail()).size()));
  return out;
}

void AppendInt(std::string* out, int value) {
  char digits[16];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out->append(digits, end);
}

}  // namespace

std::string WriteV4Envelope(const ApiReply& reply, std::string_view request_id) {
  std::string out = Start(reply, request_id);
  out += reply.ok() ? R"({"ActionStatus":"OK","ErrorCode":)" : R"({"ActionStatus":"FAIL","ErrorCode":)";
  AppendInt(&out, reply.code());
  out += R"(,"ErrorInfo":)";
  json::AppendString(&out, reply.ok() ? std::string_view() : reply.message_or_detail());
  out += R"(,"RequestId":)";
  json::AppendString(&out, request_id);
  if (reply.ok() && reply.top_level && reply.payload.size() > 2) {
    // {"A":1,"B":2} -> ,"A":1,"B":2
    out += ',';
    out.append(reply.payload, 1, reply.payload.size() - 2);
  } else if (reply.ok() && !reply.payload.empty()) {
    out += R"(,"Response":)";
    out += reply.payload;  // already JSON: the handler wrote it
  }
  out += '}';
  return out;
}

std::string WriteV1Envelope(const ApiReply& reply, std::string_view request_id) {
  std::string out = Start(reply, request_id);
  out += R"({"errorCode":)";
  AppendInt(&out, reply.code());
  out += R"(,"errorMessage":)";
  json::AppendString(&out, reply.ok() ? std::string_view("Success") : reply.message_or_detail());
  out += R"(,"requestId":)";
  json::AppendString(&out, request_id);
  out += R"(,"data":)";
  if (reply.ok() && !reply.payload.empty()) {
    out += reply.payload;
  } else {
    out += R"("")";
  }
  out += '}';
  return out;
}

}  // namespace trtc::api
