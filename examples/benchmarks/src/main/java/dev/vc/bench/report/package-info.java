/**
 * Writing benchmark results for {@code docs/benchmarks.md}: {@link CsvTable} (RFC 4180 CSV, numbers with a dot
 * whatever the locale) and {@link Chart} (a PNG line chart of named series).
 */
package dev.vc.bench.report;
