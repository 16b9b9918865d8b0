/**
 * Demo {@code ksmpages}: the classic KSM benchmark workload (two regions of N MiB whose pages are equal except
 * their last 8 bytes, or all equal), timed for samepage's engine and, with {@code --compare-ksmd}, for the
 * kernel's ksmd over the same memory in the same run.
 */
package io.samepage.demo.ksmpages;
