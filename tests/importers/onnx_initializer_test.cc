// Initializers in every storage form ONNX allows: raw_data, the typed fields,
// and external data in a file next to the model.
#include <cstring>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "importers/onnx/onnx_importer.h"
#include "tests/importers/onnx_model_builder.h"

namespace ingot {
namespace {

using ::testing::HasSubstr;
using onnx::TensorProto;
using testing::OnnxModelBuilder;
using testing::TempDir;

// y = w + w, with w an initializer the test fills in.
struct Fixture {
  TempDir dir;
  OnnxModelBuilder model;
  TensorProto* weight = nullptr;

  explicit Fixture(int32_t elem_type, std::vector<int64_t> dims = {4}) {
    model.output("y", dims, elem_type);
    model.node("Add", {"w", "w"}, {"y"}, "add");
    weight = &model.initializer("w", dims, elem_type);
  }

  Result<ImportResult> import() { return onnx_import::import_model(model.save(dir / "model.onnx"), {}); }
};

template <typename T>
std::vector<T> constant_values(const ImportResult& result) {
  const Value* w = result.graph.find_value("w");
  EXPECT_NE(w, nullptr);
  auto span = w->constant_as<T>();
  return {span.begin(), span.end()};
}

TEST(OnnxInitializer, RawData) {
  Fixture f(TensorProto::FLOAT);
  std::vector<float> values = {1.5f, -2.0f, 0.25f, 8.0f};
  f.weight->set_raw_data(values.data(), values.size() * sizeof(float));
  Result<ImportResult> result = f.import();
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(constant_values<float>(*result), values);
}

TEST(OnnxInitializer, FloatData) {
  Fixture f(TensorProto::FLOAT);
  for (float v : {1.0f, 2.0f, 3.0f, 4.0f}) f.weight->add_float_data(v);
  Result<ImportResult> result = f.import();
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(constant_values<float>(*result), (std::vector<float>{1, 2, 3, 4}));
}

TEST(OnnxInitializer, Int64Data) {
  Fixture f(TensorProto::INT64);
  for (int64_t v : {int64_t{1} << 40, int64_t{-3}, int64_t{0}, int64_t{7}}) f.weight->add_int64_data(v);
  Result<ImportResult> result = f.import();
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(constant_values<int64_t>(*result), (std::vector<int64_t>{int64_t{1} << 40, -3, 0, 7}));
}

TEST(OnnxInitializer, Int8InInt32Data) {
  Fixture f(TensorProto::INT8);
  for (int32_t v : {-128, -1, 0, 127}) f.weight->add_int32_data(v);
  Result<ImportResult> result = f.import();
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(constant_values<int8_t>(*result), (std::vector<int8_t>{-128, -1, 0, 127}));
}

TEST(OnnxInitializer, Float16BitsInInt32Data) {
  Fixture f(TensorProto::FLOAT16);
  for (int32_t v : {0x3c00, 0xc000, 0x0000, 0x7c00}) f.weight->add_int32_data(v);  // 1, -2, 0, inf
  Result<ImportResult> result = f.import();
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(constant_values<uint16_t>(*result), (std::vector<uint16_t>{0x3c00, 0xc000, 0x0000, 0x7c00}));
}

TEST(OnnxInitializer, DoubleData) {
  Fixture f(TensorProto::DOUBLE);
  for (double v : {0.1, 0.2, 0.3, 1e300}) f.weight->add_double_data(v);
  Result<ImportResult> result = f.import();
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(constant_values<double>(*result), (std::vector<double>{0.1, 0.2, 0.3, 1e300}));
}

TEST(OnnxInitializer, ExternalDataNextToTheModel) {
  Fixture f(TensorProto::FLOAT);
  std::vector<float> values = {9.0f, 8.0f, 7.0f, 6.0f};
  {
    std::ofstream out(f.dir / "weights.bin", std::ios::binary);
    out.write("PADDING!", 8);
    out.write(reinterpret_cast<const char*>(values.data()), 16);
  }
  f.weight->set_data_location(TensorProto::EXTERNAL);
  auto add = [&](const char* key, const char* value) {
    auto* entry = f.weight->add_external_data();
    entry->set_key(key);
    entry->set_value(value);
  };
  add("location", "weights.bin");
  add("offset", "8");
  add("length", "16");
  Result<ImportResult> result = f.import();
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(constant_values<float>(*result), values);
}

TEST(OnnxInitializer, ExternalDataMayNotLeaveTheModelFolder) {
  Fixture f(TensorProto::FLOAT);
  f.weight->set_data_location(TensorProto::EXTERNAL);
  auto* entry = f.weight->add_external_data();
  entry->set_key("location");
  entry->set_value("../../etc/passwd");
  Result<ImportResult> result = f.import();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().kind(), ErrorKind::invalid_input);
  EXPECT_THAT(result.status().message(), HasSubstr("must be a path inside the model's folder"));
}

TEST(OnnxInitializer, ExternalDataShorterThanTheTensor) {
  Fixture f(TensorProto::FLOAT);
  std::ofstream(f.dir / "short.bin", std::ios::binary).write("12345678", 8);
  f.weight->set_data_location(TensorProto::EXTERNAL);
  auto* entry = f.weight->add_external_data();
  entry->set_key("location");
  entry->set_value("short.bin");
  Result<ImportResult> result = f.import();
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), HasSubstr("does not hold the 16 bytes the tensor needs"));
}

TEST(OnnxInitializer, RawDataOfTheWrongSize) {
  Fixture f(TensorProto::FLOAT);
  f.weight->set_raw_data(std::string(12, '\0'));
  Result<ImportResult> result = f.import();
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), HasSubstr("tensor 'w' has 12 bytes of raw_data, its shape [4] needs 16"));
}

TEST(OnnxInitializer, HugeDimsAreRejectedBeforeAllocating) {
  Fixture f(TensorProto::FLOAT, {int64_t{1} << 30, int64_t{1} << 30});
  f.weight->set_raw_data("tiny");
  Result<ImportResult> result = f.import();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().kind(), ErrorKind::invalid_input);
  EXPECT_THAT(result.status().message(), HasSubstr("more than 2^40 elements"));
}

}  // namespace
}  // namespace ingot
