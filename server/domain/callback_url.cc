#include "server/domain/callback_url.h"

#include "server/domain/callback_rules.h"

namespace trtc::domain {

std::string WithQuery(std::string_view url, std::string_view query) {
  std::string out;
  out.reserve(url.size() + 1 + query.size());
  out.append(url);
  out.push_back(url.find('?') == std::string_view::npos ? '?' : '&');
  out.append(query);
  return out;
}

std::string ChatCallbackUrl(std::string_view url, uint32_t sdkappid, std::string_view command,
                            std::string_view platform) {
  std::string query = "SdkAppid=" + std::to_string(sdkappid);
  query.append("&CallbackCommand=").append(command);
  query.append("&contenttype=json&ClientIP=").append(kCallbackClientIp);
  query.append("&OptPlatform=").append(platform);
  return WithQuery(url, query);
}

std::string SignedCallbackUrl(std::string_view url, std::string_view token, int64_t request_time) {
  std::string out(url);
  out.append("&Sign=").append(CallbackSign(token, request_time));
  out.append("&RequestTime=").append(std::to_string(request_time));
  return out;
}

}  // namespace trtc::domain
