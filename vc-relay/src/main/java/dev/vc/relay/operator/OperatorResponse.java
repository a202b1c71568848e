package dev.vc.relay.operator;

/**
 * A response other than a plain 200 with JSON: another status (201 for something made) or another content
 * type (an SDP file).
 *
 * @param status      the HTTP status
 * @param contentType its content type
 * @param body        the body's text
 */
public record OperatorResponse(int status, String contentType, String body) {
    /** The content type of every JSON response. */
    public static final String JSON = "application/json; charset=utf-8";

    /**
     * @param value a JSON value (see {@link Json})
     * @return a 201 with it
     */
    public static OperatorResponse created(Object value) {
        return new OperatorResponse(201, JSON, Json.write(value));
    }

    /**
     * @param sdp a session description
     * @return a 200 with it as {@code application/sdp}
     */
    public static OperatorResponse sdp(String sdp) {
        return new OperatorResponse(200, "application/sdp", sdp);
    }
}
