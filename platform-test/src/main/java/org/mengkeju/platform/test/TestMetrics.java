package org.mengkeju.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one sample of a service's {@code /actuator/prometheus}, as Prometheus would scrape it. */
public final class TestMetrics {

    private TestMetrics() {
    }

    /**
     * The value of {@code name} (the Prometheus name, e.g. {@code mengkeju_contract_contracts}) whose labels include
     * each {@code label, value} pair given; fails when there is none.
     */
    public static double value(TestHttp http, String name, String... labelPairs) {
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i + 1 < labelPairs.length; i += 2) {
            labels.append("(?=[^}]*").append(Pattern.quote(labelPairs[i] + "=\"" + labelPairs[i + 1] + "\""))
                    .append(")");
        }
        String metrics = http.get("/actuator/prometheus").body();
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{" + labels + "[^}]*})? (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        assertThat(m.find()).as("%s %s in the scrape", name, String.join(",", labelPairs)).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
