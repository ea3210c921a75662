// Report metadata from the title and the opening text: the report's title, the reporting body,
// the year the report covers, and whether it is a body's own report or a region-wide aggregate.
#pragma once

#include <optional>
#include <string>

#include "extract/model/report.h"

namespace nianbao {

struct ReportMetadata {
  std::string title;
  std::string agency;
  std::optional<int> report_year;
  Scope scope = Scope::unknown;
};

// `text` is the normalized document text; `title_hint` a title the reader found (HTML <title>,
// ArticleTitle meta), possibly empty.
ReportMetadata read_metadata(const std::string& text, const std::string& title_hint);

// What the opening lines of a text dump label, as archives write them: "标题: …" and
// "发布时间: 2021-03-05 08:58" (also 发布日期/公开日期, "：" or ":"). The prefixes are removed; the
// date becomes YYYY-MM-DD. Empty / nullopt when the dump labels none.
struct LabelledHeader {
  std::string title;
  std::optional<std::string> published;
};
LabelledHeader read_labelled_header(const std::string& text);

// own_organ or region_aggregate from the body's name (a government vs. one of its departments).
Scope scope_of_agency(const std::string& agency);

}  // namespace nianbao
