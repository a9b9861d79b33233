package io.github.camelseedance.seedance.cost;

/**
 * A task refused for its price before any request that could bill was sent: nothing ran, nothing was billed. Catch
 * this type to handle both refusals ({@link CostCapExceededException}, {@link BudgetExceededException}).
 */
public abstract class SeedanceCostException extends RuntimeException {

    private final String taskUUID;
    private final TaskPrice price;

    protected SeedanceCostException(String message, String taskUUID, TaskPrice price) {
        super(message);
        this.taskUUID = taskUUID;
        this.price = price;
    }

    /** @return the refused task */
    public String taskUUID() {
        return taskUUID;
    }

    /** @return its price and what makes it */
    public TaskPrice price() {
        return price;
    }
}
