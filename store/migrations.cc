#include "store/migrations.h"

namespace ct::store {

// Tables:
//   sources    what scheduled runs poll: URL, interval, HTTP validators and
//              the last failure.
//   articles   one row per article. `url` is where it was read; dedupe uses
//              url, canonical_url and content_hash. Times are RFC 3339 UTC
//              text; `published` is NULL when the article does not say.
//              `original_id` links a syndicated copy to its original.
//   article_prints  a sketch of each original's text, to find copies.
//   entities   canonical names that claims are about.
//   outlets    the names of the outlets that statements count (version 6):
//              an article's outlet, or its URL when it names none.
//   claims     one number in one sentence of one article (DESIGN.md, claim
//              model). Offsets are bytes of articles.text, or of
//              articles.title when `in_title` (version 5). `low`/`high`
//              NULL mean unbounded. `parties` (identities, one per line,
//              sorted) and `family` are its block; `facet`, `roles` as in
//              extract/claim.h. Since version 3 its `fact_id` and `outlier`
//              stay unused (NULL and 0): see claim_facts.
//   statements  the claims of one block that state the same thing (version
//              6): the same facet, period, unit, noun, interval, qualifier,
//              metric, subject and object, and the same article when that
//              article states another figure that could be taken for it.
//              Each holds what grouping weighs of its claims (how many, which
//              outlets by id, from which days), the fact they belong to and
//              whether they are its outliers. Facts are judged over
//              statements (store/statement_rows.cc).
//   claim_facts  a view: which fact each claim belongs to, through its
//              statement. Until version 6 a table.
//   facts      one figure in the world: its parties, metric family, facet,
//              unit and period, with its judged status, reason and
//              consensus.
//   articles_fts  FTS5 over article title and text, kept by triggers.
//   article_revisions  the earlier texts of articles that changed.
//   dirty_blocks  the (parties, family) blocks whose claims changed and are
//              not judged yet; writes judge their own before they commit.
//
// Every statement that runs once per article, claim or fact finds its rows
// through an index (ClaimStore::StatementsPerRow, checked by a test).
const std::vector<const char*>& Migrations() {
  static const std::vector<const char*> kMigrations = {
      // 1: the first schema.
      R"sql(
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL DEFAULT '',
  every_seconds INTEGER NOT NULL DEFAULT 3600,
  added_at TEXT NOT NULL,
  last_polled_at TEXT,
  next_due_at TEXT,
  etag TEXT,
  last_modified TEXT,
  last_error TEXT,
  last_error_at TEXT,
  failures INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
  url TEXT NOT NULL UNIQUE,
  canonical_url TEXT NOT NULL DEFAULT '',
  guid TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL DEFAULT '',
  outlet TEXT NOT NULL DEFAULT '',
  published TEXT,
  first_seen TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX articles_canonical ON articles(canonical_url)
  WHERE canonical_url <> '';
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_guid ON articles(guid) WHERE guid <> '';
CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL DEFAULT ''
);
CREATE TABLE facts (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  subject_id INTEGER NOT NULL REFERENCES entities(id),
  object_id INTEGER REFERENCES entities(id),
  metric TEXT NOT NULL,
  unit TEXT NOT NULL,
  noun TEXT NOT NULL DEFAULT '',
  time TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  sources INTEGER NOT NULL,
  first_reported TEXT,
  updated_at TEXT NOT NULL
);
CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  surface TEXT NOT NULL,
  number REAL,
  number_low REAL,
  number_high REAL,
  written_unit TEXT NOT NULL,
  noun TEXT NOT NULL,
  change TEXT NOT NULL,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  value REAL,
  low REAL,
  high REAL,
  low_inclusive INTEGER NOT NULL,
  high_inclusive INTEGER NOT NULL,
  unit TEXT NOT NULL,
  qualifier TEXT NOT NULL,
  metric TEXT NOT NULL,
  subject_id INTEGER REFERENCES entities(id),
  object_id INTEGER REFERENCES entities(id),
  time TEXT NOT NULL,
  sentence TEXT NOT NULL,
  fact_id INTEGER REFERENCES facts(id) ON DELETE SET NULL,
  outlier INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX claims_article ON claims(article_id, ordinal);
CREATE INDEX claims_fact ON claims(fact_id);
CREATE INDEX claims_subject ON claims(subject_id);
CREATE INDEX claims_object ON claims(object_id);
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content='articles', content_rowid='id');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text)
    VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts(rowid, title, text)
    VALUES (new.id, new.title, new.text);
END;
)sql",
      // 2: revisions keep what a changed article said before.
      R"sql(
CREATE TABLE article_revisions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  replaced_at TEXT NOT NULL
);
CREATE INDEX article_revisions_article ON article_revisions(article_id);
)sql",
      // 3: indexes for the lookups that run per article and per claim, the
      // blocks of claims that facts are rebuilt by, and an application id
      // that tells claimtrack's files from other programs' databases.
      R"sql(
-- What judging a block reads of each claim, so that it never reads the
-- claims' rows (a million row lookups for a full rebuild).
CREATE INDEX claims_block ON claims(subject_id, metric, article_id, value,
  qualifier, low, high, low_inclusive, high_inclusive, object_id, time, unit,
  noun);
DROP INDEX claims_subject;
CREATE INDEX facts_block ON facts(subject_id, metric);
CREATE INDEX entities_name_nocase ON entities(name COLLATE NOCASE);
CREATE INDEX articles_order ON articles(COALESCE(published, first_seen), id);
CREATE TABLE dirty_blocks (
  subject_id INTEGER NOT NULL,
  metric TEXT NOT NULL,
  PRIMARY KEY (subject_id, metric)
) WITHOUT ROWID;
CREATE TABLE claim_facts (
  claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
  fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
  outlier INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX claim_facts_fact ON claim_facts(fact_id);
INSERT INTO claim_facts(claim_id, fact_id, outlier)
  SELECT id, fact_id, outlier FROM claims WHERE fact_id IS NOT NULL;
DROP INDEX claims_fact;
UPDATE claims SET fact_id = NULL, outlier = 0 WHERE fact_id IS NOT NULL;
CREATE INDEX articles_meta ON articles(id, outlet, published, first_seen, url);
PRAGMA application_id = 1131172971;
)sql",
      // 4: facts by parties, not positions. A claim's parties are an
      // unordered set of identities, one per line, sorted; its block is that
      // set and its metric family, so that "A invests in B" and "B gets A's
      // money" are judged together. Facts say why their claims differ.
      // Claims stored before take their subject and object as parties;
      // their facts are rebuilt when the database is opened. Syndicated
      // copies link to their original.
      R"sql(
ALTER TABLE claims ADD COLUMN parties TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN facet TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN family TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN roles TEXT NOT NULL DEFAULT '';
UPDATE claims SET family = CASE
  WHEN metric IN ('commitment', 'investment') THEN 'deal_value'
  ELSE metric END;
UPDATE claims SET parties = (
  SELECT CASE
    WHEN o.name IS NULL OR o.name = s.name THEN s.name
    WHEN o.name < s.name THEN o.name || char(10) || s.name
    ELSE s.name || char(10) || o.name END
  FROM entities s LEFT JOIN entities o ON o.id = claims.object_id
  WHERE s.id = claims.subject_id)
WHERE subject_id IS NOT NULL;
DROP INDEX claims_block;
CREATE INDEX claims_block ON claims(parties, family, article_id, value,
  qualifier, low, high, low_inclusive, high_inclusive, facet, time, unit, noun,
  ordinal, metric, subject_id, object_id) WHERE parties <> '';
ALTER TABLE facts ADD COLUMN family TEXT NOT NULL DEFAULT '';
ALTER TABLE facts ADD COLUMN parties TEXT NOT NULL DEFAULT '';
ALTER TABLE facts ADD COLUMN facet TEXT NOT NULL DEFAULT '';
ALTER TABLE facts ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE facts ADD COLUMN consensus REAL;
ALTER TABLE facts ADD COLUMN independent_sources INTEGER NOT NULL DEFAULT 0;
DROP INDEX facts_block;
-- claims.fact_id is unused since schema 3 but still refers to facts: without
-- an index, every fact deleted or replaced searched the whole claims table.
CREATE INDEX claims_fact_unused ON claims(fact_id) WHERE fact_id IS NOT NULL;
DELETE FROM claim_facts;
DELETE FROM facts;
CREATE INDEX facts_block ON facts(parties, family);
DROP TABLE dirty_blocks;
CREATE TABLE dirty_blocks (
  parties TEXT NOT NULL,
  family TEXT NOT NULL,
  PRIMARY KEY (parties, family)
) WITHOUT ROWID;
INSERT OR IGNORE INTO dirty_blocks(parties, family)
  SELECT DISTINCT parties, family FROM claims WHERE parties <> '';
-- Syndication: a copy of another outlet's story links to the original and
-- counts once. Prints are sampled hashes of an original's word shingles.
ALTER TABLE articles ADD COLUMN original_id INTEGER
  REFERENCES articles(id) ON DELETE SET NULL;
CREATE TABLE article_prints (
  print INTEGER NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (print, article_id)
) WITHOUT ROWID;
CREATE INDEX article_prints_article ON article_prints(article_id);
CREATE INDEX articles_original ON articles(original_id)
  WHERE original_id IS NOT NULL;
DROP INDEX articles_meta;
CREATE INDEX articles_meta ON articles(id, outlet, published, first_seen, url,
  original_id);
)sql",
      // 5: figures in the headline.
      R"sql(
ALTER TABLE claims ADD COLUMN in_title INTEGER NOT NULL DEFAULT 0;
)sql",
      // 6: statements, so that judging a block costs what it states, not
      // how often. ClaimStore::Open fills them from the claims in the same
      // transaction, carries each claim's fact over from claim_facts_v5,
      // then drops that table.
      R"sql(
-- Stored in the order of their blocks (WITHOUT ROWID), so that judging a
-- block reads its statements together, not from pages all over the file.
CREATE TABLE statements (
  id INTEGER NOT NULL UNIQUE,
  parties TEXT NOT NULL,
  family TEXT NOT NULL,
  facet TEXT NOT NULL,
  time TEXT NOT NULL,
  unit TEXT NOT NULL,
  noun TEXT NOT NULL,
  value REAL,
  qualifier TEXT NOT NULL,
  low REAL,
  high REAL,
  low_inclusive INTEGER NOT NULL,
  high_inclusive INTEGER NOT NULL,
  metric TEXT NOT NULL,
  subject_id INTEGER NOT NULL,  -- 0 for none
  object_id INTEGER NOT NULL,
  article_id INTEGER NOT NULL,  -- 0 unless kept apart by article
  claims INTEGER NOT NULL,
  outlets TEXT NOT NULL,        -- outlets(id), sorted, space-separated
  own_outlets TEXT NOT NULL,
  first_day INTEGER,            -- NULL when an article has no date
  last_day INTEGER,
  first_reported TEXT NOT NULL,
  first_order TEXT NOT NULL,
  fact_id INTEGER,
  outlier INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (parties, family, id)
) WITHOUT ROWID;
-- What tells statements apart; 'none' stands for an open bound.
CREATE UNIQUE INDEX statements_key ON statements(parties, family, facet, time,
  unit, noun, IFNULL(value, 'none'), qualifier, IFNULL(low, 'none'),
  IFNULL(high, 'none'), low_inclusive, high_inclusive, metric, subject_id,
  object_id, article_id);
CREATE TABLE outlets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE INDEX statements_fact ON statements(fact_id);
-- The judge keeps statements.fact_id and claims.statement_id true; foreign
-- keys would add a check, and a statement journal, to every write.
ALTER TABLE claims ADD COLUMN statement_id INTEGER;
CREATE INDEX claims_statement ON claims(statement_id);
ALTER TABLE claim_facts RENAME TO claim_facts_v5;
-- Blocks are read as statements now, not as claims.
DROP INDEX claims_block;
CREATE VIEW claim_facts AS
  SELECT c.id AS claim_id, s.fact_id AS fact_id, s.outlier AS outlier
  FROM claims c JOIN statements s ON s.id = c.statement_id
  WHERE s.fact_id IS NOT NULL;
)sql",
      // 7: a fact's statements in the order a listing reads some of its
      // claims, outliers first.
      R"sql(
DROP INDEX statements_fact;
CREATE INDEX statements_fact ON statements(fact_id, outlier DESC);
)sql",
      // 8: sources a user paused, and their interval as the user wrote it.
      R"sql(
ALTER TABLE sources ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN every_text TEXT NOT NULL DEFAULT '';
)sql",
      // 9: each fact's outlets (ids, sorted, space-separated), for the
      // outlet filter and facet of the facts listing.
      R"sql(
ALTER TABLE facts ADD COLUMN outlets TEXT NOT NULL DEFAULT '';
UPDATE facts SET outlets = IFNULL((
  SELECT group_concat(id, ' ') FROM (
    SELECT DISTINCT CAST(j.value AS INTEGER) AS id
    FROM statements st,
      json_each('[' || replace(st.own_outlets, ' ', ',') || ']') j
    WHERE st.fact_id = facts.id
    ORDER BY 1)), '');
)sql",
      // 10: each fact's number of claims, which every listing shows.
      R"sql(
ALTER TABLE facts ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;
UPDATE facts SET claims = IFNULL((
  SELECT SUM(claims) FROM statements WHERE fact_id = facts.id), 0);
)sql",
  };
  return kMigrations;
}

}  // namespace ct::store
