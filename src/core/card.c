/* Cards and comparisons, built from facts, texts and the string table's
 * templates.  Every sentence here comes from a whole-sentence template of the
 * display language with noun-phrase slots, so no language is glued together
 * from another's word order. */
#include "config.h"

#include "card.h"
#include "template.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
static char *join_items(struct cr_db *db, const char *lang, char **items, size_t n, const char *last_key)
{
	if (n == 0)
		return cr_xstrdup("");
	char *acc = cr_xstrdup(items[0]);
	for (size_t i = 1; i < n; i++) {
		struct cr_slot s[] = { { "x", acc }, { "y", items[i] } };
		char *next = cr_fill(S(i + 1 == n ? last_key : "list.comma"), s, 2);
		free(acc);
		acc = next;
	}
	return acc;
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

static char *senders(struct cr_db *db, const char *lang, const char *list)
{
	char **items;
	size_t n = cr_split_list(list, &items);
	for (size_t i = 0; i < n; i++) {
		char *label = cr_xstrdup(value_label(db, lang, "sender", items[i], 0));
		free(items[i]);
		items[i] = label;
	}
	char *s = join_items(db, lang, items, n, "list.or");
	cr_free_list(items, n);
	return s;
}

static char *methods(struct cr_db *db, const char *lang, const char *list)
{
	if (!list || strcmp(list, "any") == 0)
		return cr_xstrdup(S("methods.any"));
	/* A single key with a label of its own ("identity"). */
	char key[64];
	snprintf(key, sizeof key, "methods.%s", list);
	if (strlen(list) < 48 && (cr_str_has(db, lang, key) || cr_str_has(db, "en", key)))
		return cr_xstrdup(S(key));
	return list_text(db, lang, list, "list.or");
}

static char *headers(struct cr_db *db, const char *lang, const char *list)
{
	return list_text(db, lang, list, "list.and");
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
static char *status_text(struct cr_db *db, const char *lang, const struct cr_code *c)
{
	const char *plain = value_label(db, lang, "status", c->status, 0);
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

void cr_card_build(struct cr_db *db, const char *set, const struct cr_code *c,
                   const char *lang, int flags, struct cr_doc *d)
{
	memset(d, 0, sizeof *d);
	char *title = cr_card_title(db, c, lang);
	cr_doc_add_owned(d, CR_ROLE_TITLE, c->cls, NULL,
	                 cr_asprintf("%s %s", c->set_name ? c->set_name : "", title));
	free(title);
	add_fact(d, c->cls, S("label.class"), cr_class_name(db, set, c->cls, lang));
	if (!(flags & CR_CARD_NO_FACTS)) {
		add_fact(d, c->cls, S("label.status"), status_text(db, lang, c));
		if (c->former)
			add_fact(d, c->cls, S("label.former"), cr_xstrdup(c->former));
		if (c->keywords)
			add_fact(d, c->cls, S("label.keywords"), list_text(db, lang, c->keywords, "list.comma"));
		add_fact(d, c->cls, S("label.rfc"), rfc_ref(db, lang, c));
		add_fact(d, c->cls, S("label.kind"),
		         cr_xstrdup(S(c->final ? "kind.final" : "kind.provisional")));
		add_fact(d, c->cls, S("label.scope"), cr_xstrdup(value_label(db, lang, "scope", c->scope, 0)));
		add_fact(d, c->cls, S("label.retry"), cr_xstrdup(value_label(db, lang, "retry", c->retry, 0)));
		add_fact(d, c->cls, S("label.requires"), c->requires ? cr_xstrdup(c->requires) : NULL);
		add_fact(d, c->cls, S("label.related"), c->related ? cr_xstrdup(c->related) : NULL);
		add_fact(d, c->cls, S("label.request"), c->request ? cr_xstrdup(c->request) : NULL);
		add_fact(d, c->cls, S("label.sender"), senders(db, lang, c->sender));
		add_fact(d, c->cls, S("label.methods"), methods(db, lang, c->methods));
	} else if (c->former) {
		add_fact(d, c->cls, S("label.former"), cr_xstrdup(c->former));
	}
	if (!(flags & CR_CARD_NO_FACTS) && c->fallback[CR_FIELD_GLOSS])
		cr_doc_add(d, CR_ROLE_NOTICE, c->cls, NULL, S("notice.fallback"));
	add_section(db, lang, d, c, "heading.description", CR_FIELD_DESCRIPTION);
	add_section(db, lang, d, c, "heading.when", CR_FIELD_SEEN);
	add_section(db, lang, d, c, "heading.fix", CR_FIELD_FIX);
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

/* "none" (a provisional or success: nothing to retry) and "no" (do not
 * retry) say the same thing to the client: no line for that pair. */
static int no_retry(const char *v)
{
	return v && (strcmp(v, "none") == 0 || strcmp(v, "no") == 0);
}

static void compare_retry(struct cr_db *db, const char *lang, struct cr_doc *d, struct common *cm,
                          const char *na, const struct cr_code *a, const char *nb,
                          const struct cr_code *b)
{
	if (no_retry(a->retry) && no_retry(b->retry) && strcmp(a->retry, b->retry) != 0)
		return;
	compare_enum(db, lang, d, cm, "retry", "label.retry", na, a->retry, nb, b->retry);
}

static int same_list(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Header lists: a sentence for each side that has some; nothing when
 * neither does. */
static void compare_headers(struct cr_db *db, const char *lang, struct cr_doc *d, struct common *cm,
                            const char *kind, const char *label_key, const char *na, const char *la,
                            const char *nb, const char *lb)
{
	if (same_list(la, lb)) {
		if (la && *la) {
			char *h = headers(db, lang, la);
			add_common(db, lang, cm, label_key, h);
			free(h);
		}
		return;
	}
	char key[64];
	char *ha = headers(db, lang, la), *hb = headers(db, lang, lb);
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

/* Senders differ only when neither side's list holds the other's: "the UAS"
 * against "the UAS or a gateway" is no difference worth a line. */
static void compare_senders(struct cr_db *db, const char *lang, struct cr_doc *d, struct common *cm,
                            const char *na, const char *sa, const char *nb, const char *sb)
{
	sa = sa ? sa : "";
	sb = sb ? sb : "";
	if (same_list(sa, sb)) {
		char *v = senders(db, lang, sa);
		add_common(db, lang, cm, "label.sender", v);
		free(v);
		return;
	}
	int a_any = has_item(sa, "any"), b_any = has_item(sb, "any");
	if (!a_any && !b_any && (list_within(sa, sb) || list_within(sb, sa)))
		return;
	if (a_any && b_any)
		return;
	if (a_any || b_any) {
		char *v = senders(db, lang, a_any ? sb : sa);
		add_diff(d, fill_pair(S("diff.sender.any"), a_any ? na : nb, "", a_any ? nb : na, v));
		free(v);
		return;
	}
	char *va = senders(db, lang, sa), *vb = senders(db, lang, sb);
	add_diff(d, fill_pair(S("diff.sender"), na, va, nb, vb));
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

/* The first key difference: the hand-written note on the pair, else the two
 * glosses side by side. */
static void add_meaning(struct cr_db *db, const char *lang, struct cr_doc *d,
                        const struct cr_code *a, const char *na, const struct cr_code *b,
                        const char *nb)
{
	sqlite3_stmt *st = cr_db_stmt(db, CR_STMT_PAIR_NOTE);
	if (st) {
		sqlite3_bind_int64(st, 1, a->id);
		sqlite3_bind_int64(st, 2, b->id);
		sqlite3_bind_text(st, 3, lang, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
			const char *note_lang = (const char *)sqlite3_column_text(st, 1);
			if (note_lang && strcmp(note_lang, lang) != 0)
				cr_doc_add(d, CR_ROLE_NOTICE, 0, NULL, S("notice.fallback"));
			add_diff(d, cr_sanitize((const char *)sqlite3_column_text(st, 0), 0));
			sqlite3_reset(st);
			return;
		}
		sqlite3_reset(st);
	}
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
		int deprecated = strcmp(c->status, "deprecated") == 0;
		char *r = deprecated && c->deprecated_by ? source_ref(db, lang, c->deprecated_by)
		                                         : rfc_ref(db, lang, c);
		char *m = c->deprecated_for ? list_text(db, lang, c->deprecated_for, "list.and") : NULL;
		struct cr_slot s[] = { { "a", name }, { "rfc", r }, { "v", m ? m : "" } };
		const char *key = !deprecated ? "use.unregistered" : m ? "use.deprecated.for" : "use.deprecated";
		cr_doc_add_owned(d, CR_ROLE_ITEM, c->cls, NULL, cr_fill(S(key), s, 3));
		free(r);
		free(m);
	}
}

void cr_compare_build(struct cr_db *db, const char *set, const struct cr_code *a,
                      const struct cr_code *b, const char *lang, struct cr_comparison *out)
{
	memset(out, 0, sizeof *out);
	char *na = cr_code_name(a), *nb = cr_code_name(b);
	int self = a->number == b->number;

	struct cr_slot title[] = { { "set", a->set_name }, { "a", na }, { "b", nb } };
	cr_doc_add_owned(&out->head, CR_ROLE_TITLE, 0, NULL, cr_fill(S("compare.title"), title, 3));
	char key_a[64], key_b[64];
	snprintf(key_a, sizeof key_a, "%s.class.%d.a", set, a->cls);
	snprintf(key_b, sizeof key_b, "%s.class.%d.%s", set, b->cls, a->cls == b->cls ? "both" : "a");
	char *summary;
	if (self)
		summary = fill1(S("summary.self"), "a", na);
	else if (a->cls == b->cls) {
		struct cr_slot s[] = { { "a", na }, { "b", nb }, { "v", S(key_b) } };
		summary = cr_fill(S("summary.same_class"), s, 3);
	} else
		summary = fill_pair(S("summary.classes"), na, S(key_a), nb, S(key_b));
	cr_doc_add_owned(&out->head, CR_ROLE_TEXT, 0, NULL, summary);

	cr_card_build(db, set, a, lang, CR_CARD_NO_FACTS, &out->left);
	cr_card_build(db, set, b, lang, CR_CARD_NO_FACTS, &out->right);

	struct cr_doc *t = &out->tail;
	cr_doc_add(t, CR_ROLE_HEADING, 0, NULL, S("heading.differences"));
	if (self) {
		cr_doc_add(t, CR_ROLE_ITEM, 0, NULL, S("diff.none"));
	} else {
		struct common cm = { 0 };
		add_meaning(db, lang, t, a, na, b, nb);
		const char *ka = a->final ? "final" : "provisional", *kb = b->final ? "final" : "provisional";
		compare_enum(db, lang, t, &cm, "kind", "label.kind", na, ka, nb, kb);
		compare_enum(db, lang, t, &cm, "scope", "label.scope", na, a->scope, nb, b->scope);
		compare_retry(db, lang, t, &cm, na, a, nb, b);
		compare_headers(db, lang, t, &cm, "requires", "label.requires", na, a->requires, nb, b->requires);
		compare_headers(db, lang, t, &cm, "related", "label.related", na, a->related, nb, b->related);
		compare_headers(db, lang, t, &cm, "request", "label.request", na, a->request, nb, b->request);
		compare_senders(db, lang, t, &cm, na, a->sender, nb, b->sender);
		compare_text(db, lang, t, &cm, "diff.methods", "label.methods", na, methods(db, lang, a->methods),
		             nb, methods(db, lang, b->methods));
		if (strcmp(a->rfc ? a->rfc : "", b->rfc ? b->rfc : "") == 0)
			add_common(db, lang, &cm, "label.rfc", a->rfc ? a->rfc : "");
		else
			compare_text(db, lang, t, &cm, "diff.rfc", "label.rfc", na, rfc_ref(db, lang, a), nb,
			             rfc_ref(db, lang, b));
		compare_enum(db, lang, t, &cm, "status", "label.status", na, a->status, nb, b->status);
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
