package org.dashdesk.server;

import org.dashdesk.protocol.Head;
import org.dashdesk.protocol.Receipt;

/** What storing one uploaded revision came to. */
sealed interface PutOutcome {

    /** Stored now ({@code replay} false) or already stored with the same hash (true). */
    record Stored(Receipt receipt, boolean replay) implements PutOutcome {
    }

    /** The revision id is taken by different content (or by another assessment). */
    record IdTaken(String reason) implements PutOutcome {
    }

    /** The upload's base revision is not the assessment's current head. */
    record NotHead(Head head, String reason) implements PutOutcome {
    }

    /** The revision belongs to an assessment this principal does not own. */
    record Forbidden(String reason) implements PutOutcome {
    }

    /** Consistent content, but its place in the chain is wrong (e.g. revision number). */
    record Invalid(String field, String reason) implements PutOutcome {
    }
}
