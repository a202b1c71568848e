/**
 * What several measuring tools share: {@link MachineCounters} (machine-wide CPU and UDP drop counters, read at
 * both ends of a window), {@link RelayJoin} (joining a relay as a participant from a socket the tool drives)
 * and {@link SrtpRelayJoin} (the same with SRTP media, keyed by a DTLS-SRTP handshake), {@link MediaMode} (plain
 * RTP or SRTP with one profile, for both sides) and {@link RelayThreads} (the relay's thread names, to tell its CPU
 * time from the tool's). Each tool is a
 * subpackage: {@code conference}, {@code relayload}, {@code roomcost}, {@code faults}, {@code quality}, with
 * {@code report} writing their CSV tables and PNG charts; {@code jmh} (profile {@code bench}) holds the JMH
 * benchmarks.
 */
package dev.vc.bench;
