package io.github.camelseedance.examples.s3;

import java.net.URI;
import java.util.Properties;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.component.aws2.s3.AWS2S3Configuration;
import org.apache.camel.support.service.ServiceSupport;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Starts an in-process S3Proxy (a real S3 protocol server) on a free loopback port and points the aws2-s3 component
 * at it, unless {@code s3.embedded=false}, in which case aws2-s3 talks to AWS (or any S3 service) as configured with
 * the usual {@code camel.component.aws2-s3.*} properties.
 *
 * <p>The blobs live in memory by default; {@code s3.embedded.directory} keeps them in a directory instead (jclouds
 * filesystem blob store), so the stored videos can be looked at after the run. The server is bound in the registry as
 * {@value #BEAN} and stopped with the Camel context.
 */
public class EmbeddedS3 implements CamelConfiguration {

    /** Registry name of the embedded S3 server, when one was started. */
    public static final String BEAN = "embeddedS3";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);

    @PropertyInject(value = "s3.embedded", defaultValue = "true")
    private boolean embedded;
    @PropertyInject(value = "s3.embedded.directory", defaultValue = "")
    private String directory;
    @PropertyInject(value = "s3.embedded.access-key", defaultValue = "seedance-access")
    private String accessKey;
    @PropertyInject(value = "s3.embedded.secret-key", defaultValue = "seedance-secret")
    private String secretKey;

    @Override
    public void configure(CamelContext context) throws Exception {
        if (!embedded) {
            LOG.info("s3.embedded=false: aws2-s3 uses the configured S3 service");
            return;
        }
        Server server = new Server(directory, accessKey, secretKey);
        server.doStart();
        context.addService(server, true, true);
        context.getRegistry().bind(BEAN, server);

        AWS2S3Configuration s3 = context.getComponent("aws2-s3", AWS2S3Component.class).getConfiguration();
        s3.setAmazonS3Client(server.client());
        s3.setOverrideEndpoint(true);
        s3.setUriEndpointOverride(server.endpoint().toString());
        s3.setForcePathStyle(true);
        s3.setRegion("us-east-1");
        LOG.info("aws2-s3 uses the embedded S3Proxy at {}", server.endpoint());
    }

    /** A running S3Proxy over an in-memory or directory blob store. */
    public static final class Server extends ServiceSupport {
        private final String directory;
        private final String accessKey;
        private final String secretKey;
        private BlobStoreContext blobs;
        private S3Proxy proxy;
        private S3Client client;

        public Server(String directory, String accessKey, String secretKey) {
            this.directory = directory;
            this.accessKey = accessKey;
            this.secretKey = secretKey;
        }

        @Override
        protected void doStart() throws Exception {
            if (proxy != null) {
                return;
            }
            if (directory == null || directory.isBlank()) {
                blobs = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
            } else {
                Properties overrides = new Properties();
                overrides.setProperty("jclouds.filesystem.basedir", directory);
                blobs = ContextBuilder.newBuilder("filesystem").overrides(overrides).build(BlobStoreContext.class);
            }
            proxy = S3Proxy.builder()
                    .blobStore(blobs.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                    .build();
            proxy.start();
            client = newClient();
        }

        /**
         * A client for this server. AWS SDK 2.30+ sends a CRC checksum in an {@code x-amz-trailer} of every upload by
         * default, which S3Proxy 2.7 answers with 501 Not Implemented: checksums are sent only when an operation
         * requires them, as with the SDK before 2.30.
         */
        public S3Client newClient() {
            return S3Client.builder()
                    .endpointOverride(endpoint())
                    .forcePathStyle(true)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(accessKey, secretKey)))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .build();
        }

        /** The client the aws2-s3 component uses. */
        public S3Client client() {
            return client;
        }

        @Override
        protected void doStop() throws Exception {
            if (proxy != null) {
                client.close();
                proxy.stop();
                blobs.close();
                proxy = null;
            }
        }

        /** Where the S3 API answers: {@code http://127.0.0.1:<port>}. */
        public URI endpoint() {
            return URI.create("http://127.0.0.1:" + proxy.getPort());
        }

        public String accessKey() {
            return accessKey;
        }

        public String secretKey() {
            return secretKey;
        }
    }
}
