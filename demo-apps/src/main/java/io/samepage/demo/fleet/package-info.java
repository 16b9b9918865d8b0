/**
 * Demo {@code fleet}: N JVMs on one host load the same reference data into direct buffers; with samepage's
 * agent the kernel's ksmd merges the copies, without it nothing merges.
 */
package io.samepage.demo.fleet;
