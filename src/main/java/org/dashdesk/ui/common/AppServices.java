package org.dashdesk.ui.common;

import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.instrument.PackRegistry;

/**
 * What the screens need once storage is open. Built off the FX thread at start-up.
 *
 * @param closer releases the store when the app exits
 */
public record AppServices(AssessmentService service, PackRegistry packs, SettingsStore settings, AutoCloseable closer) {
}
