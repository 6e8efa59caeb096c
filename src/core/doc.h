/* A laid-out document: what a card or a comparison says, as a list of blocks
 * with roles.  The command line and the browser draw the same documents; only
 * how a role looks differs. */
#ifndef CODEREF_DOC_H
#define CODEREF_DOC_H

#include <stddef.h>

enum cr_role {
	CR_ROLE_TITLE,      /* "SIP 437 Unsupported Credential" */
	CR_ROLE_FACT,       /* label: value */
	CR_ROLE_HEADING,    /* a section heading */
	CR_ROLE_TEXT,       /* one paragraph */
	CR_ROLE_NOTICE,     /* "shown in English" and the like */
	CR_ROLE_ITEM,       /* one point of a list */
	CR_ROLE_FLOW,       /* a call-flow ladder, drawn for the width at hand */
};

struct cr_flow;
struct cr_flow_name;

struct cr_block {
	enum cr_role role;
	int cls;            /* class of the code it is about, 0 if none */
	char *label;        /* FACT; FLOW: the notice for a width too narrow */
	char *text;
	/* FLOW only: the parsed flow and its elements' names (strings owned
	 * by the database); text is empty. */
	struct cr_flow *flow;
	struct cr_flow_name *names;
};

struct cr_doc {
	struct cr_block *block;
	size_t count, cap;
};

void cr_doc_add(struct cr_doc *d, enum cr_role role, int cls, const char *label, const char *text);
/* Takes ownership of text. */
void cr_doc_add_owned(struct cr_doc *d, enum cr_role role, int cls, const char *label, char *text);
/* Takes ownership of flow (allocated) and names (allocated, one per element). */
void cr_doc_add_flow(struct cr_doc *d, int cls, char *text, struct cr_flow *flow,
                     struct cr_flow_name *names);
void cr_doc_free(struct cr_doc *d);

#endif
