/* Output for terminals that are not UTF-8.  Everything inside coderef is
 * UTF-8; under a locale with another character set (EUC-JP, ISO-8859-1) the
 * command line's text is converted to it, with characters it lacks
 * transliterated or shown as '?', instead of sending bytes the terminal would
 * show as mojibake. */
#ifndef CODEREF_CHARSET_H
#define CODEREF_CHARSET_H

#include <stdio.h>

/* When the locale's character set is not UTF-8, returns a stream that
 * converts what is written to it and passes it on to fp (closing it
 * flushes it); else returns fp itself. */
FILE *cr_charset_stream(FILE *fp);

#endif
