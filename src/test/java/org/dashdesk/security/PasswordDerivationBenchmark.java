package org.dashdesk.security;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cost of one password derivation (PBKDF2-HMAC-SHA256 at the default rounds): one per
 * sign-in, unlock or password check. Was a print-only unit test that ran a 310,000-round
 * derivation in every build; now a benchmark, with the minimum rounds as the baseline measured in
 * the same run (the ratio shows the derivation scales with rounds, nothing else). Run:
 * {@code mvn -B -o test -Pbench -Dtest=PasswordDerivationBenchmark}.
 */
@Tag("benchmark")
class PasswordDerivationBenchmark {

    @Test
    void costOfOnePasswordDerivation() {
        char[] password = "synthetic timing phrase".toCharArray();
        KeyWrapping.derive(password, new byte[16], 1_000); // warm the provider up
        double baseline = median(password, SecurityPolicy.MIN_ITERATIONS);
        double full = median(password, SecurityPolicy.DEFAULT_ITERATIONS);
        System.out.printf("PBKDF2-HMAC-SHA256: %,d iterations %.1f ms (median of 5); baseline %,d iterations %.1f ms; ratio %.1f"
                + " (rounds ratio %.1f)%n", SecurityPolicy.DEFAULT_ITERATIONS, full, SecurityPolicy.MIN_ITERATIONS, baseline,
                full / baseline, (double) SecurityPolicy.DEFAULT_ITERATIONS / SecurityPolicy.MIN_ITERATIONS);
    }

    private static double median(char[] password, int iterations) {
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            KeyWrapping.derive(password, new byte[16], iterations);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[2];
    }
}
