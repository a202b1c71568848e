package dev.vc.relay.cluster.redis;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

import java.net.URI;
import java.util.function.Function;

/**
 * The cluster's one connection to Redis, used only on the cluster's thread: connects when needed, and after a
 * failure drops the connection and waits before the next try (100 ms, doubling to 2 s), so an unreachable Redis
 * costs a failed connect now and then, never a stalled thread. It says when Redis goes away and comes back, once
 * each (a warning, an info), and counts failed requests. The password is never logged.
 *
 * <pre>{@code
 * String owner = link.call(jedis -> jedis.get("vc:room:team"));   // throws DirectoryUnavailableException
 * }</pre>
 */
final class RedisLink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisLink.class.getName());
    private static final long FIRST_BACKOFF_NANOS = 100_000_000L;
    private static final long MAX_BACKOFF_NANOS = 2_000_000_000L;

    private final HostAndPort address;
    private final String shown;
    private final DefaultJedisClientConfig config;
    private Jedis jedis;
    private long backoffNanos = FIRST_BACKOFF_NANOS;
    private long nextAttemptNanos = System.nanoTime();
    private volatile boolean up;
    private volatile long failures;
    private boolean warned;

    /**
     * @param url           {@code redis://host:port} or {@code rediss://host:port}, without credentials
     * @param password      the password, or null
     * @param timeoutMillis bound on connecting and on each answer
     */
    RedisLink(String url, String password, int timeoutMillis) {
        URI uri = URI.create(url);
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        this.address = new HostAndPort(uri.getHost(), port);
        this.shown = uri.getScheme() + "://" + uri.getHost() + ":" + port;
        this.config = DefaultJedisClientConfig.builder().connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis).password(password).ssl("rediss".equals(uri.getScheme()))
                .clientName("vc-relay").build();
    }

    /**
     * Runs one request (a command, a script, a pipeline) on the connection, connecting first if needed.
     *
     * @param request what to ask
     * @param <T>     its answer's type
     * @return the answer
     * @throws DirectoryUnavailableException if Redis cannot be reached, does not answer in time or refuses (the
     *                                       connection is then dropped and the next try waits a little)
     */
    <T> T call(Function<Jedis, T> request) throws DirectoryUnavailableException {
        long now = System.nanoTime();
        if (jedis == null && now - nextAttemptNanos < 0) {
            throw new DirectoryUnavailableException("Redis " + shown + " unreachable; retrying", null);
        }
        try {
            if (jedis == null) {
                jedis = new Jedis(address, config);
                jedis.ping();
            }
            T answer = request.apply(jedis);
            backoffNanos = FIRST_BACKOFF_NANOS;
            if (!up && warned) {
                LOG.log(System.Logger.Level.INFO, "cluster: Redis {0} is back", shown);
            }
            up = true;
            return answer;
        } catch (JedisException e) {
            failures++;
            boolean lost = e instanceof JedisConnectionException;
            drop(now);
            if (up || !warned) {
                LOG.log(System.Logger.Level.WARNING, "cluster: Redis {0} {1}: {2}; running meetings go on, joins of "
                        + "new rooms wait for it", shown, lost ? "unreachable" : "refused a request", e.getMessage());
                warned = true;
            }
            up = false;
            throw new DirectoryUnavailableException("Redis " + shown + (lost ? " unreachable: " : " refused: ")
                    + e.getMessage(), e);
        }
    }

    private void drop(long now) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (JedisException ignored) {
                // the connection is gone either way
            }
            jedis = null;
        }
        nextAttemptNanos = now + backoffNanos;
        backoffNanos = Math.min(MAX_BACKOFF_NANOS, backoffNanos * 2);
    }

    /** @return true when the last request was answered; any thread */
    boolean up() {
        return up;
    }

    /** @return requests that failed; any thread */
    long failures() {
        return failures;
    }

    /** @return the URL without credentials, for messages */
    String shown() {
        return shown;
    }

    @Override
    public void close() {
        drop(System.nanoTime());
    }
}
