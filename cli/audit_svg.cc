// Inline SVG for the audit page: geometry in user units, every text escaped, colours as
// attributes so the charts print the same without the page's stylesheet.
#include "cli/audit_svg.h"

#include <algorithm>
#include <cstdio>

#include "cli/html_escape.h"
#include "common/number_text.h"

namespace nianbao::cli {
namespace {

// Bar chart geometry: a label column, the bars, then room for the count.
constexpr double chart_width = 640;
constexpr double label_width = 190;
constexpr double bar_area_width = 380;
constexpr double row_height = 34;
constexpr double bar_height = 22;

// Sparkline geometry.
constexpr double spark_width = 150;
constexpr double spark_height = 34;
constexpr double spark_padding = 4;

std::string coordinate(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

std::string bar_row(const ChartBar& bar, size_t index, size_t largest) {
  double top = static_cast<double>(index) * row_height + (row_height - bar_height) / 2;
  double length = largest == 0 ? 0 : bar_area_width * static_cast<double>(bar.count) / static_cast<double>(largest);
  std::string baseline = coordinate(top + bar_height / 2 + 5);
  std::string count = std::to_string(bar.count);
  std::string category = html_escape(bar.category);
  std::string row = "<g class=\"bar-row\">";
  row += "<text class=\"bar-label\" x=\"" + coordinate(label_width - 10) + "\" y=\"" + baseline +
         "\" text-anchor=\"end\">" + html_escape(bar.label) + "</text>";
  row += "<rect class=\"bar\" data-category=\"" + category + "\" data-count=\"" + count + "\" x=\"" +
         coordinate(label_width) + "\" y=\"" + coordinate(top) + "\" width=\"" + coordinate(length) + "\" height=\"" +
         coordinate(bar_height) + "\" fill=\"" + html_escape(bar.color) + "\"><title>" + html_escape(bar.label) + ": " +
         count + "</title></rect>";
  row += "<text class=\"bar-count\" data-category=\"" + category + "\" x=\"" + coordinate(label_width + length + 8) +
         "\" y=\"" + baseline + "\">" + count + "</text>";
  return row + "</g>";
}

struct SparkScale {
  int first_year = 0, last_year = 0;
  double largest = 0;

  double x(int year) const {
    if (first_year == last_year) return spark_width / 2;
    double share = static_cast<double>(year - first_year) / static_cast<double>(last_year - first_year);
    return spark_padding + share * (spark_width - 2 * spark_padding);
  }
  double y(double value) const {
    double share = largest > 0 ? value / largest : 0;
    return spark_height - spark_padding - share * (spark_height - 2 * spark_padding);
  }
};

SparkScale scale_of(const YearSeries& series, std::optional<YearSpan> span) {
  SparkScale scale;
  scale.first_year = span ? span->first : series.front().first;
  scale.last_year = span ? span->last : series.front().first;
  for (const auto& [year, value] : series) {
    scale.first_year = std::min(scale.first_year, year);
    scale.last_year = std::max(scale.last_year, year);
    if (value) scale.largest = std::max(scale.largest, *value);
  }
  return scale;
}

// "M x y L x y …", a new "M" after every gap (a null, or a year missing from the series).
std::string line_path(const YearSeries& series, const SparkScale& scale) {
  std::string path;
  int previous_year = 0;  // 0: no point before this one (years are positive); not an optional,
                          // which g++ 12 at -Os wrongly calls maybe-uninitialized
  for (const auto& [year, value] : series) {
    if (!value) {
      previous_year = 0;
      continue;
    }
    bool joined = previous_year != 0 && previous_year + 1 == year;
    if (!path.empty()) path += ' ';
    path += joined ? 'L' : 'M';
    path += coordinate(scale.x(year));
    path += ' ';
    path += coordinate(scale.y(*value));
    previous_year = year;
  }
  return path;
}

std::string marks(const YearSeries& series, const SparkScale& scale) {
  std::string shapes;
  for (size_t i = 0; i < series.size(); ++i) {
    const auto& [year, value] = series[i];
    std::string x = coordinate(scale.x(year));
    if (value) {
      std::string radius = i + 1 == series.size() ? "2.6" : "1.8";
      shapes += "<circle class=\"point\" data-year=\"" + std::to_string(year) + "\" cx=\"" + x + "\" cy=\"" +
                coordinate(scale.y(*value)) + "\" r=\"" + radius + "\" fill=\"#1f4e79\"/>";
    } else {
      shapes += "<line class=\"gap\" data-year=\"" + std::to_string(year) + "\" x1=\"" + x + "\" x2=\"" + x +
                "\" y1=\"" + coordinate(spark_height - spark_padding - 5) + "\" y2=\"" +
                coordinate(spark_height - spark_padding + 2) + "\" stroke=\"#b0b0b0\" stroke-width=\"1.5\"/>";
    }
  }
  return shapes;
}

}  // namespace

std::string bar_chart_svg(const std::vector<ChartBar>& bars, std::string_view caption) {
  size_t largest = 0;
  for (const ChartBar& bar : bars) largest = std::max(largest, bar.count);
  double height = static_cast<double>(bars.size()) * row_height;
  std::string svg = "<svg class=\"bar-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " +
                    coordinate(chart_width) + " " + coordinate(height) + "\" width=\"" + coordinate(chart_width) +
                    "\" height=\"" + coordinate(height) + "\"><title>" + html_escape(caption) + "</title>";
  for (size_t i = 0; i < bars.size(); ++i) svg += bar_row(bars[i], i, largest);
  return svg + "</svg>";
}

std::string series_text(const YearSeries& series) {
  std::string text;
  for (const auto& [year, value] : series) {
    if (!text.empty()) text += "; ";
    text += std::to_string(year) + ": " + (value ? number_text(*value) : std::string("—"));
  }
  return text;
}

std::string sparkline_svg(const YearSeries& series, std::string_view subject, std::optional<YearSpan> span) {
  if (series.empty()) return "";
  SparkScale scale = scale_of(series, span);
  std::string tooltip = std::string(subject) + " — " + series_text(series);
  std::string svg = "<svg class=\"sparkline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " +
                    coordinate(spark_width) + " " + coordinate(spark_height) + "\" width=\"" + coordinate(spark_width) +
                    "\" height=\"" + coordinate(spark_height) + "\"><title>" + html_escape(tooltip) + "</title>";
  svg += "<line class=\"baseline\" x1=\"0\" x2=\"" + coordinate(spark_width) + "\" y1=\"" +
         coordinate(spark_height - spark_padding) + "\" y2=\"" + coordinate(spark_height - spark_padding) +
         "\" stroke=\"#e0e0e0\" stroke-width=\"1\"/>";
  std::string path = line_path(series, scale);
  if (!path.empty()) {
    svg += "<path class=\"line\" d=\"" + path + "\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"1.5\"/>";
  }
  return svg + marks(series, scale) + "</svg>";
}

}  // namespace nianbao::cli
