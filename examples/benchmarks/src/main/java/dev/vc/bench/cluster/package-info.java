/**
 * A cluster of relays on Redis measured: failover (a relay killed with SIGKILL, every one of its clients back in its
 * room on another relay) and placement (many rooms joined through one relay, spread over the cluster).
 */
package dev.vc.bench.cluster;
