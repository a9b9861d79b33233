/**
 * The typed failures of the Runware API: RunwareException and one subclass per error family (validation,
 * authentication, credits, rate limit, content policy, provider, timeout, not found, server, connection), each
 * built from the RunwareError objects of an answer.
 */
package io.github.camelseedance.runware.error;
