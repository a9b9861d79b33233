/**
 * Videos delivered over HTTP: POSTed to a DAM's upload API with camel-http, or PUT by Runware through
 * uploadEndpoint, with an in-process receiver.
 */
package io.github.camelseedance.examples.http;
