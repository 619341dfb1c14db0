// The Tencent API hosts the emulator answers as: the local CA's leaf names them, and the
// proxy door lets CONNECT reach them (emulator README, "Point an unmodified app at the
// emulator"). Chat REST hosts (console.tim.qq.com, adminapi*.im.qcloud.com) and the
// callkit hosts (callkit*.trtc.tencent-cloud.com).
#pragma once

#include <array>
#include <string_view>

namespace trtc::tls {

// "*." stands for exactly one label, as in a certificate.
inline constexpr std::array<std::string_view, 5> kTencentApiHosts = {
    "console.tim.qq.com", "*.tim.qq.com", "*.im.qcloud.com", "*.trtc.tencent-cloud.com",
    "*.tencent-cloud.com"};

// Whether `host` (a name, without port; any case) is one of them: exactly what the
// leaf certificate covers, so a tunnel the door opens always verifies.
bool IsTencentApiHost(std::string_view host);

}  // namespace trtc::tls
