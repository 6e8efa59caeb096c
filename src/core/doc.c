#include "config.h"

#include "doc.h"
#include "flow.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

void cr_doc_add_owned(struct cr_doc *d, enum cr_role role, int cls, const char *label, char *text)
{
	if (d->count == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->block = cr_xrealloc(d->block, d->cap * sizeof *d->block);
	}
	struct cr_block *b = &d->block[d->count++];
	b->role = role;
	b->cls = cls;
	b->label = label ? cr_xstrdup(label) : NULL;
	b->text = text ? text : cr_xstrdup("");
	b->flow = NULL;
	b->names = NULL;
}

void cr_doc_add_flow(struct cr_doc *d, int cls, char *text, struct cr_flow *flow,
                     struct cr_flow_name *names)
{
	cr_doc_add_owned(d, CR_ROLE_FLOW, cls, NULL, text);
	d->block[d->count - 1].flow = flow;
	d->block[d->count - 1].names = names;
}

void cr_doc_add(struct cr_doc *d, enum cr_role role, int cls, const char *label, const char *text)
{
	cr_doc_add_owned(d, role, cls, label, cr_xstrdup(text ? text : ""));
}

void cr_doc_free(struct cr_doc *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->block[i].label);
		free(d->block[i].text);
		if (d->block[i].flow) {
			cr_flow_free(d->block[i].flow);
			free(d->block[i].flow);
		}
		free(d->block[i].names);
	}
	free(d->block);
	memset(d, 0, sizeof *d);
}
