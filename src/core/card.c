/* Cards and comparisons, built from facts, texts and the string table's
 * templates.  Every sentence here comes from a whole-sentence template of the
 * display language with noun-phrase slots, so no language is glued together
 * from another's word order. */
#include "config.h"

#include "card.h"
#include "flow.h"
#include "template.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define S(key) cr_str(db, lang, key)

static char *fill1(const char *tpl, const char *name, const char *value)
{
	struct cr_slot s[] = { { name, value } };
	return cr_fill(tpl, s, 1);
}

static char *fill_pair(const char *tpl, const char *a, const char *va, const char *b, const char *vb)
{
	struct cr_slot s[] = { { "a", a }, { "va", va }, { "b", b }, { "vb", vb } };
	return cr_fill(tpl, s, CR_ARRAY_SIZE(s));
}

/* "x, y or z" through the language's list templates (list.comma, then
 * list.or or list.and for the last item). */
static char *join_list(struct cr_db *db, const char *lang, char **items, size_t n,
                       const char *middle_key, const char *last_key)
{
	if (n == 0)
		return cr_xstrdup("");
	char *acc = cr_xstrdup(items[0]);
	for (size_t i = 1; i < n; i++) {
		struct cr_slot s[] = { { "x", acc }, { "y", items[i] } };
		char *next = cr_fill(S(i + 1 == n ? last_key : middle_key), s, 2);
		free(acc);
		acc = next;
	}
	return acc;
}

static char *join_items(struct cr_db *db, const char *lang, char **items, size_t n, const char *last_key)
{
	return join_list(db, lang, items, n, "list.comma", last_key);
}

/* "x; y; z": entries that hold commas of their own. */
static char *join_each(struct cr_db *db, const char *lang, char **items, size_t n, const char *key)
{
	return join_list(db, lang, items, n, key, key);
}

/* The label of a fact value: "scope.branch" or its ".long" sentence form. */
static const char *value_label(struct cr_db *db, const char *lang, const char *kind,
                               const char *value, int longform)
{
	char key[96];
	snprintf(key, sizeof key, "%s.%s%s", kind, value ? value : "", longform ? ".long" : "");
	/* Values whose short form reads as a phrase have no long form. */
	if (longform && !cr_str_has(db, lang, key) && !cr_str_has(db, "en", key))
		snprintf(key, sizeof key, "%s.%s", kind, value ? value : "");
	return S(key);
}

/* A ", "-separated fact list as the language writes a list: last_key is
 * list.and ("SUBSCRIBE, NOTIFY and REFER"), list.or, or list.comma for a
 * plain enumeration ("engaged, line busy"). */
static char *list_text(struct cr_db *db, const char *lang, const char *list, const char *last_key)
{
	char **items;
	size_t n = cr_split_list(list, &items);
	char *s = join_items(db, lang, items, n, last_key);
	cr_free_list(items, n);
	return s;
}

/* Items of a list, each through its label KIND.ITEM where the language has
 * one ("sender.uas"), else as written (header fields, methods). */
static char *labelled_list(struct cr_db *db, const char *lang, const char *kind, const char *list,
                           const char *last_key)
{
	char **items;
	size_t n = cr_split_list(list, &items);
	for (size_t i = 0; i < n; i++) {
		char key[96];
		snprintf(key, sizeof key, "%s.%s", kind, items[i]);
		if (strlen(items[i]) < 48 && (cr_str_has(db, lang, key) || cr_str_has(db, "en", key))) {
			char *label = cr_xstrdup(S(key));
			free(items[i]);
			items[i] = label;
		}
	}
	char *s = join_items(db, lang, items, n, last_key);
	cr_free_list(items, n);
	return s;
}

/* "SIP 486 Busy Here" (as cr_code_full_name), or NULL when the set has no
 * such code: one row read, not the whole code. */
static char *code_name_in(struct cr_db *db, const char *set, int number)
{
	sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_CODE);
	if (!st || !set)
		return NULL;
	sqlite3_bind_text(st, 1, set, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, number);
	char *name = NULL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 2)) {
		char *reason = cr_sanitize((const char *)sqlite3_column_text(st, 2), 0);
		name = cr_asprintf("%s %d %s", cr_db_set_name(db, set), number, reason);
		free(reason);
	}
	sqlite3_reset(st);
	return name;
}

static char *full_name(struct cr_db *db, const char *lang, const char *set, int number)
{
	(void)lang;   /* names are the registry's, in every language */
	char *name = code_name_in(db, set, number);
	return name ? name : cr_asprintf("%s %d", cr_db_set_name(db, set), number);
}

/* Names of the codes a "codes" fact lists, by their full names ("SIP 488
 * Not Acceptable Here"), joined with last_key before the last one
 * ("list.comma" on a card, "list.or" in a sentence). */
static char *code_list(struct cr_db *db, const char *lang, const struct cr_fact *f, const char *last_key)
{
	char **items;
	size_t n = cr_split_list(f->value, &items);
	for (size_t i = 0; i < n; i++) {
		char key[96];
		snprintf(key, sizeof key, "%s.%s", f->kind, items[i]);
		char *name = NULL;
		if (strlen(items[i]) < 48 && cr_str_has(db, "en", key))
			name = cr_xstrdup(S(key));
		else
			name = code_name_in(db, f->target, atoi(items[i]));
		if (name) {
			free(items[i]);
			items[i] = name;
		}
	}
	char *s = join_items(db, lang, items, n, last_key);
	cr_free_list(items, n);
	return s;
}

/* A fact's value as a card shows it, by the type its set declares. */
static char *fact_text(struct cr_db *db, const char *lang, const struct cr_fact *f)
{
	if (!f || !f->value)
		return cr_xstrdup("");
	if (strcmp(f->type, "key") == 0)
		return cr_xstrdup(value_label(db, lang, f->kind, f->value, 0));
	if (strcmp(f->type, "keys") == 0)
		return labelled_list(db, lang, f->kind, f->value, "list.or");
	if (strcmp(f->type, "fields") == 0)
		return list_text(db, lang, f->value, "list.and");
	if (strcmp(f->type, "items") == 0) {
		/* A whole value with a label of its own ("any", "identity"). */
		char key[96];
		snprintf(key, sizeof key, "%s.%s", f->kind, f->value);
		if (strlen(f->value) < 48 && (cr_str_has(db, lang, key) || cr_str_has(db, "en", key)))
			return cr_xstrdup(S(key));
		return labelled_list(db, lang, f->kind, f->value, "list.or");
	}
	if (strcmp(f->type, "codes") == 0)
		return code_list(db, lang, f, "list.comma");
	if (strcmp(f->type, "date") == 0) {
		/* A date the reader may be past (a registration's expiry). */
		char today[16];
		time_t now = time(NULL);
		struct tm tm;
		if (gmtime_r(&now, &tm) && strftime(today, sizeof today, "%Y-%m-%d", &tm) &&
		    strcmp(f->value, today) < 0)
			return fill1(S("date.passed"), "v", f->value);
	}
	return cr_xstrdup(f->value);
}

/* "RFC 3261 §21.4.13" as the language writes a section reference. */
static char *ref(struct cr_db *db, const char *lang, const char *rfc, const char *section)
{
	if (!section || !*section)
		return cr_xstrdup(rfc ? rfc : "");
	struct cr_slot s[] = { { "rfc", rfc ? rfc : "" }, { "section", section } };
	return cr_fill(S("ref.section"), s, 2);
}

static char *rfc_ref(struct cr_db *db, const char *lang, const struct cr_code *c)
{
	return ref(db, lang, c->rfc, c->section);
}

/* References written in the sources as "RFC 6665 §8.3.1, RFC 7647 §5". */
static char *source_ref(struct cr_db *db, const char *lang, const char *text)
{
	char **items;
	size_t n = cr_split_list(text, &items);
	for (size_t i = 0; i < n; i++) {
		const char *mark = strstr(items[i], " \xC2\xA7");
		if (!mark)
			continue;
		char *rfc = cr_xstrndup(items[i], (size_t)(mark - items[i]));
		char *r = ref(db, lang, rfc, mark + 3);
		free(rfc);
		free(items[i]);
		items[i] = r;
	}
	char *s = join_items(db, lang, items, n, "list.and");
	cr_free_list(items, n);
	return s;
}

/* The registry status, with what a deprecation covers when the sources say. */
/* "registered with IANA", or the set's own wording ("q850.status.registered":
 * Q.850's causes are defined by the ITU-T, not registered with IANA). */
static const char *status_label(struct cr_db *db, const char *lang, const struct cr_code *c)
{
	char kind[64];
	snprintf(kind, sizeof kind, "%s.status", c->set ? c->set : "");
	char key[96];
	snprintf(key, sizeof key, "%s.%s", kind, c->status ? c->status : "");
	if (cr_str_has(db, lang, key) || cr_str_has(db, "en", key))
		return S(key);
	return value_label(db, lang, "status", c->status, 0);
}

static char *status_text(struct cr_db *db, const char *lang, const struct cr_code *c)
{
	const char *plain = status_label(db, lang, c);
	if (!c->deprecated_by)
		return cr_xstrdup(plain);
	char *by = source_ref(db, lang, c->deprecated_by);
	char *r;
	if (c->deprecated_for) {
		char *m = list_text(db, lang, c->deprecated_for, "list.and");
		struct cr_slot s[] = { { "v", m }, { "rfc", by } };
		r = cr_fill(S("status.deprecated.for"), s, 2);
		free(m);
	} else {
		struct cr_slot s[] = { { "v", plain }, { "rfc", by } };
		r = cr_fill(S("status.deprecated.by"), s, 2);
	}
	free(by);
	return r;
}

char *cr_class_name(struct cr_db *db, const char *set, int cls, const char *lang)
{
	char key[64];
	snprintf(key, sizeof key, "%s.class.%d", set, cls);
	const struct cr_set *info = cr_db_set(db, set);
	if (info && !info->by_hundreds)
		return cr_xstrdup(S(key));
	return cr_asprintf("%dxx %s", cls, S(key));
}

char *cr_card_title(struct cr_db *db, const struct cr_code *c, const char *lang)
{
	char *name = cr_code_name(c);
	if (!c->text[CR_FIELD_GLOSS])
		return name;
	struct cr_slot s[] = { { "a", name }, { "v", c->text[CR_FIELD_GLOSS] } };
	char *t = cr_fill(S("title.gloss"), s, 2);
	free(name);
	return t;
}

static void add_fact(struct cr_doc *d, int cls, const char *label, char *value)
{
	if (value && *value)
		cr_doc_add_owned(d, CR_ROLE_FACT, cls, label, value);
	else
		free(value);
}

static void add_section(struct cr_db *db, const char *lang, struct cr_doc *d,
                        const struct cr_code *c, const char *heading, enum cr_field f)
{
	cr_doc_add(d, CR_ROLE_HEADING, c->cls, NULL, S(heading));
	if (c->fallback[f])
		cr_doc_add(d, CR_ROLE_NOTICE, c->cls, NULL, S("notice.fallback"));
	const char *text = c->text[f] ? c->text[f] : "";
	/* One block per paragraph. */
	while (*text) {
		size_t n = strcspn(text, "\n");
		if (n > 0)
			cr_doc_add_owned(d, CR_ROLE_TEXT, c->cls, NULL, cr_xstrndup(text, n));
		text += n;
		if (*text)
			text++;
	}
}

/* ---- mapping between sets ---- */

/* One row of where a code goes: by a source, to a code of a set or none. */
struct map_row {
	char *source;
	int standard, by_default;
	const char *to_set;      /* the database's key */
	int to;                  /* -1: none */
	char *note;              /* why the source maps it so, or NULL */
};

static size_t mappings_from(struct cr_db *db, const char *lang, const struct cr_code *c,
                            struct map_row **out)
{
	*out = NULL;
	size_t n = 0;
	sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_MAPPING_FROM);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *set = cr_db_set_key(db, (const char *)sqlite3_column_text(st, 3));
		if (!set || !sqlite3_column_text(st, 0))
			continue;
		*out = cr_xrealloc(*out, (n + 1) * sizeof **out);
		struct map_row *m = &(*out)[n++];
		m->source = cr_sanitize((const char *)sqlite3_column_text(st, 0), 0);
		m->standard = sqlite3_column_int(st, 1);
		m->by_default = sqlite3_column_int(st, 2);
		m->to_set = set;
		m->to = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 4);
		const char *note = (const char *)sqlite3_column_text(st, 6);
		m->note = note ? cr_sanitize(note, 0) : NULL;
	}
	sqlite3_reset(st);
	return n;
}

static void free_map_rows(struct map_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].source);
		free(rows[i].note);
	}
	free(rows);
}


/* "SIP 486 Busy Here", "SIP 500 Server Internal Error, by default" or
 * "no SIP code": where one row leads. */
static char *map_target(struct cr_db *db, const char *lang, const struct map_row *m)
{
	if (m->to < 0)
		return fill1(S("map.none"), "set", cr_db_set_name(db, m->to_set));
	char *name = full_name(db, lang, m->to_set, m->to);
	if (!m->by_default)
		return name;
	char *r = fill1(S("map.default"), "v", name);
	free(name);
	return r;
}

/* "SIP 486 Busy Here (RFC 3398 §7.2.4.1); FreeSWITCH and Asterisk: the
 * same": for each set the code maps to, the specifications' rows, then
 * the implementations, grouped where they do what the first specification
 * does. */
static void add_mappings_from(struct cr_db *db, const char *lang, struct cr_doc *d,
                              const struct cr_code *c)
{
	struct map_row *rows;
	size_t n = mappings_from(db, lang, c, &rows);
	for (size_t start = 0; start < n;) {
		size_t end = start;
		while (end < n && rows[end].to_set == rows[start].to_set)
			end++;
		const struct map_row *spec = rows[start].standard ? &rows[start] : NULL;
		char **items = NULL, **same = NULL;
		size_t nitems = 0, nsame = 0;
		for (size_t i = start; i < end; i++) {
			const struct map_row *m = &rows[i];
			char *item;
			if (m->standard) {
				char *target = map_target(db, lang, m), *rfc = source_ref(db, lang, m->source);
				struct cr_slot sl[] = { { "v", target }, { "rfc", rfc } };
				item = cr_fill(S("map.item"), sl, 2);
				free(target);
				free(rfc);
			} else if (spec && m->to == spec->to) {
				same = cr_xrealloc(same, (nsame + 1) * sizeof *same);
				same[nsame++] = cr_xstrdup(m->source);
				continue;
			} else {
				char *target = map_target(db, lang, m);
				struct cr_slot sl[] = { { "impl", m->source }, { "v", target } };
				item = cr_fill(S("map.impl"), sl, 2);
				free(target);
			}
			items = cr_xrealloc(items, (nitems + 1) * sizeof *items);
			items[nitems++] = item;
		}
		if (nsame) {
			char *who = join_items(db, lang, same, nsame, "list.and");
			items = cr_xrealloc(items, (nitems + 1) * sizeof *items);
			items[nitems++] = fill1(S("map.same"), "impl", who);
			free(who);
		}
		char *label = fill1(S("label.maps-to"), "set", cr_db_set_name(db, rows[start].to_set));
		add_fact(d, c->cls, label, join_each(db, lang, items, nitems, "list.semi"));
		free(label);
		/* Why: the sources' notes on this code's own rows. */
		char **notes = NULL;
		size_t nnotes = 0;
		for (size_t i = start; i < end; i++) {
			if (!rows[i].note)
				continue;
			notes = cr_xrealloc(notes, (nnotes + 1) * sizeof *notes);
			char *who = rows[i].standard ? source_ref(db, lang, rows[i].source) : cr_xstrdup(rows[i].source);
			struct cr_slot sl[] = { { "source", who }, { "note", rows[i].note } };
			notes[nnotes++] = cr_fill(S("map.note"), sl, 2);
			free(who);
		}
		if (nnotes)
			add_fact(d, c->cls, S("label.map-notes"), join_each(db, lang, notes, nnotes, "list.sentences"));
		cr_free_list(notes, nnotes);
		cr_free_list(items, nitems);
		cr_free_list(same, nsame);
		start = end;
	}
	free_map_rows(rows, n);
}

void cr_card_mappings(struct cr_db *db, const struct cr_code *c, const char *lang, struct cr_doc *out)
{
	add_mappings_from(db, lang, out, c);
}

/* "Q.850 17 User busy (RFC 3398 §7.2.4.1, FreeSWITCH, Asterisk)": the
 * codes of other sets that a row of their own maps to this one. */
static void add_mappings_to(struct cr_db *db, const char *lang, struct cr_doc *d,
                            const struct cr_code *c)
{
	sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_MAPPING_TO);
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, c->id);
	/* Read first: naming a code runs other statements. */
	struct { char *source; const char *set; int number; } *row = NULL;
	size_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *set = cr_db_set_key(db, (const char *)sqlite3_column_text(st, 2));
		if (!set || !sqlite3_column_text(st, 0))
			continue;
		row = cr_xrealloc(row, (n + 1) * sizeof *row);
		row[n].source = cr_sanitize((const char *)sqlite3_column_text(st, 0), 0);
		row[n].set = set;
		row[n].number = sqlite3_column_int(st, 3);
		n++;
	}
	sqlite3_reset(st);
	/* Per set, per code in the order first met, its sources. */
	for (size_t i = 0; i < n; i++) {
		if (!row[i].source || (i > 0 && row[i].set == row[i - 1].set))
			continue;
		char **items = NULL;
		size_t nitems = 0;
		for (size_t k = i; k < n && row[k].set == row[i].set; k++) {
			if (!row[k].source)
				continue;
			char **sources = NULL;
			size_t nsources = 0;
			for (size_t m = k; m < n && row[m].set == row[i].set; m++) {
				if (!row[m].source || row[m].number != row[k].number)
					continue;
				sources = cr_xrealloc(sources, (nsources + 1) * sizeof *sources);
				sources[nsources++] = source_ref(db, lang, row[m].source);
				if (m != k) {
					free(row[m].source);
					row[m].source = NULL;
				}
			}
			char *name = full_name(db, lang, row[k].set, row[k].number);
			char *rfc = join_items(db, lang, sources, nsources, "list.comma");
			struct cr_slot sl[] = { { "v", name }, { "rfc", rfc } };
			items = cr_xrealloc(items, (nitems + 1) * sizeof *items);
			items[nitems++] = cr_fill(S("map.item"), sl, 2);
			free(name);
			free(rfc);
			cr_free_list(sources, nsources);
		}
		char *label = fill1(S("label.maps-from"), "set", cr_db_set_name(db, row[i].set));
		add_fact(d, c->cls, label, join_each(db, lang, items, nitems, "list.semi"));
		free(label);
		cr_free_list(items, nitems);
	}
	for (size_t i = 0; i < n; i++)
		free(row[i].source);
	free(row);
}

/* The call-flow section: the parsed flow and its elements' names, drawn
 * by the front end for its width; a damaged flow is named, not drawn. */
static void add_flow(struct cr_db *db, const char *lang, struct cr_doc *d, const struct cr_code *c)
{
	struct cr_flow *f = cr_xcalloc(1, sizeof *f);
	int found = cr_flow_get(db, c->id, lang, f);
	if (found == 0) {
		free(f);
		return;
	}
	cr_doc_add(d, CR_ROLE_HEADING, c->cls, NULL, S("heading.flow"));
	if (found < 0) {
		free(f);
		cr_doc_add(d, CR_ROLE_NOTICE, c->cls, NULL, S("notice.flow-damaged"));
		return;
	}
	struct cr_flow_name *names = cr_xcalloc(f->entities, sizeof *names);
	cr_flow_names(db, lang, f, names);
	cr_doc_add_flow(d, c->cls, cr_xstrdup(""), f, names);
	/* What to say where the width cannot hold the ladder. */
	d->block[d->count - 1].label = cr_xstrdup(S("notice.flow-narrow"));
}

void cr_card_build(struct cr_db *db, const struct cr_code *c, const char *lang, int flags,
                   struct cr_doc *d)
{
	memset(d, 0, sizeof *d);
	char *title = cr_card_title(db, c, lang);
	cr_doc_add_owned(d, CR_ROLE_TITLE, c->cls, NULL,
	                 cr_asprintf("%s %s", c->set_name ? c->set_name : "", title));
	free(title);
	add_fact(d, c->cls, S("label.class"), cr_class_name(db, c->set, c->cls, lang));
	if (!(flags & CR_CARD_NO_FACTS)) {
		add_fact(d, c->cls, S("label.status"), status_text(db, lang, c));
		if (c->former)
			add_fact(d, c->cls, S("label.former"), cr_xstrdup(c->former));
		if (c->keywords)
			add_fact(d, c->cls, S("label.keywords"), list_text(db, lang, c->keywords, "list.comma"));
		if (c->rfc && strcmp(c->rfc, "none") != 0) /* unregistered codes have no document */
			add_fact(d, c->cls, S("label.rfc"), rfc_ref(db, lang, c));
		for (size_t i = 0; i < c->nfacts; i++) {
			char key[96];
			snprintf(key, sizeof key, "label.%s", c->fact[i].kind);
			add_fact(d, c->cls, S(key), fact_text(db, lang, &c->fact[i]));
			if (c->fact[i].fallback)
				cr_doc_add(d, CR_ROLE_NOTICE, c->cls, NULL, S("notice.fallback"));
		}
		add_mappings_from(db, lang, d, c);
		add_mappings_to(db, lang, d, c);
	} else if (c->former) {
		add_fact(d, c->cls, S("label.former"), cr_xstrdup(c->former));
	}
	if (!(flags & CR_CARD_NO_FACTS) && c->fallback[CR_FIELD_GLOSS])
		cr_doc_add(d, CR_ROLE_NOTICE, c->cls, NULL, S("notice.fallback"));
	add_section(db, lang, d, c, "heading.description", CR_FIELD_DESCRIPTION);
	add_section(db, lang, d, c, "heading.when", CR_FIELD_SEEN);
	add_section(db, lang, d, c, "heading.fix", CR_FIELD_FIX);
	/* Last: the picture of what the text above says, and the longest part. */
	if (!(flags & CR_CARD_NO_FLOW))
		add_flow(db, lang, d, c);
}

/* ---- comparison ---- */

/* The facts both codes share, one item each under their own heading. */
struct common {
	char **item;
	size_t count;
};

static void add_common(struct cr_db *db, const char *lang, struct common *cm,
                       const char *label_key, const char *value)
{
	struct cr_slot pair[] = { { "label", S(label_key) }, { "v", value } };
	cm->item = cr_xrealloc(cm->item, (cm->count + 1) * sizeof *cm->item);
	cm->item[cm->count++] = cr_fill(S("same.pair"), pair, 2);
}

static void add_diff(struct cr_doc *d, char *sentence)
{
	cr_doc_add_owned(d, CR_ROLE_ITEM, 0, NULL, sentence);
}

/* A fact with an enumerated value: one sentence when it differs, a common
 * item when it does not. */
static void compare_enum(struct cr_db *db, const char *lang, struct cr_doc *d, struct common *cm,
                         const char *kind, const char *label_key, const char *na, const char *va,
                         const char *nb, const char *vb)
{
	char diff_key[64];
	snprintf(diff_key, sizeof diff_key, "diff.%s", kind);
	if (strcmp(va ? va : "", vb ? vb : "") == 0) {
		add_common(db, lang, cm, label_key, value_label(db, lang, kind, va, 0));
		return;
	}
	add_diff(d, fill_pair(S(diff_key), na, value_label(db, lang, kind, va, 1),
	                      nb, value_label(db, lang, kind, vb, 1)));
}

static int same_list(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Header field lists: a sentence for each side that has some; nothing
 * when neither does. */
static void compare_fields(struct cr_db *db, const char *lang, struct cr_doc *d, struct common *cm,
                           const char *kind, const char *na, const char *la, const char *nb,
                           const char *lb)
{
	char label_key[64];
	snprintf(label_key, sizeof label_key, "label.%s", kind);
	if (same_list(la, lb)) {
		if (la && *la) {
			char *h = list_text(db, lang, la, "list.and");
			add_common(db, lang, cm, label_key, h);
			free(h);
		}
		return;
	}
	char key[64];
	char *ha = la ? list_text(db, lang, la, "list.and") : cr_xstrdup(""),
	     *hb = lb ? list_text(db, lang, lb, "list.and") : cr_xstrdup("");
	if (*ha && *hb) {
		snprintf(key, sizeof key, "diff.%s", kind);
		add_diff(d, fill_pair(S(key), na, ha, nb, hb));
	} else {
		snprintf(key, sizeof key, "diff.%s.one", kind);
		int a_has = *ha != '\0';
		add_diff(d, fill_pair(S(key), a_has ? na : nb, a_has ? ha : hb, a_has ? nb : na, ""));
	}
	free(ha);
	free(hb);
}

/* Whether every item of list a is in list b. */
static int list_within(const char *a, const char *b)
{
	char **ia, **ib;
	size_t na = cr_split_list(a, &ia), nb = cr_split_list(b, &ib);
	int all = 1;
	for (size_t i = 0; i < na && all; i++) {
		int found = 0;
		for (size_t k = 0; k < nb && !found; k++)
			found = strcmp(ia[i], ib[k]) == 0;
		all = found;
	}
	cr_free_list(ia, na);
	cr_free_list(ib, nb);
	return all;
}

static int has_item(const char *list, const char *item)
{
	return list_within(item, list);
}

/* Lists of keys (senders) differ only when neither side's list holds the
 * other's: "the UAS" against "the UAS or a gateway" is no difference worth
 * a line. */
/* The value of a one-item key list when the language has a comparison
 * sentence of its own for it ("diff.sender.log"), else NULL. */
static const char *solo_value(struct cr_db *db, const char *kind, const char *list)
{
	if (!*list || strchr(list, ','))
		return NULL;
	char key[96];
	snprintf(key, sizeof key, "diff.%s.%s", kind, list);
	return cr_str_has(db, "en", key) ? list : NULL;
}

static void compare_keys(struct cr_db *db, const char *lang, struct cr_doc *d, struct common *cm,
                         const char *kind, const char *na, const char *sa, const char *nb, const char *sb)
{
	char label_key[64], diff_key[64], any_key[64];
	snprintf(label_key, sizeof label_key, "label.%s", kind);
	snprintf(diff_key, sizeof diff_key, "diff.%s", kind);
	snprintf(any_key, sizeof any_key, "diff.%s.any", kind);
	sa = sa ? sa : "";
	sb = sb ? sb : "";
	if (same_list(sa, sb)) {
		char *v = labelled_list(db, lang, kind, sa, "list.or");
		add_common(db, lang, cm, label_key, v);
		free(v);
		return;
	}
	int a_any = has_item(sa, "any"), b_any = has_item(sb, "any");
	if (!a_any && !b_any && (list_within(sa, sb) || list_within(sb, sa)))
		return;
	if (a_any && b_any)
		return;
	/* A side whose one value has a sentence of its own (diff.sender.log:
	 * nobody sends it, it is only logged) says it that way. */
	const char *solo_a = a_any ? "any" : solo_value(db, kind, sa);
	const char *solo_b = b_any ? "any" : solo_value(db, kind, sb);
	if (!solo_a != !solo_b) {
		int a_solo = solo_a != NULL;
		snprintf(any_key, sizeof any_key, "diff.%s.%s", kind, a_solo ? solo_a : solo_b);
		char *v = labelled_list(db, lang, kind, a_solo ? sb : sa, "list.or");
		add_diff(d, fill_pair(S(any_key), a_solo ? na : nb, "", a_solo ? nb : na, v));
		free(v);
		return;
	}
	char *va = labelled_list(db, lang, kind, sa, "list.or"), *vb = labelled_list(db, lang, kind, sb, "list.or");
	add_diff(d, fill_pair(S(diff_key), na, va, nb, vb));
	free(va);
	free(vb);
}

static void compare_text(struct cr_db *db, const char *lang, struct cr_doc *d, struct common *cm,
                         const char *diff_key, const char *label_key, const char *na, char *va,
                         const char *nb, char *vb)
{
	if (strcmp(va, vb) == 0)
		add_common(db, lang, cm, label_key, va);
	else
		add_diff(d, fill_pair(S(diff_key), na, va, nb, vb));
	free(va);
	free(vb);
}

/* The hand-written note on the pair, in either order and across sets; 1 when
 * there is one. */
static int add_pair_note(struct cr_db *db, const char *lang, struct cr_doc *d,
                         const struct cr_code *a, const struct cr_code *b)
{
	sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_PAIR_NOTE);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, a->id);
	sqlite3_bind_int64(st, 2, b->id);
	sqlite3_bind_text(st, 3, lang, -1, SQLITE_STATIC);
	int found = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0);
	if (found) {
		const char *note_lang = (const char *)sqlite3_column_text(st, 1);
		if (note_lang && strcmp(note_lang, lang) != 0)
			cr_doc_add(d, CR_ROLE_NOTICE, 0, NULL, S("notice.fallback"));
		add_diff(d, cr_sanitize((const char *)sqlite3_column_text(st, 0), 0));
	}
	sqlite3_reset(st);
	return found;
}

/* The first key difference: the hand-written note on the pair, else the two
 * glosses side by side. */
static void add_meaning(struct cr_db *db, const char *lang, struct cr_doc *d,
                        const struct cr_code *a, const char *na, const struct cr_code *b,
                        const char *nb)
{
	if (add_pair_note(db, lang, d, a, b))
		return;
	const char *ga = a->text[CR_FIELD_GLOSS], *gb = b->text[CR_FIELD_GLOSS];
	if (ga && gb)
		add_diff(d, fill_pair(S("diff.gloss"), na, ga, nb, gb));
}

static void add_use(struct cr_db *db, const char *lang, struct cr_doc *d, const struct cr_code *c,
                    const char *name)
{
	if (c->text[CR_FIELD_USE]) {
		if (c->fallback[CR_FIELD_USE])
			cr_doc_add(d, CR_ROLE_NOTICE, c->cls, NULL, S("notice.fallback"));
		struct cr_slot s[] = { { "a", name }, { "text", c->text[CR_FIELD_USE] } };
		cr_doc_add_owned(d, CR_ROLE_ITEM, c->cls, NULL, cr_fill(S("use.line"), s, 2));
	}
	if (c->status && strcmp(c->status, "registered") != 0) {
		/* use.STATUS (use.deprecated.for when the sources name the
		 * methods): every status but registered has its line of advice. */
		char *r = c->deprecated_by ? source_ref(db, lang, c->deprecated_by) : rfc_ref(db, lang, c);
		char *m = c->deprecated_for ? list_text(db, lang, c->deprecated_for, "list.and") : NULL;
		struct cr_slot s[] = { { "a", name }, { "rfc", r }, { "v", m ? m : "" } };
		char key[64];
		snprintf(key, sizeof key, "use.%s%s", c->status, m ? ".for" : "");
		cr_doc_add_owned(d, CR_ROLE_ITEM, c->cls, NULL, cr_fill(S(key), s, 3));
		free(r);
		free(m);
	}
}

/* Whether two different values of a key fact say the same to a reader: the
 * set's "same" list (retry "none", nothing to retry, and "no", do not
 * retry, leave the client doing the same). */
static int say_the_same(const struct cr_fact *f, const char *va, const char *vb)
{
	return f->same && va && vb && strcmp(va, vb) != 0 && has_item(f->same, va) &&
	       has_item(f->same, vb);
}

/* The facts of a kind both codes have, compared by the type their set
 * declares.  Texts (an implementation's name) and code lists are shown on
 * the cards, not compared. */
static void compare_fact(struct cr_db *db, const char *lang, struct cr_doc *d, struct common *cm,
                         const struct cr_fact *fa, const char *na, const struct cr_fact *fb,
                         const char *nb)
{
	const struct cr_fact *f = fa ? fa : fb;
	const char *va = fa ? fa->value : NULL, *vb = fb ? fb->value : NULL;
	char label_key[64];
	snprintf(label_key, sizeof label_key, "label.%s", f->kind);
	if (strcmp(f->type, "key") == 0) {
		if (fa && fb && !say_the_same(f, va, vb))
			compare_enum(db, lang, d, cm, f->kind, label_key, na, va, nb, vb);
	} else if (strcmp(f->type, "keys") == 0) {
		if (fa && fb)
			compare_keys(db, lang, d, cm, f->kind, na, va, nb, vb);
	} else if (strcmp(f->type, "fields") == 0) {
		compare_fields(db, lang, d, cm, f->kind, na, va, nb, vb);
	} else if (strcmp(f->type, "items") == 0 && fa && fb) {
		char diff_key[64];
		snprintf(diff_key, sizeof diff_key, "diff.%s", f->kind);
		compare_text(db, lang, d, cm, diff_key, label_key, na, fact_text(db, lang, fa), nb,
		             fact_text(db, lang, fb));
	}
}

/* How a code of one set relates to a code of another: the gateway mapping
 * (and where implementations do otherwise), or a code list naming it. */
static int relate_across(struct cr_db *db, const char *lang, struct cr_doc *d,
                         const struct cr_code *a, const char *na, const struct cr_code *b,
                         const char *nb)
{
	int said = 0;
	struct map_row *rows;
	size_t n = mappings_from(db, lang, a, &rows);
	const struct map_row *spec = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct map_row *m = &rows[i];
		if (m->to_set != b->set)
			continue;
		char *rfc = source_ref(db, lang, m->source);
		if (m->standard && !spec) {
			spec = m;
			const char *key = m->to == b->number ? (m->by_default ? "cross.maps.default" : "cross.maps")
			                  : m->to < 0 ? "cross.maps.none" : "cross.maps.other";
			char *target = m->to >= 0 ? full_name(db, lang, m->to_set, m->to) : cr_xstrdup("");
			struct cr_slot sl[] = { { "a", na }, { "b", nb }, { "v", target }, { "rfc", rfc },
			                        { "set", cr_db_set_name(db, b->set) } };
			add_diff(d, cr_fill(S(key), sl, CR_ARRAY_SIZE(sl)));
			free(target);
			said = 1;
		} else if (!m->standard && (!spec || m->to != spec->to)) {
			char *target = map_target(db, lang, m);
			struct cr_slot sl[] = { { "a", na }, { "impl", m->source }, { "v", target } };
			add_diff(d, cr_fill(S("cross.impl"), sl, CR_ARRAY_SIZE(sl)));
			free(target);
			said = 1;
		}
		free(rfc);
	}
	free_map_rows(rows, n);
	for (size_t i = 0; i < a->nfacts; i++) {
		const struct cr_fact *f = &a->fact[i];
		if (strcmp(f->type, "codes") != 0 || !f->target || strcmp(f->target, b->set) != 0)
			continue;
		char number[16], key[96];
		snprintf(number, sizeof number, "%d", b->number);
		const char *form = has_item(f->value, number) ? "" : has_item(f->value, "any") ? ".any" : ".not";
		snprintf(key, sizeof key, "%s.pair%s", f->kind, form);
		char *v = code_list(db, lang, f, "list.or");
		add_diff(d, fill_pair(S(key), na, v, nb, v));
		free(v);
		said = 1;
	}
	return said;
}

/* Two status codes of different protocols that share a number (HTTP 404
 * and SIP 404): both sets are numbered by hundreds. */
static int same_number_protocols(struct cr_db *db, const struct cr_code *a, const struct cr_code *b)
{
	const struct cr_set *sa = cr_db_set(db, a->set), *sb = cr_db_set(db, b->set);
	return a->number == b->number && sa && sb && sa->by_hundreds && sb->by_hundreds;
}

void cr_compare_build(struct cr_db *db, const struct cr_code *a, const struct cr_code *b,
                      const char *lang, struct cr_comparison *out)
{
	memset(out, 0, sizeof *out);
	int cross = strcmp(a->set, b->set) != 0;
	/* Across sets, names carry their set: "SIP 486 Busy Here", "Q.850 17 User busy". */
	char *na = cross ? cr_code_full_name(a) : cr_code_name(a);
	char *nb = cross ? cr_code_full_name(b) : cr_code_name(b);
	int self = !cross && a->number == b->number;

	struct cr_slot title[] = { { "set", a->set_name }, { "a", na }, { "b", nb } };
	cr_doc_add_owned(&out->head, CR_ROLE_TITLE, 0, NULL,
	                 cr_fill(S(cross ? "compare.title.cross" : "compare.title"), title, 3));
	char key_a[64], key_b[64];
	int same_class = !cross && a->cls == b->cls;
	snprintf(key_a, sizeof key_a, "%s.class.%d.a", a->set, a->cls);
	snprintf(key_b, sizeof key_b, "%s.class.%d.%s", b->set, b->cls, same_class ? "both" : "a");
	char *summary;
	if (self)
		summary = fill1(S("summary.self"), "a", na);
	else if (same_class) {
		struct cr_slot s[] = { { "a", na }, { "b", nb }, { "v", S(key_b) } };
		summary = cr_fill(S("summary.same_class"), s, 3);
	} else if (cross && strcmp(S(key_a), S(key_b)) == 0) {
		/* HTTP 200 and SIP 200: the same class name in two protocols */
		struct cr_slot sl[] = { { "a", na }, { "b", nb }, { "v", S(key_a) } };
		summary = cr_fill(S("summary.same_class.cross"), sl, 3);
	} else
		summary = fill_pair(S("summary.classes"), na, S(key_a), nb, S(key_b));
	cr_doc_add_owned(&out->head, CR_ROLE_TEXT, 0, NULL, summary);

	cr_card_build(db, a, lang, CR_CARD_NO_FACTS, &out->left);
	cr_card_build(db, b, lang, CR_CARD_NO_FACTS, &out->right);

	struct cr_doc *t = &out->tail;
	cr_doc_add(t, CR_ROLE_HEADING, 0, NULL, S("heading.differences"));
	if (self) {
		cr_doc_add(t, CR_ROLE_ITEM, 0, NULL, S("diff.none"));
	} else {
		struct common cm = { 0 };
		if (cross) {
			/* A note on codes that share a number across protocols (HTTP
			 * and SIP 503) comes first and stands for the glosses. */
			int noted = add_pair_note(db, lang, t, a, b);
			int said = relate_across(db, lang, t, a, na, b, nb);
			said |= relate_across(db, lang, t, b, nb, a, na);
			if (!said && !noted)
				add_diff(t, fill_pair(S(same_number_protocols(db, a, b) ? "cross.same_number"
				                                                         : "cross.unrelated"), na, "", nb, ""));
			const char *ga = a->text[CR_FIELD_GLOSS], *gb = b->text[CR_FIELD_GLOSS];
			if (ga && gb && !noted)
				add_diff(t, fill_pair(S("diff.gloss"), na, ga, nb, gb));
		} else {
			add_meaning(db, lang, t, a, na, b, nb);
			/* The set's facts in its order; a kind one side lacks is
			 * compared as empty where the type allows (header fields). */
			for (size_t i = 0; i < a->nfacts; i++)
				compare_fact(db, lang, t, &cm, &a->fact[i], na,
				             cr_code_fact_of(b, a->fact[i].kind), nb);
			for (size_t i = 0; i < b->nfacts; i++)
				if (!cr_code_fact_of(a, b->fact[i].kind))
					compare_fact(db, lang, t, &cm, NULL, na, &b->fact[i], nb);
		}
		int a_none = a->rfc && strcmp(a->rfc, "none") == 0, b_none = b->rfc && strcmp(b->rfc, "none") == 0;
		if (strcmp(a->rfc ? a->rfc : "", b->rfc ? b->rfc : "") == 0) {
			if (!a_none)
				add_common(db, lang, &cm, "label.rfc", a->rfc ? a->rfc : "");
		} else if (a_none || b_none) {
			/* a code no document defines (not registered) */
			char *r = rfc_ref(db, lang, a_none ? b : a);
			add_diff(t, fill_pair(S("diff.rfc.none"), a_none ? na : nb, "", a_none ? nb : na, r));
			free(r);
		} else
			compare_text(db, lang, t, &cm, "diff.rfc", "label.rfc", na, rfc_ref(db, lang, a), nb,
			             rfc_ref(db, lang, b));
		if (!cross && strcmp(a->status ? a->status : "", b->status ? b->status : "") == 0)
			/* In the set's own words: a Q.850 cause is not "registered with IANA". */
			add_common(db, lang, &cm, "label.status", status_label(db, lang, a));
		else if (!cross)
			compare_enum(db, lang, t, &cm, "status", "label.status", na, a->status, nb, b->status);
		else if (strcmp(a->status ? a->status : "", b->status ? b->status : "") != 0)
			/* Across sets "registered" differs only in whose registry,
			 * which the reference line already says. */
			add_diff(t, fill_pair(S("diff.status"), na, status_label(db, lang, a), nb,
			                      status_label(db, lang, b)));
		if (cm.count) {
			cr_doc_add(t, CR_ROLE_HEADING, 0, NULL, S("heading.common"));
			for (size_t i = 0; i < cm.count; i++)
				cr_doc_add_owned(t, CR_ROLE_ITEM, 0, NULL, cm.item[i]);
		}
		free(cm.item);
	}

	cr_doc_add(t, CR_ROLE_HEADING, 0, NULL, S("heading.use"));
	add_use(db, lang, t, a, na);
	if (!self)
		add_use(db, lang, t, b, nb);
	free(na);
	free(nb);
}

void cr_comparison_free(struct cr_comparison *cmp)
{
	cr_doc_free(&cmp->head);
	cr_doc_free(&cmp->left);
	cr_doc_free(&cmp->right);
	cr_doc_free(&cmp->tail);
}
