#include "config.h"

#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sqlite3.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *env_or_die(const char *name)
{
	const char *v = getenv(name);
	if (!v || !*v) {
		fprintf(stderr, "%s is not set: run the tests with 'make check'\n", name);
		exit(99);
	}
	return v;
}

const char *test_bin(void) { return env_or_die("CODEREF_BIN"); }
const char *test_db(void) { return env_or_die("CODEREF_TEST_DB"); }
const char *test_srcdir(void) { return env_or_die("CODEREF_SRCDIR"); }

static void append(char **buf, size_t *len, const char *data, size_t n)
{
	*buf = realloc(*buf, *len + n + 1);
	memcpy(*buf + *len, data, n);
	*len += n;
	(*buf)[*len] = '\0';
}

void run_coderef(struct run *r, const char *const *env, ...)
{
	const char *argv[64];
	int argc = 0;
	argv[argc++] = test_bin();
	va_list ap;
	va_start(ap, env);
	const char *a;
	while ((a = va_arg(ap, const char *)) != NULL && argc < 63)
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;
	/* CODEREF_VALGRIND=1: every run under valgrind, which turns any memory
	 * error or leak into exit status 99, and so into a failed test. */
	const char *vg = getenv("CODEREF_VALGRIND");
	if (vg && *vg && strcmp(vg, "0") != 0) {
		static char supp[4200];
		snprintf(supp, sizeof supp, "--suppressions=%s/tests/valgrind.supp", test_srcdir());
		const char *const prefix[] = {
			"valgrind", "-q", "--error-exitcode=99", "--leak-check=full", supp,
			"--errors-for-leak-kinds=definite,indirect,possible", "--show-leak-kinds=definite,indirect,possible",
		};
		const size_t np = sizeof prefix / sizeof *prefix;
		const char *full[80];
		for (size_t i = 0; i < np; i++)
			full[i] = prefix[i];
		for (int i = 0; i <= argc; i++)
			full[np + (size_t)i] = argv[i];
		run_command(r, env, full);
		return;
	}
	run_command(r, env, argv);
}

void run_command(struct run *r, const char *const *env, const char *const *argv)
{
	memset(r, 0, sizeof *r);
	r->out = calloc(1, 1);
	r->err = calloc(1, 1);
	int out[2], err[2];
	if (pipe(out) != 0 || pipe(err) != 0)
		abort();
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		dup2(null, 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		close(out[0]);
		close(err[0]);
		for (const char *const *e = env; e && *e; e++) {
			const char *eq = strchr(*e, '=');
			if (eq) {
				char name[256];
				snprintf(name, sizeof name, "%.*s", (int)(eq - *e), *e);
				setenv(name, eq + 1, 1);
			} else {
				unsetenv(*e);
			}
		}
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	struct pollfd fds[2] = { { out[0], POLLIN, 0 }, { err[0], POLLIN, 0 } };
	int open_fds = 2;
	time_t deadline = time(NULL) + 20;
	char buf[65536];
	while (open_fds > 0) {
		int left = (int)(deadline - time(NULL));
		if (left <= 0) {
			kill(pid, SIGKILL);
			break;
		}
		if (poll(fds, 2, left * 1000) <= 0)
			continue;
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP)))
				continue;
			ssize_t n = read(fds[i].fd, buf, sizeof buf);
			if (n <= 0) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
			} else if (i == 0) {
				append(&r->out, &r->out_len, buf, (size_t)n);
			} else {
				append(&r->err, &r->err_len, buf, (size_t)n);
			}
		}
	}
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	int st;
	waitpid(pid, &st, 0);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof *r);
}

char *temp_path(const char *name)
{
	static char dir[256];
	if (!dir[0]) {
		snprintf(dir, sizeof dir, "%s/coderef-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		if (!mkdtemp(dir))
			abort();
	}
	char *p = malloc(strlen(dir) + strlen(name) + 2);
	sprintf(p, "%s/%s", dir, name);
	return p;
}

void write_file(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, len, fp) != len || fclose(fp) != 0)
		abort();
}

char *read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	char *buf = NULL;
	size_t n = 0, cap = 0, k;
	char chunk[65536];
	while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (n + k + 1 > cap) {
			cap = (n + k + 1) * 2;
			buf = realloc(buf, cap);
		}
		memcpy(buf + n, chunk, k);
		n += k;
	}
	fclose(fp);
	if (!buf)
		buf = calloc(1, 1);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

size_t count_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (*s == '\n')
			n++;
	return n;
}

char *copy_test_db(const char *name, const char *sql)
{
	char *path = temp_path(name);
	size_t len;
	char *bytes = read_file(test_db(), &len);
	if (!bytes)
		abort();
	write_file(path, bytes, len);
	free(bytes);
	if (sql) {
		sqlite3 *w;
		char *err = NULL;
		if (sqlite3_open(path, &w) != SQLITE_OK || sqlite3_exec(w, sql, NULL, NULL, &err) != SQLITE_OK) {
			fprintf(stderr, "copy_test_db %s: %s\n", name, err ? err : sqlite3_errmsg(w));
			abort();
		}
		sqlite3_close(w);
	}
	return path;
}
