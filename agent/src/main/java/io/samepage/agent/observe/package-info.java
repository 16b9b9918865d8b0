/**
 * What samepage tells the world about the kernel path: registration and free events on the allocating thread,
 * a sampler that turns smaps {@code KSM:} bytes into merge and copy-on-write break events per region per
 * interval, the periodic KSM statistics event, and the counters behind the MXBean.
 */
package io.samepage.agent.observe;
