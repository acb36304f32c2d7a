// Errors as values. Every fallible function in ingot returns a Status or a
// Result<T>; exceptions never cross a library boundary. The error kind maps
// one-to-one onto the CLI's stable exit codes (see docs/cli.md).
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace ingot {

enum class ErrorKind {
  ok = 0,
  usage = 1,          // the command line was wrong
  invalid_input = 2,  // the model is malformed or uses something unsupported
  internal = 3,       // a bug in ingot
  policy = 4,         // a limit the user set was broken
};

class Status {
 public:
  Status() = default;
  Status(ErrorKind kind, std::string message) : kind_(kind), message_(std::move(message)) {}

  static Status invalid(std::string message) { return {ErrorKind::invalid_input, std::move(message)}; }
  static Status internal(std::string message) { return {ErrorKind::internal, std::move(message)}; }
  static Status usage(std::string message) { return {ErrorKind::usage, std::move(message)}; }

  bool ok() const { return kind_ == ErrorKind::ok; }
  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  int exit_code() const { return static_cast<int>(kind_); }

  // Prefixes context ("node 'conv1' (Conv): ") to the message, keeping the kind.
  Status with_context(const std::string& context) const {
    return ok() ? *this : Status(kind_, context + message_);
  }

 private:
  ErrorKind kind_ = ErrorKind::ok;
  std::string message_;
};

template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Status status) : state_(std::move(status)) { assert(!std::get<Status>(state_).ok()); }

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace ingot

// Early return on error, in the style of LLVM/ExecuTorch.
#define INGOT_RETURN_IF_ERROR(expr)        \
  do {                                     \
    ::ingot::Status _st = (expr);          \
    if (!_st.ok()) return _st;             \
  } while (0)

#define INGOT_CONCAT_INNER(a, b) a##b
#define INGOT_CONCAT(a, b) INGOT_CONCAT_INNER(a, b)
#define INGOT_ASSIGN_OR_RETURN(lhs, expr) INGOT_ASSIGN_OR_RETURN_IMPL(INGOT_CONCAT(_res_, __LINE__), lhs, expr)
#define INGOT_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
