# Fails when a source file includes a header of a layer it may not use (layers.cmake).
# Run by the build before any library compiles:
#   cmake -DROOT=<source root> [-DSTAMP=<file to touch>] -P cmake/check_layers.cmake
# ROOT may also be a small tree of its own (the test of this check uses one).
cmake_minimum_required(VERSION 3.20)
include(${CMAKE_CURRENT_LIST_DIR}/layers.cmake)

file(GLOB_RECURSE sources RELATIVE ${ROOT} ${ROOT}/server/*.h ${ROOT}/server/*.cc
     ${ROOT}/storage/*.h ${ROOT}/storage/*.cc)
set(problems "")
foreach(source ${sources})
  trtc_layer_of(${source} layer)
  if(layer STREQUAL "")
    continue()
  endif()
  if(NOT layer IN_LIST TRTC_LAYERS)
    string(APPEND problems "  ${source}: folder '${layer}' is not a layer in cmake/layers.cmake\n")
    continue()
  endif()
  file(STRINGS ${ROOT}/${source} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  foreach(line ${includes})
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" header "${line}")
    trtc_layer_of(${header} used)
    if(used STREQUAL "" OR used STREQUAL layer OR used IN_LIST TRTC_USES_${layer})
      continue()
    endif()
    string(APPEND problems
           "  ${source} includes ${header}: layer '${layer}' may not use '${used}' "
           "(it may use: ${TRTC_USES_${layer}})\n")
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "Wrong-direction includes (see cmake/layers.cmake):\n${problems}")
endif()
if(STAMP)
  file(TOUCH ${STAMP})
endif()
