package dev.vc.api.control;

/** A control message carries a protocol version this side does not speak. */
public final class UnsupportedVersionException extends MalformedMessageException {
    private static final long serialVersionUID = 1L;

    private final int version;

    /** @param version the version found */
    public UnsupportedVersionException(int version) {
        super("unsupported control protocol version " + version + " (this side speaks " + ControlCodec.VERSION + ")");
        this.version = version;
    }

    /** @return the version found */
    public int version() {
        return version;
    }
}
