// api may not reach up into control.
#pragma once
#include "server/control/control_plane.h"
