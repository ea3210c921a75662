// The audit page's inline SVG charts, drawn as text: the horizontal bar chart of bodies by
// timeliness and a body's year-over-year sparkline of requests received (表三 一).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nianbao::cli {

struct ChartBar {
  std::string category;  // machine name, written as data-category (e.g. "late")
  std::string label;     // what the reader sees beside the bar
  std::string color;     // CSS colour of the bar
  size_t count = 0;      // written as the bar's length, as data-count and as text
};

// One <rect class="bar" data-category=… data-count=…> per bar, in order, each followed by its
// label and count as <text>; lengths are proportional to the largest count. `caption` becomes the
// SVG's <title> (its accessible name).
std::string bar_chart_svg(const std::vector<ChartBar>& bars, std::string_view caption);

using YearSeries = std::vector<std::pair<int, std::optional<double>>>;

// The calendar years a sparkline's x axis spans; the page gives every body the same span, so the
// sparklines line up year under year. Widened to the series' own years when they fall outside.
struct YearSpan {
  int first = 0, last = 0;
};

// A small line over the years of `span` (x by calendar year, y from 0 to the largest value):
// consecutive years with values are joined, a null or a year without a value leaves a gap (a
// null year is marked by a tick on the baseline), every value is a dot. The <title> tooltip lists
// every year's value ("—" for null), prefixed by `subject`. "" when the series is empty.
std::string sparkline_svg(const YearSeries& series, std::string_view subject,
                          std::optional<YearSpan> span = std::nullopt);

// "2019: 120; 2020: —; 2021: 98", the text of the sparkline's tooltip.
std::string series_text(const YearSeries& series);

}  // namespace nianbao::cli
