package dev.catalyst.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test's own nginx: in the foreground, one process, everything it writes (pid file, logs, temp
 * files) under the test's directory, no access log. The caller gives what goes inside {@code http}
 * (its upstreams and servers); {@link NginxPidFile} tells when it listens.
 */
final class TestNginx {
    private TestNginx() {}

    /** Writes {@code dir/nginx.conf} with {@code http} inside the {@code http} block, and starts nginx on it. */
    static Process start(Path dir, int workerConnections, String http) throws Exception {
        Path nginx = Path.of("/usr/sbin/nginx");
        assertThat(nginx).as("nginx is installed (scripts/install-test-deps.sh)").isExecutable();
        Files.createDirectories(dir.resolve("logs"));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
            daemon off;
            master_process off;
            worker_processes 1;
            pid %1$s/nginx.pid;
            error_log %1$s/logs/error.log warn;
            events { worker_connections %2$d; }
            http {
                access_log off;
                client_body_temp_path %1$s/body;
                proxy_temp_path %1$s/proxy;
                fastcgi_temp_path %1$s/fastcgi;
                uwsgi_temp_path %1$s/uwsgi;
                scgi_temp_path %1$s/scgi;
            %3$s}
            """.formatted(dir, workerConnections, http.indent(4)));
        return new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", conf.toString(), "-e", dir.resolve("logs/stderr.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/out.log").toFile()).start();
    }
}
