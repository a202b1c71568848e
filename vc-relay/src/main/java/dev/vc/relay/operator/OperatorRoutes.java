package dev.vc.relay.operator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator API's routes: each a method, a path of literal and {@code {name}} segments, and a handler. Adding
 * an endpoint is one line:
 *
 * <pre>{@code
 * routes.add("GET", "/api/rooms/{room}/participants", request -> participants(request.param("room")));
 * }</pre>
 *
 * A handler returns the response's JSON value (a map or a list, see {@link Json}), or an {@link OperatorResponse}
 * for another status or content type. Filled before the server starts, read by its thread only.
 */
public final class OperatorRoutes {
    /** Serves one route. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param request the path's segments and the body
         * @return a JSON value for a 200, or an {@link OperatorResponse}
         * @throws OperatorException for a 4xx with its message
         */
        Object handle(OperatorRequest request) throws OperatorException;
    }

    /** What a path matched: the route's handler and the path's segments, or why nothing matched. */
    record Match(Handler handler, Map<String, String> params, int status) {
    }

    private record Route(String method, String[] segments, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    /**
     * @param method  {@code GET}, {@code POST}, {@code DELETE}...
     * @param path    such as {@code /api/forwards/{id}}
     * @param handler what serves it
     * @return this
     */
    public OperatorRoutes add(String method, String path, Handler handler) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with /: " + path);
        }
        routes.add(new Route(method, path.substring(1).split("/"), handler));
        return this;
    }

    /**
     * @param method   the request's method
     * @param segments the request path's segments, URL-decoded
     * @return the route's handler and segments; or a null handler and 404 (no route) or 405 (not that method)
     */
    Match match(String method, List<String> segments) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = matches(route.segments, segments);
            if (params == null) {
                continue;
            }
            if (route.method.equals(method)) {
                return new Match(route.handler, params, 200);
            }
            pathKnown = true;
        }
        return new Match(null, Map.of(), pathKnown ? 405 : 404);
    }

    private static Map<String, String> matches(String[] pattern, List<String> segments) {
        if (pattern.length != segments.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (segments.get(i).isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), segments.get(i));
            } else if (!p.equals(segments.get(i))) {
                return null;
            }
        }
        return params;
    }
}
