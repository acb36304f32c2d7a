// Internal helpers of the runtime.
#pragma once

#include "ingot/runtime.h"

namespace ingot::rt {

// A Status with a printf-formatted message (truncated to fit).
Status make_status(Error error, const char* format, ...) __attribute__((format(printf, 2, 3)));

}  // namespace ingot::rt
