// Building the audit's JSON document from an AuditResult: plain fields, whole numbers as JSON
// integers, absent values as null.
#include "cli/audit_json.h"

#include <cmath>

#include "cli/audit_tally.h"

namespace nianbao::cli {
namespace {

using Json = nlohmann::ordered_json;

Json number_json(const std::optional<double>& value) {
  if (!value) return nullptr;
  if (std::nearbyint(*value) == *value && std::fabs(*value) < 1e15) return static_cast<int64_t>(*value);
  return *value;
}

Json text_or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json tally_row_json(const AuditTallyRow& row) {
  Json timeliness = Json::object();
  for (const auto& [state, count] : row.by_timeliness) timeliness[store::to_string(state)] = count;
  Json flags = Json::object();
  for (const auto& [kind, count] : row.flags_by_kind) flags[store::to_string(kind)] = count;
  return {{"region_code", row.region_code}, {"level", row.level}, {"bodies", row.bodies},
          {"timeliness", timeliness}, {"flags", flags}};
}

Json summary_json(const store::AuditResult& audit) {
  AuditTally tally = tally_audit(audit);
  Json groups = Json::array();
  for (const AuditTallyRow& row : tally.groups) groups.push_back(tally_row_json(row));
  Json total = tally_row_json(tally.total);
  total.erase("region_code");
  total.erase("level");
  return {{"groups", groups}, {"total", total}};
}

Json body_json(const store::AuditedBody& body) {
  Json requests = Json::array();
  for (const auto& [year, value] : body.requests_by_year) requests.push_back({{"year", year}, {"value", number_json(value)}});
  return {{"agency_id", body.agency_id},
          {"agency", body.agency},
          {"region_code", body.region_code},
          {"level", body.level},
          {"timeliness", store::to_string(body.timeliness)},
          {"report_id", body.report_id ? Json(*body.report_id) : Json(nullptr)},
          {"source_url", text_or_null(body.source_url)},
          {"published", body.published ? Json(*body.published) : Json(nullptr)},
          {"published_source", text_or_null(body.published_source)},
          {"deadline", text_or_null(body.deadline)},
          {"requests_by_year", requests}};
}

Json flag_json(const store::AuditFlag& flag, const StoredSourceHref& stored_source_href) {
  std::string stored = stored_source_href ? stored_source_href(flag) : std::string();
  return {{"agency_id", flag.agency_id},
          {"agency", flag.agency},
          {"region_code", flag.region_code},
          {"level", flag.level},
          {"report_year", flag.report_year},
          {"flag", store::to_string(flag.flag)},
          {"evidence", flag.evidence},
          {"source_url", flag.source_url},
          {"report_id", flag.report_id ? Json(*flag.report_id) : Json(nullptr)},
          {"source_sha256", text_or_null(flag.source_sha256)},
          {"stored_source", text_or_null(stored)}};
}

}  // namespace

Json audit_json(const store::AuditResult& audit, const StoredSourceHref& stored_source_href) {
  Json bodies = Json::array();
  for (const store::AuditedBody& body : audit.bodies) bodies.push_back(body_json(body));
  Json flags = Json::array();
  for (const store::AuditFlag& flag : audit.flags) flags.push_back(flag_json(flag, stored_source_href));
  Json query = {{"report_year", audit.query.report_year}, {"region", text_or_null(audit.query.region_prefix)}};
  return {{"query", query}, {"summary", summary_json(audit)}, {"bodies", bodies}, {"flags", flags}};
}

}  // namespace nianbao::cli
