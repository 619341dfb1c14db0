#include "server/api/query_string.h"

namespace trtc::api {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string>* Slot(RestQuery* query, std::string_view name) {
  if (name == "sdkappid") return &query->sdkappid;
  if (name == "identifier") return &query->identifier;
  if (name == "usersig") return &query->usersig;
  if (name == "random") return &query->random;
  if (name == "contenttype") return &query->contenttype;
  return nullptr;
}

}  // namespace

void SplitTarget(std::string_view target, std::string_view* path, std::string_view* query) {
  const size_t mark = target.find('?');
  *path = target.substr(0, mark);
  *query = mark == std::string_view::npos ? std::string_view() : target.substr(mark + 1);
  if (!path->empty() && path->front() == '/') path->remove_prefix(1);
}

bool PercentDecode(std::string_view in, std::string* out) {
  if (in.find('%') == std::string_view::npos) {  // the usual case, a UserSig included
    out->assign(in);
    return true;
  }
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out->push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return false;
    const int high = HexValue(in[i + 1]);
    const int low = HexValue(in[i + 2]);
    if (high < 0 || low < 0) return false;
    out->push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return true;
}

bool ParseRestQuery(std::string_view query, RestQuery* out) {
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const size_t eq = pair.find('=');
    std::string name;
    if (!PercentDecode(pair.substr(0, eq), &name)) return false;
    std::optional<std::string>* slot = Slot(out, name);
    const std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (slot == nullptr || slot->has_value()) continue;
    if (!PercentDecode(raw_value, &slot->emplace())) return false;
  }
  return true;
}

std::optional<std::string> QueryParam(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const size_t eq = pair.find('=');
    if (pair.substr(0, eq) != name) continue;
    std::string value;
    if (eq != std::string_view::npos && !PercentDecode(pair.substr(eq + 1), &value)) {
      return std::nullopt;
    }
    return value;
  }
  return std::nullopt;
}

std::optional<uint32_t> ParseUint32(std::string_view text) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (value > 0xffffffffULL) return std::nullopt;
  return static_cast<uint32_t>(value);
}

}  // namespace trtc::api
