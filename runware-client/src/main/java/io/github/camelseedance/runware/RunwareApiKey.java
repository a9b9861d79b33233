package io.github.camelseedance.runware;

import java.util.function.UnaryOperator;

/** Where a Runware API key comes from: the one configured, else the {@value #ENVIRONMENT_VARIABLE} variable. */
public final class RunwareApiKey {

    /** The environment variable read when no API key is configured. */
    public static final String ENVIRONMENT_VARIABLE = "RUNWARE_API_KEY";

    private RunwareApiKey() {
    }

    /**
     * @param  configured the key set in configuration, may be {@code null} or blank
     * @return            the configured key, else the process environment's {@value #ENVIRONMENT_VARIABLE}, else
     *                    {@code null}
     */
    public static String resolve(String configured) {
        return resolve(configured, System::getenv);
    }

    /**
     * @param  configured  the key set in configuration, may be {@code null} or blank
     * @param  environment looks up an environment variable (tests and launchers pass their own)
     * @return             the configured key, else the environment's {@value #ENVIRONMENT_VARIABLE}, else
     *                     {@code null}
     */
    public static String resolve(String configured, UnaryOperator<String> environment) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String fromEnvironment = environment.apply(ENVIRONMENT_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment;
    }
}
