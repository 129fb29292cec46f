package dev.catalyst.server.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the data lives, read from {@code CATALYST_DB}: {@code sqlite:<path>} (the default,
 * {@code $CATALYST_HOME/catalyst.db}) or {@code postgresql://user[:password]@host[:port]/db[?params]}.
 *
 * @param display the location without any password, for messages
 */
public record DatabaseUrl(Database.Dialect dialect, String jdbcUrl, String user, String password, String display) {

    public static DatabaseUrl parse(String value, Path home) {
        if (value == null || value.isBlank()) return sqlite(home.resolve("catalyst.db"));
        if (value.startsWith("sqlite:")) return sqlite(Path.of(value.substring("sqlite:".length())));
        if (value.startsWith("postgresql://") || value.startsWith("postgres://")) return postgres(value);
        throw new IllegalArgumentException("CATALYST_DB must be sqlite:<path> or postgresql://user@host:port/db, not '"
                + value.replaceAll("//[^@/]*@", "//***@") + "'");
    }

    public static DatabaseUrl sqlite(Path file) {
        Path abs = file.toAbsolutePath();
        return new DatabaseUrl(Database.Dialect.SQLITE, "jdbc:sqlite:" + abs, null, null, "sqlite:" + abs);
    }

    private static DatabaseUrl postgres(String value) {
        URI uri = URI.create(value);
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            if (parts.length > 1) password = decode(parts[1]);
        }
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/postgres" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String display = "postgresql://" + (user == null ? "" : user + "@") + host + port + path;
        return new DatabaseUrl(Database.Dialect.POSTGRESQL, "jdbc:postgresql://" + host + port + path + query, user, password, display);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
