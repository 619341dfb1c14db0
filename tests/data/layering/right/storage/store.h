// storage uses common only.
#pragma once
#include "server/common/status.h"
