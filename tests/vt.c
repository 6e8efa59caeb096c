#include "config.h"

#include "vt.h"
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct vt {
	pid_t pid;
	int fd;
	VTerm *term;
	VTermScreen *screen;
	int rows, cols;
	bool alt, left_alt, exited;
	int status;
	char *home;
	char *out;              /* every byte the program wrote */
	size_t nout;
};

extern char **environ;

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int on_prop(VTermProp prop, VTermValue *val, void *user)
{
	struct vt *v = user;
	if (prop == VTERM_PROP_ALTSCREEN) {
		if (v->alt && !val->boolean)
			v->left_alt = true;
		v->alt = val->boolean;
	}
	return 1;
}

static VTermScreenCallbacks callbacks = {
	.settermprop = on_prop,
};

static int pinned(const char *entry)
{
	static const char *const names[] = { "TERM=", "HOME=", "LANG=", "LANGUAGE=", "LC_",
		                             "COLUMNS=", "LINES=", "NO_COLOR=", "CODEREF_", NULL };
	for (int i = 0; names[i]; i++)
		if (strncmp(entry, names[i], strlen(names[i])) == 0)
			return 1;
	return 0;
}

struct vt *vt_start(int rows, int cols, const char *const *env, const char *const *argv)
{
	struct vt *v = calloc(1, sizeof *v);
	v->rows = rows;
	v->cols = cols;
	v->home = temp_path("home");
	mkdir(v->home, 0700);
	v->term = vterm_new(rows, cols);
	vterm_set_utf8(v->term, 1);
	v->screen = vterm_obtain_screen(v->term);
	vterm_screen_enable_altscreen(v->screen, 1);
	vterm_screen_set_callbacks(v->screen, &callbacks, v);
	vterm_screen_reset(v->screen, 1);

	/* The environment: this process's, less what the test pins. */
	size_t n = 0;
	while (environ[n])
		n++;
	size_t extra = 0;
	while (env && env[extra])
		extra++;
	char **envp = calloc(n + extra + 8, sizeof *envp);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!pinned(environ[i]))
			envp[k++] = environ[i];
	char *home = malloc(strlen(v->home) + 6);
	sprintf(home, "HOME=%s", v->home);
	char *db = malloc(strlen(test_db()) + 12);
	sprintf(db, "CODEREF_DB=%s", test_db());
	for (size_t i = 0; i < extra; i++)
		envp[k++] = (char *)env[i];
	const char *defaults[] = { "TERM=xterm-256color", home, db, "LANG=C.UTF-8" };
	for (size_t d = 0; d < sizeof defaults / sizeof defaults[0]; d++) {
		size_t name = strcspn(defaults[d], "=") + 1;
		int given = 0;
		for (size_t i = 0; i < extra; i++)
			given |= strncmp(env[i], defaults[d], name) == 0;
		if (!given)     /* one entry per name: no duplicates for anyone */
			envp[k++] = (char *)defaults[d];
	}
	envp[k] = NULL;

	const char *bin = argv && argv[0] ? argv[0] : test_bin();
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	v->pid = forkpty(&v->fd, NULL, NULL, &ws);
	if (v->pid < 0) {
		perror("forkpty");
		exit(99);
	}
	if (v->pid == 0) {
		size_t argc = 1;
		while (argv && argv[argc])
			argc++;
		/* CODEREF_VALGRIND=1, as for the other suites: memory errors and
		 * leaks become exit status 99. */
		static const char *const vg[] = {
			"/usr/bin/valgrind", "-q", "--error-exitcode=99", "--leak-check=full",
			"--errors-for-leak-kinds=definite,indirect,possible",
			"--show-leak-kinds=definite,indirect,possible",
		};
		const size_t nvg = sizeof vg / sizeof vg[0];
		const char *use_vg = getenv("CODEREF_VALGRIND");
		size_t skip = use_vg && *use_vg && strcmp(use_vg, "0") != 0 ? nvg : 0;
		char **args = calloc(argc + nvg + 2, sizeof *args);
		for (size_t i = 0; i < skip; i++)
			args[i] = (char *)vg[i];
		args[skip] = (char *)bin;
		for (size_t i = 1; i < argc; i++)
			args[skip + i] = (char *)argv[i];
		execve(args[0], args, envp);
		_exit(127);
	}
	free(envp);
	free(home);
	free(db);
	fcntl(v->fd, F_SETFL, fcntl(v->fd, F_GETFL) | O_NONBLOCK);
	return v;
}

/* What vterm answers (keys, replies to queries) goes to the program. */
static void flush_output(struct vt *v)
{
	char buf[4096];
	size_t n;
	while ((n = vterm_output_read(v->term, buf, sizeof buf)) > 0) {
		size_t off = 0;
		while (off < n) {
			ssize_t w = write(v->fd, buf + off, n - off);
			if (w < 0) {
				if (errno == EAGAIN || errno == EINTR) {
					struct pollfd p = { v->fd, POLLOUT, 0 };
					poll(&p, 1, 100);
					continue;
				}
				return;
			}
			off += (size_t)w;
		}
	}
}

static void reap(struct vt *v, int block)
{
	if (v->exited)
		return;
	int st;
	pid_t r = waitpid(v->pid, &st, block ? 0 : WNOHANG);
	if (r == v->pid) {
		v->exited = true;
		v->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	}
}

void vt_pump(struct vt *v, int ms)
{
	long long end = now_ms() + ms;
	for (;;) {
		int left = (int)(end - now_ms());
		struct pollfd p = { v->fd, POLLIN, 0 };
		int r = poll(&p, 1, left > 0 ? left : 0);
		if (r > 0 && (p.revents & (POLLIN | POLLHUP))) {
			char buf[65536];
			ssize_t n = read(v->fd, buf, sizeof buf);
			if (n > 0) {
				if (v->nout + (size_t)n <= (64u << 20)) {
					v->out = realloc(v->out, v->nout + (size_t)n + 1);
					memcpy(v->out + v->nout, buf, (size_t)n);
					v->nout += (size_t)n;
					v->out[v->nout] = '\0';
				}
				vterm_input_write(v->term, buf, (size_t)n);
				flush_output(v);
				continue;   /* more may follow at once */
			}
			reap(v, 0);
			return;     /* EIO: the program is gone */
		}
		if (left <= 0)
			return;
	}
}

static size_t put_utf8(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

uint32_t vt_cell(struct vt *v, int row, int col)
{
	VTermScreenCell cell;
	VTermPos pos = { row, col };
	if (!vterm_screen_get_cell(v->screen, pos, &cell))
		return 0;
	return cell.chars[0];
}

bool vt_cell_marked(struct vt *v, int row, int col)
{
	VTermScreenCell cell;
	VTermPos pos = { row < 0 ? row + v->rows : row, col };
	if (!vterm_screen_get_cell(v->screen, pos, &cell))
		return false;
	return cell.attrs.bold || cell.attrs.underline || cell.attrs.reverse;
}

int vt_cell_fg(struct vt *v, int row, int col)
{
	VTermScreenCell cell;
	VTermPos pos = { row < 0 ? row + v->rows : row, col };
	if (!vterm_screen_get_cell(v->screen, pos, &cell))
		return -1;
	if (VTERM_COLOR_IS_DEFAULT_FG(&cell.fg) || !VTERM_COLOR_IS_INDEXED(&cell.fg))
		return -1;
	return cell.fg.indexed.idx;
}

void vt_signal(struct vt *v, int sig)
{
	kill(v->pid, sig);
}

char *vt_row(struct vt *v, int row)
{
	if (row < 0)
		row += v->rows;
	char *out = malloc((size_t)v->cols * 4 * VTERM_MAX_CHARS_PER_CELL + 1);
	size_t len = 0;
	for (int col = 0; col < v->cols; col++) {
		VTermScreenCell cell;
		VTermPos pos = { row, col };
		if (!vterm_screen_get_cell(v->screen, pos, &cell))
			break;
		if (cell.chars[0] == 0xFFFFFFFF)
			continue;
		if (cell.chars[0] == 0) {
			out[len++] = ' ';
			continue;
		}
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
			len += put_utf8(out + len, cell.chars[i]);
	}
	while (len > 0 && out[len - 1] == ' ')
		len--;
	out[len] = '\0';
	return out;
}

char *vt_screen(struct vt *v)
{
	size_t cap = 1, len = 0;
	char *s = malloc(cap);
	s[0] = '\0';
	for (int r = 0; r < v->rows; r++) {
		char *row = vt_row(v, r);
		size_t n = strlen(row);
		s = realloc(s, cap += n + 1);
		memcpy(s + len, row, n);
		len += n;
		s[len++] = '\n';
		s[len] = '\0';
		free(row);
	}
	return s;
}

int vt_rows(struct vt *v) { return v->rows; }
int vt_cols(struct vt *v) { return v->cols; }

static bool has_text(struct vt *v, const char *text)
{
	char *s = vt_screen(v);
	bool found = strstr(s, text) != NULL;
	free(s);
	return found;
}

bool vt_wait_text(struct vt *v, const char *text, int ms)
{
	long long end = now_ms() + ms;
	for (;;) {
		if (has_text(v, text))
			return true;
		if (now_ms() >= end || v->exited)
			return false;
		vt_pump(v, 20);
	}
}

bool vt_wait_gone(struct vt *v, const char *text, int ms)
{
	long long end = now_ms() + ms;
	for (;;) {
		if (!has_text(v, text))
			return true;
		if (now_ms() >= end || v->exited)
			return false;
		vt_pump(v, 20);
	}
}

bool vt_wait_row(struct vt *v, int row, const char *text, int ms)
{
	long long end = now_ms() + ms;
	for (;;) {
		char *r = vt_row(v, row);
		bool found = strstr(r, text) != NULL;
		free(r);
		if (found)
			return true;
		if (now_ms() >= end || v->exited)
			return false;
		vt_pump(v, 20);
	}
}

void vt_key(struct vt *v, VTermKey key)
{
	vterm_keyboard_key(v->term, key, VTERM_MOD_NONE);
	flush_output(v);
}

void vt_char(struct vt *v, uint32_t c)
{
	vterm_keyboard_unichar(v->term, c, VTERM_MOD_NONE);
	flush_output(v);
}

void vt_type(struct vt *v, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t c;
		int n;
		if (*p < 0x80) { c = *p; n = 1; }
		else if (*p < 0xE0) { c = *p & 0x1F; n = 2; }
		else if (*p < 0xF0) { c = *p & 0x0F; n = 3; }
		else { c = *p & 0x07; n = 4; }
		for (int i = 1; i < n && p[i]; i++)
			c = (c << 6) | (p[i] & 0x3F);
		vt_char(v, c);
		p += n;
	}
}

void vt_send(struct vt *v, const char *bytes, size_t n)
{
	size_t off = 0;
	while (off < n) {
		ssize_t w = write(v->fd, bytes + off, n - off);
		if (w < 0) {
			if (errno != EAGAIN && errno != EINTR)
				return;
			vt_pump(v, 10);   /* let the program read while we wait */
			continue;
		}
		off += (size_t)w;
	}
}

void vt_click(struct vt *v, int button, int row, int col)
{
	vterm_mouse_move(v->term, row, col, VTERM_MOD_NONE);
	vterm_mouse_button(v->term, button, true, VTERM_MOD_NONE);
	flush_output(v);
	if (button < 4) {
		vterm_mouse_button(v->term, button, false, VTERM_MOD_NONE);
		flush_output(v);
	}
}

void vt_resize(struct vt *v, int rows, int cols)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	v->rows = rows;
	v->cols = cols;
	vterm_set_size(v->term, rows, cols);
	ioctl(v->fd, TIOCSWINSZ, &ws);     /* the kernel sends SIGWINCH */
}

int vt_wait_exit(struct vt *v, int ms)
{
	long long end = now_ms() + ms;
	while (!v->exited && now_ms() < end) {
		vt_pump(v, 20);
		reap(v, 0);
	}
	return v->exited ? v->status : -1;
}

bool vt_left_altscreen(struct vt *v) { return v->left_alt; }
bool vt_in_altscreen(struct vt *v) { return v->alt; }

void vt_dump(struct vt *v)
{
	char *s = vt_screen(v);
	fprintf(stderr, "---- screen %dx%d ----\n%s----\n", v->cols, v->rows, s);
	free(s);
}

void vt_free(struct vt *v)
{
	if (!v)
		return;
	if (!v->exited) {
		kill(v->pid, SIGKILL);
		reap(v, 1);
	}
	close(v->fd);
	vterm_free(v->term);
	free(v->out);
	free(v->home);
	free(v);
}

bool vt_wrote(struct vt *v, const char *bytes, int ms)
{
	long long end = now_ms() + ms;
	for (;;) {
		if (v->out && memmem(v->out, v->nout, bytes, strlen(bytes)))
			return true;
		if (now_ms() >= end || v->exited)
			return false;
		vt_pump(v, 20);
	}
}

void vt_forget_output(struct vt *v)
{
	v->nout = 0;
}
