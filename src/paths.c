#include "config.h"
#include "paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Compare the directory of /proc/self/exe with the build directory compiled
 * in, so an installed binary never picks up a stale build tree. */
int cr_running_uninstalled(void)
{
	static int known = -1;
	if (known >= 0)
		return known;
	char exe[PATH_MAX], build[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	known = 0;
	if (n > 0 && realpath(CODEREF_BUILDDIR "/src", build)) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			known = strcmp(exe, build) == 0;
		}
	}
	return known;
}

const char *cr_database_path(const char *opt)
{
	if (opt)
		return opt;
	const char *env = getenv("CODEREF_DB");
	if (env && *env)
		return env;
	return cr_running_uninstalled() ? CODEREF_BUILDDIR "/db/coderef.db"
	                                : CODEREF_PKGDATADIR "/coderef.db";
}

const char *cr_locale_dir(void)
{
	return cr_running_uninstalled() ? CODEREF_BUILDDIR "/locale" : CODEREF_LOCALEDIR;
}
