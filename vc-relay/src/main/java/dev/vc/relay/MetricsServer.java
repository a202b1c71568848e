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
 * Serves the relay's figures in the Prometheus text format at {@code GET /metrics}, on the JDK's HTTP
 * server with one thread ({@code vc-relay-metrics}).
 */
final class MetricsServer implements AutoCloseable {
    private final HttpServer server;

    /**
     * @throws PortInUseException if another socket holds the metrics port
     * @throws IOException        if the port cannot be bound for another reason
     */
    MetricsServer(RelaySettings settings, Supplier<RelayStats> stats) throws IOException {
        InetSocketAddress address = new InetSocketAddress(settings.host(), settings.metricsPort());
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

    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
