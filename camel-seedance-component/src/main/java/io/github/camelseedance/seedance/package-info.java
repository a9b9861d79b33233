/**
 * The seedance Camel component, as users meet it: the component, endpoint and configuration (every option a URI
 * parameter), the header constants, the operations enum, the asynchronous producer, the webhook consumer, the
 * readiness health check and the SeedanceVideo result body with its type converters. Operations are carried out
 * in operation, webhooks are received in webhook and tasks in flight are recorded in journal; the Runware API
 * itself is the Camel-free runware-client module.
 */
package io.github.camelseedance.seedance;
