// GenerateUserSig: makes a TLSSigAPIv2 UserSig the way the official Node package does
// (same JSON member order, zlib level 6, Tencent base64 alphabet). Used by the control
// plane's UserSig helper and by tests; verification never depends on it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace trtc::auth {

std::string GenerateUserSig(uint32_t sdkappid, std::string_view key, std::string_view identifier,
                            int64_t expire_s, int64_t now_s);

}  // namespace trtc::auth
