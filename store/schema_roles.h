// The SQL of migration 6: what each document is (its role) and what it says of itself (title,
// publication date and where that date was read), for the audit and for reports' dates.
#pragma once

namespace nianbao::store {

extern const char* const kDocumentRolesSql;  // migration 6

}  // namespace nianbao::store
