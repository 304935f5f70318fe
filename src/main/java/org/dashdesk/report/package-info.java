/**
 * Reports for the people who run domestic-abuse work (issue 13): tables of counts with their
 * totals, small-number suppression for figures released outside the force, and CSV. Pure Java:
 * the server fills the tables from its database, the desk and the command line show and export
 * them. No SQL, no JavaFX, and never a name or an answer: only counts.
 */
package org.dashdesk.report;
