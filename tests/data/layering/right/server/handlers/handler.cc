// handlers may use storage, api and common.
#include "storage/store.h"
#include "server/api/endpoint_table.h"
#include "server/common/status.h"
#include <string>
