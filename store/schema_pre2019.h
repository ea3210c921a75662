// The SQL of migration 7: the pre-2019 → 2019+ key map of spec §9.4 (pre2019_key_map) and the views
// that put pre-2019 report years beside the 2019+ panel with a mapping_quality.
#pragma once

namespace nianbao::store {

extern const char* const kPre2019MappingSql;  // migration 7

}  // namespace nianbao::store
