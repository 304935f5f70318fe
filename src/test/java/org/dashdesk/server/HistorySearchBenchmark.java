package org.dashdesk.server;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.dashdesk.history.NameKey;
import org.dashdesk.protocol.Protocol;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's figures on PostgreSQL: the person index with {@code bench.people} (default
 * 1,000,000) synthetic victims (4,000 names from forename and surname variants, dates of birth
 * over 70 years, a postcode on a third, a force id on a quarter), built in the database; then the
 * history search p50/p99 over the SQL alone and through HTTP (with its audit rows), beside a
 * primary-key lookup on the same table in the same run. Target p99 ≤ 20 ms.
 * Run: {@code mvn -B -Pbench test -Dtest=HistorySearchBenchmark [-Dbench.people=1000000]}.
 */
@Tag("benchmark")
class HistorySearchBenchmark {

    static final int PEOPLE = Integer.getInteger("bench.people", 1_000_000);
    static final String[] FORENAMES = {"Katherine", "Kathryn", "Catherine", "Mohammed", "Muhammad", "Sarah", "Sara", "Jane", "Jayne",
        "Aisha", "Ayesha", "Siân", "Zoë", "Olusegun", "Wojciech", "Niamh", "Priya", "Stephen", "Steven", "Michael", "Jonathan", "Emma",
        "Amelia", "Olivia", "Grace", "Chloe", "Lucy", "Hannah", "Fatima", "Agnieszka", "Ioana", "Shanice", "Leanne", "Kelly", "Donna",
        "Tracey", "Nicola", "Claire", "Lisa", "Rebecca"};
    static final String[] SURNAMES = {"Smith", "Smyth", "Jones", "Brown-Jones", "O'Neill", "Khan", "Kahn", "Nowak", "Mohammed",
        "Ahmed", "Ahmad", "Davies", "Davis", "Thomson", "Thompson", "Evans", "Wilson", "Taylor", "Roberts", "Walker", "Wright", "Green",
        "Hall", "Wood", "Clarke", "Patel", "Begum", "Hussain", "Kowalski", "Popescu", "Adeyemi", "Okafor", "Murphy", "Kelly", "Byrne",
        "Fitzgerald", "Price", "Lloyd", "Hughes", "Williams", "Edwards", "Turner", "Hill", "Moore", "King", "Lewis", "Scott", "Baker",
        "Ward", "Cooper", "Bell", "Morgan", "Bailey", "Cox", "Harris", "Clark", "Allen", "Young", "Jackson", "Martin", "Lee", "Harrison",
        "Mitchell", "Carter", "Phillips", "Parker", "Cook", "Shaw", "Collins", "Stewart", "Morris", "Marshall", "Owen", "Powell", "Webb",
        "Rogers", "Gray", "Mason", "Ali", "Rahman", "Miah", "Uddin", "Islam", "Chowdhury", "Singh", "Kaur", "Sharma", "Gill", "Sandhu",
        "Nguyen", "Tran", "Wang", "Li", "Zhang", "Chen"};

    @Test
    void searchAgainstAPrimaryKeyLookup() throws Exception {
        ServerConfig config = TestDatabases.onUrl(TestDatabases.freshPostgresUrl());
        try (ReferenceServer server = ReferenceServer.start(config, ServerPolicy.defaults().withIterations(10_000), Clock.systemUTC());
                ServerStore store = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(), 1);
                Connection c = store.dataSource().getConnection()) {
            long t0 = System.nanoTime();
            List<String[]> names = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE bench_name (n INT PRIMARY KEY, name_key VARCHAR(200), phonetic_key VARCHAR(64))");
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO bench_name VALUES (?, ?, ?)")) {
                int n = 0;
                for (String f : FORENAMES) {
                    for (String s : SURNAMES) {
                        NameKey k = NameKey.of(f + " " + s);
                        names.add(new String[] {f + " " + s});
                        ins.setInt(1, n++);
                        ins.setString(2, k.exact());
                        ins.setString(3, k.phonetic());
                        ins.addBatch();
                    }
                }
                ins.executeBatch();
            }
            int distinct = names.size();
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO srv_assessment (assessment_id, head_revision_id, head_number, head_hash, state, owner_collar,"
                        + " updated_at, team, risk_level, children, district, assessed_at, assessed_month)"
                        + " SELECT md5('a' || i)::uuid, md5('r' || i)::uuid, 1, 'h', 'SUBMITTED', '1234', now(), 'North',"
                        + " CASE WHEN i % 10 < 7 THEN 'STANDARD' WHEN i % 10 < 9 THEN 'MEDIUM' ELSE 'HIGH' END, false, 'District ' || (i % 8),"
                        + " TIMESTAMP WITH TIME ZONE '2023-01-01 00:00:00+00' + (i % 1095) * interval '1 day', '2024-01'"
                        + " FROM generate_series(1, " + PEOPLE + ") i");
                s.execute("INSERT INTO srv_person (assessment_id, role, person_no, name_key, phonetic_key, date_of_birth, birth_year,"
                        + " postcode_key, force_id, assessed_at) SELECT md5('a' || i)::uuid, 'VICTIM', 0, b.name_key, b.phonetic_key,"
                        + " DATE '1940-01-01' + ((i::bigint * 7919) % 25550)::int, EXTRACT(YEAR FROM DATE '1940-01-01' + ((i::bigint * 7919) % 25550)::int)::int,"
                        + " CASE WHEN i % 3 = 0 THEN 'me' || (i % 20) || (i % 9) || 'xx' END, CASE WHEN i % 4 = 0 THEN 'PNC-' || i END,"
                        + " TIMESTAMP WITH TIME ZONE '2023-01-01 00:00:00+00' + (i % 1095) * interval '1 day'"
                        + " FROM generate_series(1, " + PEOPLE + ") i JOIN bench_name b ON b.n = i % " + distinct);
                s.execute("ANALYZE");
            }
            System.out.printf("HistorySearchBenchmark: %,d people (%d distinct names) indexed on PostgreSQL in %.0f s, %d cores%n", PEOPLE,
                    distinct, (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().availableProcessors());

            Random r = new Random(5);
            List<Double> pk = new ArrayList<>();
            List<Double> sql = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int who = 1 + r.nextInt(PEOPLE);
                long a = System.nanoTime();
                try (PreparedStatement q = c.prepareStatement("SELECT name_key, date_of_birth FROM srv_person WHERE assessment_id = ?"
                        + " AND role = 'VICTIM' AND person_no = 0")) {
                    q.setObject(1, java.util.UUID.fromString(md5Uuid("a" + who)));
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                    }
                }
                if (i >= 100) {
                    pk.add((System.nanoTime() - a) / 1e6);
                }
                String name = names.get(who % distinct)[0];
                LocalDate dob = LocalDate.of(1940, 1, 1).plusDays((who * 7919L) % 25550);
                NameKey k = NameKey.of(name);
                long b = System.nanoTime();
                try (PreparedStatement q = c.prepareStatement("SELECT p.assessment_id FROM srv_person p JOIN srv_assessment a"
                        + " ON a.assessment_id = p.assessment_id WHERE p.role IN ('VICTIM', 'ABUSER') AND ((p.name_key = ? AND"
                        + " p.date_of_birth = ?) OR (p.phonetic_key = ? AND p.birth_year BETWEEN ? AND ?)) ORDER BY a.assessed_at DESC"
                        + " FETCH FIRST 61 ROWS ONLY")) {
                    q.setString(1, k.exact());
                    q.setObject(2, dob);
                    q.setString(3, k.phonetic());
                    q.setInt(4, dob.getYear() - 1);
                    q.setInt(5, dob.getYear() + 1);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                }
                if (i >= 100) {
                    sql.add((System.nanoTime() - b) / 1e6);
                }
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<Double> api = new ArrayList<>();
            for (int i = 0; i < 240; i++) {
                String token = server.issueToken(String.valueOf(7000 + i / 25), "officer", "North");
                int who = 1 + r.nextInt(PEOPLE);
                String name = names.get(who % distinct)[0];
                LocalDate dob = LocalDate.of(1940, 1, 1).plusDays((who * 7919L) % 25550);
                long b = System.nanoTime();
                HttpResponse<String> res = http.send(HttpRequest.newBuilder(server.uri().resolve(Protocol.HISTORY_SEARCH))
                        .header("Authorization", "Bearer " + token).header("Content-Type", Protocol.JSON)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"benchmark\",\"role\":\"victim\",\"person\":{\"name\":\""
                                + name.replace("\"", "") + "\",\"dateOfBirth\":\"" + dob + "\"}}")).build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() != 200) {
                    throw new AssertionError(res.statusCode() + " " + res.body());
                }
                if (i >= 40) {
                    api.add((System.nanoTime() - b) / 1e6);
                }
            }
            System.out.printf("  primary-key lookup (baseline)       p50 %5.1f ms  p99 %5.1f ms%n", p(pk, 50), p(pk, 99));
            System.out.printf("  search, SQL alone                   p50 %5.1f ms  p99 %5.1f ms  (%.1f× / %.1f× the lookup; target p99 ≤ 20 ms: %s)%n",
                    p(sql, 50), p(sql, 99), p(sql, 50) / p(pk, 50), p(sql, 99) / p(pk, 99), p(sql, 99) <= 20 ? "met" : "NOT met");
            System.out.printf("  search through HTTP, audited        p50 %5.1f ms  p99 %5.1f ms%n", p(api, 50), p(api, 99));
        }
    }

    static double p(List<Double> xs, int pct) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * pct / 100.0) - 1));
    }

    static String md5Uuid(String s) throws Exception {
        byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder h = new StringBuilder();
        for (byte x : d) {
            h.append(String.format("%02x", x));
        }
        String x = h.toString();
        return x.substring(0, 8) + "-" + x.substring(8, 12) + "-" + x.substring(12, 16) + "-" + x.substring(16, 20) + "-" + x.substring(20);
    }
}
