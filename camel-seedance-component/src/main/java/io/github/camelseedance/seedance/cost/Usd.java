package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;

/** Amounts of money as the component writes them in messages, logs and the dev console: {@code 0.405}, {@code 1.00}. */
public final class Usd {

    private Usd() {
    }

    /** @return the amount with at least two decimals and no trailing zeros past them, never in exponent form */
    public static String text(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 2 ? amount.setScale(2).toPlainString() : stripped.toPlainString();
    }
}
