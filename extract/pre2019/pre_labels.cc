// The statistics table's labels as the 平潭 2011–2018 reports and spec §9.3 print them. Rows with
// no §9.3 key (其他类型答复数, 接受行政诉讼、举报数) are listed so their values are consumed, not
// read as another row's.
#include "extract/pre2019/pre_labels.h"

#include <algorithm>

namespace nianbao {
namespace {

std::vector<PreRowLabel> sorted_longest_first(std::vector<PreRowLabel> labels) {
  std::stable_sort(labels.begin(), labels.end(),
                   [](const PreRowLabel& a, const PreRowLabel& b) { return a.label.size() > b.label.size(); });
  return labels;
}

}  // namespace

const std::vector<PreRowLabel>& pre_row_labels() {
  static const std::vector<PreRowLabel> labels = sorted_longest_first({
      {"主动公开信息数", "pre.active.items", ""},
      {"主动公开文件数", "pre.active.items", ""},
      {"主动公开政府信息数", "pre.active.items", ""},
      {"政府网站公开数", "pre.active.by_channel.website", "pre.active.items"},
      {"网站公开", "pre.active.by_channel.website", "pre.active.items"},
      {"政府公报公开数", "pre.active.by_channel.gazette", "pre.active.items"},
      {"政府公报公开", "pre.active.by_channel.gazette", "pre.active.items"},
      {"主动公开规范性文件数", "pre.active.normative_docs", ""},
      {"受理依申请公开信息总数", "pre.req.received", ""},
      {"受理政府信息依申请公开总数", "pre.req.received", ""},
      {"依申请公开信息总数", "pre.req.received", ""},
      {"当面申请数", "pre.req.by_channel.in_person", "pre.req.received"},
      {"信函、传真申请数", "pre.req.by_channel.letter_fax", "pre.req.received"},
      {"传真申请数", "pre.req.by_channel.fax", "pre.req.received"},
      {"电子邮件申请数", "pre.req.by_channel.email", "pre.req.received"},
      {"网上申请数", "pre.req.by_channel.online", "pre.req.received"},
      {"网络申请数", "pre.req.by_channel.online", "pre.req.received"},
      {"信函申请数", "pre.req.by_channel.letter", "pre.req.received"},
      {"其它形式申请数", "pre.req.by_channel.other", "pre.req.received"},
      {"其他形式申请数", "pre.req.by_channel.other", "pre.req.received"},
      {"对申请的答复总数", "pre.req.answered", ""},
      {"对申请的答复数", "pre.req.answered", ""},
      {"同意部分公开答复数", "pre.req.partial", "pre.req.answered"},
      {"同意公开答复数", "pre.req.granted", "pre.req.answered"},
      {"否决公开答复总数", "pre.req.denied", "pre.req.answered"},
      {"否决公开答复数", "pre.req.denied", "pre.req.answered"},
      {"不同意公开答复数", "pre.req.denied", "pre.req.answered"},
      {"不予公开答复数", "pre.req.denied", "pre.req.answered"},
      {"其他类型答复数", "", "pre.req.answered"},
      {"政府信息公开收费减免金额", "pre.fees.waived", ""},
      {"接受行政诉讼、举报数", "", ""},
      {"行政复议数", "pre.review.total", ""},
      {"行政诉讼数", "pre.suit.total", ""},
      {"行政申诉、举报数", "pre.appeal.total", ""},
      {"行政申诉数", "pre.appeal.total", ""},
      {"举报投诉数", "pre.complaints.total", ""},
  });
  return labels;
}

const PreRowLabel* pre_row_label_at(std::string_view text) {
  for (const PreRowLabel& row : pre_row_labels()) {
    if (text.substr(0, row.label.size()) == row.label) return &row;
  }
  return nullptr;
}

}  // namespace nianbao
