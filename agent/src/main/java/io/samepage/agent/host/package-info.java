/** What the host offers samepage: KSM, ksmd, userfaultfd, the mapping budget. Probed once, reported in one line. */
package io.samepage.agent.host;
