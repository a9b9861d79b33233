package io.github.camelseedance.seedance.operation;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.poll.WaitPolicy;
import io.github.camelseedance.runware.rules.Violation;
import io.github.camelseedance.seedance.SeedanceConfiguration;
import io.github.camelseedance.seedance.SeedanceConfigurationConfigurer;
import io.github.camelseedance.seedance.SeedanceConstants;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.spi.UriParam;
import org.apache.camel.util.TimeUtils;

/**
 * The options that apply to one exchange: a copy of the endpoint's configuration with every {@code CamelSeedance*}
 * header that overrides an option bound onto it by the configuration's generated configurer (Camel's type converters:
 * {@code 8}, {@code "8"}, {@code 2s}, {@code PT2S}, ...). One mechanism for every option; a header of the wrong type
 * fails here, before anything is sent, naming the header, its value and the option's type.
 * <p>
 * The headers bound are the producer headers of {@link SeedanceConstants} that name an option, except the media
 * inputs (their values may be bytes, files or streams: {@link MediaInputs} reads them) and the idempotency key (its
 * header is the key itself, while the option is an expression). Values are converted, never resolved: a header cannot
 * reference a bean or a property placeholder.
 *
 * @param options     the endpoint's configuration with the headers applied
 * @param fromHeaders the options that headers set
 */
public record MessageConfiguration(SeedanceConfiguration options, Set<String> fromHeaders) {

    /** Options whose headers {@link MediaInputs} reads itself. */
    static final Set<String> MEDIA_OPTIONS = Set.of("frameImages", "referenceImages", "referenceVideos",
            "referenceAudios");
    private static final SeedanceConfigurationConfigurer CONFIGURER = new SeedanceConfigurationConfigurer();
    /** Every option a header may override, by header name. */
    private static final Map<String, String> OPTION_BY_HEADER = bindableHeaders();
    /** Options held in milliseconds and documented as durations ({@code javaType = "java.time.Duration"}). */
    private static final Set<String> DURATION_OPTIONS = durationOptions();
    /** Duration text that means zero. */
    private static final Pattern ZERO = Pattern.compile("(?i)^(0+(\\.0+)?\\s*[a-z]*|PT0+(\\.0+)?S)$");

    /**
     * Binds the exchange's option headers onto a copy of the configuration. A message without option headers shares
     * the endpoint's configuration: no copy is kept per exchange.
     *
     * @param  exchange                    the exchange
     * @param  configuration               the endpoint's configuration (not changed)
     * @return                             the options of this exchange
     * @throws RunwareValidationException naming every header whose value does not convert to its option's type
     */
    public static MessageConfiguration bind(Exchange exchange, SeedanceConfiguration configuration) {
        SeedanceConfiguration options = null;
        Set<String> fromHeaders = new LinkedHashSet<>();
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, Object> header : exchange.getMessage().getHeaders().entrySet()) {
            String option = OPTION_BY_HEADER.get(header.getKey());
            Object value = header.getValue();
            if (option == null || value == null) {
                continue;
            }
            if (options == null) {
                options = configuration.copy();
            }
            try {
                Object converted = DURATION_OPTIONS.contains(option) ? durationMillis(value) : value;
                CONFIGURER.configure(exchange.getContext(), options, option, converted, false);
                fromHeaders.add(option);
            } catch (RuntimeException e) {
                violations.add(InvalidInput.violation(header.getKey(), value, describe(option)));
            }
        }
        if (!violations.isEmpty()) {
            throw new RunwareValidationException(null, violations);
        }
        return new MessageConfiguration(options != null ? options : configuration,
                fromHeaders.isEmpty() ? Set.of() : Collections.unmodifiableSet(fromHeaders));
    }

    /**
     * @param  option an option name
     * @return        its value in these options, {@code null} when unset
     */
    public Object get(String option) {
        return CONFIGURER.getOptionValue(options, option, false);
    }

    /**
     * How generate waits for a task with these options. A pollInterval above maxPollInterval (say pollInterval=15s
     * with the default 10 s cap, or set on an endpoint below a component-wide cap) raises the cap to it: the interval
     * never shrinks.
     *
     * @return the wait policy
     */
    public WaitPolicy waitPolicy() {
        List<Violation> violations = waitViolations();
        if (!violations.isEmpty()) {
            throw new RunwareValidationException(null, violations);
        }
        return waitPolicy(options);
    }

    /**
     * @param  configuration options
     * @return               how generate waits for a task with them (see {@link #waitPolicy()})
     */
    public static WaitPolicy waitPolicy(SeedanceConfiguration configuration) {
        return new WaitPolicy(Duration.ofMillis(configuration.getInitialPollDelay()),
                Duration.ofMillis(configuration.getPollInterval()), configuration.getPollMultiplier(),
                Duration.ofMillis(Math.max(configuration.getPollInterval(), configuration.getMaxPollInterval())),
                Duration.ofMillis(configuration.getWaitTimeout()));
    }

    /**
     * A duration as milliseconds: a number is milliseconds, text may be 500ms, 2s, 1m or PT2S.
     *
     * @throws IllegalArgumentException for text that is no duration (which Camel's TimeUtils would read as 0)
     */
    public static long durationMillis(Object value) {
        if (value instanceof Duration duration) {
            return duration.toMillis();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        String text = value.toString().trim();
        long millis = TimeUtils.toMilliSeconds(text);
        if (millis == 0 && !ZERO.matcher(text).matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return millis;
    }

    /**
     * Endpoint parameters of the duration options checked before Camel binds them (it reads text that is no duration
     * as 0).
     *
     * @param  parameters the endpoint's URI parameters, as given
     * @return            a violation for each duration option whose text is no duration
     */
    public static List<Violation> durationViolations(Map<String, Object> parameters) {
        List<Violation> violations = new ArrayList<>();
        parameters.forEach((option, value) -> {
            if (DURATION_OPTIONS.contains(option) && value instanceof String text) {
                try {
                    durationMillis(text);
                } catch (IllegalArgumentException e) {
                    violations.add(InvalidInput.violation(option, text, describe(option)));
                }
            }
        });
        return violations;
    }

    /**
     * The wait options of these options checked one by one, each violation naming the header that set the option,
     * else the option.
     *
     * @return every violation (empty when the wait options are valid)
     */
    public List<Violation> waitViolations() {
        List<Violation> violations = new ArrayList<>();
        check(violations, "initialPollDelay", options.getInitialPollDelay() >= 0, options.getInitialPollDelay(),
                "a duration of 0 or more");
        check(violations, "pollInterval", options.getPollInterval() > 0, options.getPollInterval(),
                "a duration above 0");
        check(violations, "maxPollInterval", options.getMaxPollInterval() > 0, options.getMaxPollInterval(),
                "a duration above 0");
        check(violations, "pollMultiplier", options.getPollMultiplier() >= 1, options.getPollMultiplier(),
                "a number of 1 or more");
        check(violations, "waitTimeout", options.getWaitTimeout() > 0, options.getWaitTimeout(),
                "a duration above 0 (the bound of the whole generate)");
        return violations;
    }

    private void check(List<Violation> violations, String option, boolean valid, Object value, String allowed) {
        if (!valid) {
            String source = fromHeaders.contains(option) ? SeedanceConstants.headerFor(option) : option;
            violations.add(InvalidInput.violation(source, value, allowed + " (option " + option + ")"));
        }
    }

    private static String describe(String option) {
        Class<?> type = ((PropertyConfigurerGetter) CONFIGURER).getOptionType(option, false);
        if (type == long.class || type == Long.class) {
            return "a duration: milliseconds or text such as 500ms, 2s, 1m, PT2S (option " + option + ")";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false (option " + option + ")";
        }
        if (type == int.class || type == Integer.class) {
            return "an integer (option " + option + ")";
        }
        if (type == double.class || type == Double.class) {
            return "a number (option " + option + ")";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(type.getEnumConstants())
                    .map(Object::toString).toList())
                   + " (option " + option + ")";
        }
        return "a " + type.getSimpleName() + " (option " + option + ")";
    }

    /** The producer headers of SeedanceConstants that name an option of the configuration. */
    private static Map<String, String> bindableHeaders() {
        Map<String, String> headers = new HashMap<>();
        for (Field field : SeedanceConstants.class.getFields()) {
            Metadata metadata = field.getAnnotation(Metadata.class);
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class || metadata == null
                || !metadata.label().contains("producer")) {
                continue;
            }
            String header = constant(field);
            if (!header.startsWith(SeedanceConstants.HEADER_PREFIX)) {
                continue;
            }
            String rest = header.substring(SeedanceConstants.HEADER_PREFIX.length());
            String option = Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
            if (((PropertyConfigurerGetter) CONFIGURER).getOptionType(option, false) != null
                && !MEDIA_OPTIONS.contains(option) && !"idempotencyKey".equals(option)) {
                headers.put(header, option);
            }
        }
        return Map.copyOf(headers);
    }

    private static Set<String> durationOptions() {
        Set<String> options = new HashSet<>();
        for (Field field : SeedanceConfiguration.class.getDeclaredFields()) {
            UriParam param = field.getAnnotation(UriParam.class);
            if (param != null && Duration.class.getName().equals(param.javaType())) {
                options.add(field.getName());
            }
        }
        return Set.copyOf(options);
    }

    private static String constant(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
