/* What both benchmark programs share: timing a command from fork to exit
 * with its output read through a pipe, and dying with a message. */
#ifndef CODEREF_BENCH_RUN_H
#define CODEREF_BENCH_RUN_H

#include <stddef.h>

struct result {
	double ms, cpu_ms;
	long rss_kib;   /* peak resident memory */
	size_t bytes;   /* of output: shows that the command did the work */
	int status;     /* exit status, 128 + N for signal N */
};

/* The program's name in messages ("bench", "bench-decode"). */
extern const char *bench_name;

_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
double now_ms(void);
/* argv run with stdin and stderr on /dev/null, stdout read to its end. */
struct result run_once(char *const argv[]);
int cmp_double(const void *a, const void *b);

#endif
