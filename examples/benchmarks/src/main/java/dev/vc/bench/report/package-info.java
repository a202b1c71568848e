/** Writing benchmark results: CSV tables and PNG charts for {@code docs/benchmarks.md}. */
package dev.vc.examples.report;
