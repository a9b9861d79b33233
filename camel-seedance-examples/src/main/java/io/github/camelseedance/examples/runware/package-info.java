/**
 * The embedded Runware simulator that every example starts unless RUNWARE_API_KEY is set.
 */
package io.github.camelseedance.examples.runware;
