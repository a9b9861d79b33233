package io.github.camelseedance.seedance.operation;

import io.github.camelseedance.seedance.SeedancePartialFailureException;
import org.apache.camel.Exchange;

/**
 * Whether a generate's task is settled, so that its record ends with the exchange: its videos were delivered and the
 * exchange completed, or it ended for good without any (refused, failed in every result, not found, handled by another
 * instance). Videos that reached an {@linkplain OperationHandler#abandon abandoned} exchange reached no one, and so did
 * videos on an exchange that failed later in its route (its sink refused them): that task is not settled, and keeps
 * its record to be resumed, by a redelivery of its work or the {@code seedance:webhook} consumer. Written by the
 * operation's stages, read when the exchange completes.
 */
final class TaskSettlement {

    private volatile boolean delivered;
    private volatile boolean settled;

    /** The task ended for good without a video for the exchange. */
    void settle() {
        settled = true;
    }

    /** The task's videos (all, or those that did not fail) were written onto the exchange the operation works on. */
    void deliver() {
        delivered = true;
        settled = true;
    }

    /** @return whether the task ended for good without a video for the exchange */
    boolean withoutVideos() {
        return settled && !delivered;
    }

    /** @return whether the task's record ends when {@code done}, the exchange the operation worked on, completes */
    boolean endsWith(Exchange done) {
        return settled && !(delivered && (OperationHandler.isAbandoned(done) || failedAfterTheVideos(done)));
    }

    /**
     * Whether the exchange failed after its videos were delivered onto it: a partial failure ({@code
     * partialFailure=fail}) is the task's own outcome, any other failure came from the route after the generate.
     */
    private static boolean failedAfterTheVideos(Exchange done) {
        return done.isFailed() && !(done.getException() instanceof SeedancePartialFailureException);
    }
}
