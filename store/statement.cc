// The statement facade: forwards to the backend's prepared query, so the store's code is written
// once for SQLite and PostgreSQL.
#include "store/statement.h"

namespace nianbao::store {

void execute(Session& db, const std::string& sql, const std::string& action) { db.execute(sql, action); }

Statement::Statement(Session& db, std::string_view sql, std::string action) : query_(db.prepare(sql, action)) {}

Statement& Statement::bind(int index, int64_t value) {
  query_->bind_int64(index, value);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  query_->bind_double(index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  query_->bind_text(index, text);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  query_->bind_blob(index, bytes);
  return *this;
}

Statement& Statement::bind_null(int index) {
  query_->bind_null(index);
  return *this;
}

bool Statement::step() { return query_->step(); }

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() { query_->reset(); }

int64_t Statement::changes() const { return query_->changes(); }

int Statement::column_count() const { return query_->column_count(); }

bool Statement::is_null(int column) const { return query_->is_null(column); }

int64_t Statement::column_int64(int column) const { return query_->column_int64(column); }

double Statement::column_double(int column) const { return query_->column_double(column); }

std::string Statement::column_text(int column) const { return query_->column_text(column); }

std::string Statement::column_blob(int column) const { return query_->column_blob(column); }

std::optional<int64_t> Statement::column_optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_int64(column);
}

std::optional<double> Statement::column_optional_double(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_double(column);
}

}  // namespace nianbao::store
