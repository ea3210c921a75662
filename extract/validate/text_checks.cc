// Text checks of spec §10: counts the prose quotes (收到申请 X 件, 办结 Y 件, 上年结转, 结转下年度,
// 行政复议 / 行政诉讼 Z 件) against the table cells, and the 表二 plausibility checks T2-6, T2-7.
#include "extract/validate/text_checks.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <regex>
#include <set>
#include <tuple>

#include "extract/validate/finding_rules.h"
#include "extract/validate/prose_numbers.h"

namespace nianbao {
namespace {

constexpr double kTolerance = 1e-6;
constexpr double kFeeMagnitudeLimit = 1e5;  // 万元: ten hundred million yuan

// One way a quoted count can be read against the table: the sum of these cells.
using Reading = std::vector<std::string>;

// A kind of count the prose quotes: the pattern that finds it (group 1 is the count) and the
// readings of the table it may mean; the first reading is the table's own cell.
struct ProseClaim {
  const char* rule;
  const char* table;
  std::regex pattern;
  std::vector<Reading> readings;
  bool must_name_application;         // the match itself says 申请
  std::vector<const char*> anchors;  // a sentence without any of these cannot match (cheap test first)
};

std::regex claim_pattern(const std::string& before) {
  return std::regex(before + "\\s*" + count_pattern() + "\\s*件(?:申请)?");
}

const std::vector<ProseClaim>& prose_claims() {
  static const std::vector<ProseClaim> claims = [] {
    const std::string kind = "(?:了)?(?:各类)?(?:政府信息公开|依申请公开)?(?:的)?(?:申请)?(?:共计|合计|共)?";
    std::vector<ProseClaim> list;
    list.push_back({kProseApplicationsRule, "表三", claim_pattern("(?:收到|受理|新收)" + kind),
                    {{"t3.new_received.total"}, {"t3.new_received.total", "t3.carried_over.total"}}, true,
                    {"收到", "受理", "新收"}});
    list.push_back({kProseApplicationsRule, "表三",
                    claim_pattern("(?:(?:共|已|均)(?:办结|办理|答复)|办结|办理)" + kind),
                    {{"t3.result.total.total"}}, false, {"办结", "办理", "答复"}});
    list.push_back({kProseApplicationsRule, "表三",
                    claim_pattern("上(?:一)?年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?(?:共计|共)?"),
                    {{"t3.carried_over.total"}}, false, {"结转"}});
    list.push_back({kProseApplicationsRule, "表三",
                    claim_pattern("结转(?:至|到)?(?:下(?:一)?年(?:度)?|[0-9]{4}年(?:度)?)(?:继续办理)?(?:的)?(?:申请)?"
                                  "(?:共计|共)?"),
                    {{"t3.carry_forward.total"}}, false, {"结转"}});
    const std::string dispute = "(?:案件|申请|案)?(?:数量|数)?(?:为|共计|共)?";
    list.push_back(
        {kProseDisputesRule, "表四", claim_pattern("(?:行政)?复议" + dispute), {{"t4.review.total"}}, false, {"复议"}});
    list.push_back({kProseDisputesRule, "表四", claim_pattern("(?:行政)?诉讼" + dispute),
                    {{"t4.suit_direct.total", "t4.suit_after_review.total"}}, false, {"诉讼"}});
    return list;
  }();
  return claims;
}

template <typename Words>
bool contains_any(const std::string& text, const Words& words) {
  for (const char* word : words) {
    if (text.find(word) != std::string::npos) return true;
  }
  return false;
}

bool contains_any(const std::string& text, std::initializer_list<const char*> words) {
  return contains_any<std::initializer_list<const char*>>(text, words);
}

// A sentence about another year, a comparison or a running total quotes no count of this report.
bool speaks_of_other_counts(const std::string& sentence, const std::optional<int>& report_year) {
  if (contains_any(sentence, {"同比", "较上年", "比上年", "去年", "累计", "历年"})) return true;
  if (!report_year) return false;
  static const std::regex year_pattern("((?:19|20)[0-9]{2})年");
  for (auto it = std::sregex_iterator(sentence.begin(), sentence.end(), year_pattern); it != std::sregex_iterator();
       ++it) {
    int year = std::stoi((*it)[1].str());
    if (year != *report_year && year != *report_year + 1) return true;
  }
  return false;
}

bool is_about_claim(const ProseClaim& claim, const std::string& sentence) {
  if (claim.rule == std::string(kProseDisputesRule)) return sentence.find("信息公开") != std::string::npos;
  return sentence.find("申请") != std::string::npos &&
         !contains_any(sentence, {"投诉", "咨询", "诉求", "热线", "12345", "建议", "提案", "信访", "留言"});
}

bool ends_at(const std::string& text, size_t at, std::string_view word) {
  return at >= word.size() && text.compare(at - word.size(), word.size(), word) == 0;
}

// A count shared by a list of kinds ("行政复议、行政诉讼案件 3 件" is not 3 suits), or qualified as
// another year's (上年收到), still open (继续办理 1 件) or refused (不予受理). A list of counted items
// ("复议案件2件、诉讼案件7件") is read item by item.
bool follows_list_or_qualifier(const std::string& sentence, size_t at) {
  for (const char* qualifier : {"上年", "去年", "继续", "正在", "尚未", "不予", "待"}) {
    if (ends_at(sentence, at, qualifier)) return true;
  }
  for (const char* connector : {"、", "和", "及", "与"}) {
    std::string_view word(connector);
    if (ends_at(sentence, at, word) && !ends_at(sentence, at - word.size(), "件")) return true;
  }
  return false;
}

// The stated sum of a reading's cells; nullopt when one of them is absent or blank.
std::optional<double> reading_value(const RuleRunner& rules, const Reading& reading) {
  double total = 0;
  for (const std::string& key : reading) {
    auto value = rules.stated(key);
    if (!value) return std::nullopt;
    total += *value;
  }
  return total;
}

std::string join_keys(const Reading& reading) {
  std::string text;
  for (const std::string& key : reading) text += (text.empty() ? "" : " + ") + key;
  return text;
}

std::vector<std::string> cells_of(const ProseClaim& claim) {
  std::vector<std::string> cells;
  for (const Reading& reading : claim.readings) {
    for (const std::string& key : reading) {
      if (std::find(cells.begin(), cells.end(), key) == cells.end()) cells.push_back(key);
    }
  }
  return cells;
}

// One run of the prose checks: remembers the facts already reported so each is reported once.
class ProseRun {
 public:
  ProseRun(const Report& report, RuleRunner& rules) : report_(report), rules_(rules) {}

  void check_sentence(const std::string& sentence) {
    if (sentence.find("件") == std::string::npos) return;  // every claim counts 件
    bool year_checked = false;
    for (const ProseClaim& claim : prose_claims()) {
      if (!contains_any(sentence, claim.anchors) || !is_about_claim(claim, sentence)) continue;
      if (!year_checked && speaks_of_other_counts(sentence, report_.report_year)) return;
      year_checked = true;
      for (auto it = std::sregex_iterator(sentence.begin(), sentence.end(), claim.pattern);
           it != std::sregex_iterator(); ++it) {
        const std::smatch& match = *it;
        if (claim.must_name_application && match.str().find("申请") == std::string::npos) continue;
        if (follows_list_or_qualifier(sentence, static_cast<size_t>(match.position(0)))) continue;
        auto quoted = parse_count(match[1].str());
        if (quoted) compare(claim, static_cast<double>(*quoted), match.str(), sentence);
      }
    }
  }

 private:
  void compare(const ProseClaim& claim, double quoted, const std::string& phrase, const std::string& sentence) {
    auto own = reading_value(rules_, claim.readings.front());
    if (!own) return rules_.tally(claim.rule, std::nullopt);
    std::vector<std::string> alternatives;
    bool agrees = false;
    for (const Reading& reading : claim.readings) {
      auto value = reading_value(rules_, reading);
      if (!value) continue;
      agrees |= std::fabs(*value - quoted) < kTolerance;
      if (&reading != &claim.readings.front() && std::fabs(*value - *own) >= kTolerance) {
        alternatives.push_back(join_keys(reading) + " = " + RuleRunner::format_number(*value));
      }
    }
    rules_.tally(claim.rule, agrees);
    if (agrees) return;
    auto fact = std::make_tuple(std::string(claim.rule), claim.readings.front(), quoted);
    if (!reported_.insert(fact).second) return;
    std::string message = "the prose says '" + phrase + "' but " + claim.table + " " +
                          join_keys(claim.readings.front()) + " = " + RuleRunner::format_number(*own);
    for (const std::string& alternative : alternatives) message += " (and " + alternative + ")";
    message += ", in: \"" + quote(sentence) + "\"";
    rules_.fail(claim.rule, Severity::warning, message, cells_of(claim), *own, quoted);
  }

  const Report& report_;
  RuleRunner& rules_;
  std::set<std::tuple<std::string, Reading, double>> reported_;
};

void check_prose(const Report& report, RuleRunner& rules) {
  ProseRun run(report, rules);
  for (const std::string& sentence : prose_sentences(report.text)) run.check_sentence(sentence);
}

// "淮安市洪泽区" for 淮安市洪泽区人民政府 and for its 办公室 (which reports the government's 规章);
// empty for a body that is not a government or its office.
std::string region_of_government(const std::string& agency) {
  size_t at = agency.find("人民政府");
  return at == std::string::npos ? "" : agency.substr(0, at);
}

bool ends_with_any(const std::string& text, std::initializer_list<const char*> endings) {
  for (const char* ending : endings) {
    if (text.ends_with(ending)) return true;
  }
  return false;
}

// The 规章 cells that say the body made 规章: all three of 2021 (制发, 废止, 现行有效); of 2019 only
// 本年新制作 — its 公开 counts may be 规章 of higher bodies the portal republishes.
bool says_regulations_were_made(const Report& report, const std::string& key) {
  if (key.rfind("t2.regulation.", 0) != 0) return false;
  return report.format == Format::f2021 || key == "t2.regulation.new_made";
}

void check_regulation_power(const Report& report, RuleRunner& rules) {
  std::vector<std::string> positive;
  bool any_stated = false;
  for (const auto& [key, cell] : report.cells) {
    if (!says_regulations_were_made(report, key) || !cell.value) continue;
    any_stated = true;
    if (cell.value->value > 0) positive.push_back(key);
  }
  if (!any_stated || report.agency.empty()) return rules.tally(kRegulationPowerRule, std::nullopt);
  bool plausible = positive.empty() || may_make_regulations(report.agency);
  rules.tally(kRegulationPowerRule, plausible);
  if (plausible) return;
  std::string counts;
  for (const std::string& key : positive) {
    counts += (counts.empty() ? "" : ", ") + key + " = " + RuleRunner::format_number(*rules.stated(key));
  }
  rules.fail(kRegulationPowerRule, Severity::info,
             "表二 规章 counts " + counts + ", but " + report.agency +
                 " is not a body with the power to make 规章 (provincial and 设区的市 governments, State Council "
                 "departments)",
             positive, std::nullopt, std::nullopt);
}

void check_fee_magnitude(const Report& report, RuleRunner& rules) {
  if (report.format != Format::f2021) return;
  auto fee = rules.stated("t2.fee.amount_wan");
  if (!fee) return rules.tally(kFeeMagnitudeRule, std::nullopt);
  bool plausible = *fee <= kFeeMagnitudeLimit || is_provincial_government(report.agency);
  rules.tally(kFeeMagnitudeRule, plausible);
  if (plausible) return;
  rules.fail(kFeeMagnitudeRule, Severity::info,
             "表二 t2.fee.amount_wan = " + RuleRunner::format_number(*fee) +
                 " 万元 is implausibly large for " + (report.agency.empty() ? "this body" : report.agency) +
                 ": probably an amount in 元 typed into the 万元 column",
             {"t2.fee.amount_wan"}, kFeeMagnitudeLimit, *fee);
}

}  // namespace

bool is_provincial_government(const std::string& agency) {
  std::string region = region_of_government(agency);
  if (region.empty() || !agency.ends_with("人民政府")) return false;
  if (region == "北京市" || region == "天津市" || region == "上海市" || region == "重庆市") return true;
  return ends_with_any(region, {"省", "自治区"});
}

// Only what the name settles counts against a body: a government below 设区的市 level (县, 区, 旗,
// 乡, 镇, 街道) or a department of a local government has no rule-making power; anything else may.
bool may_make_regulations(const std::string& agency) {
  std::string region = region_of_government(agency);
  if (!region.empty()) return !ends_with_any(region, {"县", "区", "旗", "乡", "镇", "街道", "街道办事处"});
  if (agency.starts_with("国家") || agency.starts_with("国务院") || agency.starts_with("中华人民共和国")) return true;
  return !contains_any(agency, {"省", "市", "县", "区", "州", "盟", "旗"});
}

void check_text(const Report& report, RuleRunner& rules) {
  check_prose(report, rules);
  check_regulation_power(report, rules);
  check_fee_magnitude(report, rules);
}

}  // namespace nianbao
