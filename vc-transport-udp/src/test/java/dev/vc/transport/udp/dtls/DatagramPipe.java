package dev.vc.transport.udp.dtls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An in-memory datagram network between two endpoints, A and B: one delivery thread (the "socket thread" of both
 * sides) hands each datagram to the other side, dropping a seeded random share of them (each direction drawn
 * on its own, so one side's timing does not move the other's losses). Records every datagram
 * sent, lost or not, with its direction.
 */
public final class DatagramPipe implements AutoCloseable {
    /** One datagram sent, as it left its sender. */
    public record Sent(boolean fromA, byte[] bytes, boolean lost) {
    }

    private final ExecutorService delivery = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "test-datagram-pipe");
        thread.setDaemon(true);
        return thread;
    });
    private final CompletableFuture<Consumer<byte[]>> a = new CompletableFuture<>();
    private final CompletableFuture<Consumer<byte[]>> b = new CompletableFuture<>();
    private final Random lossFromA;
    private final Random lossFromB;
    private final double lossRate;
    private final List<Sent> sent = new ArrayList<>();
    private final Predicate<Sent> dropRule;
    private int lost;

    /**
     * @param lossRate share of datagrams dropped, 0..1
     * @param seed     seed of the drops
     */
    public DatagramPipe(double lossRate, long seed) {
        this(lossRate, seed, sent -> false);
    }

    private DatagramPipe(double lossRate, long seed, Predicate<Sent> dropRule) {
        this.dropRule = dropRule;
        this.lossRate = lossRate;
        this.lossFromA = new Random(seed);
        this.lossFromB = new Random(~seed);
    }

    /** @return a lossless pipe */
    public static DatagramPipe lossless() {
        return new DatagramPipe(0, 0);
    }

    /**
     * @param rule which datagrams to drop, asked once per datagram in the order they are sent (it may keep state)
     * @return a pipe that loses exactly those
     */
    public static DatagramPipe dropping(Predicate<Sent> rule) {
        return new DatagramPipe(0, 0, rule);
    }

    /** @return what A sends with: delivered to B */
    public DatagramOut outOfA() {
        return (datagram, offset, length) -> send(true, Arrays.copyOfRange(datagram, offset, offset + length));
    }

    /** @return what B sends with: delivered to A */
    public DatagramOut outOfB() {
        return (datagram, offset, length) -> send(false, Arrays.copyOfRange(datagram, offset, offset + length));
    }

    /** @param receiver what takes A's inbound datagrams; deliveries wait for it */
    public void connectA(Consumer<byte[]> receiver) {
        a.complete(receiver);
    }

    /** @param receiver what takes B's inbound datagrams */
    public void connectB(Consumer<byte[]> receiver) {
        b.complete(receiver);
    }

    /** @param association A's association */
    public void connectA(DtlsAssociation association) {
        connectA(bytes -> association.receive(bytes, 0, bytes.length));
    }

    /** @param association B's association */
    public void connectB(DtlsAssociation association) {
        connectB(bytes -> association.receive(bytes, 0, bytes.length));
    }

    /** @return every datagram sent so far, in order */
    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** @return datagrams dropped */
    public synchronized int lost() {
        return lost;
    }

    private void send(boolean fromA, byte[] copy) {
        synchronized (this) {
            boolean drop = lossRate > 0 && (fromA ? lossFromA : lossFromB).nextDouble() < lossRate
                    || dropRule.test(new Sent(fromA, copy, false));
            sent.add(new Sent(fromA, copy, drop));
            if (drop) {
                lost++;
                return;
            }
        }
        CompletableFuture<Consumer<byte[]>> target = fromA ? b : a;
        delivery.execute(() -> {
            try {
                target.get(5, TimeUnit.SECONDS).accept(copy);
            } catch (Exception e) {
                throw new IllegalStateException("the pipe's receiver never connected", e);
            }
        });
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }
}
