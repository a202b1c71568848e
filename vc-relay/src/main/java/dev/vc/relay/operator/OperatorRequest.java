package dev.vc.relay.operator;

import java.util.Map;

/**
 * One authenticated operator request as a route sees it: the path's named segments and the body, a JSON object
 * (empty when the request had none).
 *
 * @param params the values of the route's {@code {name}} segments, URL-decoded
 * @param body   the request's JSON object, keys in their order; empty without a body
 */
public record OperatorRequest(Map<String, String> params, Map<String, Object> body) {
    /**
     * @param name a {@code {name}} segment of the route
     * @return its value
     */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("the route has no segment {" + name + "}");
        }
        return value;
    }

    /**
     * @param name a {@code {name}} segment of the route holding an id
     * @return the id
     * @throws OperatorException (400) if it is not a non-negative decimal integer
     */
    public int idParam(String name) throws OperatorException {
        String value = param(name);
        if (!value.matches("[0-9]{1,9}")) {
            throw OperatorException.badRequest(name + " must be a number, got '" + shorten(value) + "'");
        }
        return Integer.parseInt(value);
    }

    /**
     * @param name     a key of the body
     * @param required whether it must be there
     * @return its text, or null when absent and not required
     * @throws OperatorException (400) if it is missing while required, or not a string
     */
    public String string(String name, boolean required) throws OperatorException {
        Object value = body.get(name);
        if (value == null) {
            if (required) {
                throw OperatorException.badRequest("'" + name + "' is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw OperatorException.badRequest("'" + name + "' must be a string");
        }
        return s;
    }

    /**
     * @param name     a key of the body
     * @param min      the least accepted
     * @param max      the most accepted
     * @param fallback the value when absent, or null if it is required
     * @return its value
     * @throws OperatorException (400) if it is missing while required, not an integer, or out of range
     */
    public int integer(String name, int min, int max, Integer fallback) throws OperatorException {
        Object value = body.get(name);
        if (value == null) {
            if (fallback == null) {
                throw OperatorException.badRequest("'" + name + "' is required");
            }
            return fallback;
        }
        if (!(value instanceof Long n) || n < min || n > max) {
            throw OperatorException.badRequest("'" + name + "' must be an integer in " + min + ".." + max);
        }
        return n.intValue();
    }

    /**
     * @param allowed the keys a route takes
     * @throws OperatorException (400) naming the first key of the body not among them
     */
    public void onlyKeys(String... allowed) throws OperatorException {
        for (String key : body.keySet()) {
            if (!java.util.List.of(allowed).contains(key)) {
                throw OperatorException.badRequest("unknown key '" + shorten(key) + "' (accepted: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
