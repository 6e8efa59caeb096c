/* bench-decode: what `make bench` measures of `coderef decode`.
 *
 * Side by side on the same generated log, interleaved run by run so a slow
 * moment of the shared machine hits each alike: `grep -c 'SIP/2.0 '` (the
 * floor the issue names), `coderef decode` (text), `--only` and `--json`,
 * each with its output read through a pipe.  The figure is the median wall
 * time of fork+exec to exit; CPU time (user+sys) is printed too.  Peak
 * memory is the child's ru_maxrss, at a tenth of the log and at all of it
 * (the same when decoding is a stream), and on one line of 100 MB.
 *
 *   bench-decode --coderef BIN --log FILE --long FILE [--runs N] [--markdown FILE]
 *
 * With --markdown the section is appended to FILE (BENCHMARKS.md, which
 * bench/bench writes first). */
#define _GNU_SOURCE
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 64

const char *bench_name = "bench-decode";

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct bcase {
	const char *what;
	char *argv[8];
	double ms[MAX_RUNS], cpu[MAX_RUNS];
	long rss;
	int status;
	double med, med_cpu;
};

static long count_lines(const char *path, off_t *size)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		die("%s: %s", path, strerror(errno));
	static char buf[1 << 16];
	size_t n;
	long lines = 0;
	*size = 0;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		*size += (off_t)n;
		for (size_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
	}
	fclose(fp);
	return lines;
}

#define SECTION "\n## coderef decode: a stream\n"

/* Takes out of the file the section an earlier run appended, so that a
 * run after `make bench-decode` alone leaves one section, not two. */
static void drop_section(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return;
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	static char buf[1 << 16];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		fwrite(buf, 1, n, mem);
	fclose(fp);
	fclose(mem);
	char *at = strstr(text, SECTION);
	if (at) {
		char *next = strstr(at + strlen(SECTION), "\n## ");
		fp = fopen(path, "w");
		if (!fp)
			die("%s: %s", path, strerror(errno));
		fwrite(text, 1, (size_t)(at - text), fp);
		if (next)
			fputs(next, fp);
		fclose(fp);
	}
	free(text);
}

int main(int argc, char **argv)
{
	const char *coderef = NULL, *log = NULL, *long_log = NULL, *markdown = NULL, *tenth = NULL;
	int runs = 5;
	static const struct option options[] = {
		{ "coderef", required_argument, NULL, 'c' },
		{ "log", required_argument, NULL, 'l' },
		{ "tenth", required_argument, NULL, 't' },
		{ "long", required_argument, NULL, 'L' },
		{ "runs", required_argument, NULL, 'r' },
		{ "markdown", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'c': coderef = optarg; break;
		case 'l': log = optarg; break;
		case 't': tenth = optarg; break;
		case 'L': long_log = optarg; break;
		case 'r': runs = atoi(optarg); break;
		case 'm': markdown = optarg; break;
		default: die("usage: bench-decode --coderef BIN --log FILE --tenth FILE --long FILE [--runs N] [--markdown FILE]");
		}
	}
	if (!coderef || !log || !tenth || !long_log)
		die("usage: bench-decode --coderef BIN --log FILE --tenth FILE --long FILE [--runs N] [--markdown FILE]");
	if (runs < 1 || runs > MAX_RUNS)
		die("--runs: 1 to %d", MAX_RUNS);
	off_t size;
	long lines = count_lines(log, &size);
	struct bcase cases[] = {
		{ .what = "grep -c 'SIP/2.0 '", .argv = { "grep", "-c", "SIP/2.0 ", (char *)log } },
		{ .what = "coderef decode", .argv = { (char *)coderef, "decode", (char *)log } },
		{ .what = "coderef decode --only", .argv = { (char *)coderef, "decode", "--only", (char *)log } },
		{ .what = "coderef --json decode", .argv = { (char *)coderef, "--json", "decode", (char *)log } },
	};
	const int ncases = (int)(sizeof cases / sizeof cases[0]);
	for (int r = 0; r < runs; r++)
		for (int k = 0; k < ncases; k++) {
			struct result res = run_once(cases[k].argv);
			cases[k].ms[r] = res.ms;
			cases[k].cpu[r] = res.cpu_ms;
			if (res.rss_kib > cases[k].rss)
				cases[k].rss = res.rss_kib;
			cases[k].status = res.status;
		}
	for (int k = 0; k < ncases; k++) {
		if (cases[k].status != 0)
			die("%s exited with %d", cases[k].what, cases[k].status);
		cases[k].med = median(cases[k].ms, runs);
		cases[k].med_cpu = median(cases[k].cpu, runs);
	}
	char *tenth_argv[] = { (char *)coderef, "decode", (char *)tenth, NULL };
	struct result small = run_once(tenth_argv);
	char *long_argv[] = { (char *)coderef, "--json", "decode", (char *)long_log, NULL };
	struct result big_line = run_once(long_argv);
	if (small.status != 0 || big_line.status != 0)
		die("coderef decode exited with %d and %d", small.status, big_line.status);
	off_t long_size;
	count_lines(long_log, &long_size);

	FILE *md = NULL;
	if (markdown) {
		drop_section(markdown);
		if (!(md = fopen(markdown, "a")))
			die("%s: %s", markdown, strerror(errno));
	}
	FILE *outs[2] = { stdout, md };
	double floor_ms = cases[0].med;
	for (int o = 0; o < 2; o++) {
		FILE *fp = outs[o];
		if (!fp)
			continue;
		fprintf(fp, "%s\n", SECTION);
		fprintf(fp, "A generated trace (`bench/gen-log.awk`: sngrep-style SIP messages with "
		            "Asterisk and FreeSWITCH log lines), %.1f MB, %ld lines; median of %d interleaved "
		            "runs, output read through a pipe. Target: decode within 3x `grep -c 'SIP/2.0 '`, "
		            "memory under 32 MiB whatever the size.\n\n", size / 1e6, lines, runs);
		fprintf(fp, "| command | median wall | CPU (user+sys) | x grep | MB/s | lines/s | peak memory | exit |\n");
		fprintf(fp, "|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (int k = 0; k < ncases; k++) {
			const struct bcase *c = &cases[k];
			fprintf(fp, "| `%s` | %.0f ms | %.0f ms | %.2f | %.0f | %.0f | %.1f MiB | %d |\n", c->what, c->med,
			        c->med_cpu, c->med / floor_ms, size / 1e6 / (c->med / 1e3), lines / (c->med / 1e3),
			        c->rss / 1024.0, c->status);
		}
		fprintf(fp, "\nPeak memory of `coderef decode`: %.1f MiB on a tenth of the log, %.1f MiB on all "
		            "of it; %.1f MiB (%.0f ms) on one line of %.0f MB (`--json`, exit %d).\n",
		        small.rss_kib / 1024.0, cases[1].rss / 1024.0, big_line.rss_kib / 1024.0, big_line.ms,
		        long_size / 1e6, big_line.status);
		bool pass = cases[1].med <= 3 * floor_ms && cases[1].rss < 32 * 1024 && big_line.rss_kib < 32 * 1024;
		fprintf(fp, "\nVerdict: decode %.2fx grep (target 3x), peak %.1f MiB (target < 32 MiB): %s.\n",
		        cases[1].med / floor_ms, cases[1].rss / 1024.0, pass ? "met" : "NOT met");
	}
	if (md)
		fclose(md);
	return 0;
}
