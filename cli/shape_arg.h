// Parsing `NAME=1x3x224x224` arguments.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ir/status.h"
#include "ir/tensor_type.h"

namespace ingot::cli {

Result<std::map<std::string, Shape>> parse_input_shapes(const std::vector<std::string>& args);

}  // namespace ingot::cli
