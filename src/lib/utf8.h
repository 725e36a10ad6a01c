/*
 * utf8.h - strict UTF-8, as RFC 3629 defines it: no overlong form, no
 * surrogate, nothing past U+10FFFF.  libxml2 2.9's xmlCheckUTF8() and
 * xmlGetUTF8Char() accept overlong forms and stray continuation bytes,
 * so text that reaches a commit or a document is checked here.
 */
#ifndef HLEG_UTF8_H
#define HLEG_UTF8_H

/* Decodes the character at *p and advances *p past it.  Returns the
 * code point, or -1 (and *p advanced by one byte) when the bytes there
 * are not UTF-8.  *p must point into a NUL-terminated string. */
long	utf8_next(const unsigned char **p);

/* Whether s is strict UTF-8 of characters that XML allows (no
 * U+FFFE, U+FFFF; controls are the caller's to judge). */
int	utf8_valid(const char *s);

/* Whether c is a character XML 1.0 allows. */
int	utf8_xml_char(long c);

#endif
