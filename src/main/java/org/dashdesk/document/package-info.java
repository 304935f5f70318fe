/**
 * Documents made from an assessment for people outside the desk: the MARAC referral (issue 13),
 * as a PDF written with Apache PDFBox in an embedded font that covers the names officers record.
 * Built from a frozen revision only; no JavaFX, no SQL. The file's name carries no personal data.
 */
package org.dashdesk.document;
