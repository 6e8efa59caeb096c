#include "config.h"

#include "settings.h"
#include "core/lang.h"
#include "i18n.h"
#include "palette.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cr_settings_path(void)
{
	static char path[PATH_MAX];
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg && *xdg)
		snprintf(path, sizeof path, "%s/coderef/config", xdg);
	else if (home && *home)
		snprintf(path, sizeof path, "%s/.config/coderef/config", home);
	else
		return NULL;
	return path;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static void warn(const char *path, int line, const char *what)
{
	/* TRANSLATORS: config file path, line number, what is wrong. */
	fprintf(stderr, _("coderef: warning: %s:%d: %s (line ignored)\n"), path, line, what);
}

void cr_settings_load(struct cr_settings *s)
{
	s->lang = NULL;
	s->set[0] = '\0';
	s->color = -1;
	const char *path = cr_settings_path();
	FILE *fp = path ? fopen(path, "r") : NULL;
	if (!fp) {
		if (path && errno != ENOENT && errno != ENOTDIR)
			fprintf(stderr, _("coderef: warning: cannot read %s: %s\n"), path, strerror(errno));
		return;
	}
	char buf[1024];
	int line = 0;
	while (fgets(buf, sizeof buf, fp)) {
		line++;
		if (!strchr(buf, '\n') && !feof(fp)) {
			warn(path, line, _("line too long"));
			int c;
			while ((c = fgetc(fp)) != EOF && c != '\n')
				;
			continue;
		}
		char *hash = strchr(buf, '#');
		if (hash)
			*hash = '\0';
		char *l = trim(buf);
		if (!*l)
			continue;
		char *eq = strchr(l, '=');
		if (!eq) {
			warn(path, line, _("expected 'key = value'"));
			continue;
		}
		*eq = '\0';
		char *key = trim(l), *value = trim(eq + 1);
		if (strcmp(key, "lang") == 0) {
			if (cr_lang_canonical(value))
				s->lang = cr_lang_canonical(value);
			else
				warn(path, line, _("lang must be a language code such as en or ja"));
		} else if (strcmp(key, "set") == 0) {
			if (*value && strlen(value) < sizeof s->set)
				snprintf(s->set, sizeof s->set, "%s", value);
			else
				warn(path, line, _("set must name a code set such as sip or q850"));
		} else if (strcmp(key, "color") == 0) {
			int mode = cr_color_mode_parse(value);
			if (mode >= 0 && *value)
				s->color = mode;
			else
				warn(path, line, _("color must be auto, always or never"));
		} else {
			warn(path, line, _("unknown setting"));
		}
	}
	fclose(fp);
}
