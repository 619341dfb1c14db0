// What a TLSSigAPIv2 UserSig signs, and the signature: shared by the verifier and the generator so
// that the two can never disagree (TLSSigAPIv2: HMAC-SHA256 over the documented field lines).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trtc::auth {

// "TLS.identifier:…\nTLS.sdkappid:…\nTLS.time:…\nTLS.expire:…\n", plus
// "TLS.userbuf:…\n" for a PrivateMapKey.
std::string SignedText(std::string_view identifier, uint32_t sdkappid, int64_t time,
                       int64_t expire, std::optional<std::string_view> userbuf = std::nullopt);

// TLS.sig: standard base64 of HMAC-SHA256 keyed with the key string's own bytes (never
// hex-decoded). Empty if OpenSSL fails, which then never matches.
std::string Signature(std::string_view key, std::string_view signed_text);

}  // namespace trtc::auth
