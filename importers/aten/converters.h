// The converter tables, one per family file, and their join
// (converter_table.cc), which graph_builder.cc and core_ops.cc read.
#pragma once

#include <string_view>
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

// Every family's entries, sorted by target (each target once: tests check it).
const std::vector<ConverterEntry>& all_converters();
// The entry of `target` ("aten.addmm.default"), or null.
const ConverterEntry* find_converter(std::string_view target);

}  // namespace ingot::aten
