/** Linux, and only Linux: syscall bindings, kernel readers and the availability gate. */
package io.samepage.linux;
