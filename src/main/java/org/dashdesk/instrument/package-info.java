/**
 * Question sets as data. An {@link org.dashdesk.instrument.InstrumentPack} is read from a JSON
 * file (built-in or dropped in a force's pack directory), validated, and never edited by the app.
 */
package org.dashdesk.instrument;
