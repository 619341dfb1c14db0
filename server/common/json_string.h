// JSON string literals appended straight to a std::string: the hot responses (envelopes,
// callback configurations) are a handful of fixed keys around a few strings, and building
// them through a RapidJSON Writer and StringBuffer cost more allocations than the rest of a
// request. The output is byte for byte what RapidJSON's Writer writes for valid UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace trtc {

// Appends `text` quoted and escaped: \" \\ \b \f \n \r \t, other control characters as
// \u00XX (upper-case hex, as RapidJSON), everything else as it is. Bytes that are not
// well-formed UTF-8 become U+FFFD, so the output is always valid JSON.
void AppendJsonString(std::string* out, std::string_view text);

}  // namespace trtc
