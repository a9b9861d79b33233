/**
 * Prompts from a JMS queue with concurrent consumers, results to a reply queue (an in-process ActiveMQ Artemis by
 * default).
 */
package io.github.camelseedance.examples.jms;
