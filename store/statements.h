// The SQL of the statements that run once per article, per claim or per
// fact. Each must find its rows through an index, or a write would cost
// more as the database grows; a test runs EXPLAIN QUERY PLAN on every one
// (ClaimStore::StatementsPerRow). Internal to store/.

#ifndef CT_STORE_STATEMENTS_H_
#define CT_STORE_STATEMENTS_H_

namespace ct::store {

constexpr const char* kSelectEntity = "SELECT id FROM entities WHERE name = ?1";
constexpr const char* kInsertEntity = "INSERT INTO entities(name) VALUES (?1)";
constexpr const char* kSelectOutlet = "SELECT id FROM outlets WHERE name = ?1";
constexpr const char* kInsertOutlet = "INSERT INTO outlets(name) VALUES (?1)";

// The columns BeginArticle compares. A partial index is used only when the
// query repeats its condition, hence "<> ''" beside a bound parameter.
#define CT_ARTICLE_KEY_COLUMNS                       \
  "SELECT id, content_hash, title, author, outlet, " \
  "COALESCE(published, ''), canonical_url FROM articles WHERE "
constexpr const char* kFindArticleByGuid =
    CT_ARTICLE_KEY_COLUMNS "guid = ?1 AND guid <> '' LIMIT 1";
constexpr const char* kFindArticleByUrl =
    CT_ARTICLE_KEY_COLUMNS "url = ?1 LIMIT 1";
constexpr const char* kFindArticleByCanonical =
    CT_ARTICLE_KEY_COLUMNS "canonical_url = ?1 AND canonical_url <> '' LIMIT 1";
#undef CT_ARTICLE_KEY_COLUMNS

constexpr const char* kFindArticleByHash =
    "SELECT id, outlet, COALESCE(original_id, id) FROM articles "
    "WHERE content_hash = ?1 LIMIT 1";

// Syndication: the originals that share a print, and an original's root.
constexpr const char* kFindPrint =
    "SELECT article_id FROM article_prints WHERE print = ?1";
constexpr const char* kInsertPrint =
    "INSERT OR IGNORE INTO article_prints(print, article_id) VALUES (?1, ?2)";
constexpr const char* kArticleOutlet =
    "SELECT outlet, COALESCE(original_id, id) FROM articles WHERE id = ?1";
constexpr const char* kDeletePrints =
    "DELETE FROM article_prints WHERE article_id = ?1";
constexpr const char* kSetOriginal =
    "UPDATE articles SET original_id = ?2 WHERE id = ?1";

constexpr const char* kKeepRevision = R"sql(
INSERT INTO article_revisions(article_id, title, text, content_hash,
  replaced_at)
SELECT id, title, text, content_hash, ?2 FROM articles WHERE id = ?1)sql";

constexpr const char* kUpdateArticle = R"sql(
UPDATE articles SET canonical_url = ?2, guid = ?3, title = ?4, author = ?5,
  outlet = ?6, published = ?7, updated_at = ?8, content_hash = ?9, text = ?10
WHERE id = ?1)sql";

constexpr const char* kDeleteClaimsOfArticle =
    "DELETE FROM claims WHERE article_id = ?1";

constexpr const char* kInsertArticle = R"sql(
INSERT INTO articles(url, canonical_url, guid, title, author, outlet,
  published, first_seen, updated_at, content_hash, text, source_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11))sql";

constexpr const char* kInsertClaim = R"sql(
INSERT INTO claims(article_id, ordinal, surface, number, number_low,
  number_high, written_unit, noun, change, start_byte, end_byte, value, low,
  high, low_inclusive, high_inclusive, unit, qualifier, metric, subject_id,
  object_id, time, sentence, parties, facet, family, roles, in_title)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
  ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28))sql";

constexpr const char* kApplyFix = R"sql(
UPDATE claims SET subject_id = ?3, object_id = ?4, parties = ?5,
  metric = ?6, family = ?7
WHERE article_id = ?1 AND ordinal = ?2)sql";

// The blocks of an article's claims: facts to judge again.
constexpr const char* kMarkBlocksDirty = R"sql(
INSERT OR IGNORE INTO dirty_blocks(parties, family)
SELECT DISTINCT parties, family FROM claims
WHERE article_id = ?1 AND parties <> '')sql";

// Statements (statement_rows.cc). What an article adds to a statement of
// its claims: its outlet (the original's, for a syndicated copy), its own,
// its URL and the original's, its date, and when it was reported.
#define CT_SHARE_COLUMNS                                                 \
  "COALESCE(o.outlet, a.outlet), a.outlet, a.url, COALESCE(o.url, ''), " \
  "COALESCE(a.published, ''), COALESCE(a.published, a.first_seen) "
constexpr const char* kArticleShare =
    "SELECT " CT_SHARE_COLUMNS
    "FROM articles a LEFT JOIN articles o ON o.id = a.original_id "
    "WHERE a.id = ?1";
// The claims of a statement, with their articles' shares: the articles'
// columns come from a covering index, not from the rows with their texts.
constexpr const char* kStatementShares =
    "SELECT c.ordinal, " CT_SHARE_COLUMNS
    "FROM claims c "
    "JOIN articles a INDEXED BY articles_meta ON a.id = c.article_id "
    "LEFT JOIN articles o INDEXED BY articles_meta ON o.id = a.original_id "
    "WHERE c.statement_id = ?1";
#undef CT_SHARE_COLUMNS

constexpr const char* kArticleClaims = R"sql(
SELECT id, ordinal, parties, family, facet, time, unit, noun, value,
  qualifier, low, high, low_inclusive, high_inclusive, metric,
  COALESCE(subject_id, 0), COALESCE(object_id, 0)
FROM claims
WHERE article_id = ?1 AND parties <> '' AND statement_id IS NULL)sql";

// By the columns of the statements_key index, as it writes them: an open
// bound is bound as 'none'.
constexpr const char* kFindStatement = R"sql(
SELECT id, claims, outlets, own_outlets, first_day, last_day, first_reported,
  first_order
FROM statements WHERE parties = ?1 AND family = ?2 AND facet = ?3
  AND time = ?4 AND unit = ?5 AND noun = ?6 AND IFNULL(value, 'none') = ?7
  AND qualifier = ?8 AND IFNULL(low, 'none') = ?9
  AND IFNULL(high, 'none') = ?10 AND low_inclusive = ?11
  AND high_inclusive = ?12 AND metric = ?13 AND subject_id = ?14
  AND object_id = ?15 AND article_id = ?16)sql";

// Numbered past the largest id (found through the index of ids).
constexpr const char* kInsertStatement = R"sql(
INSERT INTO statements(parties, family, facet, time, unit, noun, value,
  qualifier, low, high, low_inclusive, high_inclusive, metric, subject_id,
  object_id, article_id, claims, outlets, own_outlets, first_day, last_day,
  first_reported, first_order, id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
  ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,
  (SELECT IFNULL(MAX(id), 0) + 1 FROM statements))
RETURNING id)sql";

constexpr const char* kUpdateStatement = R"sql(
UPDATE statements SET claims = ?2, outlets = ?3, own_outlets = ?4,
  first_day = ?5, last_day = ?6, first_reported = ?7, first_order = ?8
WHERE id = ?1)sql";

constexpr const char* kSetClaimStatement =
    "UPDATE claims SET statement_id = ?2 WHERE id = ?1";
constexpr const char* kDeleteStatement = "DELETE FROM statements WHERE id = ?1";
constexpr const char* kMarkStatementBlockDirty = R"sql(
INSERT OR IGNORE INTO dirty_blocks(parties, family)
SELECT parties, family FROM statements WHERE id = ?1)sql";
constexpr const char* kStatementsOfArticle = R"sql(
SELECT DISTINCT statement_id FROM claims
WHERE article_id = ?1 AND statement_id IS NOT NULL)sql";
// The statements of an original's syndicated copies, which count under its
// outlet.
constexpr const char* kStatementsOfCopies = R"sql(
SELECT DISTINCT c.statement_id FROM articles a
JOIN claims c ON c.article_id = a.id
WHERE a.original_id = ?1 AND c.statement_id IS NOT NULL)sql";

// One block's statements, with the fact each belongs to now.
constexpr const char* kBlockStatements = R"sql(
SELECT id, facet, time, unit, noun, value, qualifier, low, high,
  low_inclusive, high_inclusive, metric, subject_id, object_id, article_id,
  claims, outlets, own_outlets, first_day, last_day, first_reported,
  first_order, COALESCE(fact_id, 0), outlier
FROM statements WHERE parties = ?1 AND family = ?2)sql";

constexpr const char* kBlockFacts = R"sql(
SELECT id, key, subject_id, COALESCE(object_id, 0), metric, unit, noun, time,
  status, sources, COALESCE(first_reported, ''), facet, reason, consensus,
  independent_sources, outlets, claims
FROM facts WHERE parties = ?1 AND family = ?2)sql";

constexpr const char* kUpsertFact = R"sql(
INSERT INTO facts(key, subject_id, object_id, metric, unit, noun, time,
  status, sources, first_reported, updated_at, family, parties, facet,
  reason, consensus, independent_sources, outlets, claims)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
  ?16, ?17, ?18, ?19)
ON CONFLICT(key) DO UPDATE SET subject_id = excluded.subject_id,
  object_id = excluded.object_id, metric = excluded.metric,
  unit = excluded.unit, noun = excluded.noun, time = excluded.time,
  facet = excluded.facet, status = excluded.status, sources = excluded.sources,
  first_reported = excluded.first_reported, updated_at = excluded.updated_at,
  reason = excluded.reason, consensus = excluded.consensus,
  independent_sources = excluded.independent_sources,
  outlets = excluded.outlets, claims = excluded.claims
RETURNING id)sql";

// By the statement's whole primary key: no detour through the index of
// ids.
constexpr const char* kMarkStatement = R"sql(
UPDATE statements SET fact_id = ?1, outlier = ?2
WHERE parties = ?4 AND family = ?5 AND id = ?3)sql";
constexpr const char* kUnmarkStatement = R"sql(
UPDATE statements SET fact_id = NULL, outlier = 0
WHERE parties = ?2 AND family = ?3 AND id = ?1)sql";

constexpr const char* kDeleteFact = "DELETE FROM facts WHERE id = ?1";

// The columns of a claim row in the listings (ReadClaim reads them in this
// order), and the joins they need after claims c and articles a. `status`
// is the expression of the claim's fact's status.
#define CT_CLAIM_COLUMNS_WITH(status)                                         \
  "SELECT c.id, c.article_id, COALESCE(NULLIF(a.canonical_url, ''), a.url), " \
  "a.outlet, COALESCE(a.published, a.first_seen), a.title, "                  \
  "COALESCE(cf.fact_id, 0), COALESCE(cf.outlier, 0), c.surface, c.number, "   \
  "c.number_low, "                                                            \
  "c.number_high, c.written_unit, c.noun, c.change, c.start_byte, "           \
  "c.end_byte, c.value, c.low, c.high, c.low_inclusive, c.high_inclusive, "   \
  "c.unit, c.qualifier, c.metric, COALESCE(s.name, ''), "                     \
  "COALESCE(o.name, ''), c.time, c.sentence, c.parties, c.facet, c.roles, "   \
  "c.in_title, " status ", c.ordinal, COALESCE(a.original_id, 0) "
#define CT_CLAIM_COLUMNS CT_CLAIM_COLUMNS_WITH("COALESCE(fx.status, '')")
#define CT_CLAIM_JOINS_BUT_FACT                  \
  "LEFT JOIN entities s ON s.id = c.subject_id " \
  "LEFT JOIN entities o ON o.id = c.object_id "  \
  "LEFT JOIN statements cf ON cf.id = c.statement_id "
#define CT_CLAIM_JOINS \
  CT_CLAIM_JOINS_BUT_FACT "LEFT JOIN facts fx ON fx.id = cf.fact_id "
#define CT_CLAIM_SELECT \
  CT_CLAIM_COLUMNS      \
  "FROM claims c JOIN articles a ON a.id = c.article_id " CT_CLAIM_JOINS
// The claims of one fact, whose status the caller knows: one join fewer
// for each claim.
#define CT_FACT_CLAIM_SELECT                 \
  CT_CLAIM_COLUMNS_WITH("''")                \
  "FROM claims c JOIN articles a ON a.id = " \
  "c.article_id " CT_CLAIM_JOINS_BUT_FACT
// The same, read in the order of the timeline through the articles_order
// index: for a search that matches many articles, a page then reads no
// more than it shows, where the plan SQLite prefers gathers and sorts
// every match.
#define CT_CLAIM_SELECT_IN_ORDER               \
  CT_CLAIM_COLUMNS                             \
  "FROM articles a INDEXED BY articles_order " \
  "JOIN claims c ON c.article_id = a.id " CT_CLAIM_JOINS

// A fact's claims for the listings, in the order of its timeline.
constexpr const char* kClaimsOfFact = CT_FACT_CLAIM_SELECT
    "WHERE cf.fact_id = ?1 "
    "ORDER BY COALESCE(a.published, a.first_seen), a.id, c.ordinal";
// Some of a fact's claims, its outliers first: read in the order of the
// statements_fact index, so that no more than ?2 claims are read.
constexpr const char* kSomeClaimsOfFact = CT_FACT_CLAIM_SELECT
    "WHERE cf.fact_id = ?1 ORDER BY cf.outlier DESC LIMIT ?2";

constexpr const char* kArticleClaimCount =
    "SELECT count(*) FROM claims WHERE article_id = ?1";
constexpr const char* kArticleRevisionCount =
    "SELECT count(*) FROM article_revisions WHERE article_id = ?1";

}  // namespace ct::store

#endif  // CT_STORE_STATEMENTS_H_
