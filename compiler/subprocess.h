// Runs a build tool (cmake) for the size report, its output to a log file.
#pragma once

#include <string>
#include <vector>

#include "ir/status.h"

namespace ingot {

// Runs argv[0] (found on PATH) with its output appended to `log`; an error
// when it cannot start or exits non-zero, quoting the log's last lines.
Status run_logged(const std::vector<std::string>& argv, const std::string& log);

// Whether `program` is on PATH.
bool on_path(const std::string& program);

}  // namespace ingot
