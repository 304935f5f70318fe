/** Headless sub-commands of the jar ({@code grade}, {@code packs}, …) for analysts and operations. */
package org.dashdesk.cli;
