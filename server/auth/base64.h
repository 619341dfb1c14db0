// Base64 as UserSig uses it: the standard alphabet (RFC 4648 §4, padded) inside the
// document (TLS.sig, TLS.userbuf), and Tencent's URL alphabet for the outer layer
// ('+' -> '*', '/' -> '-', '=' -> '_'). Decoding is strict like OpenSSL's
// EVP_DecodeBlock, which the official checker uses: the length must be a multiple of 4
// and padding may only end the text.
#pragma once

#include <string>
#include <string_view>

namespace trtc::auth {

std::string Base64Encode(std::string_view bytes);
std::string TencentBase64Encode(std::string_view bytes);

// Standard alphabet only. False on any error; *out is then unspecified.
bool Base64Decode(std::string_view text, std::string* out);
// Tencent alphabet, and the standard one too (every official decoder maps only
// '* - _', so '+ / =' pass through). ASCII whitespace is skipped first, as the official
// C++ checker does.
bool TencentBase64Decode(std::string_view text, std::string* out);

}  // namespace trtc::auth
