package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;

import org.apache.camel.Converter;

/**
 * Reads amounts of money as given in URIs, properties and headers ({@code maxCostPerTask=0.50}, {@code budget=20}):
 * Camel has no text to {@link BigDecimal} converter of its own, and money is never a {@code double}.
 */
@Converter(generateLoader = true)
public final class UsdConverter {

    private UsdConverter() {
    }

    /**
     * @throws NumberFormatException when the text is not a decimal number
     */
    @Converter
    public static BigDecimal toBigDecimal(String amount) {
        return new BigDecimal(amount.trim());
    }
}
