/**
 * The command line of every example main, the client's, the demo's and the benchmarks': {@link Flags} reads
 * {@code --name value} pairs and switches into typed values, each mistake a message naming the flag;
 * {@link Mains} ends a main with its work's exit status, or one line on standard error and status 1.
 */
package dev.vc.examples.client.cli;
