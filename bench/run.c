#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", bench_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct result run_once(char *const argv[])
{
	int p[2];
	if (pipe(p) != 0)
		die("pipe: %s", strerror(errno));
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 2);
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		close(null);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	struct result r = { 0 };
	static char buf[1 << 16];
	for (;;) {
		ssize_t n = read(p[0], buf, sizeof buf);
		if (n > 0)
			r.bytes += (size_t)n;
		else if (n == 0 || errno != EINTR)
			break;
	}
	close(p[0]);
	int st;
	struct rusage ru;
	while (wait4(pid, &st, 0, &ru) < 0 && errno == EINTR)
		;
	r.ms = now_ms() - t0;
	r.cpu_ms = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	r.rss_kib = ru.ru_maxrss;
	r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return r;
}

int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}
