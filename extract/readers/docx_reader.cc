// PLACEHOLDER until its owner lands it: the docx reader answers "unsupported".
#include "extract/readers/docx_reader.h"

namespace nianbao {

ReaderResult read_docx_document(std::string_view) {
  return {ExtractStatus::unsupported, "no docx reader yet", {}};
}

}  // namespace nianbao
