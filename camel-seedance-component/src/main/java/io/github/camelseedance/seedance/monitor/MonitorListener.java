package io.github.camelseedance.seedance.monitor;

import java.math.BigDecimal;
import java.time.Duration;

import io.github.camelseedance.runware.RunwareClientListener;

/** Hears the events of a {@link TaskMonitor}: what metrics record. Implementations must be fast and never throw. */
interface MonitorListener extends RunwareClientListener {

    void submitted(ActiveTask task);

    void refused(String model, String resolution, String reason);

    void done(ActiveTask task, TaskOutcome outcome, String errorFamily, Duration renderTime);

    void delivered(ActiveTask task, Duration deliveryTime);

    void spent(String model, BigDecimal usd);

    void webhookReceived();

    void webhookRefused(String reason);
}
