package dev.vc.relay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves the relay's figures in the Prometheus text format at {@code GET /metrics}, and its health at
 * {@code GET /healthz} (liveness: 200 while the relay's threads run, else 503) and {@code GET /readyz} (readiness:
 * 200 while it also takes joins), on the JDK's HTTP server with one thread ({@code vc-relay-metrics}), bound to
 * {@code vc.relay.metrics.host} (loopback by default: the figures name rooms, and media ports stay public).
 */
final class MetricsServer implements AutoCloseable {
    private final HttpServer server;

    /**
     * @throws PortInUseException if another socket holds the metrics port
     * @throws IOException        if the port cannot be bound for another reason
     */
    MetricsServer(RelaySettings settings, Supplier<RelayStats> stats, Supplier<RelayServer.Health> health)
            throws IOException {
        InetSocketAddress address = new InetSocketAddress(settings.metricsHost(), settings.metricsPort());
        try {
            server = HttpServer.create(address, 16);
        } catch (BindException e) {
            throw new PortInUseException("metrics", address, e);
        }
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vc-relay-metrics");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", exchange -> serve(exchange, stats));
        server.createContext("/healthz", exchange -> answer(exchange, health.get().live()));
        server.createContext("/readyz", exchange -> answer(exchange, health.get().ready()));
        server.start();
    }

    private static void serve(HttpExchange exchange, Supplier<RelayStats> stats) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = PrometheusFormat.render(stats.get()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void answer(HttpExchange exchange, boolean ok) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = (ok ? "ok\n" : "unavailable\n").getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(ok ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
