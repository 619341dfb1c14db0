// The status line and headers of a response, written by hand: every response has the same
// few headers, and Beast's generic serializer cost more instructions per request than the
// emulator's own work on a get_callback (callgrind). The session sends the head and the
// body as two buffers of one write.
#pragma once

#include <string>

#include "server/http/request_handler.h"

namespace trtc::http {

// Replaces `head` with the response's status line and headers, blank line included:
// Server, Content-Type, Location when set, Connection when it differs from the version's
// default (close on HTTP/1.1, keep-alive on HTTP/1.0), Content-Length — or, for an event
// stream, Cache-Control: no-store and Connection: close instead. `version` is 10 or 11.
void WriteResponseHead(const Response& response, unsigned version, bool keep_alive,
                       std::string* head);

}  // namespace trtc::http
