// The tokens of the IR's text form (docs/ir-text.md), shared by the parser
// and the printer's quoting rules. Internal to ir/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ingot::text {

enum class Tok {
  end,       // end of input
  error,     // a malformed token; `text` holds the message
  word,      // graph, return, constant, dense, loc, op names, dtypes, `_`
  value,     // %name or %"name"; `text` holds the decoded name
  global,    // @name or @"name"; `text` holds the decoded name
  integer,   // -?[0-9]+; `text` holds the spelling
  real,      // a number with '.' or an exponent, or [-]inf, [-]nan
  string,    // "..."; `text` holds the decoded contents
  lparen, rparen, lbracket, rbracket, lbrace, rbrace, langle, rangle,
  comma, equal, colon, arrow,
};

struct Token {
  Tok kind = Tok::end;
  std::string text;
  size_t line = 1;
  size_t column = 1;
};

class Lexer {
 public:
  explicit Lexer(std::string_view input) : input_(input) {}
  // The next token; after the end or an error it keeps returning that.
  Token next();

 private:
  char peek(size_t ahead = 0) const { return pos_ + ahead < input_.size() ? input_[pos_ + ahead] : '\0'; }
  bool at_end() const { return pos_ >= input_.size(); }
  void bump();
  void skip_space_and_comments();
  Token make(Tok kind, std::string text) const;
  Token lex_name(Tok kind);     // after '%' or '@'
  Token lex_string();           // at '"'
  Token lex_number();           // at a digit or '-'
  Token lex_word();             // at a letter or '_'
  // Reads a quoted string starting at '"' into `out`; an error message or "".
  std::string read_quoted(std::string& out);

  std::string_view input_;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t column_ = 1;
  size_t start_line_ = 1;
  size_t start_column_ = 1;
  bool done_ = false;
  Token last_;
};

// True when `name` can be written bare after '%' or '@': [A-Za-z0-9_.]+.
bool is_bare_name(std::string_view name);
// `"..."` with '"' and '\' escaped and control bytes as \n, \t, \r or \xHH.
std::string quote(std::string_view text);
// The bare name, or the quoted one.
std::string name_text(std::string_view name);
// Decodes pairs of hex digits into `bytes`; returns the offset of the first
// character that is not a hex digit, or npos.
size_t decode_hex(std::string_view digits, std::vector<uint8_t>& bytes);
// How an error message shows a token: `'{'`, `%x`, `end of input`.
std::string describe(const Token& token);

}  // namespace ingot::text
