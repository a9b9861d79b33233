/**
 * The public face of the Runware client, usable without Camel: RunwareClient (submit, poll, estimate, upload,
 * download over java.net.http, retrying transient failures on a caller-provided scheduler), its
 * RunwareClientConfig and RetryPolicy, and IdempotentTaskUUID, which derives a task UUID from a business key.
 * Requests and answers live in model, the model's rules in rules, the shared poll loop in poll, typed failures in
 * error; internal is not API.
 */
package io.github.camelseedance.runware;
