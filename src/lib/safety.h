/*
 * safety.h - the process-wide defences of SPEC section 5.
 *
 * safety_init() must run once, before any parsing and before threads
 * start: it turns catalogs off and installs an external entity loader that
 * refuses everything outside the data directory (file://, http://, ftp://,
 * relative paths alike), so that neither a document nor a stylesheet can
 * make the process read a file or reach the network.
 */
#ifndef HLEG_SAFETY_H
#define HLEG_SAFETY_H

#include "diag.h"

/* Installs the restrictive loader.  Returns 0, or -1 when there is no data
 * directory (already reported). */
int	 safety_init(void);

/* Returns 1 when path (a file name or file: URI) names a file inside the
 * data directory, 0 otherwise. */
int	 safety_path_allowed(const char *path);

/* Makes refusals of the loader in this thread be reported to list (NULL
 * to print them on standard error instead). */
void	 safety_report_to(struct diag_list *list);

#endif
