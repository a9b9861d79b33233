package io.github.camelseedance.seedance.cost;

/**
 * What the ledger answered to a reservation.
 *
 * @param verdict        whether the price was reserved
 * @param crossedWarning whether this reservation took the account past the warning level first in its period
 * @param usage          the account's use of the period: after the reservation, or that which refused it
 */
public record Reservation(Verdict verdict, boolean crossedWarning, BudgetUsage usage) {

    /** The ledger's answer. */
    public enum Verdict {
        /** Reserved now. */
        RESERVED,
        /** The task had reserved already (a resend, a redelivery or a restart): nothing more is counted. */
        ALREADY_RESERVED,
        /** The price does not fit: nothing reserved. */
        REFUSED
    }

    /** @return whether the task may be submitted */
    public boolean admitted() {
        return verdict != Verdict.REFUSED;
    }
}
