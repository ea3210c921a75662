// `nianbao audit --db D --year Y [--region CODE] [--out DIR] [--json]`: who published the report
// for year Y on time, late, not at all or could not be checked, and every flag with its evidence.
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <regex>
#include <stdexcept>

#include "cli/audit_csv.h"
#include "cli/audit_json.h"
#include "cli/audit_page.h"
#include "cli/audit_sources.h"
#include "cli/audit_tally.h"
#include "cli/command_errors.h"
#include "cli/commands.h"
#include "cli/progress_line.h"
#include "store/audit.h"
#include "store/connection.h"

namespace nianbao::cli {
namespace {

struct AuditOptions {
  std::string database;
  int year = 0;
  std::string region;
  std::string out;
  bool json = false;
};

void check_region(const std::string& region) {
  static const std::regex kRegionPrefix(R"(\d{1,12})");
  if (!region.empty() && !std::regex_match(region, kRegionPrefix)) {
    throw UsageError("--region: expected the digits of a region code or its prefix (e.g. 3501 or 350128), got '" +
                     region + "'");
  }
}

std::string utc_now() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &parts);
  return text;
}

std::string audit_title(const AuditOptions& options) {
  return "政府信息公开工作年度报告 audit, report year " + std::to_string(options.year) +
         (options.region.empty() ? "" : ", region " + options.region);
}

// ---- the output folder ------------------------------------------------------------------------

std::filesystem::path make_out_dir(const std::string& out) {
  std::filesystem::path dir(out);
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error || !std::filesystem::is_directory(dir)) {
    throw OutputError("cannot create the output folder " + out + ": " +
                      (error ? error.message() : std::string("a file of that name exists")));
  }
  return dir;
}

// Written under a temporary name and renamed when complete: never a truncated file under the name.
void write_whole_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
  std::filesystem::path partial = path.string() + ".partial-" + std::to_string(::getpid());
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out) throw OutputError("cannot write " + path.string() + ": " + std::strerror(errno));
    write(out);
    out.close();
    if (!out) {
      std::filesystem::remove(partial);
      throw OutputError("cannot write " + path.string() + ": write failed (disk full?)");
    }
  }
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  if (error) {
    std::filesystem::remove(partial);
    throw OutputError("cannot write " + path.string() + ": " + error.message());
  }
}

struct WrittenFiles {
  std::filesystem::path dir;
  size_t sources = 0;
};

WrittenFiles write_out_dir(const AuditOptions& options, store::Connection& connection,
                           const store::AuditResult& audit, SavedSources& saved) {
  WrittenFiles written{make_out_dir(options.out)};
  try {
    saved = SavedSources::save(connection.handle(), audit.flags, written.dir);
  } catch (const store::StoreError&) {
    throw;
  } catch (const std::exception& error) {
    throw OutputError(error.what());
  }
  written.sources = saved.files_written();
  write_whole_file(written.dir / "flags.csv", [&](std::ostream& out) { write_audit_flags_csv(out, audit.flags); });
  AuditPageOptions page;
  page.title = audit_title(options);
  page.generated = "generated " + utc_now() + " by nianbao audit from " + options.database;
  page.stored_source_href = [&saved](const store::AuditFlag& flag) { return saved.href(flag); };
  std::string html = render_audit_page(audit, page);
  write_whole_file(written.dir / "audit.html", [&](std::ostream& out) { out << html; });
  return written;
}

// ---- stdout ---------------------------------------------------------------------------------

void print_summary(const AuditOptions& options, const store::AuditResult& audit) {
  std::cout << audit_title(options) << " — " << options.database << ": " << audit.bodies.size()
            << (audit.bodies.size() == 1 ? " body, " : " bodies, ") << audit.flags.size()
            << (audit.flags.size() == 1 ? " flag" : " flags") << "\n\n";
  if (audit.bodies.empty() && audit.flags.empty()) {
    std::cout << "no registered body is valid in " << options.year
              << (options.region.empty() ? "" : " under region " + options.region)
              << " (import the registry with `nianbao agencies import`)\n";
    return;
  }
  std::cout << render_audit_tally(tally_audit(audit));
}

void print_written(const WrittenFiles& written, const store::AuditResult& audit) {
  std::cout << "\n"
            << (written.dir / "flags.csv").string() << ": " << audit.flags.size()
            << (audit.flags.size() == 1 ? " flag\n" : " flags\n")
            << (written.dir / "audit.html").string() << "\n"
            << (written.dir / "sources").string() << ": " << written.sources
            << (written.sources == 1 ? " stored source\n" : " stored sources\n");
}

store::AuditResult audit_with_progress(store::Connection& connection, const AuditOptions& options) {
  store::AuditQuery query{options.year, options.region};
  ProgressLine progress("audit " + std::to_string(options.year), "bodies");
  store::AuditResult audit =
      run_audit(connection, query, [&progress](size_t done, size_t total) { progress.update(done, total); });
  progress.finish();
  return audit;
}

int run_audit_command(const AuditOptions& options) {
  try {
    check_region(options.region);
    store::Connection connection(options.database, store::OpenMode::read_only);
    store::AuditResult audit = audit_with_progress(connection, options);
    SavedSources saved;
    std::optional<WrittenFiles> written;
    if (!options.out.empty()) written = write_out_dir(options, connection, audit, saved);
    if (options.json) {
      std::cout << audit_json(audit, [&saved](const store::AuditFlag& flag) { return saved.href(flag); }).dump(2) << "\n";
    } else {
      print_summary(options, audit);
      if (written) {
        print_written(*written, audit);
      } else {
        std::cout << "\n(nothing written: give --out DIR for flags.csv, audit.html and the flagged sources)\n";
      }
    }
    std::cout.flush();
    return std::cout ? 0 : 2;
  } catch (const std::exception& error) {  // UsageError, StoreError, OutputError
    std::cerr << "nianbao audit: " << error.what() << "\n";
  }
  return 2;
}

}  // namespace

void add_audit_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App* command = app.add_subcommand(
      "audit", "Audit a report year: who published on time, late, not at all or could not be checked, and why");
  command->add_option("--db", options->database, "SQLite file or postgresql:// URI (opened read-only)")->required();
  command->add_option("--year", options->year, "the report year to audit (reports published the year after)")
      ->required()
      ->check(CLI::Range(2008, 2100));
  command->add_option("--region", options->region, "only bodies whose region code starts with these digits (3501)");
  command->add_option("--out", options->out,
                      "folder to write flags.csv, audit.html and sources/ (the flagged documents) into; "
                      "created when missing. Without it nothing is written");
  command->add_flag("--json", options->json, "print one JSON document (query, summary, bodies, flags) instead of the table");
  command->footer(
      "Flags: missing, not_checked, late, wrong_format, inconsistent, copy_paste, edited_after_publication.\n"
      "Exit status: 0 the audit ran (flags are findings, not errors); 2 usage, database or output error.");
  command->callback([options, &exit_code] { exit_code = run_audit_command(*options); });
}

}  // namespace nianbao::cli
