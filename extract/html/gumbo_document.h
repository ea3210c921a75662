// A parsed HTML document owned in RAII style, plus the few Gumbo tree helpers the HTML reader
// needs (tag tests, attribute lookup, children iteration).
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>

namespace nianbao {

class GumboDocument {
 public:
  // `utf8` must outlive the document (Gumbo keeps pointers into it).
  explicit GumboDocument(std::string_view utf8);
  ~GumboDocument();
  GumboDocument(const GumboDocument&) = delete;
  GumboDocument& operator=(const GumboDocument&) = delete;

  const GumboNode* root() const { return output_->root; }

 private:
  GumboOutput* output_;
};

bool is_element(const GumboNode* node, GumboTag tag);
std::string attribute(const GumboNode* node, const char* name);  // empty when absent
const GumboVector& children_of(const GumboNode* node);            // element or template children

}  // namespace nianbao
