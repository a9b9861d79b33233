package io.github.camelseedance.seedance;

/**
 * A seedance component pointed at a Runware simulator, polling quickly: what every test and test application uses.
 */
final class SimulatedSeedance {

    private SimulatedSeedance() {
    }

    /**
     * @param baseUrl    the simulator's base URL
     * @param apiKey     the simulator's key
     * @param pollMillis the initial poll delay and the poll interval; the interval grows up to twice this
     */
    static SeedanceComponent component(String baseUrl, String apiKey, long pollMillis) {
        SeedanceComponent component = new SeedanceComponent();
        component.getConfiguration().setApiKey(apiKey);
        component.getConfiguration().setBaseUrl(baseUrl);
        component.getConfiguration().setInitialPollDelay(pollMillis);
        component.getConfiguration().setPollInterval(pollMillis);
        component.getConfiguration().setMaxPollInterval(2 * pollMillis);
        return component;
    }
}
