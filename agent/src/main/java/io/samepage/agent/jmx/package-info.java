/**
 * The {@code io.samepage:type=Agent} MXBean: samepage's counters for JMX consoles and exporters. Attribute names
 * end in their unit so a Prometheus JMX exporter rule can keep them. Registered lazily by the sampler thread,
 * never in premain (an early platform MBean server pre-empts application servers that install their own).
 */
package io.samepage.agent.jmx;
