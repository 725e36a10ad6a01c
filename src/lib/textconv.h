/*
 * textconv.h - a program as git's textconv driver, which must never
 * fail for a version it cannot show.
 *
 * git runs the driver once per version a diff shows (git log -p, git
 * diff, git show) and stops the whole command, for every member, at the
 * first version whose driver exits non-zero.  So a version that cannot be
 * made into a paper - not well-formed, larger than the input limit,
 * nested too deep, not a proposal, report or collection, empty, not
 * UTF-8, or one that the transform fails on - is written as a placeholder
 * on standard output instead:
 *
 *	This version cannot be shown as a paper: REASON
 *	    FURTHER REASON ...
 *
 *	    LINE 1 OF THE SOURCE
 *	    LINE 2 OF THE SOURCE ...
 *
 * The reasons are the program's own messages for that version, less the
 * program's and the file's names (a file git names is a temporary one);
 * the source's lines follow when it is within the input limit, so that
 * the diff still shows what changed.  Reasons and lines are escaped as
 * messages are (msg.h), each source line indented by four spaces.  The
 * status is then 0; an error writing standard output stays an error.
 *
 * Use:	tc = textconv_begin();
 *	status = textconv_end(tc, path, render(path));
 */
#ifndef HLEG_TEXTCONV_H
#define HLEG_TEXTCONV_H

struct textconv;

/* Starts capturing standard error, where the messages about the version
 * go, until textconv_end().  Never fails: when no capture is possible
 * the messages go to standard error and the placeholder says so. */
struct textconv	*textconv_begin(void);

/* Stops capturing.  When status, the exit status of rendering path, is
 * 0, or standard output has an error, returns status and passes the
 * messages on to standard error; otherwise writes the placeholder for
 * path and returns 0.  Frees tc. */
int		 textconv_end(struct textconv *tc, const char *path,
		    int status);

#endif
