package io.github.camelseedance.seedance.monitor;

import java.util.Map;
import java.util.TreeMap;

import io.github.camelseedance.seedance.SeedanceComponent;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * The {@code seedance} dev console: for each started seedance component, the tasks in flight (age, state, results so
 * far, owner instance, price, estimated time left), the totals per outcome, the spend against each budget, the HTTP
 * answers, and whether batched polling is on; as text and as JSON ({@link SeedanceReport}). Served wherever Camel
 * serves its dev consoles: {@code /q/dev/seedance} on Camel Main's HTTP server, {@code camel get} style tools.
 */
@DevConsole(name = "seedance", displayName = "Seedance",
            description = "Seedance video tasks in flight, outcomes and spend")
public class SeedanceDevConsole extends AbstractDevConsole {

    public SeedanceDevConsole() {
        super("camel", "seedance", "Seedance", "Seedance video tasks in flight, outcomes and spend");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        components().forEach((name, component) -> SeedanceReport.text(name, component, text));
        return text.isEmpty() ? "No seedance component is started\n" : text.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonArray json = new JsonArray();
        components().forEach((name, component) -> json.add(SeedanceReport.json(name, component)));
        JsonObject root = new JsonObject();
        root.put("components", json);
        return root;
    }

    /** The started seedance components, by the name they are registered under. */
    private Map<String, SeedanceComponent> components() {
        Map<String, SeedanceComponent> components = new TreeMap<>();
        for (String name : getCamelContext().getComponentNames()) {
            if (getCamelContext().hasComponent(name) instanceof SeedanceComponent component && component.isStarted()) {
                components.put(name, component);
            }
        }
        return components;
    }
}
