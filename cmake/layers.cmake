# The layers of trtc-emulator, lowest first: each folder, and the folders it may use.
# One table drives both the libraries' link dependencies (CMakeLists.txt) and the
# include check (check_layers.cmake), so the build fails on a wrong-direction include.
#
#   common  <- storage, http, auth
#   http    <- tls (certificates and SSL contexts)
#   domain  <- api <- handlers <- limits, callbacks <- control <- app
#
# Lists are complete (transitive closure written out), so a reader sees at a glance
# everything a folder may touch.
set(TRTC_LAYERS common storage http tls auth domain api handlers limits callbacks control app)

set(TRTC_USES_common    "")
set(TRTC_USES_storage   "common")
set(TRTC_USES_http      "common")
set(TRTC_USES_tls       "common;http")
set(TRTC_USES_auth      "common")
set(TRTC_USES_domain    "common;storage;auth")
set(TRTC_USES_api       "common;http;auth")
set(TRTC_USES_handlers  "common;storage;auth;domain;api")
set(TRTC_USES_limits    "common;http;auth;api")
set(TRTC_USES_callbacks "common;storage;http;tls;auth;domain;api")
set(TRTC_USES_control   "common;storage;http;tls;auth;domain;api;handlers;callbacks")
set(TRTC_USES_app       "common;storage;http;tls;auth;domain;api;handlers;limits;callbacks;control")

# The layer of a path relative to the source root ("server/api/x.cc" -> api), or "".
function(trtc_layer_of path out)
  if(path MATCHES "^storage/")
    set(${out} storage PARENT_SCOPE)
  elseif(path STREQUAL "server/main.cc")
    set(${out} app PARENT_SCOPE)
  elseif(path MATCHES "^server/([a-z_]+)/")
    set(${out} ${CMAKE_MATCH_1} PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()
