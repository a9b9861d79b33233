/**
 * The fleet example: several instances share prompts through a JMS queue (competing consumers), their tasks through
 * a JDBC task store with leases, and their results through an S3 bucket; any instance may die without a video lost or
 * billed twice.
 */
package io.github.camelseedance.examples.fleet;
