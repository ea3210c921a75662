// `nianbao agencies import|list|unmatched`: load the agencies registry from CSV (then relink the
// stored reports), list it, and list the printed agency names it does not resolve.
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/csv_reader.h"
#include "cli/csv_writer.h"
#include "cli/text_table.h"
#include "store/agency_registry.h"
#include "store/connection.h"
#include "store/agency_refresh.h"
#include "store/transaction.h"

namespace nianbao::cli {
namespace {

struct AgenciesOptions {
  std::string database;
  std::string file;
  std::string format = "text";
};

// ---- import: CSV columns → registry rows ----

const std::vector<std::string> kImportedColumns = {"name", "region_code", "level", "parent", "since",
                                                   "until", "aliases", "predecessors"};
// Accepted and not read: the crawl sources' url, and the id and reports columns of `agencies list`.
const std::vector<std::string> kIgnoredColumns = {"url", "id", "reports"};

std::string lower_ascii(std::string text) {
  for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return text;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Column name (agency read as name) → index; CsvError for unknown, repeated or missing columns.
std::map<std::string, size_t> column_indexes(const std::vector<std::string>& header, const std::string& file) {
  std::map<std::string, size_t> columns;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string column = lower_ascii(header[i]);
    if (column == "agency") column = "name";
    if (!contains(kImportedColumns, column) && !contains(kIgnoredColumns, column))
      throw CsvError(file + ":1: unknown column '" + header[i] +
                     "' (known: agency or name, region_code, level, url, parent, since, until, aliases, predecessors)");
    if (!columns.emplace(column, i).second) throw CsvError(file + ":1: column '" + header[i] + "' appears twice");
  }
  if (!columns.count("name")) throw CsvError(file + ":1: the header has no 'agency' (or 'name') column");
  if (!columns.count("region_code")) throw CsvError(file + ":1: the header has no 'region_code' column");
  return columns;
}

// "a|b| c" → {"a", "b", "c"}: split on '|', trimmed, empty parts dropped.
std::vector<std::string> split_list(const std::string& cell) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t bar = cell.find('|', start);
    std::string part = cell.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    part.erase(0, part.find_first_not_of(" \t"));
    part.erase(part.find_last_not_of(" \t") + 1);
    if (!part.empty()) parts.push_back(part);
    if (bar == std::string::npos) return parts;
    start = bar + 1;
  }
}

std::vector<store::AgencyRow> agency_rows(const CsvTable& table, const std::string& file) {
  std::map<std::string, size_t> columns = column_indexes(table.header, file);
  std::vector<store::AgencyRow> rows;
  for (const CsvRecord& record : table.records) {
    std::string origin = file + ":" + std::to_string(record.line);
    if (record.fields.size() != table.header.size())
      throw CsvError(origin + ": " + std::to_string(record.fields.size()) + " fields, the header has " +
                     std::to_string(table.header.size()));
    auto cell = [&](const std::string& column) {
      auto found = columns.find(column);
      return found == columns.end() ? std::string() : record.fields[found->second];
    };
    rows.push_back({origin, cell("name"), cell("region_code"), cell("level"), cell("parent"), cell("since"),
                    cell("until"), split_list(cell("aliases")), split_list(cell("predecessors"))});
  }
  return rows;
}

std::string plural(int count, const std::string& one, const std::string& many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

int run_import(const AgenciesOptions& options) {
  try {
    std::vector<store::AgencyRow> rows = agency_rows(read_csv_file(options.file), options.file);
    store::Connection connection(options.database, store::OpenMode::create);
    store::Session& db = connection.handle();
    store::Transaction transaction(db, "agencies import of " + options.file);
    store::AgencyImportCounts counts = store::import_agencies(db, rows);
    std::vector<int64_t> changed = store::relink_all_reports(db);
    store::AgencyLinkCounts links = store::agency_link_counts(db);
    transaction.commit();
    std::cout << options.file << ": " << plural(counts.added, "agency", "agencies") << " added, " << counts.updated
              << " updated, " << counts.unchanged << " unchanged; " << plural(counts.aliases_added, "alias", "aliases")
              << " added; " << plural(counts.successions_added, "predecessor link", "predecessor links") << " added\n"
              << "reports: " << links.linked << " linked, " << links.unmatched << " unmatched, " << links.ambiguous
              << " ambiguous; " << plural(static_cast<int>(changed.size()), "agency", "agencies")
              << " with changed reports refreshed\n";
    return 0;
  } catch (const CsvError& error) {
    std::cerr << "nianbao agencies import: " << error.what() << " (nothing imported)\n";
    return 2;
  } catch (const store::StoreError& error) {
    std::cerr << "nianbao agencies import: " << error.what() << " (nothing imported)\n";
    return 2;
  }
}

// ---- list ----

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : separator) + part;
  return text;
}

template <typename T>
std::vector<std::string> as_text(const std::vector<T>& values) {
  std::vector<std::string> texts;
  for (const T& value : values) texts.push_back(std::to_string(value));
  return texts;
}

void print_list_text(const std::vector<store::AgencyListing>& agencies) {
  TextTable table(TextTable::Align::left);
  table.add_row({"ID", "NAME", "REGION", "LEVEL", "PARENT", "ALIASES", "REPORTS"});
  for (const store::AgencyListing& agency : agencies) {
    table.add_row({std::to_string(agency.id), agency.name, agency.region_code.empty() ? "-" : agency.region_code,
                   agency.level.empty() ? "-" : agency.level, agency.parent.empty() ? "-" : agency.parent,
                   agency.aliases.empty() ? "-" : joined(agency.aliases, "|"), std::to_string(agency.reports)});
  }
  std::cout << table.render();
}

void print_list_csv(const std::vector<store::AgencyListing>& agencies) {
  CsvWriter csv(std::cout);
  csv.write_row({"id", "name", "region_code", "level", "parent", "since", "until", "aliases", "reports"});
  for (const store::AgencyListing& agency : agencies) {
    csv.write_row({std::to_string(agency.id), agency.name, agency.region_code, agency.level, agency.parent,
                   agency.since.value_or(""), agency.until.value_or(""), joined(agency.aliases, "|"),
                   std::to_string(agency.reports)});
  }
}

int run_list(const AgenciesOptions& options) {
  try {
    store::Connection connection(options.database, store::OpenMode::read_only);
    std::vector<store::AgencyListing> agencies = store::list_agencies(connection.handle());
    if (options.format == "csv") print_list_csv(agencies);
    else if (agencies.empty()) std::cout << "no agencies registered in " << options.database << "\n";
    else print_list_text(agencies);
    return 0;
  } catch (const store::StoreError& error) {
    std::cerr << "nianbao agencies list: " << error.what() << "\n";
    return 2;
  }
}

// ---- unmatched ----

// How a row names its agency: the printed name, or the seed's when the report prints none.
std::string shown_name(const store::UnmatchedName& name) {
  if (!name.printed_name.empty() || name.seed_agency.empty()) return name.printed_name.empty() ? "(none printed)" : name.printed_name;
  return "(none printed; seed " + name.seed_agency + ")";
}

std::vector<std::string> candidate_texts(const store::UnmatchedName& name) {
  std::vector<std::string> texts;
  for (const store::AgencyRef& agency : name.candidates)
    texts.push_back(std::to_string(agency.id) + ":" + agency.name + (agency.region_code.empty() ? "" : "@" + agency.region_code));
  return texts;
}

void print_unmatched_text(const std::vector<store::UnmatchedName>& names) {
  TextTable table(TextTable::Align::left);
  table.add_row({"NAME", "MATCH", "CANDIDATES", "REPORT IDS", "YEARS", "SOURCES"});
  for (const store::UnmatchedName& name : names) {
    std::vector<std::string> candidates = candidate_texts(name);
    table.add_row({shown_name(name), name.match, candidates.empty() ? "-" : joined(candidates, " | "),
                   joined(as_text(name.report_ids), ","), name.years.empty() ? "-" : joined(as_text(name.years), ","),
                   joined(name.sources, " | ")});
  }
  std::cout << table.render();
}

void print_unmatched_csv(const std::vector<store::UnmatchedName>& names) {
  CsvWriter csv(std::cout);
  csv.write_row({"printed_name", "seed_agency", "match", "candidates", "report_ids", "years", "sources"});
  for (const store::UnmatchedName& name : names) {
    csv.write_row({name.printed_name, name.seed_agency, name.match, joined(candidate_texts(name), "|"),
                   joined(as_text(name.report_ids), "|"), joined(as_text(name.years), "|"), joined(name.sources, "|")});
  }
}

void print_unmatched_json(const std::vector<store::UnmatchedName>& names) {
  nlohmann::ordered_json document = nlohmann::ordered_json::array();
  for (const store::UnmatchedName& name : names) {
    nlohmann::ordered_json candidates = nlohmann::ordered_json::array();
    for (const store::AgencyRef& agency : name.candidates)
      candidates.push_back({{"id", agency.id}, {"name", agency.name}, {"region_code", agency.region_code}});
    document.push_back({{"printed_name", name.printed_name}, {"seed_agency", name.seed_agency}, {"match", name.match},
                        {"candidates", candidates}, {"report_ids", name.report_ids}, {"years", name.years},
                        {"sources", name.sources}});
  }
  std::cout << document.dump(2) << "\n";
}

int run_unmatched(const AgenciesOptions& options) {
  try {
    store::Connection connection(options.database, store::OpenMode::read_only);
    std::vector<store::UnmatchedName> names = store::unmatched_names(connection.handle());
    if (options.format == "csv") print_unmatched_csv(names);
    else if (options.format == "json") print_unmatched_json(names);
    else if (names.empty()) std::cout << "every report's agency is resolved\n";
    else print_unmatched_text(names);
    return 0;
  } catch (const store::StoreError& error) {
    std::cerr << "nianbao agencies unmatched: " << error.what() << "\n";
    return 2;
  }
}

}  // namespace

void add_agencies_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AgenciesOptions>();
  CLI::App* agencies = app.add_subcommand("agencies", "The agencies registry: import it from CSV, list it, list unresolved names");
  agencies->require_subcommand(1);

  CLI::App* import = agencies->add_subcommand("import", "Add or update agencies from a CSV file, then relink the stored reports");
  import->add_option("--db", options->database, "SQLite file (created when missing) or postgresql:// URI")->required();
  import->add_option("file", options->file, "CSV with a header: agency (or name), region_code, and optionally level, "
                                            "url (ignored), parent, since, until, aliases, predecessors")
      ->required();
  import->footer("aliases and predecessors: several names separated by '|'. One transaction: a bad row imports nothing.\n"
                 "Exit status: 0 ok; 2 usage, a bad CSV row (file:line named) or database error.");
  import->callback([options, &exit_code] { exit_code = run_import(*options); });

  CLI::App* list = agencies->add_subcommand("list", "The registered agencies with parent, aliases and report counts");
  list->add_option("--db", options->database, "SQLite file or postgresql:// URI")->required();
  list->add_option("--format", options->format, "text (default) or csv (UTF-8 with BOM)")->check(CLI::IsMember({"text", "csv"}));
  list->footer("Exit status: 0 ok; 2 usage or database error.");
  list->callback([options, &exit_code] { exit_code = run_list(*options); });

  CLI::App* unmatched = agencies->add_subcommand("unmatched", "Printed agency names the registry does not resolve, with their reports");
  unmatched->add_option("--db", options->database, "SQLite file or postgresql:// URI")->required();
  unmatched->add_option("--format", options->format, "text (default), csv (UTF-8 with BOM) or json")
      ->check(CLI::IsMember({"text", "csv", "json"}));
  unmatched->footer("MATCH: unmatched (no agency has the name or alias) or ambiguous (several do; see CANDIDATES).\n"
                    "Exit status: 0 ok; 2 usage or database error.");
  unmatched->callback([options, &exit_code] { exit_code = run_unmatched(*options); });
}

}  // namespace nianbao::cli
