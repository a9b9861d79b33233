package io.github.camelseedance.examples.ftp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an in-process Apache FtpServer on a free loopback port, with one user whose home is {@code
 * ftp.embedded.home} (a new temporary directory by default), unless {@code ftp.embedded=false}, in which case the
 * routes use {@code ftp.host}, {@code ftp.port}, {@code ftp.user} and {@code ftp.password} as configured.
 *
 * <p>When it starts a server it sets {@code ftp.host}, {@code ftp.port}, {@code ftp.user} and {@code ftp.password}
 * to reach it, and creates the prompt and video folders. The server is bound in the registry as {@value #BEAN} and
 * stopped with the Camel context.
 */
public class EmbeddedFtp implements CamelConfiguration {

    /** Registry name of the embedded FTP server, when one was started. */
    public static final String BEAN = "embeddedFtp";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFtp.class);

    @PropertyInject(value = "ftp.embedded", defaultValue = "true")
    private boolean embedded;
    @PropertyInject(value = "ftp.embedded.home", defaultValue = "")
    private String home;
    @PropertyInject(value = "ftp.prompts-dir", defaultValue = "prompts")
    private String promptsDir;
    @PropertyInject(value = "ftp.videos-dir", defaultValue = "videos")
    private String videosDir;

    @Override
    public void configure(CamelContext context) throws Exception {
        if (!embedded) {
            LOG.info("ftp.embedded=false: using the FTP server configured in ftp.host/ftp.port");
            return;
        }
        Path homeDir = home == null || home.isBlank() ? Files.createTempDirectory("seedance-ftp") : Path.of(home);
        Files.createDirectories(homeDir.resolve(promptsDir));
        Files.createDirectories(homeDir.resolve(videosDir));
        Server server = new Server(homeDir, "seedance", "seedance-" + Long.toHexString(System.nanoTime()));
        server.start();
        context.addService(server, true, true);
        context.getRegistry().bind(BEAN, server);

        PropertiesComponent properties = context.getPropertiesComponent();
        properties.addOverrideProperty("ftp.host", "127.0.0.1");
        properties.addOverrideProperty("ftp.port", String.valueOf(server.port()));
        properties.addOverrideProperty("ftp.user", server.user());
        properties.addOverrideProperty("ftp.password", server.password());
        LOG.info("Embedded FTP server on ftp://127.0.0.1:{} (user {}, home {})", server.port(), server.user(),
                homeDir);
    }

    /** A running Apache FtpServer with one user. */
    public static final class Server extends ServiceSupport {
        private final Path home;
        private final String user;
        private final String password;
        private DefaultFtpServer ftp;

        Server(Path home, String user, String password) {
            this.home = home;
            this.user = user;
            this.password = password;
        }

        @Override
        protected void doStart() throws Exception {
            PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
            users.setPasswordEncryptor(new ClearTextPasswordEncryptor());
            UserManager userManager = users.createUserManager();
            BaseUser account = new BaseUser();
            account.setName(user);
            account.setPassword(password);
            account.setHomeDirectory(home.toAbsolutePath().toString());
            account.setAuthorities(List.of(new WritePermission()));
            userManager.save(account);

            ListenerFactory listener = new ListenerFactory();
            listener.setServerAddress("127.0.0.1");
            listener.setPort(0);
            DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
            data.setPassiveAddress("127.0.0.1");
            data.setPassiveExternalAddress("127.0.0.1");
            listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());

            FtpServerFactory factory = new FtpServerFactory();
            factory.setUserManager(userManager);
            factory.addListener("default", listener.createListener());
            ftp = (DefaultFtpServer) factory.createServer();
            ftp.start();
        }

        @Override
        protected void doStop() {
            if (ftp != null) {
                ftp.stop();
                ftp = null;
            }
        }

        public int port() {
            return ftp.getListener("default").getPort();
        }

        public Path home() {
            return home;
        }

        public String user() {
            return user;
        }

        public String password() {
            return password;
        }
    }
}
