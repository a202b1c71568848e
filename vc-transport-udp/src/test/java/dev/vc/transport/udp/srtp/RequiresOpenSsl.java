package dev.vc.transport.udp.srtp;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips a jqwik container (with its reason) when this JVM cannot run OpenSSL's AES-GCM: it needs Java 22 or later,
 * libcrypto 3 and native access for the module. The build runs the SRTP tests again on a Java 22+ JVM when
 * {@code JAVA22_HOME} names one.
 */
public final class RequiresOpenSsl implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        String unavailable = OpenSsl.unavailable();
        return unavailable == null ? SkipResult.doNotSkip()
                : SkipResult.skip("OpenSSL's AES-GCM is not tested on this JVM: " + unavailable
                        + " (the build runs these tests on a Java 22+ JVM when JAVA22_HOME is set)");
    }
}
