/* `coderef decode [FILE...]`: the codes in traces and logs explained. */
#ifndef CODEREF_DECODE_H
#define CODEREF_DECODE_H

#include "cli.h"

/* 0 something found, 1 nothing, 2 usage or an input that cannot be read,
 * 3 the database.  On a terminal, one input opens the log view. */
int cr_cli_decode(struct context *c, int argc, char **argv);

#endif
