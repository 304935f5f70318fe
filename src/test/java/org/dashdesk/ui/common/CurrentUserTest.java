package org.dashdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Set;

import org.dashdesk.assessment.Channel;
import org.dashdesk.security.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CurrentUserTest {

    @ParameterizedTest(name = "{0}: at scene {1}, phone-in {2}")
    @CsvSource({
            "OFFICER, true, true",
            "IMU, false, true",
            "SUPERVISOR, false, false",
            "CRU, false, false",
            "ADMINISTRATOR, false, false"})
    void onlyOfficersAndImuStaffStartAssessments(Role role, boolean atScene, boolean phoneIn) {
        CurrentUser u = new CurrentUser("user1", "Synthetic User", "9001", "North", Set.of(role));
        assertEquals(atScene, u.mayStart(Channel.AT_SCENE));
        assertEquals(phoneIn, u.mayStart(Channel.PHONE_IN));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SUPERVISOR", "CRU"})
    void aSupervisorWhoIsAlsoAnOfficerMayStart(Role role) {
        CurrentUser u = new CurrentUser("user1", "Synthetic User", "9001", "North", Set.of(role, Role.OFFICER));
        assertEquals(true, u.mayStart(Channel.AT_SCENE));
        assertFalse(u.toString().contains("Synthetic"));
    }
}
