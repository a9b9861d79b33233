package io.github.camelseedance.examples.yaml;

import io.github.camelseedance.examples.ExampleMain;
import io.github.camelseedance.examples.runware.EmbeddedRunware;
import io.github.camelseedance.examples.s3.EmbeddedS3;
import org.apache.camel.main.Main;

/**
 * Runs the YAML DSL route files of {@code yaml/} with Camel Main and camel-yaml-dsl, which is what Camel JBang does
 * with {@code camel run studio.yaml --dep io.github.camelseedance:camel-seedance:1.0.0-SNAPSHOT}; on top of JBang it
 * starts the Runware simulator when no {@code RUNWARE_API_KEY} is set, and an S3Proxy for the S3 flow.
 *
 * <pre>
 * java ... LowCodeExample classpath:yaml/studio.yaml      (the default)
 * java ... LowCodeExample classpath:yaml/s3.yaml
 * java ... LowCodeExample classpath:yaml/kamelet-studio.yaml
 * java ... LowCodeExample file:/path/to/my-flow.yaml
 * </pre>
 */
public final class LowCodeExample {

    /** The flow run when none is named. */
    public static final String DEFAULT_ROUTES = "classpath:yaml/studio.yaml";

    private LowCodeExample() {
    }

    public static void main(String[] args) throws Exception {
        ExampleMain.run(create(args.length > 0 ? args[0] : DEFAULT_ROUTES), new String[0]);
    }

    /** A Camel Main, not started, that loads the given YAML route files (a Camel routes include pattern). */
    public static Main create(String routes) {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("classpath:yaml/application.properties");
        main.configure().addConfiguration(EmbeddedRunware.class);
        if (routes.contains("s3")) {
            main.configure().addConfiguration(EmbeddedS3.class);
        }
        main.configure().withRoutesIncludePattern(routes);
        return main;
    }
}
