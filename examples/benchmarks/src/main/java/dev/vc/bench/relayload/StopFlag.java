package dev.vc.bench.relayload;

/** A stop flag shared by {@link RelayLoad}'s load threads. */
final class StopFlag {
    private volatile boolean set;

    void set() {
        set = true;
    }

    boolean isSet() {
        return set;
    }
}
