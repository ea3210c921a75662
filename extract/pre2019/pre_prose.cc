// Prose statistics: an anchor phrase (a label as prose writes it), a few linking characters
// (数 为 达 共 :), a number in digits or Chinese numerals, and a unit that must follow. Negations
// are read clause by clause (clauses end at 。 , ;). The earliest statement of a key wins.
#include "extract/pre2019/pre_prose.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "extract/pre2019/chinese_numerals.h"

namespace nianbao {
namespace {

struct ProseAnchor {
  std::string_view anchor;
  std::string_view key;
  bool money = false;  // units 元/万元 instead of counts
};

constexpr std::array<ProseAnchor, 21> kAnchors{{
    {"主动公开政府信息", "pre.active.items"},
    {"当面申请数", "pre.req.by_channel.in_person"},
    {"当面申请", "pre.req.by_channel.in_person"},
    {"传真申请", "pre.req.by_channel.fax"},
    {"电子邮件申请", "pre.req.by_channel.email"},
    {"网上申请", "pre.req.by_channel.online"},
    {"信函申请", "pre.req.by_channel.letter"},
    {"政府信息公开的申请", "pre.req.received"},
    {"政府信息公开申请", "pre.req.received"},
    {"答复总数", "pre.req.answered"},
    {"同意公开答复数", "pre.req.granted"},
    {"同意部分公开答复数", "pre.req.partial"},
    {"不予公开答复数", "pre.req.denied"},
    {"否决公开答复数", "pre.req.denied"},
    {"行政复议", "pre.review.total"},
    {"行政诉讼", "pre.suit.total"},
    {"兼职人员", "pre.staff.part_time"},
    {"全职人员", "pre.staff.full_time"},
    {"专职人员", "pre.staff.full_time"},
    {"专项经费", "pre.budget", true},
    {"政府信息公开费用", "pre.budget", true},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

size_t skip_links(std::string_view text, size_t at) {
  for (bool moved = true; moved;) {
    moved = false;
    for (std::string_view link : {std::string_view(" "), std::string_view("数"), std::string_view("为"),
                                  std::string_view("达"), std::string_view("共"), std::string_view(":")}) {
      if (text.substr(at, link.size()) == link) {
        at += link.size();
        moved = true;
      }
    }
  }
  return at;
}

// A number at `at` (digits, or a Chinese numeral run); `end` receives where it stops.
std::optional<int64_t> read_number(std::string_view text, size_t at, size_t& end) {
  end = at;
  while (end < text.size() && is_digit(text[end]) && end - at < 15) ++end;
  if (end > at) return std::stoll(std::string(text.substr(at, end - at)));
  size_t length = 0;
  while (end < text.size() && starts_with_chinese_digit(text.substr(end), length)) end += length;
  if (end == at) return std::nullopt;
  return parse_chinese_numeral(text.substr(at, end - at));
}

// The unit after a number, with the factor that brings it to the key's unit (0: not a unit).
int64_t unit_factor(std::string_view text, size_t at, bool money, size_t& end) {
  static constexpr std::array<std::string_view, 5> kCountUnits{"条", "件", "人", "名", "份"};
  if (money) {
    if (text.substr(at, 6) == "万元") return end = at + 6, 10000;
    if (text.substr(at, 3) == "元") return end = at + 3, 1;
    return 0;
  }
  for (std::string_view unit : kCountUnits) {
    if (text.substr(at, unit.size()) == unit) return end = at + unit.size(), 1;
  }
  return 0;
}

void keep_earliest(std::map<std::string, ProseFigure>& figures, std::string_view key, const ProseFigure& figure) {
  auto found = figures.find(std::string(key));
  if (found == figures.end() || figure.offset < found->second.offset) figures[std::string(key)] = figure;
}

// True when the clause before `at` says the figure is cumulative (累计, 历年, 截至 a date), which
// is never the report year's statistic.
bool cumulative_clause(std::string_view text, size_t at) {
  size_t clause_start = 0;
  for (std::string_view stop : {std::string_view("。"), std::string_view(","), std::string_view(";")}) {
    size_t found = text.rfind(stop, at);
    if (found != std::string_view::npos && found + stop.size() > clause_start) clause_start = found + stop.size();
  }
  std::string_view before = text.substr(clause_start, at - clause_start);
  for (std::string_view word : {std::string_view("累计"), std::string_view("历年"), std::string_view("截至")}) {
    if (before.find(word) != std::string_view::npos) return true;
  }
  return false;
}

void read_anchor(std::string_view text, const ProseAnchor& anchor, std::map<std::string, ProseFigure>& figures) {
  for (size_t at = text.find(anchor.anchor); at != std::string_view::npos; at = text.find(anchor.anchor, at + 1)) {
    if (cumulative_clause(text, at)) continue;
    size_t number_at = skip_links(text, at + anchor.anchor.size());
    size_t number_end = 0, unit_end = 0;
    std::optional<int64_t> number = read_number(text, number_at, number_end);
    if (!number) continue;
    int64_t factor = unit_factor(text, number_end, anchor.money, unit_end);
    if (factor == 0) continue;
    ProseFigure figure{*number * factor, number_at, std::string(text.substr(number_at, unit_end - number_at)), false,
                       factor != 1};
    keep_earliest(figures, anchor.key, figure);
    return;
  }
}

std::string trimmed(std::string_view clause) {
  size_t first = clause.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  return std::string(clause.substr(first, clause.find_last_not_of(" \t\r\n") - first + 1));
}

bool has(std::string_view clause, std::string_view word) { return clause.find(word) != std::string_view::npos; }

// The negations a clause states, each as the key it sets to 0 and the phrase that says so.
std::vector<std::pair<std::string_view, std::string_view>> negations(std::string_view clause) {
  std::vector<std::pair<std::string_view, std::string_view>> found;
  bool not_received = has(clause, "未收到") || has(clause, "没有收到");
  std::string_view phrase = has(clause, "未收到") ? "未收到" : "没有收到";
  if (not_received && has(clause, "申请") && !has(clause, "复议") && !has(clause, "诉讼")) {
    found.emplace_back("pre.req.received", phrase);
  }
  if (not_received && has(clause, "复议")) found.emplace_back("pre.review.total", phrase);
  if (not_received && has(clause, "行政诉讼")) found.emplace_back("pre.suit.total", phrase);
  for (std::string_view free : {std::string_view("暂不收费"), std::string_view("未收取任何费用"),
                                std::string_view("未收取费用"), std::string_view("没有收取费用")}) {
    if (has(clause, free)) {
      found.emplace_back("pre.fees.collected", free);
      break;
    }
  }
  if (has(clause, "无不予公开")) found.emplace_back("pre.req.denied", "无不予公开");
  if (has(clause, "不存在") && has(clause, "答复")) found.emplace_back("pre.req.answered", "不存在");
  if (has(clause, "没有") && (has(clause, "全职人员") || has(clause, "专职人员"))) {
    found.emplace_back("pre.staff.full_time", "没有");
  }
  return found;
}

void read_negations(std::string_view text, std::map<std::string, ProseFigure>& figures) {
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.size();
    for (std::string_view stop : {std::string_view("。"), std::string_view(","), std::string_view(";")}) {
      size_t at = text.find(stop, begin);
      if (at != std::string_view::npos && at < end) end = at;
    }
    std::string_view clause = text.substr(begin, end - begin);
    for (const auto& [key, phrase] : negations(clause)) {
      size_t phrase_at = begin + clause.find(phrase);
      keep_earliest(figures, key, ProseFigure{0, phrase_at, trimmed(clause), true, false});
    }
    begin = end + (end < text.size() && text[end] != ',' && text[end] != ';' ? 3 : 1);
  }
}

}  // namespace

std::map<std::string, ProseFigure> read_pre_prose(std::string_view text, size_t end) {
  std::string_view prose = text.substr(0, std::min(end, text.size()));
  std::map<std::string, ProseFigure> figures;
  for (const ProseAnchor& anchor : kAnchors) read_anchor(prose, anchor, figures);
  read_negations(prose, figures);
  return figures;
}

}  // namespace nianbao
