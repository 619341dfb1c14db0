// The URLs callbacks are POSTed to: the configured URL with the query string its family
// documents appended, and the LiveKit signature added at sending time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace trtc::domain {

// The client address the emulator reports in callback query strings.
inline constexpr const char* kCallbackClientIp = "127.0.0.1";

// `url` with `query` appended after '?' (or '&' when the URL has a query already).
std::string WithQuery(std::string_view url, std::string_view query);

// A Chat-host callback (v4 call configuration, LiveKit; pages 68941, 64412):
// url?SdkAppid=N&CallbackCommand=CMD&contenttype=json&ClientIP=IP&OptPlatform=PLATFORM.
std::string ChatCallbackUrl(std::string_view url, uint32_t sdkappid, std::string_view command,
                            std::string_view platform);

// A LiveKit callback signed with the app's token (page 64412): `url` (which has its query
// already) with &Sign=S&RequestTime=T appended, T in Unix seconds.
std::string SignedCallbackUrl(std::string_view url, std::string_view token, int64_t request_time);

}  // namespace trtc::domain
