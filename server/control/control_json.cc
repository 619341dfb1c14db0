#include "server/control/control_json.h"

#include <rapidjson/error/en.h>

#include "server/api/query_string.h"
#include "server/handlers/json_text.h"

namespace trtc::control {

http::Response JsonResponse(unsigned status, std::string body) {
  http::Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

http::Response ErrorResponse(unsigned status, std::string_view message) {
  return JsonResponse(status, "{\"error\":" + handlers::JsonString(message) + "}");
}

bool ParseObject(std::string_view body, rapidjson::Document* document, http::Response* error) {
  const std::string_view json = body.empty() ? std::string_view("{}") : body;
  document->Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(
      json.data(), json.size());
  if (document->HasParseError()) {
    *error = ErrorResponse(400, std::string("body is not valid JSON: ") +
                                    rapidjson::GetParseError_En(document->GetParseError()));
    return false;
  }
  if (!document->IsObject()) {
    *error = ErrorResponse(400, "body must be a JSON object");
    return false;
  }
  return true;
}

std::optional<int64_t> IntegerMember(const rapidjson::Value& object, const char* name,
                                     std::string* problem) {
  problem->clear();
  auto it = object.FindMember(name);
  if (it == object.MemberEnd()) return std::nullopt;
  if (!it->value.IsInt64()) {
    *problem = std::string(name) + " must be an integer";
    return std::nullopt;
  }
  return it->value.GetInt64();
}

std::optional<uint32_t> Uint32Member(const rapidjson::Value& object, const char* name,
                                     std::string* problem) {
  problem->clear();
  auto it = object.FindMember(name);
  if (it == object.MemberEnd()) return std::nullopt;
  if (!it->value.IsUint()) {
    *problem = std::string(name) + " must be an unsigned 32-bit integer";
    return std::nullopt;
  }
  return it->value.GetUint();
}

std::optional<std::string> StringMember(const rapidjson::Value& object, const char* name,
                                        std::string* problem) {
  problem->clear();
  auto it = object.FindMember(name);
  if (it == object.MemberEnd()) return std::nullopt;
  if (!it->value.IsString()) {
    *problem = std::string(name) + " must be a string";
    return std::nullopt;
  }
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

bool SdkappidParam(std::string_view query, std::optional<uint32_t>* sdkappid) {
  std::optional<std::string> text = api::QueryParam(query, "sdkappid");
  if (!text || text->empty()) return true;
  *sdkappid = api::ParseUint32(*text);
  return sdkappid->has_value();
}

}  // namespace trtc::control
