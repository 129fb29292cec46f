package dev.catalyst.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigSchemasTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                    | config",
            "/                     | config",
            "$                     | config",
            "/temperature          | config.temperature",
            "/messages/0/role      | config.messages[0].role",
            "/tools/12/parameters  | config.tools[12].parameters",
            "/a~1b/c~0d            | config.a/b.c~d",
            "$.messages[0].role    | config.messages[0].role"})
    void schemaLocationsBecomeDottedPaths(String location, String field) {
        assertThat(ConfigSchemas.path(location)).isEqualTo(field);
    }
}
