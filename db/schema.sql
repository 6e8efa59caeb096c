-- coderef database schema.  dbgen sets PRAGMA user_version after loading it;
-- the program refuses a database whose user_version differs from
-- CODEREF_SCHEMA_VERSION in src/core/db.h.

-- A family of codes with one registry: SIP responses, Q.850 causes, SIP
-- warn-codes.  A set is a folder of data under db/ (FORMAT.md); nothing in
-- the program names one, except SIP as the default of a bare number.
CREATE TABLE code_set (
    id        INTEGER PRIMARY KEY,      -- also the display order
    key       TEXT NOT NULL UNIQUE,     -- 'sip', 'q850': what SET:NUMBER is written with
    name      TEXT NOT NULL,            -- 'SIP', 'Q.850'
    registry  TEXT NOT NULL,            -- where the numbers and phrases come from
    class_by  TEXT NOT NULL CHECK (class_by IN ('hundreds', 'field'))
                                        -- hundreds: 4xx; field: a named class per code
);

-- The fact kinds a set declares, in display order (set.txt's Fact lines).
-- kind names the wording in string: label.KIND, KIND.VALUE, diff.KIND.
CREATE TABLE set_fact (
    set_id   INTEGER NOT NULL REFERENCES code_set(id),
    kind     TEXT NOT NULL,             -- 'retry', 'freeswitch'
    position INTEGER NOT NULL,
    type     TEXT NOT NULL CHECK (type IN ('key', 'keys', 'fields', 'items', 'codes', 'text', 'date')),
    target   TEXT,                      -- codes: the set the numbers belong to
    same     TEXT,                      -- key: values that say the same to a reader, ', '-separated
    PRIMARY KEY (set_id, kind)
) WITHOUT ROWID;

CREATE TABLE language (
    code     TEXT PRIMARY KEY,          -- 'en', 'ja'
    name     TEXT NOT NULL,             -- its own name: 'English', '日本語'
    position INTEGER NOT NULL           -- the order a runtime switch goes round
);

-- One row per code: what every set has.  Facts of the set's own kinds are
-- in fact.
CREATE TABLE code (
    id       INTEGER PRIMARY KEY,
    set_id   INTEGER NOT NULL REFERENCES code_set(id),
    number   INTEGER NOT NULL,
    reason   TEXT NOT NULL,             -- current registry reason phrase or cause name
    former   TEXT,                      -- former registry phrase, if renamed
    class    INTEGER NOT NULL,          -- SIP: the first digit; Q.850: 1..7 in its set's order
    status   TEXT NOT NULL CHECK (status IN ('registered', 'deprecated', 'obsoleted', 'unused',
                                         'temporary', 'unregistered')),
    rfc      TEXT NOT NULL,
    section  TEXT,
    deprecated_by  TEXT,                -- 'RFC 6665 §8.3.1': the document that deprecated it
    deprecated_for TEXT,                -- methods whose use is deprecated (NULL: every use)
    UNIQUE (set_id, number)
);

-- A code's value for one fact kind of its set; lang '' for a language-neutral
-- value (a key, header fields), else the language of a text value.
CREATE TABLE fact (
    code_id INTEGER NOT NULL REFERENCES code(id),
    kind    TEXT NOT NULL,
    lang    TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (code_id, kind, lang)
) WITHOUT ROWID;

-- Names implementations print for a code (USER_BUSY, AST_CAUSE_BUSY),
-- upper case: what an address may be instead of SET:NUMBER.
CREATE TABLE code_alias (
    alias   TEXT NOT NULL,
    code_id INTEGER NOT NULL REFERENCES code(id),
    PRIMARY KEY (alias, code_id)
) WITHOUT ROWID;

-- Interworking between sets (db/*/mapping.txt), resolved by dbgen: one row
-- per code and source that maps it, defaults applied (by_default = 1), so a
-- card reads its mapping without knowing the rules.  to_id NULL: the source
-- maps the code to nothing.  standard: the source is a specification (RFC),
-- not an implementation.
CREATE TABLE mapping (
    from_id    INTEGER NOT NULL REFERENCES code(id),
    source     TEXT NOT NULL,           -- 'RFC 3398 §7.2.4.1', 'FreeSWITCH'
    to_set     INTEGER NOT NULL REFERENCES code_set(id),
    to_id      INTEGER REFERENCES code(id),
    standard   INTEGER NOT NULL,
    by_default INTEGER NOT NULL,
    position   INTEGER NOT NULL,        -- the source's order in mapping.txt
    PRIMARY KEY (from_id, to_set, source)
) WITHOUT ROWID;
CREATE INDEX mapping_to ON mapping(to_id, by_default);

-- A code's call flow (db/SET/flows.txt): the flow text src/core/flow.c
-- parses, with the notes of every language in it.  A table of its own, not
-- a fact: a flow is drawn as a ladder, never listed or compared as a value,
-- and any set may have one by giving a flows.txt.
CREATE TABLE flow (
    code_id INTEGER PRIMARY KEY REFERENCES code(id),
    text    TEXT NOT NULL
);

-- Why a source maps a code as it does, per language (English always), for
-- the rows a stanza of mapping.txt names itself (not its defaults).
CREATE TABLE mapping_note (
    from_id    INTEGER NOT NULL REFERENCES code(id),
    to_set     INTEGER NOT NULL REFERENCES code_set(id),
    source     TEXT NOT NULL,
    lang       TEXT NOT NULL,
    note       TEXT NOT NULL,
    PRIMARY KEY (from_id, to_set, source, lang)
) WITHOUT ROWID;

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

-- The glosses again, narrow (dbgen copies them from code_text): a row of
-- code_text holds the long texts, a page or more, so the fifty glosses of
-- a screenful of the list or of search results read fifty pages or more
-- there, and a few here.
CREATE TABLE code_gloss (
    code_id     INTEGER NOT NULL REFERENCES code(id),
    lang        TEXT NOT NULL REFERENCES language(code),
    gloss       TEXT NOT NULL,
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
