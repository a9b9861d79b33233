/**
 * The task journal: a record of every task in flight in a {@link io.github.camelseedance.seedance.journal.TaskStore}
 * (in memory, a local file, or a database shared by a fleet), written before each submit, so that tasks submitted
 * before a crash or restart are resumed and delivered instead of lost or billed again; and the leases through which
 * the instances of a fleet share the tasks and adopt those of an instance that stopped.
 */
package io.github.camelseedance.seedance.journal;
