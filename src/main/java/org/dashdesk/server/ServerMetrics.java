package org.dashdesk.server;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * The server's Prometheus metrics (decision 0133): requests by method, route <em>pattern</em> (never
 * the raw path, which carries ids) and status; sync PUT outcomes; Jetty's thread pool; JVM basics.
 * One registry per server instance, so two nodes in one JVM (tests) do not mix their counts.
 */
final class ServerMetrics implements AutoCloseable {

    /** What a revision PUT came to, as counted in {@code dashdesk_sync_put_total{outcome}}. */
    enum PutResult {
        CREATED, REPLAYED, CONFLICT, REFUSED
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        for (PutResult r : PutResult.values()) {
            put(r); // registered at zero, so a dashboard sees the series before the first upload
        }
    }

    void bindThreadPool(ThreadPool pool) {
        new JettyServerThreadPoolMetrics(pool, java.util.List.of()).bindTo(registry);
    }

    /** HikariCP's own meters (connections active, idle, pending, acquire time) in the same registry. */
    void bindPool(com.zaxxer.hikari.HikariDataSource pool) {
        pool.setMetricRegistry(registry);
    }

    void request(String method, String route, int status, long nanos) {
        Timer.builder("dashdesk_http_requests")
                .description("HTTP requests by route pattern and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private Counter put(PutResult result) {
        return Counter.builder("dashdesk_sync_put").description("revision uploads by outcome")
                .tag("outcome", result.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
    }

    void putOutcome(PutResult result) {
        put(result).increment();
    }

    /** The registry, so the data side can bind its connection pool's metrics. */
    PrometheusMeterRegistry registry() {
        return registry;
    }

    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
