// A control-plane header.
#pragma once
