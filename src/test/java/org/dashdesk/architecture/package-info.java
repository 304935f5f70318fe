/**
 * Tests only: the layer rules of the design (the domain packages free of JavaFX, SQL and outer
 * layers; JavaFX scenes only in {@code ui}) checked with ArchUnit against the compiled classes.
 */
package org.dashdesk.architecture;
