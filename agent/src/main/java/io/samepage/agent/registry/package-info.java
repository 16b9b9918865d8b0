/**
 * The region registry: every large off-heap range samepage knows about, from registration to free. Everything
 * downstream (kernel marking, sampling, the engine) reads regions from here, and a freed region's memory is
 * never touched again: the free hooks unregister under the region's write lock before the memory goes away.
 */
package io.samepage.agent.registry;
