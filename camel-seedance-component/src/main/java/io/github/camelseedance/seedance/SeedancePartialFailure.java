package io.github.camelseedance.seedance;

/**
 * What an exchange does when some results of its task failed while others succeeded (and are billed). The failed
 * ones are reported either way, in {@code CamelSeedanceFailedResultCount} and {@code CamelSeedanceFailedResults}; an
 * exchange fails outright only when every result failed.
 */
public enum SeedancePartialFailure {
    /** Deliver the successful videos; the exchange succeeds. */
    deliver,
    /**
     * Fail the exchange with a {@link SeedancePartialFailureException}; the successful videos are downloaded and
     * reachable from it (and still the body) until the exchange completes.
     */
    fail
}
