package dev.vc.testing;

import java.lang.reflect.Method;

/**
 * Reads the current thread's allocation counter reflectively, so a test module needs no read edge to
 * jdk.management. Shared by the allocation tests of several modules (see {@link Xvfb} for how).
 */
public final class Allocations {
    private static final Object BEAN;
    private static final Method ALLOCATED;

    static {
        Object bean = null;
        Method method = null;
        try {
            bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            method = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException | RuntimeException e) {
            method = null;
        }
        BEAN = bean;
        ALLOCATED = method;
    }

    private Allocations() {
    }

    /** @return bytes allocated by this thread so far, or -1 if the counter is unavailable */
    public static long currentThread() {
        if (ALLOCATED == null) {
            return -1;
        }
        try {
            return (Long) ALLOCATED.invoke(BEAN);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}
