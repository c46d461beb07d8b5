package org.mengkeju.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthJsonTest {

    @Test
    void readsTheTopLevelStatusOnly() {
        assertThat(HealthJson.topLevelStatus("{\"status\":\"UP\"}")).isEqualTo("UP");
        assertThat(HealthJson.topLevelStatus("""
                {"components":{"kafka":{"status":"UP","details":{"note":"a \\"quoted\\" status"}},
                 "mongo":{"status":"UP"}},"groups":["liveness"], "status" : "DOWN"}""")).isEqualTo("DOWN");
        assertThat(HealthJson.topLevelStatus("{\"components\":{\"db\":{\"status\":\"UP\"}}}")).isNull();
        assertThat(HealthJson.topLevelStatus("<html>502</html>")).isNull();
        assertThat(HealthJson.topLevelStatus("")).isNull();
    }
}
