// The converter tables, one per family file, and their join
// (converter_table.cc), which graph_builder.cc and core_ops.cc read.
#pragma once

#include <string_view>
#include <vector>

#include "importers/onnx/convert_context.h"

namespace ingot::onnx_import {

std::vector<ConverterEntry> elementwise_converters();  // map_elementwise.cc
std::vector<ConverterEntry> linalg_converters();       // map_linalg.cc
std::vector<ConverterEntry> pool_converters();         // map_pool.cc
std::vector<ConverterEntry> reduce_converters();       // map_reduce.cc
std::vector<ConverterEntry> norm_converters();         // map_norm.cc
std::vector<ConverterEntry> layout_converters();       // map_layout.cc
std::vector<ConverterEntry> indexing_converters();     // map_indexing.cc
std::vector<ConverterEntry> resample_converters();     // map_resample.cc
std::vector<ConverterEntry> quant_converters();        // map_quant.cc
std::vector<ConverterEntry> recurrent_converters();    // map_recurrent.cc

// Every family's entries, sorted by ONNX op (each op once: tests check it).
const std::vector<ConverterEntry>& all_converters();
// The entry of `onnx_op`, or null.
const ConverterEntry* find_converter(std::string_view onnx_op);

}  // namespace ingot::onnx_import
