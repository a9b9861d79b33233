/**
 * The webhook receiver: served through Camel's platform-http (RestConsumerFactory), it checks the token and body
 * size, drops duplicate deliveries and hands each finished task to the exchange waiting for it or to the
 * seedance:webhook consumer.
 */
package io.github.camelseedance.seedance.webhook;
