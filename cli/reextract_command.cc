// `nianbao reextract --db D [--all]`: reads stored documents again with this extractor (on `-j` workers)
// and replaces their reports in place (same ids), keeping corrections, seeds and agency links. Idempotent.
#include <functional>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/progress_line.h"
#include "common/ordered_pool.h"
#include "store/database.h"

namespace nianbao::cli {
namespace {

constexpr int kDocumentsPerBatch = 200;

struct ReextractOptions {
  std::string database;
  bool all = false;
  unsigned jobs = 0;  // documents extracted at once; 0: one per core
};

struct ReextractTally {
  int documents = 0, reports = 0, failed = 0;
};

// Crawled bytes keep the charset their server declared; files were decoded without a hint.
std::string charset_hint(const store::StoredDocument& document) {
  bool crawled = document.origin.rfind("http://", 0) == 0 || document.origin.rfind("https://", 0) == 0;
  return crawled ? document.charset : "";
}

// The work for a worker: extract the bytes read (on this thread) from the store. Missing bytes
// fail this document only.
std::function<Extraction()> extraction_task(store::Database& db, const store::StoredDocument& document) {
  std::optional<std::string> bytes = db.document_bytes(document.document_id);
  if (!bytes) {
    std::string message = db.path() + ": document " + document.sha256 + " has no bytes";
    return [message]() -> Extraction { throw store::StoreError(message); };
  }
  return [bytes = std::move(*bytes), &document] {
    return extract_document({bytes, document.origin, charset_hint(document)});
  };
}

// Documents are extracted on the pool; this thread alone reads their bytes and writes the new
// reports, in the listing's order, inside batches.
void reextract_all(store::Database& db, const std::vector<store::StoredDocument>& documents, unsigned jobs,
                   ReextractTally& tally) {
  ProgressLine progress("reextract", "documents");
  unsigned workers = pool_workers(jobs);
  auto make_task = [&](size_t index) { return extraction_task(db, documents[index]); };
  auto consume = [&](size_t index, PoolOutcome<Extraction>&& outcome) {
    const store::StoredDocument& document = documents[index];
    try {
      if (!outcome.value) std::rethrow_exception(outcome.error);
      tally.reports += db.replace_extraction(document.document_id, *outcome.value);
      ++tally.documents;
    } catch (const std::exception& error) {
      progress.finish();
      std::cerr << "nianbao reextract: " << document.origin << ": " << error.what() << "\n";
      ++tally.failed;
    }
    if ((index + 1) % kDocumentsPerBatch == 0) {
      db.commit_batch();
      db.begin_batch();
    }
    progress.update(index + 1, documents.size());
  };
  db.begin_batch();
  ordered_map<Extraction>(documents.size(), workers, 2 * size_t{workers}, make_task, consume);
  progress.finish();
  db.commit_batch();
}

int run_reextract(const ReextractOptions& options) {
  try {
    store::Database db(options.database, store::OpenMode::existing);
    std::vector<store::StoredDocument> documents = db.documents_to_reextract(options.all);
    ReextractTally tally;
    reextract_all(db, documents, options.jobs, tally);
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
  command->add_option("--db", options->database, "SQLite file or postgresql:// URI")->required();
  command->add_flag("--all", options->all, "re-read every extracted document, whatever its extractor version");
  command->add_option("-j,--jobs", options->jobs, "documents extracted at once (default: one per core); one thread writes")
      ->check(CLI::NonNegativeNumber);
  command->footer("Corrections, seeds and agency links are kept. Exit status: 0 ok; 2 a document failed or usage.");
  command->callback([options, &exit_code] { exit_code = run_reextract(*options); });
}

}  // namespace nianbao::cli
