// Status and Result<T>: errors as values, in the shape of LevelDB's Status.
//
// Every library in claimtrack returns a Status (or a Result<T>, which holds
// either a value or a non-OK Status) instead of throwing. A message names the
// input and what was wrong; callers add context as the error rises:
//   return Status::IoError("reading " + path + ": " + s.message());
//
// Thread-safety: values, safe to copy between threads.

#ifndef CT_COMMON_STATUS_H_
#define CT_COMMON_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace ct {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kNotFound,
    kInvalidArgument,  // Bad input: a file that is not text, a bad flag value.
    kIoError,          // The file system or the network failed.
    kCorruption,       // Stored data is not what it should be.
    kUnavailable,      // A remote peer failed or refused (HTTP 5xx, refused).
    kTimeout,
    kTooLarge,  // A limit was hit: body size, decompressed size.
    kInternal,
  };

  Status() = default;

  static Status Ok() { return Status(); }
  static Status NotFound(std::string msg) {
    return Status(Code::kNotFound, std::move(msg));
  }
  static Status InvalidArgument(std::string msg) {
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  static Status IoError(std::string msg) {
    return Status(Code::kIoError, std::move(msg));
  }
  static Status Corruption(std::string msg) {
    return Status(Code::kCorruption, std::move(msg));
  }
  static Status Unavailable(std::string msg) {
    return Status(Code::kUnavailable, std::move(msg));
  }
  static Status Timeout(std::string msg) {
    return Status(Code::kTimeout, std::move(msg));
  }
  static Status TooLarge(std::string msg) {
    return Status(Code::kTooLarge, std::move(msg));
  }
  static Status Internal(std::string msg) {
    return Status(Code::kInternal, std::move(msg));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "OK", or the message alone: messages already name what failed.
  std::string ToString() const { return ok() ? "OK" : message_; }

  // The same code with `context + ": "` in front of the message.
  Status WithContext(const std::string& context) const {
    if (ok()) return *this;
    return Status(code_, context + ": " + message_);
  }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

// Either a T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok() && "a Result without a value needs an error");
    if (status_.ok()) status_ = Status::Internal("Result built from OK status");
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok()
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace ct

// Returns early from the enclosing function when `expr` is not OK.
#define CT_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::ct::Status ct_status_ = (expr);        \
    if (!ct_status_.ok()) return ct_status_; \
  } while (0)

#endif  // CT_COMMON_STATUS_H_
