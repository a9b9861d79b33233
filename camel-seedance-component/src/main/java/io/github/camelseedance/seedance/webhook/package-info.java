/**
 * The webhook receiver: served on platform-http's Vert.x router, or through another server's RestConsumerFactory
 * consumer, it checks the token and body size, drops duplicate deliveries and hands each finished task to the
 * exchange waiting for it or to the seedance:webhook consumer.
 */
package io.github.camelseedance.seedance.webhook;
