/*
 * datadir.h - where the toolkit's schemas and stylesheets are.
 *
 * In order: $HLEG_DATADIR; the source tree the program was built in (the
 * program runs from bin/, the data are in bin/../schemas); an installed
 * tree (PREFIX/bin/prog finds PREFIX/share/hleg); the compiled-in
 * HLEG_DATADIR_DEFAULT.  The directory is the only one from which the
 * parser and XSLT may read (see safety.h).
 */
#ifndef HLEG_DATADIR_H
#define HLEG_DATADIR_H

/* Returns the data directory, an absolute path without a trailing slash,
 * or NULL (with a message on standard error) when none holds
 * schemas/hleg.xsd.  The string lives until exit. */
const char	*datadir(void);

/* Returns a malloc'd absolute path to name, relative to the data
 * directory ("schemas/hleg.xsd"), or NULL when there is no data
 * directory. */
char		*datadir_path(const char *name);

#endif
