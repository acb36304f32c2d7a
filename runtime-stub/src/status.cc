#include <cstdarg>
#include <cstdio>

#include "ingot/runtime.h"
#include "src/status_util.h"

namespace ingot::rt {

const char* error_name(Error error) {
  switch (error) {
    case Error::ok: return "ok";
    case Error::invalid_program: return "invalid program";
    case Error::unsupported_version: return "unsupported version";
    case Error::missing_kernel: return "missing kernel";
    case Error::invalid_argument: return "invalid argument";
    case Error::kernel_failed: return "kernel failed";
    case Error::unsupported_cpu: return "unsupported cpu";
  }
  return "unknown error";
}

Status make_status(Error error, const char* format, ...) {
  Status status;
  status.error = error;
  va_list args;
  va_start(args, format);
  std::vsnprintf(status.message, sizeof(status.message), format, args);
  va_end(args);
  return status;
}

size_t dtype_size(DType dtype) {
  switch (dtype) {
    case DType::f64:
    case DType::i64:
    case DType::u64: return 8;
    case DType::f32:
    case DType::i32:
    case DType::u32: return 4;
    case DType::f16:
    case DType::bf16:
    case DType::i16:
    case DType::u16: return 2;
    case DType::i8:
    case DType::u8:
    case DType::boolean: return 1;
  }
  return 0;
}

const char* dtype_name(DType dtype) {
  static const char* const kNames[] = {"f32", "f64", "f16", "bf16", "i8", "i16", "i32",
                                       "i64", "u8",  "u16", "u32",  "u64", "bool"};
  auto index = static_cast<size_t>(dtype);
  return index < sizeof(kNames) / sizeof(kNames[0]) ? kNames[index] : "?";
}

}  // namespace ingot::rt
