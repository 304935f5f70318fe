/**
 * The Reports screen (issue 13): supervisors, CRU and analysts run the central server's reports
 * over a date range with filters, read them as a table and a chart, and export them as CSV or PDF.
 * The server does the counting, checks the role and audits every run; the screen only asks.
 */
package org.dashdesk.ui.reports;
