// `nianbao reextract --db D [--all]`: reads stored documents again with this extractor and replaces
// their reports in place (same ids), keeping corrections, seeds and agency links. Idempotent.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "store/database.h"

namespace nianbao::cli {
namespace {

constexpr int kDocumentsPerBatch = 200;

struct ReextractOptions {
  std::string database;
  bool all = false;
};

struct ReextractTally {
  int documents = 0, reports = 0, failed = 0;
};

// Crawled bytes keep the charset their server declared; files were decoded without a hint.
std::string charset_hint(const store::StoredDocument& document) {
  bool crawled = document.origin.rfind("http://", 0) == 0 || document.origin.rfind("https://", 0) == 0;
  return crawled ? document.charset : "";
}

void reextract_one(store::Database& db, const store::StoredDocument& document, ReextractTally& tally) {
  std::optional<std::string> bytes = db.document_bytes(document.document_id);
  if (!bytes) throw store::StoreError(db.path() + ": document " + document.sha256 + " has no bytes");
  Extraction extraction = extract_document({*bytes, document.origin, charset_hint(document)});
  tally.reports += db.replace_extraction(document.document_id, extraction);
  ++tally.documents;
}

int run_reextract(const ReextractOptions& options) {
  try {
    store::Database db(options.database, store::OpenMode::existing);
    std::vector<store::StoredDocument> documents = db.documents_to_reextract(options.all);
    ReextractTally tally;
    db.begin_batch();
    for (size_t index = 0; index < documents.size(); ++index) {
      try {
        reextract_one(db, documents[index], tally);
      } catch (const store::StoreError& error) {
        std::cerr << "nianbao reextract: " << documents[index].origin << ": " << error.what() << "\n";
        ++tally.failed;
      }
      if ((index + 1) % kDocumentsPerBatch == 0) {
        db.commit_batch();
        db.begin_batch();
      }
    }
    db.commit_batch();
    std::cout << "re-extracted " << tally.documents << " of " << documents.size() << " documents with extractor "
              << kExtractorVersion << ", " << tally.reports << " reports written, " << tally.failed << " failed\n";
    return tally.failed > 0 ? 2 : 0;
  } catch (const store::StoreError& error) {
    std::cerr << "nianbao reextract: " << error.what() << "\n";
    return 2;
  }
}

}  // namespace

void add_reextract_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ReextractOptions>();
  CLI::App* command = app.add_subcommand(
      "reextract", "Re-read stored documents made by an older extractor version and replace their reports in place");
  command->add_option("--db", options->database, "SQLite file")->required();
  command->add_flag("--all", options->all, "re-read every extracted document, whatever its extractor version");
  command->footer("Corrections, seeds and agency links are kept. Exit status: 0 ok; 2 a document failed or usage.");
  command->callback([options, &exit_code] { exit_code = run_reextract(*options); });
}

}  // namespace nianbao::cli
