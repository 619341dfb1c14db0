// UTF-8 for JSON output. Request text — a path, a percent-decoded query value — may be
// any bytes, but every response is JSON and so must be UTF-8: text quoted in a response is
// checked (whole, or sequence by sequence as it is escaped) and, if bad, goes through
// ValidUtf8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace trtc {

// Well-formed as RFC 3629 says (and RapidJSON's validating parser checks): no overlong
// forms, no surrogates, nothing past U+10FFFF.
bool IsValidUtf8(std::string_view text);

// Length of the well-formed sequence that starts at text[i] (1 for ASCII), or 0 if none
// does: for callers that validate as they go instead of in a pass of their own.
size_t Utf8SequenceLength(std::string_view text, size_t i);

// `text` with every byte that does not start a well-formed sequence replaced by U+FFFD.
// Valid text comes back unchanged.
std::string ValidUtf8(std::string_view text);

}  // namespace trtc
