#include <cstdio>
#include <cstring>

#include "ingot_generated.h"
#include "ingot/kernel.h"

namespace ingot::rt {
namespace {

const fb::Attr* find(const fb::Instruction* instruction, const char* name) {
  if (instruction->attrs() == nullptr) return nullptr;
  for (const fb::Attr* attr : *instruction->attrs()) {
    if (attr->name() && std::strcmp(attr->name()->c_str(), name) == 0) return attr;
  }
  return nullptr;
}

}  // namespace

size_t KernelContext::num_inputs() const { return instruction_->inputs() ? instruction_->inputs()->size() : 0; }
size_t KernelContext::num_outputs() const { return instruction_->outputs() ? instruction_->outputs()->size() : 0; }

const Tensor* KernelContext::input(size_t i) const {
  if (i >= num_inputs()) return nullptr;
  int32_t id = instruction_->inputs()->Get(static_cast<flatbuffers::uoffset_t>(i));
  return id < 0 ? nullptr : &tensors_[id];
}

const Tensor& KernelContext::output(size_t i) const {
  return tensors_[instruction_->outputs()->Get(static_cast<flatbuffers::uoffset_t>(i))];
}

bool KernelContext::has_attr(const char* name) const { return find(instruction_, name) != nullptr; }

int64_t KernelContext::attr_int(const char* name, int64_t fallback) const {
  const fb::Attr* attr = find(instruction_, name);
  return attr && attr->type() == fb::AttrType::i64 ? attr->i() : fallback;
}

double KernelContext::attr_float(const char* name, double fallback) const {
  const fb::Attr* attr = find(instruction_, name);
  return attr && attr->type() == fb::AttrType::f64 ? attr->f() : fallback;
}

const char* KernelContext::attr_string(const char* name) const {
  const fb::Attr* attr = find(instruction_, name);
  return attr && attr->s() ? attr->s()->c_str() : "";
}

List<int64_t> KernelContext::attr_ints(const char* name) const {
  const fb::Attr* attr = find(instruction_, name);
  if (!attr || !attr->ints()) return {};
  return {attr->ints()->data(), attr->ints()->size()};
}

List<double> KernelContext::attr_floats(const char* name) const {
  const fb::Attr* attr = find(instruction_, name);
  if (!attr || !attr->floats()) return {};
  return {attr->floats()->data(), attr->floats()->size()};
}

Error KernelContext::fail(const char* format, ...) const {
  va_list args;
  va_start(args, format);
  std::vsnprintf(status_->message, sizeof(status_->message), format, args);
  va_end(args);
  status_->error = Error::kernel_failed;
  return Error::kernel_failed;
}

}  // namespace ingot::rt
