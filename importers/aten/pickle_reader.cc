#include "importers/aten/pickle_reader.h"

#include <cstring>
#include <map>

#include <fmt/format.h>

namespace ingot::aten {
namespace {

using Kind = PickleObject::Kind;

constexpr size_t kMaxStack = size_t{1} << 20;
constexpr int kMaxRank = 64;

struct Global {
  std::string_view module, name;
};

// The globals a tensor dict may name. Storage classes map to their dtype.
constexpr Global kAllowedCalls[] = {
    {"torch._utils", "_rebuild_tensor_v2"},
    {"torch._utils", "_rebuild_parameter"},
    {"torch._utils", "_rebuild_parameter_with_state"},
    {"collections", "OrderedDict"},
};

class Unpickler {
 public:
  explicit Unpickler(std::span<const uint8_t> data) : data_(data) {}

  Result<Pickle> run() {
    if (data_.size() > kMaxPickleBytes) return Status::invalid("the pickle is larger than 256 MiB");
    while (true) {
      if (pos_ >= data_.size()) return Status::invalid("the pickle ends without a STOP opcode (truncated)");
      op_offset_ = pos_;
      uint8_t op = data_[pos_++];
      if (op == '.') break;
      INGOT_RETURN_IF_ERROR(step(op).with_context(fmt::format("pickle offset {}: ", op_offset_)));
      if (stack_.size() > kMaxStack || marks_.size() > kMaxStack) return Status::invalid("the pickle's stack is too deep");
    }
    if (stack_.size() != 1 || !marks_.empty()) return Status::invalid("the pickle does not end with exactly one object");
    pickle_.root = stack_.back();
    return std::move(pickle_);
  }

 private:
  Status step(uint8_t op) {
    switch (op) {
      case 0x80: return read_bytes(1).status();  // PROTO
      case 0x95: return read_bytes(8).status();  // FRAME: framing only
      case '(': marks_.push_back(stack_.size()); return {};
      case '0': return pop().status();
      case '1': return pop_mark().status();
      case 'N': return push(PickleObject{});
      case 0x88: return push_int(Kind::boolean, 1);
      case 0x89: return push_int(Kind::boolean, 0);
      case 'J': return read_int(4, true);
      case 'K': return read_int(1, false);
      case 'M': return read_int(2, false);
      case 0x8a: return read_long1();
      case 'G': return read_float();
      case 'X': return read_string(4);
      case 0x8c: return read_string(1);
      case 0x8d: return read_string(8);
      case ')': return push(PickleObject{Kind::tuple});
      case ']': return push(PickleObject{Kind::list});
      case '}': return push(PickleObject{Kind::dict});
      case 't': return collect(Kind::tuple);
      case 'l': return collect(Kind::list);
      case 'd': return collect(Kind::dict);
      case 0x85: return tuple_of(1);
      case 0x86: return tuple_of(2);
      case 0x87: return tuple_of(3);
      case 'a': return append(false);
      case 'e': return append(true);
      case 's': return set_items(false);
      case 'u': return set_items(true);
      case 'q': return memo_put(1);
      case 'r': return memo_put(4);
      case 0x94: return memoize();
      case 'h': return memo_get(1);
      case 'j': return memo_get(4);
      case 'c': return global_text();
      case 0x93: return stack_global();
      case 'R': return reduce();
      case 'b': return build();
      case 'Q': return persistent_id();
      default:
        return Status::invalid(fmt::format("opcode 0x{:02x} is not accepted (only tensor rebuilding is)", op));
    }
  }

  // --- input ---
  Result<std::span<const uint8_t>> read_bytes(size_t count) {
    if (count > data_.size() - pos_) return Status::invalid("the pickle is truncated");
    std::span<const uint8_t> bytes = data_.subspan(pos_, count);
    pos_ += count;
    return bytes;
  }
  Result<uint64_t> read_le(size_t count) {
    INGOT_ASSIGN_OR_RETURN(std::span<const uint8_t> bytes, read_bytes(count));
    uint64_t value = 0;
    for (size_t i = 0; i < count; ++i) value |= uint64_t{bytes[i]} << (8 * i);
    return value;
  }
  Result<std::string> read_line() {
    size_t end = pos_;
    while (end < data_.size() && data_[end] != '\n') ++end;
    if (end >= data_.size()) return Status::invalid("the pickle is truncated inside a GLOBAL");
    std::string line(reinterpret_cast<const char*>(data_.data() + pos_), end - pos_);
    pos_ = end + 1;
    return line;
  }

  // --- stack ---
  Status push(PickleObject object) {
    pickle_.objects.push_back(std::move(object));
    stack_.push_back(static_cast<int32_t>(pickle_.objects.size() - 1));
    return {};
  }
  Status push_int(Kind kind, int64_t value) {
    PickleObject object{kind};
    object.integer = value;
    return push(std::move(object));
  }
  Result<int32_t> pop() {
    if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back())) return Status::invalid("stack underflow");
    int32_t id = stack_.back();
    stack_.pop_back();
    return id;
  }
  Result<std::vector<int32_t>> pop_mark() {
    if (marks_.empty()) return Status::invalid("no MARK to pop to");
    size_t mark = marks_.back();
    marks_.pop_back();
    std::vector<int32_t> items(stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end());
    stack_.resize(mark);
    return items;
  }
  Result<int32_t> top() {
    if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back())) return Status::invalid("stack underflow");
    return stack_.back();
  }
  PickleObject& object(int32_t id) { return pickle_.objects[static_cast<size_t>(id)]; }

  // --- scalars ---
  Status read_int(size_t bytes, bool is_signed) {
    INGOT_ASSIGN_OR_RETURN(uint64_t raw, read_le(bytes));
    int64_t value = is_signed ? static_cast<int64_t>(static_cast<int32_t>(raw)) : static_cast<int64_t>(raw);
    return push_int(Kind::integer, value);
  }
  Status read_long1() {
    INGOT_ASSIGN_OR_RETURN(uint64_t count, read_le(1));
    if (count > 8) return Status::invalid("an integer wider than 64 bits");
    INGOT_ASSIGN_OR_RETURN(uint64_t raw, read_le(count));
    if (count > 0 && count < 8 && (raw >> (8 * count - 1)) & 1) raw |= ~uint64_t{0} << (8 * count);  // sign-extend
    return push_int(Kind::integer, static_cast<int64_t>(raw));
  }
  Status read_float() {
    INGOT_ASSIGN_OR_RETURN(std::span<const uint8_t> bytes, read_bytes(8));
    uint64_t raw = 0;
    for (uint8_t b : bytes) raw = (raw << 8) | b;  // big-endian
    PickleObject object{Kind::real};
    std::memcpy(&object.real, &raw, sizeof(raw));
    return push(std::move(object));
  }
  Status read_string(size_t length_bytes) {
    INGOT_ASSIGN_OR_RETURN(uint64_t length, read_le(length_bytes));
    if (length > data_.size() - pos_) return Status::invalid("the pickle is truncated inside a string");
    INGOT_ASSIGN_OR_RETURN(std::span<const uint8_t> bytes, read_bytes(length));
    PickleObject object{Kind::string};
    object.text.assign(bytes.begin(), bytes.end());
    return push(std::move(object));
  }

  // --- containers ---
  Status collect(Kind kind) {
    INGOT_ASSIGN_OR_RETURN(std::vector<int32_t> items, pop_mark());
    if (kind == Kind::dict && items.size() % 2 != 0) return Status::invalid("DICT with an odd number of items");
    PickleObject object{kind};
    object.items = std::move(items);
    return push(std::move(object));
  }
  Status tuple_of(size_t count) {
    PickleObject object{Kind::tuple};
    object.items.resize(count);
    for (size_t i = count; i > 0; --i) {
      INGOT_ASSIGN_OR_RETURN(object.items[i - 1], pop());
    }
    return push(std::move(object));
  }
  Status append(bool many) {
    std::vector<int32_t> items;
    if (many) {
      INGOT_ASSIGN_OR_RETURN(items, pop_mark());
    } else {
      INGOT_ASSIGN_OR_RETURN(int32_t item, pop());
      items.push_back(item);
    }
    INGOT_ASSIGN_OR_RETURN(int32_t target, top());
    if (object(target).kind != Kind::list) return Status::invalid("APPEND to something that is not a list");
    auto& list = object(target).items;
    list.insert(list.end(), items.begin(), items.end());
    return {};
  }
  Status set_items(bool many) {
    std::vector<int32_t> items;
    if (many) {
      INGOT_ASSIGN_OR_RETURN(items, pop_mark());
    } else {
      INGOT_ASSIGN_OR_RETURN(int32_t value, pop());
      INGOT_ASSIGN_OR_RETURN(int32_t key, pop());
      items = {key, value};
    }
    if (items.size() % 2 != 0) return Status::invalid("SETITEMS with an odd number of items");
    INGOT_ASSIGN_OR_RETURN(int32_t target, top());
    if (object(target).kind != Kind::dict) return Status::invalid("SETITEM on something that is not a dict");
    auto& dict = object(target).items;
    dict.insert(dict.end(), items.begin(), items.end());
    return {};
  }

  // --- memo ---
  Status memo_put(size_t bytes) {
    INGOT_ASSIGN_OR_RETURN(uint64_t key, read_le(bytes));
    INGOT_ASSIGN_OR_RETURN(int32_t id, top());
    memo_[key] = id;
    return {};
  }
  Status memoize() {
    INGOT_ASSIGN_OR_RETURN(int32_t id, top());
    memo_[memo_.size()] = id;
    return {};
  }
  Status memo_get(size_t bytes) {
    INGOT_ASSIGN_OR_RETURN(uint64_t key, read_le(bytes));
    auto it = memo_.find(key);
    if (it == memo_.end()) return Status::invalid(fmt::format("memo entry {} is read before it is written", key));
    stack_.push_back(it->second);
    return {};
  }

  // --- globals and calls ---
  Status push_global(const std::string& module, const std::string& name) {
    bool allowed = module == "torch" && storage_dtype(name).has_value();
    for (const Global& global : kAllowedCalls) allowed = allowed || (global.module == module && global.name == name);
    if (!allowed) {
      return Status::invalid(fmt::format("pickle global '{}.{}' is not allowed (only tensor rebuilding is accepted)", module, name));
    }
    PickleObject object{Kind::global};
    object.text = module + "." + name;
    return push(std::move(object));
  }
  Status global_text() {
    INGOT_ASSIGN_OR_RETURN(std::string module, read_line());
    INGOT_ASSIGN_OR_RETURN(std::string name, read_line());
    return push_global(module, name);
  }
  Status stack_global() {
    INGOT_ASSIGN_OR_RETURN(int32_t name, pop());
    INGOT_ASSIGN_OR_RETURN(int32_t module, pop());
    if (object(name).kind != Kind::string || object(module).kind != Kind::string) {
      return Status::invalid("STACK_GLOBAL needs two strings");
    }
    return push_global(object(module).text, object(name).text);
  }

  Result<const PickleObject*> arg(const PickleObject& args, size_t i, Kind kind, std::string_view what) {
    if (i >= args.items.size()) return Status::invalid(fmt::format("{} is missing", what));
    const PickleObject& value = object(args.items[i]);
    if (value.kind != kind) return Status::invalid(fmt::format("{} has the wrong type", what));
    return &value;
  }

  Result<std::vector<int64_t>> int_tuple(const PickleObject& args, size_t i, std::string_view what) {
    INGOT_ASSIGN_OR_RETURN(const PickleObject* tuple, arg(args, i, Kind::tuple, what));
    if (tuple->items.size() > kMaxRank) return Status::invalid(fmt::format("{} has more than {} dims", what, kMaxRank));
    std::vector<int64_t> values;
    for (int32_t id : tuple->items) {
      if (object(id).kind != Kind::integer) return Status::invalid(fmt::format("{} holds a non-integer", what));
      values.push_back(object(id).integer);
    }
    return values;
  }

  Status rebuild_tensor(const PickleObject& args) {
    // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    INGOT_ASSIGN_OR_RETURN(const PickleObject* storage, arg(args, 0, Kind::storage, "_rebuild_tensor_v2's storage"));
    INGOT_ASSIGN_OR_RETURN(const PickleObject* offset, arg(args, 1, Kind::integer, "_rebuild_tensor_v2's storage offset"));
    PickleObject tensor{Kind::tensor};
    tensor.storage = args.items[0];
    tensor.dtype = storage->dtype;
    tensor.integer = offset->integer;
    INGOT_ASSIGN_OR_RETURN(tensor.sizes, int_tuple(args, 2, "_rebuild_tensor_v2's size"));
    INGOT_ASSIGN_OR_RETURN(tensor.strides, int_tuple(args, 3, "_rebuild_tensor_v2's stride"));
    return push(std::move(tensor));
  }

  Status reduce() {
    INGOT_ASSIGN_OR_RETURN(int32_t args_id, pop());
    INGOT_ASSIGN_OR_RETURN(int32_t callable_id, pop());
    const PickleObject& callable = object(callable_id);
    const PickleObject args = object(args_id);
    if (callable.kind != Kind::global) return Status::invalid("REDUCE calls something that is not an allowed global");
    if (args.kind != Kind::tuple) return Status::invalid("REDUCE arguments are not a tuple");
    if (callable.text == "torch._utils._rebuild_tensor_v2") return rebuild_tensor(args);
    if (callable.text == "torch._utils._rebuild_parameter" || callable.text == "torch._utils._rebuild_parameter_with_state") {
      INGOT_RETURN_IF_ERROR(arg(args, 0, Kind::tensor, "_rebuild_parameter's tensor").status());
      stack_.push_back(args.items[0]);
      return {};
    }
    if (callable.text == "collections.OrderedDict") {
      if (!args.items.empty()) return Status::invalid("OrderedDict is called with arguments");
      return push(PickleObject{Kind::dict});
    }
    return Status::invalid(fmt::format("'{}' cannot be called", callable.text));
  }

  // BUILD sets state on an object: accepted only for dicts (an OrderedDict's
  // _metadata), and the state is dropped.
  Status build() {
    INGOT_RETURN_IF_ERROR(pop().status());
    INGOT_ASSIGN_OR_RETURN(int32_t target, top());
    if (object(target).kind != Kind::dict) return Status::invalid("BUILD on something that is not a dict");
    return {};
  }

  // ('storage', <torch.XStorage>, key, location, numel)
  Status persistent_id() {
    INGOT_ASSIGN_OR_RETURN(int32_t pid_id, pop());
    const PickleObject pid = object(pid_id);
    if (pid.kind != Kind::tuple || pid.items.size() != 5) return Status::invalid("a persistent id that is not a storage tuple");
    INGOT_ASSIGN_OR_RETURN(const PickleObject* tag, arg(pid, 0, Kind::string, "the persistent id's tag"));
    if (tag->text != "storage") return Status::invalid(fmt::format("persistent id '{}' is not a storage", tag->text));
    INGOT_ASSIGN_OR_RETURN(const PickleObject* type, arg(pid, 1, Kind::global, "the storage type"));
    INGOT_ASSIGN_OR_RETURN(const PickleObject* key, arg(pid, 2, Kind::string, "the storage key"));
    INGOT_ASSIGN_OR_RETURN(const PickleObject* numel, arg(pid, 4, Kind::integer, "the storage size"));
    std::optional<DType> dtype = type->text.starts_with("torch.") ? storage_dtype(type->text.substr(6)) : std::nullopt;
    if (!dtype) return Status::invalid(fmt::format("'{}' is not a storage type", type->text));
    if (numel->integer < 0) return Status::invalid("a storage with a negative size");
    PickleObject storage{Kind::storage};
    storage.dtype = *dtype;
    storage.text = key->text;
    storage.integer = numel->integer;
    return push(std::move(storage));
  }

  std::span<const uint8_t> data_;
  size_t pos_ = 0;
  size_t op_offset_ = 0;
  std::vector<int32_t> stack_;
  std::vector<size_t> marks_;
  std::map<uint64_t, int32_t> memo_;
  Pickle pickle_;
};

}  // namespace

std::optional<DType> storage_dtype(std::string_view storage_class) {
  static const std::map<std::string_view, DType> kTypes = {
      {"FloatStorage", DType::f32}, {"DoubleStorage", DType::f64}, {"HalfStorage", DType::f16},
      {"BFloat16Storage", DType::bf16}, {"LongStorage", DType::i64}, {"IntStorage", DType::i32},
      {"ShortStorage", DType::i16}, {"CharStorage", DType::i8}, {"ByteStorage", DType::u8},
      {"BoolStorage", DType::boolean}, {"UInt16Storage", DType::u16}, {"UInt32Storage", DType::u32},
      {"UInt64Storage", DType::u64},
  };
  auto it = kTypes.find(storage_class);
  if (it == kTypes.end()) return std::nullopt;
  return it->second;
}

Result<Pickle> read_pickle(std::span<const uint8_t> data) { return Unpickler(data).run(); }

}  // namespace ingot::aten
