package dev.catalyst.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code start --generate-token}: a server bound beyond loopback makes its own token on first
 * start, shows it once, keeps only its hash, and later starts check against that hash.
 */
@org.junit.jupiter.api.Timeout(90)
class GeneratedTokenTest {
    // refused before anything binds: the tests never listen beyond loopback
    static final String EXPOSED = "0.0.0.0";
    static final Pattern SHOWN = Pattern.compile("token: (cat_[A-Za-z0-9_-]{43})");

    @TempDir
    Path home;

    /** Exposed: only for starts that must be refused. */
    Map<String, String> exposed() {
        return Map.of("CATALYST_BIND", EXPOSED, "CATALYST_PORT", "0", "CATALYST_HOME", home.toString());
    }

    /** A generated token is asked for on every request whatever the bind; served tests stay on loopback. */
    Map<String, String> env() {
        return Map.of("CATALYST_PORT", "0", "CATALYST_HOME", home.toString());
    }

    @Test
    void exposedWithoutATokenItIsRefusedAndTheMessageOffersTheGeneratedOne() {
        var r = CliTestSupport.run(CliTestSupport.world(exposed()), "start");
        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("CATALYST_TOKEN").contains("--generate-token");
        assertThat(home.resolve(TokenFile.NAME)).doesNotExist();
    }

    @Test
    void aStoredDigestIsEnoughToServeBeyondLoopback() {
        var digest = dev.catalyst.server.http.TokenDigest.of(TokenFile.newToken());
        var config = dev.catalyst.server.http.ServerConfig.fromEnvironment(exposed(), home, digest);
        assertThat(config.token()).isNull();
        assertThat(config.tokenDigest()).isEqualTo(digest);
        assertThat(digest.toString()).doesNotContain(digest.encoded());
    }

    @Test
    void aGeneratedTokenIsShownOnceStoredHashedAndUsedByLaterStarts() throws Exception {
        String token;
        try (var first = new InProcessServer(CliTestSupport.world(env()), "--generate-token")) {
            var m = SHOWN.matcher(first.out.text);
            assertThat(m.find()).as("the token is printed on first start: %s", first.out.text).isTrue();
            token = m.group(1);
            assertThat(status(first.url, "/api/runs", null)).isEqualTo(401);
            assertThat(status(first.url, "/api/runs", token)).isEqualTo(200);
            assertThat(status(first.url, "/api/runs", token + "x")).isEqualTo(401);
        }
        Path file = home.resolve(TokenFile.NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).doesNotContain(token).doesNotContain(token.substring(4));

        // the flag again, or none: the stored hash is used and no token is shown
        for (String[] args : new String[][] {{"--generate-token"}, {}}) {
            try (var later = new InProcessServer(CliTestSupport.world(env()), args)) {
                assertThat(later.out.text).doesNotContain(token).doesNotContain("token: ").contains("token.sha256");
                assertThat(status(later.url, "/api/runs", token)).isEqualTo(200);
                assertThat(status(later.url, "/api/runs", null)).isEqualTo(401);
                assertThat(status(later.url, "/api/runs?t=" + token, token)).as("the token in a query string").isEqualTo(400);
            }
        }

        // rotate: a new token shown once; the old one no longer opens the next server
        var rotated = CliTestSupport.run(CliTestSupport.world(env()), "token", "rotate");
        assertThat(rotated.exit()).isZero();
        var m = SHOWN.matcher(rotated.out());
        assertThat(m.find()).isTrue();
        String next = m.group(1);
        assertThat(next).isNotEqualTo(token);
        try (var after = new InProcessServer(CliTestSupport.world(env()))) {
            assertThat(status(after.url, "/api/runs", token)).isEqualTo(401);
            assertThat(status(after.url, "/api/runs", next)).isEqualTo(200);
        }

        // rm: back to refusing an exposed start without a token
        var removed = CliTestSupport.run(CliTestSupport.world(env()), "token", "rm");
        assertThat(removed.out()).contains("removed");
        assertThat(file).doesNotExist();
        assertThat(CliTestSupport.run(CliTestSupport.world(exposed()), "start").exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(CliTestSupport.run(CliTestSupport.world(env()), "token", "rm").out()).contains("no generated token");
    }

    @Test
    void anEnvironmentTokenWinsOverTheStoredOne() throws Exception {
        var stored = CliTestSupport.run(CliTestSupport.world(env()), "token", "rotate");
        var m = SHOWN.matcher(stored.out());
        assertThat(m.find()).isTrue();
        String envToken = "an environment token of some length";
        var withEnv = new java.util.HashMap<>(env());
        withEnv.put("CATALYST_TOKEN", envToken);
        try (var server = new InProcessServer(CliTestSupport.world(withEnv), "--generate-token")) {
            assertThat(server.out.text).doesNotContain("token: ");
            assertThat(status(server.url, "/api/runs", envToken)).isEqualTo(200);
            assertThat(status(server.url, "/api/runs", m.group(1))).isEqualTo(401);
        }
    }

    @Test
    void aDamagedTokenFileStopsTheStartWithAClearLine() throws Exception {
        Files.writeString(home.resolve(TokenFile.NAME), "{not json");
        var r = CliTestSupport.run(CliTestSupport.world(env()), "start");
        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("token.sha256 is damaged").contains("catalyst token rm");
    }

    private static int status(String url, String path, String token) throws Exception {
        var req = HttpRequest.newBuilder(URI.create(url + path));
        if (token != null) req.header("Authorization", "Bearer " + token);
        return HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
