#include "server/auth/base64.h"

#include <array>
#include <cstdint>
#include <cstdio>

namespace trtc::auth {
namespace {

constexpr char kStandardAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kTencentAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-";

// What a character decodes to: its 6-bit value, or one of these.
constexpr int8_t kInvalid = -1;
constexpr int8_t kPad = -2;
constexpr int8_t kSpace = -3;  // skipped, only by the Tencent decoder

using DecodeTable = std::array<int8_t, 256>;

constexpr DecodeTable MakeTable(bool tencent) {
  DecodeTable table{};
  for (auto& entry : table) entry = kInvalid;
  for (int i = 0; i < 64; ++i) {
    table[static_cast<unsigned char>(kStandardAlphabet[i])] = static_cast<int8_t>(i);
  }
  table['='] = kPad;
  if (tencent) {
    table['*'] = 62;
    table['-'] = 63;
    table['_'] = kPad;
    for (char c : {' ', '\t', '\n', '\v', '\f', '\r'}) {
      table[static_cast<unsigned char>(c)] = kSpace;
    }
  }
  return table;
}

constexpr DecodeTable kStandardTable = MakeTable(false);
constexpr DecodeTable kTencentTable = MakeTable(true);

std::string Encode(std::string_view bytes, const char* alphabet, char pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  auto byte = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])); };
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t n = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    out.push_back(alphabet[n >> 18]);
    out.push_back(alphabet[(n >> 12) & 63]);
    out.push_back(alphabet[(n >> 6) & 63]);
    out.push_back(alphabet[n & 63]);
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    const uint32_t n = byte(i) << 16 | (rest == 2 ? byte(i + 1) << 8 : 0);
    out.push_back(alphabet[n >> 18]);
    out.push_back(alphabet[(n >> 12) & 63]);
    out.push_back(rest == 2 ? alphabet[(n >> 6) & 63] : pad);
    out.push_back(pad);
  }
  return out;
}

// A character for a log line: itself if printable, else its code.
std::string Describe(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u > 0x20 && u < 0x7f) return std::string{'\'', c, '\''};
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02x", u);
  return hex;
}

bool Fail(std::string* why, std::string message) {
  if (why) *why = std::move(message);
  return false;
}

// Appends the bytes of one quantum. `v` holds four table values, padding only at its end.
void AppendQuantum(const int8_t v[4], int pads, std::string* out) {
  const uint32_t n = static_cast<uint32_t>(v[0]) << 18 | static_cast<uint32_t>(v[1]) << 12 |
                     (pads < 2 ? static_cast<uint32_t>(v[2]) << 6 : 0) |
                     (pads < 1 ? static_cast<uint32_t>(v[3]) : 0);
  out->push_back(static_cast<char>(n >> 16));
  if (pads < 2) out->push_back(static_cast<char>((n >> 8) & 0xff));
  if (pads < 1) out->push_back(static_cast<char>(n & 0xff));
}

// Skips whitespace (kSpace) in place, where the official checker first copies the text
// without it: same result, no copy, and offsets in `why` are those of `text`.
bool Decode(std::string_view text, const DecodeTable& table, std::string* out, std::string* why) {
  size_t significant = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const int8_t value = table[static_cast<unsigned char>(text[i])];
    if (value == kInvalid) {
      return Fail(why, "character " + Describe(text[i]) + " at offset " + std::to_string(i) +
                           " is not in the base64 alphabet");
    }
    significant += value != kSpace;
  }
  if (significant % 4 != 0) {
    return Fail(why, std::to_string(significant) +
                         " characters (whitespace not counted), expected a multiple of 4: "
                         "unpadded or cut short");
  }
  out->clear();
  out->reserve(significant / 4 * 3);
  int8_t quantum[4];
  size_t decoded = 0;  // significant characters so far
  for (size_t i = 0; i < text.size(); ++i) {
    const int8_t value = table[static_cast<unsigned char>(text[i])];
    if (value == kSpace) continue;
    quantum[decoded++ % 4] = value;
    if (decoded % 4 != 0) continue;
    // Padding: the last one or two characters of the last quantum, nowhere else.
    const int pads = quantum[3] != kPad ? 0 : quantum[2] != kPad ? 1 : 2;
    if (quantum[0] == kPad || quantum[1] == kPad || (pads == 0 && quantum[2] == kPad) ||
        (pads > 0 && decoded != significant)) {
      return Fail(why, "padding before the end (in the 4 characters ending at offset " +
                           std::to_string(i) + ")");
    }
    AppendQuantum(quantum, pads, out);
  }
  return true;
}

}  // namespace

std::string Base64Encode(std::string_view bytes) { return Encode(bytes, kStandardAlphabet, '='); }

std::string TencentBase64Encode(std::string_view bytes) {
  return Encode(bytes, kTencentAlphabet, '_');
}

bool Base64Decode(std::string_view text, std::string* out, std::string* why) {
  return Decode(text, kStandardTable, out, why);
}

bool TencentBase64Decode(std::string_view text, std::string* out, std::string* why) {
  return Decode(text, kTencentTable, out, why);
}

}  // namespace trtc::auth
