/* Shared by the test suites: where the built binary and database are, and
 * running the binary as a user would, capturing what it prints. */
#ifndef CODEREF_TEST_HARNESS_H
#define CODEREF_TEST_HARNESS_H

#include <stddef.h>

struct run {
	char *out, *err;
	size_t out_len, err_len;
	int status;         /* exit status; 128+N when killed by signal N */
};

const char *test_bin(void);      /* $CODEREF_BIN */
const char *test_db(void);       /* $CODEREF_TEST_DB */
const char *test_srcdir(void);   /* $CODEREF_SRCDIR */

/* Runs the binary with args (NULL-terminated) and extra environment entries
 * ("NAME=value", or "NAME" alone to unset; NULL-terminated list or NULL),
 * stdin from /dev/null, stdout and stderr captured; killed after 20 s. */
void run_coderef(struct run *r, const char *const *env, ...);
/* The same for any program: argv[0] is looked up in PATH. */
void run_command(struct run *r, const char *const *env, const char *const *argv);
void run_free(struct run *r);

/* A fresh file path in a temporary directory made for this process. */
char *temp_path(const char *name);
void write_file(const char *path, const void *data, size_t len);
/* Whole file, NUL-terminated; *len set when len is not NULL. */
char *read_file(const char *path, size_t *len);

/* A copy of the built database in the temporary directory, changed by sql
 * (NULL: unchanged).  Returns its path (free it); aborts on a SQL error. */
char *copy_test_db(const char *name, const char *sql);

/* Number of lines in s. */
size_t count_lines(const char *s);

#endif
