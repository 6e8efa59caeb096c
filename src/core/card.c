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
	char **items;
	size_t n = cr_split_list(list, &items);
	char *s = join_items(db, lang, items, n, "list.or");
	cr_free_list(items, n);
	return s;
}

static char *headers(struct cr_db *db, const char *lang, const char *list)
{
	char **items;
	size_t n = cr_split_list(list, &items);
	char *s = join_items(db, lang, items, n, "list.and");
	cr_free_list(items, n);
	return s;
}

static char *rfc_ref(const struct cr_code *c)
{
	return c->section ? cr_asprintf("%s §%s", c->rfc, c->section) : cr_xstrdup(c->rfc ? c->rfc : "");
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
		add_fact(d, c->cls, S("label.status"), cr_xstrdup(value_label(db, lang, "status", c->status, 0)));
		if (c->former)
			add_fact(d, c->cls, S("label.former"), cr_xstrdup(c->former));
		add_fact(d, c->cls, S("label.rfc"), rfc_ref(c));
		add_fact(d, c->cls, S("label.kind"),
		         cr_xstrdup(S(c->final ? "kind.final" : "kind.provisional")));
		add_fact(d, c->cls, S("label.scope"), cr_xstrdup(value_label(db, lang, "scope", c->scope, 0)));
		add_fact(d, c->cls, S("label.retry"), cr_xstrdup(value_label(db, lang, "retry", c->retry, 0)));
		add_fact(d, c->cls, S("label.requires"), c->requires ? cr_xstrdup(c->requires) : NULL);
		add_fact(d, c->cls, S("label.related"), c->related ? cr_xstrdup(c->related) : NULL);
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

struct common {
	char *list;             /* "kind: final; scope: …" so far */
};

static void add_common(struct cr_db *db, const char *lang, struct common *cm,
                       const char *label_key, const char *value)
{
	struct cr_slot pair[] = { { "label", S(label_key) }, { "v", value } };
	char *item = cr_fill(S("same.pair"), pair, 2);
	if (!cm->list) {
		cm->list = item;
		return;
	}
	struct cr_slot join[] = { { "x", cm->list }, { "y", item } };
	char *joined = cr_fill(S("same.join"), join, 2);
	free(cm->list);
	free(item);
	cm->list = joined;
}

/* A fact with an enumerated value: one sentence when it differs, a pair in
 * the common line when it does not. */
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
	cr_doc_add_owned(d, CR_ROLE_ITEM, 0, NULL,
	                 fill_pair(S(diff_key), na, value_label(db, lang, kind, va, 1),
	                           nb, value_label(db, lang, kind, vb, 1)));
}

/* Header lists: a sentence for each side that has some; nothing when
 * neither does. */
static int same_list(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

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
		cr_doc_add_owned(d, CR_ROLE_ITEM, 0, NULL, fill_pair(S(key), na, ha, nb, hb));
	} else {
		snprintf(key, sizeof key, "diff.%s.one", kind);
		int a_has = *ha != '\0';
		cr_doc_add_owned(d, CR_ROLE_ITEM, 0, NULL,
		                 fill_pair(S(key), a_has ? na : nb, a_has ? ha : hb, a_has ? nb : na, ""));
	}
	free(ha);
	free(hb);
}

static void compare_text(struct cr_db *db, const char *lang, struct cr_doc *d, struct common *cm,
                         const char *diff_key, const char *label_key, const char *na, char *va,
                         const char *nb, char *vb)
{
	if (strcmp(va, vb) == 0)
		add_common(db, lang, cm, label_key, va);
	else
		cr_doc_add_owned(d, CR_ROLE_ITEM, 0, NULL, fill_pair(S(diff_key), na, va, nb, vb));
	free(va);
	free(vb);
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
		char *ref = rfc_ref(c);
		struct cr_slot s[] = { { "a", name }, { "rfc", ref } };
		const char *key = strcmp(c->status, "deprecated") == 0 ? "use.deprecated" : "use.unregistered";
		cr_doc_add_owned(d, CR_ROLE_ITEM, c->cls, NULL, cr_fill(S(key), s, 2));
		free(ref);
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
		const char *ka = a->final ? "final" : "provisional", *kb = b->final ? "final" : "provisional";
		compare_enum(db, lang, t, &cm, "kind", "label.kind", na, ka, nb, kb);
		compare_enum(db, lang, t, &cm, "scope", "label.scope", na, a->scope, nb, b->scope);
		compare_enum(db, lang, t, &cm, "retry", "label.retry", na, a->retry, nb, b->retry);
		compare_headers(db, lang, t, &cm, "requires", "label.requires", na, a->requires, nb, b->requires);
		compare_headers(db, lang, t, &cm, "related", "label.related", na, a->related, nb, b->related);
		compare_text(db, lang, t, &cm, "diff.sender", "label.sender", na, senders(db, lang, a->sender),
		             nb, senders(db, lang, b->sender));
		compare_text(db, lang, t, &cm, "diff.methods", "label.methods", na, methods(db, lang, a->methods),
		             nb, methods(db, lang, b->methods));
		if (strcmp(a->rfc ? a->rfc : "", b->rfc ? b->rfc : "") == 0)
			add_common(db, lang, &cm, "label.rfc", a->rfc ? a->rfc : "");
		else
			compare_text(db, lang, t, &cm, "diff.rfc", "label.rfc", na, rfc_ref(a), nb, rfc_ref(b));
		compare_enum(db, lang, t, &cm, "status", "label.status", na, a->status, nb, b->status);
		if (cm.list)
			cr_doc_add_owned(t, CR_ROLE_ITEM, 0, NULL, fill1(S("same.intro"), "list", cm.list));
		free(cm.list);
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
