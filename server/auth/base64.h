// Base64 as UserSig uses it (Tencent's tls-sig-api-v2 libraries, github.com/tencentyun): the
// standard alphabet (RFC 4648 §4, padded) inside the document (TLS.sig, TLS.userbuf), and Tencent's
// URL alphabet ('+' -> '*', '/' -> '-', '=' -> '_') for the outer layer.
//
// Decoding is strict: the length must be a multiple of 4 (as OpenSSL's EVP_DecodeBlock,
// which the official checker uses, demands), every character must be in the alphabet,
// and padding may only end the text (stricter than EVP_DecodeBlock, which reads a stray
// '=' as zero bits; no official encoder writes one).
#pragma once

#include <string>
#include <string_view>

namespace trtc::auth {

std::string Base64Encode(std::string_view bytes);
std::string TencentBase64Encode(std::string_view bytes);

// Both decoders return false on malformed text; *out is then unspecified and, if `why`
// is given, *why says what is wrong (for log details).

// The standard alphabet only, no whitespace.
bool Base64Decode(std::string_view text, std::string* out, std::string* why = nullptr);

// The UserSig outer layer. Accepts Tencent's alphabet and the standard one (every
// official decoder maps only '* - _', so '+ / =' pass through) and skips ASCII
// whitespace first, as the official C++ checker does. A space is skipped, never read
// as '+': the spec keeps '+' when percent-decoding the query, and a '+' turned into a
// space fails in the official checker too.
bool TencentBase64Decode(std::string_view text, std::string* out, std::string* why = nullptr);

}  // namespace trtc::auth
