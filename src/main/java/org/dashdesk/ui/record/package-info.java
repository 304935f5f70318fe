/**
 * A submitted assessment, read-only: answers with comments and sources, grading with reasons,
 * judgement, referrals, and an Audit tab of the local audit rows. A returned one can be amended.
 */
package org.dashdesk.ui.record;
