/*
 * ids.h - the grammars of the names that reach paths, refs, commit
 * messages and signatures.  Everything a user or a document supplies is
 * checked here before it is used as any of those (SPEC section 5).
 */
#ifndef HLEG_IDS_H
#define HLEG_IDS_H

#include <stddef.h>

/* A document id, also its file name: [A-Z][A-Z0-9-]{2,63}. */
int	id_document_valid(const char *s);

/* A member or official id: [a-z][a-z0-9-]{0,31}. */
int	id_person_valid(const char *s);

/* A state or event name of a workflow definition: [a-z][a-z0-9-]{0,31}. */
int	id_name_valid(const char *s);

/* One of the vocabulary's values: ITU-R, ITU-T, ITU-D. */
int	id_sector_valid(const char *s);

/* refine, validate, implement or no-action. */
int	id_outcome_valid(const char *s);

/* One of the five work areas. */
int	id_work_area_valid(const char *s);

/* Text safe in a git signature: 1 to 200 bytes of valid UTF-8, no control
 * characters, no angle brackets, not only spaces. */
int	id_signature_text_valid(const char *s);

/* Text safe as a note: at most max bytes of valid UTF-8, no control
 * characters but newline and tab. */
int	id_note_valid(const char *s, size_t max);

#endif
