/**
 * The grading engine: pure Java, no I/O beyond reading a policy file. It turns answers into a
 * standard / medium / high level and explains why, under a versioned {@link GradingPolicy}.
 */
package org.dashdesk.grading;
