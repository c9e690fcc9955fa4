/**
 * The results report: reads JMH's JSON output and writes the Markdown table (ns/op with error,
 * median, ratios to the memory store and to each implementation's baseline, the targets
 * with their verdicts) and a PNG chart of the same, and splices the table into the README.
 * Entry point: {@link org.peerstore.bench.report.ResultsReport}.
 */
package org.peerstore.bench.report;
