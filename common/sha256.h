// SHA-256 of a byte string as lowercase hex: the content address of every stored document.
// Computed with OpenSSL's libcrypto.
#pragma once

#include <string>
#include <string_view>

namespace nianbao {

std::string sha256_hex(std::string_view bytes);

}  // namespace nianbao
