package dev.vc.relay.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The relay's operator API over HTTP: the JDK's HTTP server with one thread ({@code vc-relay-operator}), every
 * request authenticated with {@code Authorization: Bearer <token>} ({@link BearerToken}, 401 without it or with
 * another), then matched against the {@link OperatorRoutes}. Bounded: a body of at most {@link #MAX_BODY_BYTES}
 * (413 beyond), JSON nested at most {@link Json#MAX_DEPTH} deep; a body that is not a JSON object is a 400, as is
 * whatever a route refuses ({@link OperatorException}), each answered {@code {"error": "..."}}. The token is never
 * logged, and no response names it.
 *
 * <pre>{@code
 * OperatorRoutes routes = new OperatorRoutes().add("GET", "/api/rooms", request -> rooms());
 * try (OperatorServer api = OperatorServer.start(new InetSocketAddress("127.0.0.1", 9101), token, routes)) {
 *     ...   // curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:9101/api/rooms
 * }
 * }</pre>
 */
public final class OperatorServer implements AutoCloseable {
    /** The largest request body read. */
    public static final int MAX_BODY_BYTES = 4_096;
    private static final System.Logger LOG = System.getLogger(OperatorServer.class.getName());

    private final HttpServer server;
    private final ExecutorService executor;
    private final BearerToken token;
    private final OperatorRoutes routes;

    private OperatorServer(HttpServer server, BearerToken token, OperatorRoutes routes) {
        this.server = server;
        this.token = token;
        this.routes = routes;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vc-relay-operator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
    }

    /**
     * Binds and starts serving.
     *
     * @param address where to listen
     * @param token   what requests must present
     * @param routes  the endpoints
     * @return the running server
     * @throws java.net.BindException if the port is taken
     * @throws IOException            if it cannot be bound for another reason
     */
    public static OperatorServer start(InetSocketAddress address, BearerToken token, OperatorRoutes routes)
            throws IOException {
        OperatorServer api = new OperatorServer(HttpServer.create(address, 16), token, routes);
        api.server.start();
        return api;
    }

    /** @return the bound address */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            if (!token.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"vc-relay\"");
                LOG.log(System.Logger.Level.INFO, "operator {0} {1} from {2}: 401 (no or wrong token)", method,
                        path, exchange.getRemoteAddress().getAddress().getHostAddress());
                respond(exchange, 401, OperatorResponse.JSON, error("a valid Authorization: Bearer token is required"));
                return;
            }
            OperatorResponse response = handle(exchange, method, path);
            LOG.log(System.Logger.Level.INFO, "operator {0} {1}: {2}", method, path, response.status());
            respond(exchange, response.status(), response.contentType(), response.body());
        }
    }

    private OperatorResponse handle(HttpExchange exchange, String method, String path) throws IOException {
        try {
            OperatorRoutes.Match match = routes.match(method, segments(path));
            if (match.handler() == null) {
                return new OperatorResponse(match.status(), OperatorResponse.JSON, error(match.status() == 404
                        ? "no such endpoint: " + path : method + " is not allowed on " + path));
            }
            Map<String, Object> body = body(exchange.getRequestBody());
            Object result = match.handler().handle(new OperatorRequest(match.params(), body));
            return result instanceof OperatorResponse r ? r
                    : new OperatorResponse(200, OperatorResponse.JSON, Json.write(result));
        } catch (OperatorException e) {
            return new OperatorResponse(e.status(), OperatorResponse.JSON, error(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "operator " + method + " " + path + " failed", e);
            return new OperatorResponse(500, OperatorResponse.JSON, error("internal error: " + e.getClass().getSimpleName()));
        }
    }

    /** The path's segments after the leading slash, each URL-decoded; a trailing slash is ignored. */
    private static List<String> segments(String rawPath) throws OperatorException {
        List<String> segments = new ArrayList<>();
        String trimmed = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1)
                : rawPath;
        for (String raw : trimmed.substring(1).split("/", -1)) {
            try {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw OperatorException.badRequest("bad escape in the path");
            }
        }
        return segments;
    }

    /** Reads at most {@link #MAX_BODY_BYTES} (413 beyond) and parses it as a JSON object; none: an empty one. */
    private static Map<String, Object> body(InputStream in) throws IOException, OperatorException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new OperatorException(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw OperatorException.badRequest("the body is not UTF-8");
        }
        if (text.isBlank()) {
            return Map.of();
        }
        try {
            return Json.parseObject(text);
        } catch (Json.MalformedJsonException e) {
            throw OperatorException.badRequest(e.getMessage());
        }
    }

    private static String error(String message) {
        return Json.write(Map.of("error", message));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops serving and ends its thread. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
