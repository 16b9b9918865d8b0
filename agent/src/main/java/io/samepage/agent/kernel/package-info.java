/**
 * The kernel path: mark registered regions {@code MADV_MERGEABLE} (or the whole process with
 * {@code PR_SET_MEMORY_MERGE}) so the host's ksmd can merge them, keep the heap marked, guard the mapping budget,
 * and say why memory will not merge. Host KSM settings change only when an option asks (root), and are restored.
 */
package io.samepage.agent.kernel;
