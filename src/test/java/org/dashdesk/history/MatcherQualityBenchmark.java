package org.dashdesk.history;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's figure: recall and precision of the name + date of birth matcher on a labelled
 * synthetic set (default 4,000 pairs, half true variants, half look-alike non-matches). True
 * variants: order ("Surname, Forename"), case, accents, short forms, spelling variants
 * (Katherine/Kathryn/Catherine, Smith/Smyth, Mohammed/Muhammad), hyphenated and double-barrelled
 * names, transliterations. Non-matches: another person born the same day, a same-sounding name
 * born in another decade, a namesake (father and son). The matcher is the server's rule for the
 * same victim: exact name, or the forename's initial with a surname that sounds the same, and the
 * date of birth; or the same sound and the birth year within one.
 * Run: {@code mvn -B -Pbench test -Dtest=MatcherQualityBenchmark}.
 */
@Tag("benchmark")
class MatcherQualityBenchmark {

    static final String[][] FORENAMES = {{"Katherine", "Kathryn", "Catherine", "Kate"}, {"Mohammed", "Muhammad", "Mohamed"},
        {"Zoë", "Zoe", "ZOE"}, {"Siân", "Sian"}, {"Aleksandra", "Alexandra"}, {"Jonathan", "Jon", "Jonathon"}, {"Elizabeth", "Liz", "Elisabeth"},
        {"Stephen", "Steven", "Steve"}, {"Sarah", "Sara"}, {"Michael", "Mike", "Michel"}, {"Aisha", "Ayesha"}, {"Olusegun", "Olusegun"},
        {"Wojciech", "Wojciech"}, {"Niamh", "Niamh"}, {"Priya", "Priya"}};
    static final String[][] SURNAMES = {{"Smith", "Smyth", "SMITH"}, {"O'Neill", "ONeill", "O Neill"}, {"Brown-Jones", "Jones"},
        {"Khan", "Kahn"}, {"Nowak", "Nowak"}, {"Mohammed", "Muhammad"}, {"Ó Briain", "O'Brien"}, {"Thomson", "Thompson"},
        {"Davies", "Davis"}, {"Ahmed", "Ahmad"}, {"Kowalski", "Kowalsky"}, {"Adeyemi", "Adeyemi"}, {"Fitzgerald", "Fitz-Gerald"}};

    record Pair(String a, LocalDate dobA, String b, LocalDate dobB, boolean same) {
    }

    static boolean matches(String a, LocalDate dobA, String b, LocalDate dobB) {
        NameKey x = NameKey.of(a);
        NameKey y = NameKey.of(b);
        if (!x.usable() || !y.usable()) {
            return false;
        }
        if ((x.exact().equals(y.exact()) || x.initial().equals(y.initial())) && dobA.equals(dobB)) {
            return true;
        }
        return x.phonetic().equals(y.phonetic()) && Math.abs(dobA.getYear() - dobB.getYear()) <= 1;
    }

    @Test
    void recallAndPrecisionOnALabelledSet() {
        int n = Integer.getInteger("bench.pairs", 4000);
        Random r = new Random(12);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < n / 2; i++) {
            String[] f = FORENAMES[r.nextInt(FORENAMES.length)];
            String[] s = SURNAMES[r.nextInt(SURNAMES.length)];
            LocalDate dob = LocalDate.of(1950, 1, 1).plusDays(r.nextInt(60 * 365));
            String a = f[0] + " " + s[0];
            String b = switch (r.nextInt(4)) {
                case 0 -> s[r.nextInt(s.length)] + ", " + f[r.nextInt(f.length)];
                case 1 -> f[r.nextInt(f.length)].toUpperCase() + " " + s[r.nextInt(s.length)];
                case 2 -> f[r.nextInt(f.length)] + " " + (r.nextBoolean() ? "Ann " : "") + s[r.nextInt(s.length)];
                default -> f[r.nextInt(f.length)] + " " + s[r.nextInt(s.length)];
            };
            pairs.add(new Pair(a, dob, b, dob, true));
        }
        for (int i = 0; i < n / 2; i++) {
            String[] f = FORENAMES[r.nextInt(FORENAMES.length)];
            String[] s = SURNAMES[r.nextInt(SURNAMES.length)];
            LocalDate dob = LocalDate.of(1950, 1, 1).plusDays(r.nextInt(60 * 365));
            String a = f[0] + " " + s[0];
            pairs.add(switch (r.nextInt(3)) {
                // Someone else born the same day.
                case 0 -> {
                    String[] f2 = FORENAMES[(java.util.Arrays.asList(FORENAMES).indexOf(f) + 1 + r.nextInt(FORENAMES.length - 1))
                            % FORENAMES.length];
                    yield new Pair(a, dob, f2[0] + " " + s[0], dob, false);
                }
                // A same-sounding name born in another decade.
                case 1 -> new Pair(a, dob, f[f.length - 1] + " " + s[s.length - 1], dob.minusYears(10 + r.nextInt(20)), false);
                // A namesake: the same name, a generation apart.
                default -> new Pair(a, dob, a, dob.minusYears(25 + r.nextInt(10)), false);
            });
        }
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (Pair p : pairs) {
            boolean m = matches(p.a(), p.dobA(), p.b(), p.dobB());
            if (m && p.same()) {
                tp++;
            } else if (m) {
                fp++;
            } else if (p.same()) {
                fn++;
            }
        }
        double recall = tp / (double) (tp + fn);
        double precision = tp / (double) Math.max(1, tp + fp);
        System.out.printf("MatcherQualityBenchmark: %d labelled pairs (%d true); recall %.3f, precision %.3f (target recall ≥ 0.95 at"
                + " precision ≥ 0.9: %s)%n", pairs.size(), n / 2, recall, precision, recall >= 0.95 && precision >= 0.9 ? "met" : "NOT met");
    }
}
