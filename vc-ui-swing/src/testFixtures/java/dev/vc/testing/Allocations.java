package dev.vc.testing;

import java.lang.reflect.Method;

/**
 * Reads the current thread's allocation counter reflectively, so a test module needs no read edge to
 * jdk.management. Shared by the allocation tests of several modules (see {@link Xvfb} for how).
 */
public final class Allocations {
    private static final Object BEAN;
    private static final Method ALLOCATED;
    private static final Method ALLOCATED_BY;

    static {
        Object bean = null;
        Method method = null;
        Method byThread = null;
        try {
            bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
            method = type.getMethod("getCurrentThreadAllocatedBytes");
            byThread = type.getMethod("getThreadAllocatedBytes", long.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            method = null;
            byThread = null;
        }
        BEAN = bean;
        ALLOCATED = method;
        ALLOCATED_BY = byThread;
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

    /**
     * @param threadId a live thread's id
     * @return bytes allocated by that thread so far, or -1 if the counter is unavailable or the thread ended
     */
    public static long thread(long threadId) {
        if (ALLOCATED_BY == null) {
            return -1;
        }
        try {
            return (Long) ALLOCATED_BY.invoke(BEAN, threadId);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}
