// Reading numbers out of untrusted page text without std::regex (which recurses once per matched
// character and can exhaust the stack on hostile input) and without throwing on overflow.
#pragma once

#include <optional>
#include <string_view>

namespace nianbao::crawler {

// A run of at most 9 ASCII digits (optionally surrounded by whitespace) as a number; nullopt for
// anything else, including longer runs that could overflow.
std::optional<long> small_number(std::string_view text);

enum class NameCase { exact, ignore };

// The first `name <spaces> (: or =) <spaces> ['"]? digits` in `script` whose digits form a
// small_number, e.g. `var countPage = 12` or `perpage:'15'`. With `whole_word`, the name must not
// follow a letter, digit or underscore.
std::optional<long> assigned_number(std::string_view script, std::string_view name, NameCase name_case, bool whole_word);

}  // namespace nianbao::crawler
