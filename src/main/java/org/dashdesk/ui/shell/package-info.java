/**
 * The main window: start an assessment, the drafts and submitted lists, the privacy curtain,
 * themes and font scaling, and the start-up that opens the store off the FX thread.
 */
package org.dashdesk.ui.shell;
