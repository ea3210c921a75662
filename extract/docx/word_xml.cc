// WordprocessingML helpers. Namespace test by href so a document that binds another prefix to the
// main namespace still reads; mc:Fallback is skipped (it repeats mc:Choice's text).
#include "extract/docx/word_xml.h"

#include <cstring>

namespace nianbao::docx {
namespace {

constexpr const char* kWordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

bool named(const xmlNode* node, const char* local_name) {
  return node && node->type == XML_ELEMENT_NODE && node->name &&
         std::strcmp(reinterpret_cast<const char*>(node->name), local_name) == 0;
}

bool is_fallback(const xmlNode* node) {
  return named(node, "Fallback") && node->ns && node->ns->prefix &&
         std::strcmp(reinterpret_cast<const char*>(node->ns->prefix), "mc") == 0;
}

void collect_text(const xmlNode* node, std::string& out) {
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (child->type != XML_ELEMENT_NODE || is_fallback(child)) continue;
    if (is_word_element(child, "t")) {
      xmlChar* content = xmlNodeGetContent(child);
      if (content) out += reinterpret_cast<const char*>(content);
      xmlFree(content);
    } else if (is_word_element(child, "tab")) {
      out += ' ';
    } else if (is_word_element(child, "br") || is_word_element(child, "cr")) {
      out += '\n';
    } else if (is_word_element(child, "p")) {
      collect_text(child, out);
      out += '\n';
    } else if (!is_word_element(child, "delText") && !is_word_element(child, "instrText")) {
      collect_text(child, out);
    }
  }
}

}  // namespace

bool is_word_element(const xmlNode* node, const char* local_name) {
  if (!named(node, local_name)) return false;
  return !node->ns || !node->ns->href || std::strcmp(reinterpret_cast<const char*>(node->ns->href), kWordNamespace) == 0;
}

const xmlNode* word_child(const xmlNode* node, const char* local_name) {
  if (!node) return nullptr;
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (is_word_element(child, local_name)) return child;
  }
  return nullptr;
}

std::optional<std::string> word_val(const xmlNode* node) {
  if (!node) return std::nullopt;
  for (const xmlAttr* attribute = node->properties; attribute; attribute = attribute->next) {
    if (!attribute->name || std::strcmp(reinterpret_cast<const char*>(attribute->name), "val") != 0) continue;
    xmlChar* value = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(attribute));
    std::string text = value ? reinterpret_cast<const char*>(value) : "";
    xmlFree(value);
    return text;
  }
  return std::nullopt;
}

std::string word_text(const xmlNode* node) {
  std::string text;
  if (node) collect_text(node, text);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace nianbao::docx
