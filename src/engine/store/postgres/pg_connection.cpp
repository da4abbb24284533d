#include "engine/store/postgres/pg_connection.h"

#include <charconv>
#include <cstdlib>

#include "base/strings.h"

namespace meridian::postgres {

// A statement parameter: text, or NULL.
struct PgParam {
  std::optional<std::string> text;
};

}  // namespace meridian::postgres

namespace pqxx {
template <>
struct string_traits<meridian::postgres::PgParam> {
  static constexpr const char* name() noexcept { return "meridian::postgres::PgParam"; }
  static constexpr bool has_null() noexcept { return true; }
  static bool is_null(const meridian::postgres::PgParam& p) { return !p.text.has_value(); }
  static meridian::postgres::PgParam null() { return {}; }
  static std::string to_string(const meridian::postgres::PgParam& p) { return *p.text; }
};
}  // namespace pqxx

namespace meridian::postgres {
namespace {

// The server's message without its "ERROR:" prefix and without DETAIL lines (which quote
// row values).
std::string FirstLine(const char* what) {
  std::string_view s(what);
  if (s.substr(0, 6) == "ERROR:") s.remove_prefix(6);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  s = s.substr(0, s.find('\n'));
  return std::string(s);
}

}  // namespace

std::string ToPgParams(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int highest = 0;
  bool quoted = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') quoted = !quoted;
    if (quoted || c != '?') {
      out += c;
      continue;
    }
    size_t j = i + 1;
    int n = 0;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') n = n * 10 + (sql[j++] - '0');
    if (j == i + 1) n = highest + 1;
    highest = std::max(highest, n);
    out += '$';
    out += std::to_string(n);
    i = j - 1;
  }
  return out;
}

Status PgError(const std::exception& e, std::string_view what) {
  const std::string msg = std::string(what) + ": " + FirstLine(e.what());
  if (dynamic_cast<const pqxx::broken_connection*>(&e)) {
    return UnavailableError(msg);
  }
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e)) {
    return UnavailableError(msg + " (the outcome of the commit is unknown)");
  }
  if (const auto* s = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string& st = s->sqlstate();
    const std::string cls = st.substr(0, 2);
    if (st == "23505") return AlreadyExistsError(msg);
    if (st == "23503") return FailedPreconditionError(msg);
    if (cls == "23" || cls == "22") return InvalidArgumentError(msg);
    if (cls == "40" || cls == "08" || cls == "57" || cls == "55") return UnavailableError(msg);
    if (st == "53100") return StorageFullError(msg);  // disk_full
    if (cls == "53") return UnavailableError(msg);    // out of memory or connections
    if (st == "XX001" || st == "XX002") return DataLossError(msg);
    return InternalError(msg + " (SQLSTATE " + st + ")");
  }
  return InternalError(msg);
}

class PgStatement final : public sql::Statement {
 public:
  PgStatement(PgConnection* conn, std::string name, const char* label)
      : conn_(conn), name_(std::move(name)), label_(label) {}

  void BindInt(int index, int64_t v) override { Slot(index).text = std::to_string(v); }
  void BindDouble(int index, double v) override {
    char buf[40];
    auto r = std::to_chars(buf, buf + sizeof(buf), v);  // shortest form that reads back exact
    Slot(index).text = std::string(buf, r.ptr);
  }
  void BindText(int index, std::string_view v) override {
    // Parameters travel as C strings: a NUL would cut the value short.
    if (v.find('\0') != std::string_view::npos && error_.ok()) {
      error_ = InvalidArgumentError(std::string(label_) + ": text contains a NUL character");
    }
    Slot(index).text = std::string(v);
  }
  void BindBlob(int index, std::string_view bytes) override {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex = "\\x";
    hex.reserve(2 + bytes.size() * 2);
    for (unsigned char c : bytes) {
      hex += kHex[c >> 4];
      hex += kHex[c & 15];
    }
    Slot(index).text = std::move(hex);
  }
  void BindNull(int index) override { Slot(index).text.reset(); }

  StatusOr<bool> Step() override {
    if (!ran_) {
      if (!error_.ok()) return error_;
      RETURN_IF_ERROR(conn_->Run(*this));
      ran_ = true;
      row_ = 0;
    } else if (row_ < result_.size()) {
      ++row_;
    }
    return row_ < result_.size();
  }
  void Reset() override {
    params_.clear();
    result_ = pqxx::result();
    ran_ = false;
    row_ = 0;
    error_ = OkStatus();
  }

  bool IsNull(int col) const override { return Field(col).is_null(); }
  int64_t Int(int col) const override {
    const char* p = Field(col).c_str();
    if (*p == 't') return 1;  // a boolean
    if (*p == 'f') return 0;
    return std::strtoll(p, nullptr, 10);
  }
  double Double(int col) const override { return std::strtod(Field(col).c_str(), nullptr); }
  std::string Text(int col) const override {
    pqxx::field f = Field(col);
    return std::string(f.c_str(), f.size());
  }
  std::string Blob(int col) const override {
    pqxx::field f = Field(col);
    if (f.is_null()) return {};
    return pqxx::binarystring(f).str();
  }

  const std::string& name() const { return name_; }
  const char* label() const { return label_; }
  const std::vector<PgParam>& params() const { return params_; }
  void set_result(pqxx::result r) { result_ = std::move(r); }

 private:
  PgParam& Slot(int index) {
    if (static_cast<size_t>(index) > params_.size()) params_.resize(index);
    return params_[index - 1];
  }
  pqxx::field Field(int col) const { return result_[row_][col]; }

  PgConnection* conn_;
  std::string name_;
  const char* label_;
  std::vector<PgParam> params_;
  pqxx::result result_;
  pqxx::result::size_type row_ = 0;
  bool ran_ = false;
  Status error_;
};

StatusOr<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& url) {
  try {
    auto conn = std::make_unique<pqxx::connection>(url);
    return std::unique_ptr<PgConnection>(new PgConnection(std::move(conn)));
  } catch (const std::exception& e) {
    return UnavailableError("connecting to PostgreSQL at " + RedactUrlPassword(url) + ": " +
                            FirstLine(e.what()));
  }
}

PgConnection::PgConnection(std::unique_ptr<pqxx::connection> conn) : conn_(std::move(conn)) {}

PgConnection::~PgConnection() {
  // Savepoints and transactions end innermost first; an open one rolls back.
  tx_.reset();
  named_.clear();
  dynamic_.clear();
  try {
    conn_.reset();
  } catch (...) {
  }
}

Status PgConnection::Failure(const std::exception& e, std::string_view what) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e) ||
      dynamic_cast<const pqxx::in_doubt_error*>(&e) || !conn_->is_open()) {
    broken_ = true;
  }
  return PgError(e, what);
}

pqxx::transaction_base& PgConnection::Current(std::unique_ptr<pqxx::nontransaction>* autocommit) {
  if (tx_) return *tx_;
  *autocommit = std::make_unique<pqxx::nontransaction>(*conn_);
  return **autocommit;
}

Status PgConnection::Run(PgStatement& s) {
  if (broken_) return UnavailableError(std::string(s.label()) + ": the connection is broken");
  try {
    std::unique_ptr<pqxx::nontransaction> autocommit;
    pqxx::transaction_base& tx = Current(&autocommit);
    pqxx::result r = tx.exec_prepared(s.name(), pqxx::prepare::make_dynamic_params(s.params()));
    changes_ = r.affected_rows();
    s.set_result(std::move(r));
    return OkStatus();
  } catch (const std::exception& e) {
    return Failure(e, s.label());
  }
}

Status PgConnection::Exec(std::string_view sql) {
  if (broken_) return UnavailableError("the connection to PostgreSQL is broken");
  try {
    std::unique_ptr<pqxx::nontransaction> autocommit;
    pqxx::transaction_base& tx = Current(&autocommit);
    changes_ = tx.exec(std::string(sql)).affected_rows();
    return OkStatus();
  } catch (const std::exception& e) {
    return Failure(e, "executing SQL");
  }
}

StatusOr<sql::Query> PgConnection::PrepareText(std::string_view text, const char* label,
                                               std::unique_ptr<PgStatement>* slot) {
  if (broken_) return UnavailableError(std::string(label) + ": the connection is broken");
  std::string name = "m" + std::to_string(next_statement_++);
  try {
    conn_->prepare(name, ToPgParams(text));
  } catch (const std::exception& e) {
    return Failure(e, std::string("preparing ") + label);
  }
  *slot = std::make_unique<PgStatement>(this, std::move(name), label);
  return sql::Query(slot->get());
}

StatusOr<sql::Query> PgConnection::Prepare(const sql::Sql& sql) {
  auto it = named_.find(&sql);
  if (it != named_.end()) return sql::Query(it->second.get());
  std::unique_ptr<PgStatement> stmt;
  ASSIGN_OR_RETURN(sql::Query q, PrepareText(sql.text, sql.name, &stmt));
  named_.emplace(&sql, std::move(stmt));
  return q;
}

StatusOr<sql::Query> PgConnection::PrepareDynamic(const std::string& sql) {
  auto it = dynamic_.find(sql);
  if (it != dynamic_.end()) return sql::Query(it->second.get());
  // Filter combinations are few; bound the cache anyway.
  if (dynamic_.size() > 256) {
    for (auto& [text, stmt] : dynamic_) {
      try {
        conn_->unprepare(stmt->name());
      } catch (const std::exception& e) {
        return Failure(e, "forgetting a dynamic query");
      }
    }
    dynamic_.clear();
  }
  std::unique_ptr<PgStatement> stmt;
  ASSIGN_OR_RETURN(sql::Query q, PrepareText(sql, "dynamic query", &stmt));
  dynamic_.emplace(sql, std::move(stmt));
  return q;
}

Status PgConnection::Begin(TxKind kind) {
  if (broken_) return UnavailableError("the connection to PostgreSQL is broken");
  if (tx_) return InternalError("a transaction is already open on this connection");
  try {
    if (kind == TxKind::kWrite) {
      tx_ = std::make_unique<pqxx::work>(*conn_);
    } else {
      tx_ = std::make_unique<pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>>(*conn_);
    }
    return OkStatus();
  } catch (const std::exception& e) {
    return Failure(e, "beginning a transaction");
  }
}

Status PgConnection::Commit() {
  if (!tx_) return InternalError("commit without an open transaction");
  try {
    tx_->commit();
    tx_.reset();
    return OkStatus();
  } catch (const std::exception& e) {
    tx_.reset();
    return Failure(e, "committing");
  }
}

void PgConnection::Rollback() {
  if (!tx_) return;
  try {
    tx_->abort();
  } catch (const std::exception& e) {
    Failure(e, "rolling back").IgnoreError();
  }
  tx_.reset();
}

Status PgConnection::Atomic(const std::function<Status()>& fn) {
  // Plain SAVEPOINT statements: libpqxx 6.4's subtransaction does not open its savepoint
  // before a prepared statement runs in it.
  if (!tx_) return fn();
  const std::string name = "meridian_step" + std::to_string(savepoints_);
  RETURN_IF_ERROR(Exec("SAVEPOINT " + name));
  ++savepoints_;
  Status st = fn();
  --savepoints_;
  Status end = Exec(st.ok() ? "RELEASE SAVEPOINT " + name
                            : "ROLLBACK TO SAVEPOINT " + name + "; RELEASE SAVEPOINT " + name);
  return st.ok() ? end : st;
}

std::string PgConnection::NoCase(std::string_view expr) const {
  return "lower(" + std::string(expr) + ")";
}

std::string PgConnection::JsonArrayHas(std::string_view column) const {
  return "EXISTS (SELECT 1 FROM jsonb_array_elements_text(" + std::string(column) +
         "::text::jsonb) AS e(v) WHERE e.v = ?)";
}

}  // namespace meridian::postgres
