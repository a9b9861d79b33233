package io.github.camelseedance.examples.springboot;

import java.net.URI;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3Proxy server (a real S3 protocol server) in this process on a free loopback port, and the {@link S3Client}
 * bean for it, which the aws2-s3 component autowires. Blobs live in memory, or in {@code s3.embedded.directory}
 * (a jclouds filesystem store) when set, so the videos can be looked at after the run. With
 * {@code s3.embedded.enabled=false} none of this exists and aws2-s3 talks to AWS with its default credentials chain
 * (or to the S3Client bean the application declares).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "s3.embedded.enabled", havingValue = "true", matchIfMissing = true)
public class EmbeddedS3 {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);

    @Bean(destroyMethod = "close")
    BlobStoreContext embeddedBlobStore(@Value("${s3.embedded.directory:}") String directory) {
        if (directory.isBlank()) {
            return ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
        }
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", directory);
        return ContextBuilder.newBuilder("filesystem").overrides(overrides).build(BlobStoreContext.class);
    }

    @Bean(destroyMethod = "stop")
    S3Proxy embeddedS3Proxy(BlobStoreContext blobs,
                            @Value("${s3.embedded.access-key}") String accessKey,
                            @Value("${s3.embedded.secret-key}") String secretKey)
            throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start();
        LOG.info("Embedded S3Proxy listening on http://127.0.0.1:{}", proxy.getPort());
        return proxy;
    }

    /**
     * The client of the embedded server. AWS SDK 2.30+ sends a CRC checksum in an {@code x-amz-trailer} of every
     * upload, which S3Proxy 2.7 answers with 501: checksums are sent only when an operation requires them.
     */
    @Bean(destroyMethod = "close")
    S3Client embeddedS3Client(S3Proxy proxy,
                              @Value("${s3.embedded.access-key}") String accessKey,
                              @Value("${s3.embedded.secret-key}") String secretKey) {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }
}
