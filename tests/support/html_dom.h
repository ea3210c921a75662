// Test support: an HTML page (the audit page, or the DOM Chromium dumped of it) parsed with
// libxml2's HTML parser and queried by XPath, so tests assert on elements, not on substrings.
#pragma once

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace nianbao::testing {

class HtmlDom {
 public:
  explicit HtmlDom(const std::string& html)
      : document_(htmlReadMemory(html.data(), static_cast<int>(html.size()), "page.html", "UTF-8",
                                 HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET),
                  xmlFreeDoc) {
    if (!document_)
      throw std::runtime_error("libxml2 could not parse the page (" + std::to_string(html.size()) + " bytes)");
  }

  // The elements (or attributes) `xpath` selects, in document order.
  std::vector<xmlNode*> nodes(const std::string& xpath, xmlNode* context = nullptr) const {
    std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> search(xmlXPathNewContext(document_.get()),
                                                                            xmlXPathFreeContext);
    if (context) search->node = context;
    std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> found(
        xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), search.get()), xmlXPathFreeObject);
    if (!found) throw std::runtime_error("bad XPath expression: " + xpath);
    std::vector<xmlNode*> matches;
    if (found->nodesetval) {
      for (int i = 0; i < found->nodesetval->nodeNr; ++i) matches.push_back(found->nodesetval->nodeTab[i]);
    }
    return matches;
  }

  size_t count(const std::string& xpath, xmlNode* context = nullptr) const { return nodes(xpath, context).size(); }

  // The text content of every match (an attribute's value, an element's text).
  std::vector<std::string> texts(const std::string& xpath, xmlNode* context = nullptr) const {
    std::vector<std::string> values;
    for (xmlNode* node : nodes(xpath, context)) values.push_back(text(node));
    return values;
  }

  static std::string text(xmlNode* node) {
    std::unique_ptr<xmlChar, decltype(xmlFree)> content(xmlNodeGetContent(node), xmlFree);
    return content ? reinterpret_cast<const char*>(content.get()) : "";
  }

  static std::string attribute(xmlNode* node, const char* name) {
    std::unique_ptr<xmlChar, decltype(xmlFree)> value(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)),
                                                      xmlFree);
    return value ? reinterpret_cast<const char*>(value.get()) : "";
  }

 private:
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> document_;
};

}  // namespace nianbao::testing
