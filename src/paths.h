/* Where the database and the message catalogs are. */
#ifndef CODEREF_PATHS_H
#define CODEREF_PATHS_H

/* 1 when this binary is the one in the build tree (run before make install). */
int cr_running_uninstalled(void);

/* The database to open: --db (given as opt), else $CODEREF_DB, else the build
 * tree's copy when uninstalled, else the installed copy. */
const char *cr_database_path(const char *opt);

const char *cr_locale_dir(void);

#endif
