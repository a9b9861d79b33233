/**
 * The task journal: a record of every task in flight in a Camel StateRepository, so that tasks submitted before a
 * crash or restart are resumed and delivered instead of lost or billed again.
 */
package io.github.camelseedance.seedance.journal;
