// Parsing of the REST query string:
//   ?sdkappid=N&identifier=ADMIN&usersig=SIG&random=R&contenttype=json
// Values are percent-decoded as RFC 3986 says ('+' stays '+': a UserSig may contain it
// in the standard base64 alphabet). Other parameters are ignored; the first occurrence
// of a repeated parameter wins.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trtc::api {

struct RestQuery {
  std::optional<std::string> sdkappid;
  std::optional<std::string> identifier;
  std::optional<std::string> usersig;
  std::optional<std::string> random;
  std::optional<std::string> contenttype;
};

// Splits a request target into its path (without the leading '/') and query.
void SplitTarget(std::string_view target, std::string_view* path, std::string_view* query);

// False when a '%' is not followed by two hex digits.
bool ParseRestQuery(std::string_view query, RestQuery* out);
bool PercentDecode(std::string_view in, std::string* out);

// The first value of parameter `name`, percent-decoded; nullopt when absent or malformed.
std::optional<std::string> QueryParam(std::string_view query, std::string_view name);

// Plain decimal, no sign, no spaces, within [0, 2^32 - 1].
std::optional<uint32_t> ParseUint32(std::string_view text);

}  // namespace trtc::api
