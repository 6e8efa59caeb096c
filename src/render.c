/* Plain-text presentation of documents:
 *
 *   SIP 437 Unsupported Credential            <- title
 *     Class:       4xx Request Failure         <- facts, labels aligned by column
 *
 *   Description                                <- heading
 *     First paragraph, wrapped to the terminal width when there is one.
 *
 *     - list item, with a hanging indent       <- item
 *
 *   Call flow                                  <- heading
 *      UAC        Proxy        UAS             <- a ladder (src/core/flow.c),
 *       │  INVITE  │            │                 drawn for the width, the
 *       │─────────▶│            │                 code's own arrow in bold
 */
#include "config.h"

#include "render.h"
#include "palette.h"
#include "core/flow.h"
#include "core/util.h"
#include "core/wrap.h"

#include <stdlib.h>
#include <string.h>

#define BOLD "\033[1m"
#define PLAIN "\033[0m"

static void put_marked(struct cr_out *o, const char *s, size_t n)
{
	while (n > 0) {
		size_t len = 0;
		size_t at = o->marks && o->bold ? cr_terms_find(o->marks, s, n, &len) : n;
		fwrite(s, 1, at, o->fp);
		if (at == n || len == 0)
			break;
		fputs(BOLD, o->fp);
		fwrite(s + at, 1, len, o->fp);
		fputs(PLAIN, o->fp);
		s += at + len;
		n -= at + len;
	}
}

struct wrap_ctx {
	struct cr_out *o;
	const char *first_prefix, *prefix;
	int lines;
};

static void wrapped_line(const char *line, size_t len, void *data)
{
	struct wrap_ctx *w = data;
	fputs(w->lines++ ? w->prefix : w->first_prefix, w->o->fp);
	put_marked(w->o, line, len);
	fputc('\n', w->o->fp);
}

/* Writes text after first_prefix, continuing lines after prefix (both of
 * equal width), wrapped to the output's width. */
static void write_wrapped(struct cr_out *o, const char *first_prefix, const char *prefix,
                          const char *text)
{
	struct wrap_ctx w = { o, first_prefix, prefix, 0 };
	if (o->width <= 0) {
		wrapped_line(text, strlen(text), &w);
		return;
	}
	int room = o->width - cr_width(prefix, strlen(prefix));
	cr_wrap(text, room > 10 ? room : 10, wrapped_line, &w);
}

static void start_class_color(struct cr_out *o, int cls)
{
	if (o->color && cr_class_color(cls) >= 0)
		fprintf(o->fp, "\033[%dm", 30 + cr_class_color(cls));
}

void cr_render_row(struct cr_out *o, int cls, const char *text)
{
	size_t n = strspn(text, "0123456789");
	if (o->color && n > 0 && cr_class_color(cls) >= 0) {
		start_class_color(o, cls);
		fwrite(text, 1, n, o->fp);
		fputs(PLAIN, o->fp);
		text += n;
	}
	cr_render_line(o, text);
}

void cr_render_snippet(struct cr_out *o, const char *snippet)
{
	/* One line: cut to the terminal's width by columns, marks in bold
	 * there and dropped in pipes. */
	char *plain = cr_unmark(snippet);
	size_t len = strlen(plain), keep = len;
	int room = o->width > 0 ? o->width - 4 : 0;
	if (room > 0 && cr_width(plain, len) > room)
		keep = cr_fit(plain, len, room - 1);
	fputs("    ", o->fp);
	size_t shown = 0;
	int on = 0;
	for (const char *p = snippet; *p && shown < keep; p++) {
		if (*p == CR_MARK_ON || *p == CR_MARK_OFF) {
			on = *p == CR_MARK_ON;
			if (o->bold)
				fputs(on ? BOLD : PLAIN, o->fp);
			continue;
		}
		fputc(*p, o->fp);
		shown++;
	}
	if (on && o->bold)
		fputs(PLAIN, o->fp);
	if (keep < len)
		fputs("\u2026", o->fp);
	fputc('\n', o->fp);
	free(plain);
}

/* Widest a ladder is drawn in a pipe, where there is no terminal to ask. */
#define FLOW_PIPE_WIDTH 80
/* Narrowest ladder drawn beside another in a comparison. */
#define FLOW_MIN_SIDE 40

/* A ladder line: the code's own arrow (between the marks) in bold and its
 * class colour on a terminal, plain in pipes; padded to pad columns. */
static void put_flow_line(struct cr_out *o, const char *line, int cls, int pad)
{
	int on = 0;
	for (const char *p = line; *p;) {
		size_t n = strcspn(p, (char[]){ CR_MARK_ON, CR_MARK_OFF, '\0' });
		fwrite(p, 1, n, o->fp);
		p += n;
		if (!*p)
			break;
		on = *p++ == CR_MARK_ON;
		if (on && o->bold)
			fputs(BOLD, o->fp);
		if (on)
			start_class_color(o, cls);
		if (!on && (o->bold || o->color))
			fputs(PLAIN, o->fp);
	}
	if (on && (o->bold || o->color))
		fputs(PLAIN, o->fp);
	if (pad > 0) {
		char *plain = cr_unmark(line);
		int w = cr_width(plain, strlen(plain));
		free(plain);
		fprintf(o->fp, "%*s", pad > w ? pad - w : 0, "");
	}
}

/* The ladder of a FLOW block in width columns; an empty result when it
 * cannot be drawn that narrow. */
static void flow_lines(const struct cr_out *o, const struct cr_block *b, int width,
                       struct cr_flow_lines *l)
{
	memset(l, 0, sizeof *l);
	if (b && b->flow)
		cr_flow_render(b->flow, b->names, width, o->ascii ? CR_FLOW_ASCII : 0, l);
}

static int flow_width(const struct cr_out *o)
{
	return o->width > 0 ? o->width : FLOW_PIPE_WIDTH;
}

static void render_flow(struct cr_out *o, const struct cr_block *b)
{
	struct cr_flow_lines l;
	flow_lines(o, b, flow_width(o) - 2, &l);
	if (l.count == 0 && b->label) {
		char *t = cr_asprintf("[%s]", b->label);
		write_wrapped(o, "  ", "  ", t);
		free(t);
	}
	for (size_t i = 0; i < l.count; i++) {
		fputs("  ", o->fp);
		put_flow_line(o, l.line[i], b->cls, 0);
		fputc('\n', o->fp);
	}
	cr_flow_lines_free(&l);
}

void cr_render_flows(struct cr_out *o, const char *heading, const struct cr_block *a,
                     const char *title_a, const struct cr_block *b, const char *title_b)
{
	if (!a && !b)
		return;
	fputc('\n', o->fp);
	if (o->bold)
		fputs(BOLD, o->fp);
	fputs(heading, o->fp);
	if (o->bold)
		fputs(PLAIN, o->fp);
	fputc('\n', o->fp);
	int width = flow_width(o);
	int side = (width - 4) / 2;
	struct cr_flow_lines la = { 0 }, lb = { 0 };
	if (a && b && side >= FLOW_MIN_SIDE) {
		flow_lines(o, a, side, &la);
		flow_lines(o, b, side, &lb);
	}
	if (la.count == 0 || lb.count == 0) {
		cr_flow_lines_free(&la);
		cr_flow_lines_free(&lb);
		/* Stacked, each under its title: too narrow for two, or one side
		 * has no ladder at that width. */
		const struct cr_block *blk[2] = { a, b };
		const char *title[2] = { title_a, title_b };
		for (int k = 0; k < 2; k++) {
			if (!blk[k])
				continue;
			if (k && a)
				fputc('\n', o->fp);
			write_wrapped(o, "  ", "  ", title[k]);
			render_flow(o, blk[k]);
		}
		return;
	}
	char *ta = cr_xstrndup(title_a, cr_fit(title_a, strlen(title_a), side));
	char *tb = cr_xstrndup(title_b, cr_fit(title_b, strlen(title_b), side));
	fprintf(o->fp, "  %s%*s  %s\n", ta, side - cr_width(ta, strlen(ta)), "", tb);
	free(ta);
	free(tb);
	size_t rows = la.count > lb.count ? la.count : lb.count;
	for (size_t i = 0; i < rows; i++) {
		fputs("  ", o->fp);
		if (i < lb.count) {
			put_flow_line(o, i < la.count ? la.line[i] : "", a->cls, side + 2);
			put_flow_line(o, lb.line[i], b->cls, 0);
		} else {
			put_flow_line(o, la.line[i], a->cls, 0);
		}
		fputc('\n', o->fp);
	}
	cr_flow_lines_free(&la);
	cr_flow_lines_free(&lb);
}

void cr_render_line(struct cr_out *o, const char *text)
{
	put_marked(o, text, strlen(text));
	fputc('\n', o->fp);
}

void cr_render_doc(struct cr_out *o, const struct cr_doc *d)
{
	int label_width = 0;
	for (size_t i = 0; i < d->count; i++)
		if (d->block[i].role == CR_ROLE_FACT) {
			int w = cr_width(d->block[i].label, strlen(d->block[i].label));
			if (w > label_width)
				label_width = w;
		}

	enum cr_role prev = CR_ROLE_TITLE;
	for (size_t i = 0; i < d->count; i++) {
		const struct cr_block *b = &d->block[i];
		/* --no-flow, and comparisons that draw both flows together: the
		 * section goes with its heading. */
		if (o->no_flow && i + 1 < d->count && b->role == CR_ROLE_HEADING &&
		    d->block[i + 1].role == CR_ROLE_FLOW) {
			i++;
			continue;
		}
		switch (b->role) {
		case CR_ROLE_TITLE:
			if (i > 0)
				fputc('\n', o->fp);
			/* The attributes end before the newline, not on the next line. */
			if (o->bold)
				fputs(BOLD, o->fp);
			start_class_color(o, b->cls);
			put_marked(o, b->text, strlen(b->text));
			if (o->bold || o->color)
				fputs(PLAIN, o->fp);
			fputc('\n', o->fp);
			break;
		case CR_ROLE_FACT: {
			/* "  Label:  value", values aligned in one column. */
			int pad = label_width - cr_width(b->label, strlen(b->label));
			char *first = cr_asprintf("  %s:%*s ", b->label, pad, "");
			char *rest = cr_asprintf("%*s", cr_width(first, strlen(first)), "");
			write_wrapped(o, first, rest, b->text);
			free(first);
			free(rest);
			break;
		}
		case CR_ROLE_HEADING:
			fputc('\n', o->fp);
			if (o->bold)
				fputs(BOLD, o->fp);
			fputs(b->text, o->fp);
			if (o->bold)
				fputs(PLAIN, o->fp);
			fputc('\n', o->fp);
			break;
		case CR_ROLE_TEXT:
			if (prev == CR_ROLE_TEXT)
				fputc('\n', o->fp);
			write_wrapped(o, "  ", "  ", b->text);
			break;
		case CR_ROLE_NOTICE: {
			char *t = cr_asprintf("[%s]", b->text);
			write_wrapped(o, "  ", "  ", t);
			free(t);
			break;
		}
		case CR_ROLE_ITEM:
			write_wrapped(o, "  - ", "    ", b->text);
			break;
		case CR_ROLE_FLOW:
			if (!o->no_flow)
				render_flow(o, b);
			break;
		}
		prev = b->role;
	}
}
