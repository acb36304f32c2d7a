// The op table's entries, one function per family (ir/ops/<family>.cc).
// ir/op_table.cc assembles them; no static registration.
#pragma once

#include <vector>

#include "ir/op_table.h"

namespace ingot::ops {

std::vector<OpInfo> binary_ops();
std::vector<OpInfo> unary_ops();
std::vector<OpInfo> activation_ops();
std::vector<OpInfo> linalg_ops();
std::vector<OpInfo> pool_ops();
std::vector<OpInfo> reduce_ops();
std::vector<OpInfo> norm_ops();
std::vector<OpInfo> layout_ops();
std::vector<OpInfo> indexing_ops();
std::vector<OpInfo> resample_ops();
std::vector<OpInfo> quant_ops();
std::vector<OpInfo> quant_compute_ops();  // quant_compute.cc: the integer ops of the quant family
std::vector<OpInfo> foreign_ops();

}  // namespace ingot::ops
