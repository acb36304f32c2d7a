#include "importers/onnx/isolated_inference.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

namespace ingot::onnx_import {
namespace {

// The child's answer: one byte ('o' ok, 'e' the library's error), then a
// serialized GraphProto (value_info: the inferred values; output: the
// graph's outputs; input: data propagation results as shapes) or the
// error message.
constexpr char kOk = 'o';
constexpr char kError = 'e';

bool write_all(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

[[noreturn]] void run_child(onnx::ModelProto& model, int fd) {
  // Die of the signal itself: no sanitizer or fuzzer report for a crash
  // inside the library, which the parent reports.
  for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) ::signal(signal, SIG_DFL);
  std::string answer;
  try {
    std::unordered_map<std::string, onnx::TensorShapeProto> data;
    onnx::ShapeInferenceOptions options(/*check_type=*/false, /*error_mode=*/0, /*data_prop=*/true);
    onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(), options, &data);
    onnx::GraphProto result;
    *result.mutable_value_info() = model.graph().value_info();
    *result.mutable_output() = model.graph().output();
    for (const auto& [name, shape] : data) {
      onnx::ValueInfoProto* value = result.add_input();
      value->set_name(name);
      *value->mutable_type()->mutable_tensor_type()->mutable_shape() = shape;
    }
    answer = kOk + result.SerializeAsString();
  } catch (const std::exception& error) {
    answer = kError + std::string(error.what());
  }
  ::_exit(write_all(fd, answer.data(), answer.size()) ? 0 : 1);
}

}  // namespace

Status infer_shapes_isolated(onnx::ModelProto& model,
                             std::unordered_map<std::string, onnx::TensorShapeProto>* shape_data) {
  onnx::OpSchemaRegistry::Instance();  // built once here, not in every child
  int fds[2];
  if (::pipe(fds) != 0) return Status::internal(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return Status::internal(fmt::format("cannot fork for shape inference: {}", std::strerror(errno)));
  }
  if (child == 0) {
    ::close(fds[0]);
    run_child(model, fds[1]);
  }
  ::close(fds[1]);
  std::string answer;
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fds[0], buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    answer.append(buffer, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) {
    return Status::invalid(fmt::format("fails ONNX shape inference: the onnx library crashed on it (signal {})",
                                       WTERMSIG(status)));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || answer.empty()) {
    return Status::invalid("fails ONNX shape inference: the onnx library stopped without an answer");
  }
  if (answer[0] == kError) return Status::invalid("fails ONNX shape inference: " + answer.substr(1));
  onnx::GraphProto result;
  if (answer[0] != kOk || !result.ParseFromArray(answer.data() + 1, static_cast<int>(answer.size() - 1))) {
    return Status::internal("shape inference answered something unreadable");
  }
  *model.mutable_graph()->mutable_value_info() = result.value_info();
  *model.mutable_graph()->mutable_output() = result.output();
  for (const onnx::ValueInfoProto& value : result.input()) {
    (*shape_data)[value.name()] = value.type().tensor_type().shape();
  }
  return {};
}

}  // namespace ingot::onnx_import
