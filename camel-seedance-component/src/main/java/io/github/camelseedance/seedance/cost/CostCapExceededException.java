package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A task priced above {@code maxCostPerTask}, refused before anything was sent. */
public class CostCapExceededException extends SeedanceCostException {

    private final BigDecimal cap;

    public CostCapExceededException(String taskUUID, TaskPrice price, BigDecimal cap) {
        super("Seedance task " + taskUUID + " refused before submit: its price " + Usd.text(price.amount()) + " USD ("
              + price.describe() + ") is above maxCostPerTask " + Usd.text(cap) + " USD. The price is made by "
              + String.join(", ", parameters(price)) + ": lower one of them or raise maxCostPerTask",
                taskUUID, price);
        this.cap = cap;
    }

    /** @return the cap, USD per task */
    public BigDecimal cap() {
        return cap;
    }

    /** @return the parameters that make the price */
    public List<String> parameters() {
        return parameters(price());
    }

    private static List<String> parameters(TaskPrice price) {
        List<String> parameters = new ArrayList<>(List.of("resolution=" + price.resolution(),
                "duration=" + price.duration(), "numberResults=" + price.results(), "model=" + price.model()));
        if (price.tableRow() != null && price.tableRow().videoToVideo()) {
            parameters.add("referenceVideos (priced as video to video)");
        }
        return parameters;
    }
}
