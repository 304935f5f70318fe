/**
 * History at the scene (issue 12): how a person in one assessment is recognised in another. Names
 * are folded (case, accents, punctuation, hyphens, "Surname, Forename" order, common short forms)
 * and given phonetic keys (Apache Commons Codec's Double Metaphone), so that "Smith, Jon" and
 * "JOHN SMYTHE" can be put side by side for a person to judge. Pure Java: the server indexes with
 * it and answers searches in its {@link org.dashdesk.history.HistoryRequests} records; no SQL, no JavaFX.
 */
package org.dashdesk.history;
