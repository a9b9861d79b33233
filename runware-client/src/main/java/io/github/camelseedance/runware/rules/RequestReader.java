package io.github.camelseedance.runware.rules;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JavaType;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.internal.Abbreviation;
import io.github.camelseedance.runware.internal.Json;
import io.github.camelseedance.runware.model.FrameImage;
import io.github.camelseedance.runware.model.VideoInferenceRequest;

/**
 * Reads a {@link VideoInferenceRequest} from a map in the API's nested form, with flat option names, or with dotted
 * names, collecting every unknown name and mistyped value before anything is sent. The names and types come from the
 * request record's components (a nested record's component is named flat by its {@link JsonAlias}, else by its own
 * name), so a new parameter needs no change here.
 */
public final class RequestReader {

    /** Where one parameter sits in the task object, and the Java type of its value. */
    private record Parameter(String flatName, String group, String name, JavaType type) {

        String dottedName() {
            return group == null ? name : group + "." + name;
        }
    }

    private static final String TASK_TYPE = "taskType";
    private static final Map<String, Parameter> BY_NAME = parameters();
    private static final Set<String> ALLOWED = allowedNames();
    private static final List<String> PARAMETER_NAMES = BY_NAME.values().stream().map(Parameter::flatName).distinct()
            .toList();
    private static final Set<String> GROUPS = BY_NAME.values().stream().map(Parameter::group)
            .filter(group -> group != null).collect(Collectors.toUnmodifiableSet());
    private static final RecordMaker<VideoInferenceRequest> REQUEST = new RecordMaker<>(VideoInferenceRequest.class);

    private RequestReader() {
    }

    /**
     * @return the flat name of every request parameter ({@code model}, {@code audio}, {@code safetyMode},
     *         {@code frameImages}, ...), in the order of the request record
     */
    public static List<String> parameterNames() {
        return PARAMETER_NAMES;
    }

    /**
     * @param  name a flat or dotted parameter name
     * @return      its flat name, or the name itself when it is no parameter
     */
    public static String flatName(String name) {
        Parameter parameter = BY_NAME.get(name);
        return parameter == null ? name : parameter.flatName();
    }

    /**
     * Reads the parameters; throws a {@link RunwareValidationException} listing every problem.
     *
     * @param  map                         flat, dotted or nested parameters
     * @return                             the request
     * @throws RunwareValidationException for unknown names and mistyped values
     */
    public static VideoInferenceRequest read(Map<String, ?> map) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Object> task = new LinkedHashMap<>();
        flatten(map).forEach((name, value) -> {
            if (TASK_TYPE.equals(name)) {
                if (value != null && !VideoInferenceRequest.TASK_TYPE.equals(value.toString())) {
                    violations.add(invalid(name, value, VideoInferenceRequest.TASK_TYPE));
                }
                return;
            }
            Parameter parameter = BY_NAME.get(name);
            if (parameter == null) {
                violations.add(unknownParameter(name, value, Set.of()));
            } else if (value != null) {
                try {
                    Object typed = Json.mapper().convertValue(integral(value, parameter.type()), parameter.type());
                    target(task, parameter).put(parameter.name(), typed);
                } catch (IllegalArgumentException e) {
                    violations.add(invalid(name, value, describe(parameter.type())));
                }
            }
        });
        if (!violations.isEmpty()) {
            Object taskUUID = map.get("taskUUID");
            throw new RunwareValidationException(taskUUID == null ? null : taskUUID.toString(), violations);
        }
        task.putIfAbsent("model", VideoInferenceRequest.DEFAULT_MODEL);
        return REQUEST.make(task);
    }

    /**
     * The violation of a name that is no parameter, listing every accepted name.
     *
     * @param  name        the name
     * @param  value       its value
     * @param  alsoAllowed names a caller accepts on top of the API's (the Camel layer's {@code aspectRatio})
     * @return             the violation ({@code unknownParameter})
     */
    public static Violation unknownParameter(String name, Object value, Set<String> alsoAllowed) {
        Set<String> allowed = new TreeSet<>(ALLOWED);
        allowed.addAll(alsoAllowed);
        return new Violation("unknownParameter", List.of(name), value, "one of " + allowed,
                "Unknown parameter '" + name + "' (value " + Abbreviation.of(value) + "); allowed parameters: "
                                                                                            + allowed);
    }

    /**
     * The parameters of a map, nested groups ({@code settings}, {@code safety}, {@code inputs}) opened up, under flat
     * names where they have one.
     *
     * @param  map flat, dotted or nested parameters
     * @return     a new mutable map
     */
    public static Map<String, Object> flatten(Map<String, ?> map) {
        Map<String, Object> flat = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (isGroup(key) && value instanceof Map<?, ?> nested) {
                nested.forEach((name, setting) -> {
                    String dotted = key + "." + name;
                    flat.put(flatName(dotted), setting);
                });
            } else {
                flat.put(flatName(key), value);
            }
        });
        return flat;
    }

    private static boolean isGroup(String key) {
        return GROUPS.contains(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> target(Map<String, Object> task, Parameter parameter) {
        if (parameter.group() == null) {
            return task;
        }
        return (Map<String, Object>) task.computeIfAbsent(parameter.group(), group -> new LinkedHashMap<>());
    }

    /** A whole number written as a decimal (6.0, "6.0") is an integer; 6.5 stays a decimal and is refused. */
    private static Object integral(Object value, JavaType type) {
        if (type.getRawClass() == Integer.class && (value instanceof Number || value instanceof String)) {
            try {
                return new BigDecimal(value.toString().trim()).intValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                return value;
            }
        }
        return value;
    }

    private static Violation invalid(String name, Object value, String allowed) {
        return new Violation("invalidParameterValue", List.of(name), value, allowed,
                "Invalid value " + Abbreviation.of(value) + " for parameter '" + name + "'; allowed: " + allowed);
    }

    private static String describe(JavaType type) {
        if (type.isCollectionLikeType()) {
            return type.getContentType().getRawClass() == FrameImage.class
                    ? "a list of images (strings or objects {image, frame})"
                    : "a list of strings";
        }
        Class<?> raw = type.getRawClass();
        if (raw == Integer.class) {
            return "an integer";
        }
        if (raw == Boolean.class) {
            return "true or false";
        }
        return "a string";
    }

    private static Map<String, Parameter> parameters() {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        for (RecordComponent component : VideoInferenceRequest.class.getRecordComponents()) {
            Class<?> type = component.getType();
            if (type.isRecord()) {
                for (RecordComponent nested : type.getRecordComponents()) {
                    JsonAlias alias = nested.getAccessor().getAnnotation(JsonAlias.class);
                    String flat = alias != null ? alias.value()[0] : nested.getName();
                    Parameter parameter = new Parameter(flat, component.getName(), nested.getName(),
                            javaType(nested.getGenericType()));
                    parameters.put(flat, parameter);
                    parameters.put(parameter.dottedName(), parameter);
                }
            } else {
                parameters.put(component.getName(), new Parameter(component.getName(), null, component.getName(),
                        javaType(component.getGenericType())));
            }
        }
        return Collections.unmodifiableMap(parameters);
    }

    private static JavaType javaType(Type type) {
        return Json.mapper().getTypeFactory().constructType(type);
    }

    private static Set<String> allowedNames() {
        Set<String> names = new TreeSet<>(BY_NAME.keySet());
        names.add(TASK_TYPE);
        return Collections.unmodifiableSet(names);
    }
}
