package org.dashdesk.instrument;

/**
 * A condition a force's pack must meet beyond the pack format itself, supplied by a layer that
 * depends on packs (the grading policies say which questions they count). A pack that fails it is
 * refused like any invalid pack, and the built-in pack of the same id stays in use.
 */
@FunctionalInterface
public interface ForcePackCheck {

    /** No further condition. */
    ForcePackCheck NONE = (pack, builtIn) -> {
    };

    /**
     * @param forcePack the pack read from the force's directory
     * @param builtIn   the built-in pack it overrides, or null when it adds a new id
     * @throws PackValidationException naming the force file and JSON path when the pack must be refused
     */
    void check(InstrumentPack forcePack, InstrumentPack builtIn) throws PackValidationException;
}
