package io.github.camelseedance.seedance;

import java.time.Duration;
import java.util.Arrays;

import org.awaitility.Awaitility;

/** For tests that interrupt a transacted exchange: waits until its thread waits in place for its operation. */
final class WaitingInPlace {

    private WaitingInPlace() {
    }

    /** Returns once the thread waits in the producer's in-place wait (at most 10 s). */
    static void await(Thread caller) {
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> caller.getState() == Thread.State.WAITING
                             && Arrays.stream(caller.getStackTrace())
                                     .anyMatch(frame -> frame.getMethodName().equals("processInPlace")));
    }
}
