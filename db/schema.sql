-- coderef database schema.  dbgen sets PRAGMA user_version after loading it;
-- the program refuses a database whose user_version differs from
-- CODEREF_SCHEMA_VERSION in src/core/db.h.

-- A family of codes with one registry: SIP responses, HTTP statuses, Q.850 causes.
CREATE TABLE code_set (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE,      -- 'sip'
    name     TEXT NOT NULL,             -- 'SIP'
    registry TEXT NOT NULL              -- where the numbers and phrases come from
);

CREATE TABLE language (
    code TEXT PRIMARY KEY,              -- 'en', 'ja'
    name TEXT NOT NULL                  -- its own name: 'English', '日本語'
);

-- One row per code: the registry's facts, language-neutral.  Fact columns hold
-- keys ('branch', 'retry-after', 'uas') whose wording lives in string.
CREATE TABLE code (
    id       INTEGER PRIMARY KEY,
    set_id   INTEGER NOT NULL REFERENCES code_set(id),
    number   INTEGER NOT NULL,
    reason   TEXT NOT NULL,             -- current registry reason phrase
    former   TEXT,                      -- former registry phrase, if renamed
    class    INTEGER NOT NULL,          -- 1..6 for SIP: the first digit
    status   TEXT NOT NULL CHECK (status IN ('registered', 'deprecated', 'unregistered')),
    rfc      TEXT NOT NULL,
    section  TEXT,
    final    INTEGER NOT NULL CHECK (final IN (0, 1)),
    scope    TEXT NOT NULL,
    retry    TEXT NOT NULL,
    requires TEXT,                      -- header fields the response must carry, ', '-separated
    related  TEXT,                      -- header fields it often carries
    request  TEXT,                      -- header fields of the request to check
    sender   TEXT NOT NULL,             -- sender keys, ', '-separated
    methods  TEXT NOT NULL,
    deprecated_by  TEXT,                -- 'RFC 6665 §8.3.1': the document that deprecated it
    deprecated_for TEXT,                -- methods whose use is deprecated (NULL: every use)
    UNIQUE (set_id, number)
);

-- Texts per code and language.  A NULL or missing row falls back to English.
CREATE TABLE code_text (
    code_id     INTEGER NOT NULL REFERENCES code(id),
    lang        TEXT NOT NULL REFERENCES language(code),
    gloss       TEXT,
    description TEXT,
    seen        TEXT,                   -- "when you see this code"
    fix         TEXT,
    use         TEXT,                   -- "which to use when"
    keywords    TEXT,                   -- what people call it, ', '-separated
    source_hash TEXT,                   -- translations: hash of the English they follow
    PRIMARY KEY (code_id, lang)
) WITHOUT ROWID;

-- Hand-written notes on how two codes really differ (a_id < b_id by number).
CREATE TABLE pair_note (
    a_id INTEGER NOT NULL REFERENCES code(id),
    b_id INTEGER NOT NULL REFERENCES code(id),
    lang TEXT NOT NULL REFERENCES language(code),
    note TEXT NOT NULL,
    PRIMARY KEY (a_id, b_id, lang)
) WITHOUT ROWID;

-- Headings, labels, class names and sentence templates per language.
CREATE TABLE string (
    lang  TEXT NOT NULL REFERENCES language(code),
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (lang, key)
) WITHOUT ROWID;

-- Search: one document per code and language, its text normalized as the
-- query is (src/core/norm.c: NFKC, case, word-final ー, American spelling),
-- indexed twice over the same content: by trigram for Japanese and any
-- substring, and by words with Porter stemming for English (declined =
-- decline).  Snippets are cut from the original texts in code_text.
CREATE TABLE search_doc (
    id          INTEGER PRIMARY KEY,
    code_id     INTEGER NOT NULL REFERENCES code(id),
    set_id      INTEGER NOT NULL,       -- the code's, so a hit needs no join to filter
    lang        TEXT NOT NULL,
    number      TEXT NOT NULL,
    name        TEXT NOT NULL,          -- reason phrase and former name
    keywords    TEXT,
    gloss       TEXT,
    description TEXT,
    seen        TEXT,
    fix         TEXT
);
CREATE INDEX search_doc_code ON search_doc(code_id, lang);

CREATE VIRTUAL TABLE search USING fts5(
    number, name, keywords, gloss, description, seen, fix,
    content = 'search_doc', content_rowid = 'id',
    tokenize = 'trigram'
);

-- prefix: the first letters of a word are what a search typed letter by
-- letter starts with; their own index keeps them from merging every doclist.
CREATE VIRTUAL TABLE search_words USING fts5(
    number, name, keywords, gloss, description, seen, fix,
    content = 'search_doc', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '1 2 3'
);

-- The name fields alone, indexed again: a word common in the texts but rare
-- in names (a name search at 100,000 codes) then reads short doclists.
CREATE VIRTUAL TABLE search_names_words USING fts5(
    name, keywords, gloss,
    content = 'search_doc', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '1 2 3'
);
CREATE VIRTUAL TABLE search_names_tri USING fts5(
    name, keywords, gloss,
    content = 'search_doc', content_rowid = 'id',
    tokenize = 'trigram'
);
-- Japanese characters one by one and in pairs (src/core/bigram.c): terms of
-- one or two characters (話中, 認証) in the names, which trigram cannot match.
CREATE VIRTUAL TABLE search_names_bi USING fts5(
    name, keywords, gloss,
    content = 'search_doc', content_rowid = 'id',
    tokenize = 'cr_bigram'
);

-- Every name of a code, normalized: the reason phrase and former name (lang
-- ''), each keyword and the gloss.  A query that is a name ranks that code
-- first, wherever it stands in the file.
CREATE TABLE search_name (
    name    TEXT NOT NULL,
    code_id INTEGER NOT NULL REFERENCES code(id),
    lang    TEXT NOT NULL,
    PRIMARY KEY (name, code_id, lang)
) WITHOUT ROWID;

-- The English words of those names, for "did you mean".
CREATE TABLE search_word (
    word TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE INDEX code_by_class ON code(set_id, class, number);
