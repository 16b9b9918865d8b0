/** Benchmarks that print figures and ratios measured side by side in one run; never timed unit tests. */
package io.samepage.bench;
