// The converter tables, one per family file. graph_builder.cc joins them.
#pragma once

#include <vector>

#include "importers/aten/convert_context.h"

namespace ingot::aten {

std::vector<ConverterEntry> elementwise_converters();  // map_elementwise.cc
std::vector<ConverterEntry> activation_converters();   // map_activation.cc
std::vector<ConverterEntry> linalg_converters();       // map_linalg.cc
std::vector<ConverterEntry> norm_converters();         // map_norm.cc
std::vector<ConverterEntry> layout_converters();       // map_layout.cc
std::vector<ConverterEntry> indexing_converters();     // map_indexing.cc
std::vector<ConverterEntry> pool_converters();         // map_pool.cc
std::vector<ConverterEntry> reduce_converters();       // map_reduce.cc
std::vector<ConverterEntry> creation_converters();     // map_creation.cc
std::vector<ConverterEntry> symbolic_converters();     // map_symbolic.cc
std::vector<ConverterEntry> resample_converters();     // map_resample.cc

}  // namespace ingot::aten
