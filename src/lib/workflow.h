/*
 * workflow.h - a workflow definition (a dossier's workflow.xml, schema
 * schemas/workflow.xsd) read into structures the transition code walks.
 *
 * The programs read the definition from the dossier, so that another
 * body can change its workflow without recompiling.
 */
#ifndef HLEG_WORKFLOW_H
#define HLEG_WORKFLOW_H

#include <stddef.h>

#include <libxml/hash.h>
#include <libxml/tree.h>

struct wf_by {
	char	*role;		/* member, chair, vice-chair, secretariat, liaison */
	int	 except_rapporteur;	/* not a rapporteur or author of the document */
	int	 own_sector;	/* a liaison, for their own Sector only */
};

struct wf_event {
	char		*name;
	char		*to;
	char		**from;
	size_t		 nfrom;
	struct wf_by	*by;
	size_t		 nby;
	unsigned long	 endorsements;	/* of the current content version */
	int		 need_note;
	int		 need_outcome;
	int		 need_sector;
	int		 records_version;	/* the event endorses a version */
	int		 per_sector;	/* once per Sector; "to" when all have */
};

struct workflow {
	char		*initial;
	char		**states;
	int		*final;
	size_t		 nstates;
	struct wf_event	*events;
	size_t		 nevents;
	/* The first state and event of each name, so that looking one up
	 * costs the same however many there are (NULL: not indexed). */
	xmlHashTablePtr	 state_index;	/* name -> its entry of final */
	xmlHashTablePtr	 event_index;	/* name -> event */
};

/* Reads a workflow-definition document that the schema has accepted.
 * Returns NULL, with a message in *why (malloc'd), when the definition
 * contradicts itself: a state used but not declared, an event declared
 * twice, an event leaving a final state. */
struct workflow	*workflow_read(xmlDocPtr doc, char **why);
void		 workflow_free(struct workflow *w);

const struct wf_event	*workflow_event(const struct workflow *w,
			    const char *name);
int		 workflow_has_state(const struct workflow *w, const char *s);
int		 workflow_is_final(const struct workflow *w, const char *s);

#endif
