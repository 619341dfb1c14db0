// UTF-8 for JSON output. Request text — a path, a percent-decoded query value — may be
// any bytes, but every response is JSON and so must be UTF-8: text quoted in a response
// goes through ValidUtf8 first.
#pragma once

#include <string>
#include <string_view>

namespace trtc {

// Well-formed as RFC 3629 says (and RapidJSON's validating parser checks): no overlong
// forms, no surrogates, nothing past U+10FFFF.
bool IsValidUtf8(std::string_view text);

// `text` with every byte that does not start a well-formed sequence replaced by U+FFFD.
// Valid text comes back unchanged.
std::string ValidUtf8(std::string_view text);

}  // namespace trtc
