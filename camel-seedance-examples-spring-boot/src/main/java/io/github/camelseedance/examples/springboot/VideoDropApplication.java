package io.github.camelseedance.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application: text prompts dropped in {@code drop.inbox} become videos in the S3 bucket
 * {@code s3.bucket}. The seedance component is configured by {@code camel.component.seedance.*} in
 * {@code application.yaml} (through camel-seedance-spring-boot-starter); its readiness shows in
 * {@code /actuator/health}, Camel's route metrics in {@code /actuator/metrics}.
 * <p>
 * With no {@code RUNWARE_API_KEY} it generates with the embedded Runware simulator, and unless
 * {@code s3.embedded.enabled=false} it stores into an S3Proxy server in this process; see
 * docs/examples/spring-boot.md.
 */
@SpringBootApplication
public class VideoDropApplication {

    public static void main(String[] args) {
        SpringApplication.run(VideoDropApplication.class, args);
    }
}
