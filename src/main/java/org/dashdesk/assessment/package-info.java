/**
 * The assessment domain: a draft that changes freely, immutable submitted revisions, and the
 * lifecycle (draft → submitted → awaiting sign-off or referred → signed off or returned).
 * No JavaFX and no SQL here.
 */
package org.dashdesk.assessment;
