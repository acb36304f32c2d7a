#include "ir/text_lexer.h"

#include <fmt/format.h>

namespace ingot::text {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_word_char(char c) { return is_letter(c) || is_digit(c) || c == '_'; }
bool is_name_char(char c) { return is_word_char(c) || c == '.'; }

int hex_digit(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A byte for an error message: the character when printable, else its code.
std::string show_byte(char c) {
  auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x21 && byte < 0x7f) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02X}", byte);
}

}  // namespace

void Lexer::bump() {
  if (at_end()) return;
  if (input_[pos_] == '\n') {
    ++line_;
    column_ = 1;
  } else {
    ++column_;
  }
  ++pos_;
}

void Lexer::skip_space_and_comments() {
  while (!at_end()) {
    char c = peek();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      bump();
    } else if (c == '/' && peek(1) == '/') {
      while (!at_end() && peek() != '\n') bump();
    } else {
      return;
    }
  }
}

Token Lexer::make(Tok kind, std::string text) const { return Token{kind, std::move(text), start_line_, start_column_}; }

Token Lexer::next() {
  if (done_) return last_;
  skip_space_and_comments();
  start_line_ = line_;
  start_column_ = column_;
  Token token;
  if (at_end()) {
    token = make(Tok::end, "");
  } else {
    char c = peek();
    auto punct = [&](Tok kind, int length) {
      for (int i = 0; i < length; ++i) bump();
      return make(kind, "");
    };
    switch (c) {
      case '(': token = punct(Tok::lparen, 1); break;
      case ')': token = punct(Tok::rparen, 1); break;
      case '[': token = punct(Tok::lbracket, 1); break;
      case ']': token = punct(Tok::rbracket, 1); break;
      case '{': token = punct(Tok::lbrace, 1); break;
      case '}': token = punct(Tok::rbrace, 1); break;
      case '<': token = punct(Tok::langle, 1); break;
      case '>': token = punct(Tok::rangle, 1); break;
      case ',': token = punct(Tok::comma, 1); break;
      case '=': token = punct(Tok::equal, 1); break;
      case ':': token = punct(Tok::colon, 1); break;
      case '%': bump(); token = lex_name(Tok::value); break;
      case '@': bump(); token = lex_name(Tok::global); break;
      case '"': token = lex_string(); break;
      default:
        if (c == '-' && peek(1) == '>') {
          token = punct(Tok::arrow, 2);
        } else if (c == '-' || is_digit(c)) {
          token = lex_number();
        } else if (is_letter(c) || c == '_') {
          token = lex_word();
        } else {
          token = make(Tok::error, fmt::format("unexpected {}", show_byte(c)));
        }
    }
  }
  if (token.kind == Tok::end || token.kind == Tok::error) {
    done_ = true;
    last_ = token;
  }
  return token;
}

Token Lexer::lex_name(Tok kind) {
  const char sigil = kind == Tok::value ? '%' : '@';
  if (peek() == '"') {
    std::string name;
    std::string error = read_quoted(name);
    if (!error.empty()) return make(Tok::error, error);
    if (name.empty() && kind == Tok::value) return make(Tok::error, "a value name must not be empty");
    return make(kind, std::move(name));
  }
  size_t begin = pos_;
  while (is_name_char(peek())) bump();
  if (pos_ == begin) {
    return make(Tok::error, at_end() ? fmt::format("a name must follow '{}'", sigil)
                                     : fmt::format("a name must follow '{}', found {}", sigil, show_byte(peek())));
  }
  return make(kind, std::string(input_.substr(begin, pos_ - begin)));
}

Token Lexer::lex_string() {
  std::string contents;
  std::string error = read_quoted(contents);
  if (!error.empty()) return make(Tok::error, error);
  return make(Tok::string, std::move(contents));
}

std::string Lexer::read_quoted(std::string& out) {
  bump();  // the opening quote
  while (true) {
    if (at_end()) return "unterminated string";
    char c = peek();
    if (c == '"') {
      bump();
      return "";
    }
    if (c == '\n') return "unterminated string (a string cannot span lines; write \\n)";
    if (c != '\\') {
      // Plain bytes in one piece: constant data is one long string.
      size_t stop = input_.find_first_of("\"\\\n", pos_);
      if (stop == std::string_view::npos) stop = input_.size();
      out.append(input_.substr(pos_, stop - pos_));
      column_ += stop - pos_;
      pos_ = stop;
      continue;
    }
    bump();
    char escape = peek();
    switch (escape) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'x': {
        int high = hex_digit(peek(1));
        int low = hex_digit(peek(2));
        if (high < 0 || low < 0) return "\\x must be followed by two hex digits";
        out += static_cast<char>(high * 16 + low);
        bump();
        bump();
        break;
      }
      default:
        return at_end() ? "unterminated string" : fmt::format("unknown escape: '\\' followed by {}", show_byte(escape));
    }
    bump();
  }
}

Token Lexer::lex_number() {
  size_t begin = pos_;
  bool real = false;
  if (peek() == '-') bump();
  if (is_letter(peek())) {
    // -inf, -nan
    size_t word = pos_;
    while (is_word_char(peek())) bump();
    std::string_view text = input_.substr(word, pos_ - word);
    if (text != "inf" && text != "nan") return make(Tok::error, fmt::format("malformed number '-{}'", text));
    return make(Tok::real, std::string(input_.substr(begin, pos_ - begin)));
  }
  if (!is_digit(peek())) return make(Tok::error, "'-' must be followed by a number");
  while (is_digit(peek())) bump();
  if (peek() == '.') {
    real = true;
    bump();
    while (is_digit(peek())) bump();
  }
  if (peek() == 'e' || peek() == 'E') {
    real = true;
    bump();
    if (peek() == '+' || peek() == '-') bump();
    if (!is_digit(peek())) return make(Tok::error, "malformed number: the exponent has no digits");
    while (is_digit(peek())) bump();
  }
  if (is_name_char(peek())) {
    while (is_name_char(peek())) bump();
    return make(Tok::error, fmt::format("malformed number '{}'", input_.substr(begin, pos_ - begin)));
  }
  return make(real ? Tok::real : Tok::integer, std::string(input_.substr(begin, pos_ - begin)));
}

Token Lexer::lex_word() {
  size_t begin = pos_;
  while (is_word_char(peek())) bump();
  std::string text(input_.substr(begin, pos_ - begin));
  if (text == "inf" || text == "nan") return make(Tok::real, std::move(text));
  return make(Tok::word, std::move(text));
}

bool is_bare_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!is_name_char(c)) return false;
  }
  return true;
}

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (byte < 0x20 || byte == 0x7f) {
          out += fmt::format("\\x{:02X}", byte);
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

size_t decode_hex(std::string_view digits, std::vector<uint8_t>& bytes) {
  bytes.resize(digits.size() / 2);
  for (size_t i = 0; i < bytes.size(); ++i) {
    int high = hex_digit(digits[2 * i]);
    int low = hex_digit(digits[2 * i + 1]);
    if (high < 0) return 2 * i;
    if (low < 0) return 2 * i + 1;
    bytes[i] = static_cast<uint8_t>(high * 16 + low);
  }
  return std::string_view::npos;
}

std::string name_text(std::string_view name) { return is_bare_name(name) ? std::string(name) : quote(name); }

std::string describe(const Token& token) {
  switch (token.kind) {
    case Tok::end: return "end of input";
    case Tok::error: return token.text;
    case Tok::word: return fmt::format("'{}'", token.text);
    case Tok::value: return "%" + name_text(token.text);
    case Tok::global: return "@" + name_text(token.text);
    case Tok::integer:
    case Tok::real: return fmt::format("'{}'", token.text);
    case Tok::string: {
      std::string shown = quote(token.text);
      return shown.size() > 40 ? shown.substr(0, 36) + "...\"" : shown;
    }
    case Tok::lparen: return "'('";
    case Tok::rparen: return "')'";
    case Tok::lbracket: return "'['";
    case Tok::rbracket: return "']'";
    case Tok::lbrace: return "'{'";
    case Tok::rbrace: return "'}'";
    case Tok::langle: return "'<'";
    case Tok::rangle: return "'>'";
    case Tok::comma: return "','";
    case Tok::equal: return "'='";
    case Tok::colon: return "':'";
    case Tok::arrow: return "'->'";
  }
  return "?";
}

}  // namespace ingot::text
