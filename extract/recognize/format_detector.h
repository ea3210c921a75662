// Which table format a report uses — 2019 (试行), 2021, pre-2019 prose, or not a report at all —
// decided from the header labels it prints (spec §1), never from the year.
#pragma once

#include <string>

#include "extract/model/report.h"

namespace nianbao {

// `text` is the whole normalized document text (prose and tables); `title` may be empty.
Format detect_format(const std::string& text, const std::string& title);

}  // namespace nianbao
