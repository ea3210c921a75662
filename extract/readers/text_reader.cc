// The text reader: the decoded text is normalized (NFKC, simplified, pinyin removed, spaces
// folded) and its pipe-delimited regions become grids.
#include "extract/readers/text_reader.h"

#include "extract/table/pipe_table_reader.h"
#include "extract/text/normalize.h"

namespace nianbao {

ReadDocument read_text_document(const DecodedText& decoded) {
  ReadDocument document;
  document.charset = decoded.charset;
  document.text = normalize_text(decoded.text);
  document.grids = read_pipe_tables(document.text);
  return document;
}

}  // namespace nianbao
