/**
 * The typed failures of the Runware API: ErrorFamily classifies every error code and HTTP status in one table (by
 * prefix and substring, as Runware's SDKs do) and decides what is retryable; RunwareException is sealed, with one
 * final subclass per family, built from the RunwareError objects of an answer.
 */
package io.github.camelseedance.runware.error;
