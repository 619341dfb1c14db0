// Boost.Asio's SSL stream and Beast's wrapper of it, for the layers that speak TLS; kept
// apart from asio.h so that code without TLS does not compile OpenSSL's headers.
#pragma once

#include "server/http/asio.h"

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>

namespace trtc::http {
namespace ssl = boost::asio::ssl;
}  // namespace trtc::http
